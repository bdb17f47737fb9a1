/**
 * A Disqus export (XML) into comments on articles that are already here. Each Disqus thread is
 * matched to an article by its URL (the article's address here, or an old address kept by a
 * WordPress import) or by its identifier (the WordPress plugin's "4 http://site/?p=4" names the
 * imported post 4; our own id or slug also works). Every commenter is a guest. Runs inside the
 * caller's transaction and remembers what it made (decisions/0024).
 */
import { articlePath } from '../../domain/article.js';
import type { CommentStatus } from '../../domain/comment.js';
import { renderCommentMarkdown } from '../../domain/comment-markdown.js';
import { oldPathKey } from '../../domain/old-path.js';
import type { Store } from '../../store/types.js';
import { commentMarkdown, textField } from './html-to-markdown.js';
import { emptyReport, note, reasons, skip, type ImportReport } from './report.js';
import { BadImportFile, child, childText, readXmlRecords, type XmlRecord } from './xml-records.js';

function prefix(uri: string): string {
  if (uri === 'http://disqus.com/disqus-internals') return 'dsq';
  return '';
}

const isRecord = (path: readonly string[]) => path.length === 2;

interface PendingPost {
  record: XmlRecord;
  articleId: string;
}

/** Posts waiting for a parent that comes later in the file, by the parent's id. */
const maxWaiting = 100_000;

export class DisqusImporter {
  readonly report: ImportReport = emptyReport('disqus');
  private source = 'disqus:';
  /** Disqus thread id → our article id (null: matched to nothing). */
  private readonly threads = new Map<string, { articleId: string | null; label: string }>();
  private readonly waiting = new Map<string, PendingPost[]>();
  private waitingCount = 0;
  private readonly now: string;

  constructor(
    private readonly store: Pick<Store, 'imports' | 'reader' | 'comments'>,
    now: Date,
  ) {
    this.now = now.toISOString();
  }

  async run(file: string, onProgress?: (done: number, total: number) => void) {
    await readXmlRecords(file, {
      prefix,
      root: 'disqus',
      kind: 'a Disqus export',
      isRecord,
      ...(onProgress ? { onProgress } : {}),
      onRecord: async (record) => {
        if (record.name === 'category' || record.name === 'thread') {
          const forum = childText(record, 'forum');
          if (forum && this.source === 'disqus:') {
            this.source = `disqus:${forum}`;
            this.report.source = forum;
          }
        }
        if (record.name === 'thread') await this.thread(record);
        else if (record.name === 'post') await this.post(record);
      },
    });
    // Replies whose parent never came: top-level, in the order they were read.
    for (const [parentId, posts] of this.waiting) {
      for (const p of posts) {
        note(
          this.report,
          reasons.orphanPost,
          `post ${p.record.attributes['dsq:id'] ?? '?'} (parent ${parentId})`,
        );
        await this.create(p.record, p.articleId, null);
      }
    }
    return this.report;
  }

  private async thread(record: XmlRecord) {
    const id = record.attributes['dsq:id'];
    if (!id) throw new BadImportFile('a <thread> has no dsq:id', record.line);
    this.report.inFile.threads += 1;
    const link = childText(record, 'link');
    const identifier = childText(record, 'id');
    const articleId = (await this.byLink(link)) ?? (await this.byIdentifier(identifier));
    this.threads.set(id, { articleId, label: link || identifier || `thread ${id}` });
    if (articleId) this.report.threadsMatched += 1;
  }

  /** An article here by its address, or by an old address a WordPress import kept. */
  private async byLink(link: string): Promise<string | null> {
    if (!link) return null;
    const key = oldPathKey(link);
    if (!key) return null;
    const old = await this.store.imports.articleIdByOldPath(key);
    if (old) return old;
    const slug = key.split('/').at(-1) ?? '';
    const article = slug ? await this.store.reader.getBySlug(slug) : null;
    return article && articlePath(article) === key ? article.id : null;
  }

  private async byIdentifier(identifier: string): Promise<string | null> {
    if (!identifier) return null;
    // The WordPress plugin's identifier: "<post id> <its ?p= address>".
    const wordpress = /^(\d+)(\s|$)/.exec(identifier);
    if (wordpress?.[1]) {
      const found = await this.store.imports.localIdAnySource(
        'article',
        wordpress[1],
        'wordpress:',
      );
      if (found) return found;
    }
    const own =
      (await this.store.reader.getById(identifier)) ??
      (await this.store.reader.getBySlug(identifier));
    return own?.id ?? null;
  }

  private async post(record: XmlRecord) {
    this.report.inFile.comments += 1;
    const id = record.attributes['dsq:id'];
    if (!id) throw new BadImportFile('a <post> has no dsq:id', record.line);
    const threadId = child(record, 'thread')?.attributes['dsq:id'];
    const thread = threadId ? this.threads.get(threadId) : undefined;
    if (!thread) {
      throw new BadImportFile(
        `post ${id} belongs to thread ${threadId ?? '(none)'}, which the file has not described before it`,
        record.line,
      );
    }
    if (!thread.articleId) {
      skip(this.report, reasons.unmatchedThread, thread.label);
      return;
    }
    if (await this.store.imports.localId(this.source, 'comment', id)) {
      this.report.unchanged.comments += 1;
      return;
    }
    const parentDsq = child(record, 'parent')?.attributes['dsq:id'];
    let parentId: string | null = null;
    if (parentDsq) {
      parentId = await this.store.imports.localId(this.source, 'comment', parentDsq);
      if (!parentId) {
        // The parent may come later in the file: wait for it.
        if (this.waitingCount >= maxWaiting) {
          throw new BadImportFile(`too many replies arrive before their parents`, record.line);
        }
        const list = this.waiting.get(parentDsq) ?? [];
        list.push({ record, articleId: thread.articleId });
        this.waiting.set(parentDsq, list);
        this.waitingCount += 1;
        return;
      }
    }
    await this.create(record, thread.articleId, parentId);
  }

  private async create(record: XmlRecord, articleId: string, parentId: string | null) {
    const id = record.attributes['dsq:id'] ?? '';
    const createdAt = Date.parse(childText(record, 'createdAt'));
    if (Number.isNaN(createdAt)) {
      throw new BadImportFile(`post ${id} has no date (<createdAt>)`, record.line);
    }
    const deleted = childText(record, 'isDeleted') === 'true';
    const spam = childText(record, 'isSpam') === 'true';
    const status: CommentStatus = deleted ? 'deleted' : spam ? 'rejected' : 'published';
    const author = child(record, 'author');
    const guestName =
      textField(author ? childText(author, 'name') : '').slice(0, 100) || 'Anonymous';
    // A deleted post keeps its place (for its replies) but not its words.
    const body = deleted
      ? ''
      : commentMarkdown(child(record, 'message')?.text ?? '') || '(no text)';
    const { comment } = await this.store.comments.create({
      articleId,
      parentId,
      authorId: null,
      guestName,
      body,
      html: deleted ? '' : renderCommentMarkdown(body),
      status,
      createdAt: new Date(createdAt).toISOString(),
      ...(deleted ? { placeholder: true } : {}),
    });
    await this.store.imports.remember({
      source: this.source,
      kind: 'comment',
      sourceId: id,
      localId: comment.id,
      at: this.now,
    });
    this.report.created.comments += 1;
    this.report.comments[status] += 1;
    // Replies that were waiting for this one.
    const waiting = this.waiting.get(id);
    if (waiting) {
      this.waiting.delete(id);
      this.waitingCount -= waiting.length;
      for (const p of waiting) await this.create(p.record, p.articleId, comment.id);
    }
  }
}
