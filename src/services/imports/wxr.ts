/**
 * WordPress export (WXR 1.0–1.2) into articles, sections, tags, author accounts, old addresses
 * and comments. Runs inside the caller's transaction; every write goes through the store it is
 * given. What was imported is remembered in import_items, so a second run finds it and writes
 * nothing (decisions/0024).
 */
import type { ArticleStatus } from '../../domain/article.js';
import type { CommentStatus } from '../../domain/comment.js';
import { renderCommentMarkdown } from '../../domain/comment-markdown.js';
import { oldPathKey } from '../../domain/old-path.js';
import { freeSlug, isAllowedSectionSlug, isSlug, slugify } from '../../domain/slug.js';
import { isEmail, normaliseEmail } from '../../domain/user.js';
import type { Store } from '../../store/types.js';
import { articleMarkdown, commentMarkdown, plainText, textField } from './html-to-markdown.js';
import { emptyReport, note, reasons, skip, type ImportReport } from './report.js';
import { BadImportFile, child, childText, readXmlRecords, type XmlRecord } from './xml-records.js';

const namespaces: [RegExp, string][] = [
  [/^http:\/\/wordpress\.org\/export\/1\.\d+\/excerpt\/$/, 'excerpt'],
  [/^http:\/\/wordpress\.org\/export\/1\.\d+\/$/, 'wp'],
  [/^http:\/\/purl\.org\/rss\/1\.0\/modules\/content\/$/, 'content'],
  [/^http:\/\/purl\.org\/dc\/elements\/1\.1\/$/, 'dc'],
  [/^http:\/\/wellformedweb\.org\/CommentAPI\/$/, 'wfw'],
];

function prefix(uri: string): string {
  return namespaces.find(([pattern]) => pattern.test(uri))?.[1] ?? '';
}

/** Records are the channel's direct children: its items, authors, categories and settings. */
const isRecord = (path: readonly string[]) => path.length === 3 && path[1] === 'channel';

const postStatuses: Record<string, ArticleStatus> = {
  publish: 'published',
  draft: 'draft',
  pending: 'review',
  // A post WordPress would have published later: a draft here, for an editor to schedule.
  future: 'draft',
};

const commentStatuses: Record<string, CommentStatus> = {
  '1': 'published',
  '0': 'pending',
  spam: 'rejected',
  trash: 'rejected',
  'post-trashed': 'rejected',
};

const skippedTypes: Record<string, string> = {
  page: reasons.page,
  attachment: reasons.attachment,
  nav_menu_item: reasons.menu,
  revision: reasons.revision,
  wp_block: reasons.block,
  wp_navigation: reasons.menu,
  wp_template: reasons.theme,
  wp_template_part: reasons.theme,
  wp_global_styles: reasons.theme,
  custom_css: reasons.theme,
};

interface WpAuthor {
  login: string;
  email: string;
  name: string;
  wpId: string;
}

/** "2024-03-05 09:30:00" (UTC in the _gmt fields) as an ISO time; null when unset or wrong. */
export function wordpressTime(value: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(value.trim());
  if (!match || match[1] === '0000') return null;
  const time = Date.parse(
    `${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6]}Z`,
  );
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

export class WxrImporter {
  readonly report: ImportReport = emptyReport('wxr');
  private source = 'wordpress:';
  private readonly authors = new Map<string, WpAuthor>();
  private readonly authorsByWpId = new Map<string, WpAuthor>();
  private readonly accounts = new Map<string, string>();
  private readonly categories = new Map<string, { name: string }>();
  private readonly sections = new Map<string, string>();
  private nextSectionPosition: number | null = null;
  private readonly now: string;

  constructor(
    private readonly store: Pick<Store, 'imports' | 'newsroom' | 'comments' | 'sections' | 'users'>,
    now: Date,
  ) {
    this.now = now.toISOString();
  }

  async run(file: string, onProgress?: (done: number, total: number) => void) {
    let version = '';
    let sawItem = false;
    await readXmlRecords(file, {
      prefix,
      root: 'rss',
      kind: 'a WordPress export (WXR) file',
      isRecord,
      ...(onProgress ? { onProgress } : {}),
      onRecord: async (record) => {
        switch (record.name) {
          case 'wp:wxr_version':
            version = record.text.trim();
            break;
          case 'wp:base_site_url':
            this.source = `wordpress:${record.text.trim()}`;
            this.report.source = record.text.trim();
            break;
          case 'link':
            if (!this.report.source) this.report.source = record.text.trim();
            break;
          case 'wp:author':
            this.author(record);
            break;
          case 'wp:category':
            this.categories.set(childText(record, 'wp:category_nicename'), {
              name: textField(childText(record, 'wp:cat_name')),
            });
            break;
          case 'item':
            if (!version) {
              throw new BadImportFile(
                'this RSS file is not a WordPress export: it has no <wp:wxr_version>',
                record.line,
              );
            }
            sawItem = true;
            await this.item(record);
            break;
        }
      },
    });
    if (!version && !sawItem) {
      throw new BadImportFile(
        'this RSS file is not a WordPress export: it has no <wp:wxr_version>',
        null,
      );
    }
    return this.report;
  }

  private author(record: XmlRecord) {
    const author: WpAuthor = {
      login: childText(record, 'wp:author_login'),
      email: childText(record, 'wp:author_email'),
      name:
        textField(childText(record, 'wp:author_display_name')) ||
        childText(record, 'wp:author_login'),
      wpId: childText(record, 'wp:author_id'),
    };
    if (!author.login) throw new BadImportFile('an author has no <wp:author_login>', record.line);
    this.authors.set(author.login, author);
    if (author.wpId) this.authorsByWpId.set(author.wpId, author);
  }

  private async item(record: XmlRecord) {
    this.report.inFile.posts += 1;
    const comments = record.children.filter((c) => c.name === 'wp:comment');
    this.report.inFile.comments += comments.length;
    const postId = childText(record, 'wp:post_id');
    const title = plainText(childText(record, 'title')) || `post ${postId}`;
    const example = `“${title}” (id ${postId})`;
    if (!/^\d+$/.test(postId)) throw new BadImportFile('an item has no <wp:post_id>', record.line);
    const type = childText(record, 'wp:post_type') || 'post';
    const wpStatus = childText(record, 'wp:status');
    const skipComments = (why: string) => {
      for (const c of comments) skip(this.report, why, `comment ${childText(c, 'wp:comment_id')}`);
    };
    if (type !== 'post') {
      skip(this.report, skippedTypes[type] ?? `items of type “${type}” are not articles`, example);
      skipComments(reasons.commentsOfSkipped);
      return;
    }
    const status = postStatuses[wpStatus];
    if (!status) {
      skip(
        this.report,
        wpStatus === 'private'
          ? reasons.private
          : `posts with the status “${wpStatus}” are not imported`,
        example,
      );
      skipComments(reasons.commentsOfSkipped);
      return;
    }
    const existing = await this.store.imports.localId(this.source, 'article', postId);
    const articleId = existing ?? (await this.createArticle(record, postId, title, status));
    if (existing) this.report.unchanged.articles += 1;
    await this.comments(articleId, comments);
  }

  private async createArticle(
    record: XmlRecord,
    postId: string,
    title: string,
    status: ArticleStatus,
  ): Promise<string> {
    const at =
      wordpressTime(childText(record, 'wp:post_date_gmt')) ??
      wordpressTime(childText(record, 'wp:post_date')) ??
      this.now;
    const creator = childText(record, 'dc:creator');
    const authorId = creator ? await this.account(creator, record.line) : null;
    const categories = record.children.filter((c) => c.name === 'category');
    const sectionCategory = categories.find((c) => c.attributes.domain === 'category');
    const sectionSlug = await this.section(
      sectionCategory?.attributes.nicename ?? '',
      textField(sectionCategory?.text ?? ''),
    );
    const tags = categories
      .filter((c) => c.attributes.domain === 'post_tag')
      .map((c) => ({
        slug: slugify(decode(c.attributes.nicename ?? '') || c.text),
        name: textField(c.text).slice(0, 100),
      }))
      .filter((t) => isSlug(t.slug) && t.name !== '');
    const article = await this.store.newsroom.create({
      slug: await this.freeArticleSlug(childText(record, 'wp:post_name'), title, postId),
      sectionSlug,
      headline: title.slice(0, 300),
      standfirst: plainText(childText(record, 'excerpt:encoded')).slice(0, 1000),
      body: articleMarkdown(child(record, 'content:encoded')?.text ?? ''),
      dateline: '',
      authorIds: authorId ? [authorId] : [],
      tags,
      status,
      publishedAt: status === 'published' ? at : null,
      createdAt: at,
      createdBy: null,
    });
    await this.store.imports.remember({
      source: this.source,
      kind: 'article',
      sourceId: postId,
      localId: article.id,
      at: this.now,
    });
    if (status === 'published') this.report.created.published += 1;
    else this.report.created.drafts += 1;
    if (childText(record, 'wp:comment_status') === 'closed') {
      await this.store.comments.setArticleSettings(article.id, {
        mode: 'closed',
        autoCloseHours: null,
      });
    }
    // The addresses readers and search engines know it by: its permalink and ?p=ID.
    const paths = new Set(
      [childText(record, 'link'), `/?p=${postId}`]
        .map((address) => oldPathKey(address))
        .filter((p): p is string => p !== null),
    );
    for (const path of paths) {
      if (await this.store.imports.addOldPath(path, article.id, this.now)) {
        this.report.created.redirects += 1;
      }
    }
    return article.id;
  }

  private async freeArticleSlug(postName: string, title: string, postId: string) {
    const base = slugify(decode(postName)) || slugify(title) || `post-${postId}`;
    return freeSlug(base, (slug) => this.store.newsroom.slugTaken(slug));
  }

  /** The section for a category: an existing one with that slug, or a new one. */
  private async section(nicename: string, name: string): Promise<string> {
    const key = nicename || 'news';
    const known = this.sections.get(key);
    if (known) return known;
    let slug = slugify(decode(key)) || 'news';
    if (!isAllowedSectionSlug(slug)) slug = `${slug}-news`;
    const sectionName = name || this.categories.get(nicename)?.name || 'News';
    if (!(await this.store.sections.get(slug))) {
      if (this.nextSectionPosition === null) {
        const all = await this.store.sections.list();
        this.nextSectionPosition = Math.max(0, ...all.map((s) => s.position)) + 1;
      }
      await this.store.sections.upsert({
        slug,
        name: sectionName.slice(0, 100),
        description: '',
        position: this.nextSectionPosition++,
      });
      this.report.created.sections += 1;
    }
    this.sections.set(key, slug);
    return slug;
  }

  /**
   * The account of a WordPress author: one with the same email, or a new author account without
   * a password (they set one through "forgot password" to sign in).
   */
  private async account(login: string, line: number): Promise<string> {
    const known = this.accounts.get(login);
    if (known) return known;
    const author = this.authors.get(login) ?? { login, email: '', name: login, wpId: '' };
    const remembered = await this.store.imports.localId(this.source, 'user', login);
    let id = remembered && (await this.store.users.byId(remembered)) ? remembered : null;
    if (!id) {
      const email = normaliseEmail(author.email);
      const byEmail = isEmail(email) ? await this.store.users.byEmail(email) : null;
      if (byEmail) {
        id = byEmail.id;
      } else {
        const address = isEmail(email) ? email : `${slugify(login) || 'author'}@imported.invalid`;
        if (await this.store.users.byEmail(address)) {
          throw new BadImportFile(`the author “${login}” has no usable email address`, line);
        }
        const user = await this.store.users.create({
          email: address,
          name: author.name.slice(0, 100) || login,
          slug: await this.freeUserSlug(author.name || login),
          role: 'author',
          passwordHash: null,
          createdAt: this.now,
        });
        id = user.id;
        this.report.created.accounts += 1;
      }
      if (!remembered) {
        await this.store.imports.remember({
          source: this.source,
          kind: 'user',
          sourceId: login,
          localId: id,
          at: this.now,
        });
      }
    }
    this.accounts.set(login, id);
    return id;
  }

  private async freeUserSlug(name: string) {
    return freeSlug(slugify(name) || 'author', (slug) => this.store.users.slugTaken(slug));
  }

  private async comments(articleId: string, records: XmlRecord[]) {
    // Parents before their replies, whatever order the file has them in.
    const byId = new Map(records.map((r) => [childText(r, 'wp:comment_id'), r]));
    const ordered: XmlRecord[] = [];
    const placed = new Set<string>();
    const place = (r: XmlRecord, depth: number) => {
      const id = childText(r, 'wp:comment_id');
      if (placed.has(id)) return;
      placed.add(id);
      const parent = byId.get(childText(r, 'wp:comment_parent'));
      if (parent && depth < 1000) place(parent, depth + 1);
      ordered.push(r);
    };
    for (const r of records) place(r, 0);
    for (const r of ordered) await this.comment(articleId, r);
  }

  private async comment(articleId: string, record: XmlRecord) {
    const id = childText(record, 'wp:comment_id');
    if (!/^\d+$/.test(id)) throw new BadImportFile('a comment has no <wp:comment_id>', record.line);
    const type = childText(record, 'wp:comment_type');
    if (type === 'pingback' || type === 'trackback') {
      skip(this.report, reasons.pingback, `comment ${id}`);
      return;
    }
    if (await this.store.imports.localId(this.source, 'comment', id)) {
      this.report.unchanged.comments += 1;
      return;
    }
    const approved = childText(record, 'wp:comment_approved');
    const status = commentStatuses[approved] ?? 'pending';
    const createdAt =
      wordpressTime(childText(record, 'wp:comment_date_gmt')) ??
      wordpressTime(childText(record, 'wp:comment_date'));
    if (!createdAt) {
      throw new BadImportFile(`comment ${id} has no date (<wp:comment_date_gmt>)`, record.line);
    }
    const parentWpId = childText(record, 'wp:comment_parent');
    let parentId: string | null = null;
    if (parentWpId && parentWpId !== '0') {
      parentId = await this.store.imports.localId(this.source, 'comment', parentWpId);
      if (!parentId) {
        note(this.report, reasons.orphanReply, `comment ${id}`);
      }
    }
    // A registered WordPress user who is also an author of the export has an account here;
    // everyone else is a guest, kept as the name they gave.
    const wpUser = childText(record, 'wp:comment_user_id');
    const author = wpUser && wpUser !== '0' ? this.authorsByWpId.get(wpUser) : undefined;
    const authorId = author ? await this.account(author.login, record.line) : null;
    const guestName =
      textField(childText(record, 'wp:comment_author')).slice(0, 100) || 'Anonymous';
    const body = commentMarkdown(child(record, 'wp:comment_content')?.text ?? '') || '(no text)';
    const { comment } = await this.store.comments.create({
      articleId,
      parentId,
      authorId,
      guestName: authorId ? null : guestName,
      body,
      html: renderCommentMarkdown(body),
      status,
      createdAt,
    });
    await this.store.imports.remember({
      source: this.source,
      kind: 'comment',
      sourceId: id,
      localId: comment.id,
      at: this.now,
    });
    this.report.created.comments += 1;
    this.report.comments[status === 'deleted' ? 'deleted' : status] += 1;
  }
}

/** WordPress keeps non-ASCII slugs percent-encoded. */
function decode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
