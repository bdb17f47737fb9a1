/**
 * Live coverage (issue 22, docs/live-coverage.md): the newsroom starts, ends and reopens a live
 * article and posts, edits, pins and removes its updates; readers read them. Each write is one
 * conditional statement or transaction in the store (so two editors posting at once both land,
 * and a post racing "end" either lands first or is refused), then one `live` change on the bus:
 * the page cache drops the article's own pages and the live streams send what changed.
 */
import { AppError, notFound, tooLong } from '../errors.js';
import { type Article, articlePath, isPublic } from '../domain/article.js';
import { renderBody } from '../domain/body.js';
import { newId } from '../domain/ids.js';
import {
  canEnd,
  canPost,
  canReopen,
  cleanUpdateText,
  liveLimits,
  placementsIn,
  presenceTiming,
  readUpdateCursor,
  updateCursor,
  type LiveCoverage,
  type LiveOrder,
  type LivePresence,
  type LiveUpdate,
} from '../domain/live.js';
import type { User } from '../domain/user.js';
import { canView } from '../domain/workflow.js';
import type { Store } from '../store/index.js';
import type { ChangeBus } from './changes.js';

export interface LiveDeps {
  store: Pick<Store, 'live' | 'reader' | 'images'>;
  changes: ChangeBus;
  now?: () => Date;
}

export interface UpdateInput {
  title?: string | null;
  body: string;
  keyEvent?: boolean;
  closing?: boolean;
  /** Byline ids; the poster when empty. */
  authorIds?: string[];
}

/** What a reader's page shows of a live article. */
export interface LiveView {
  coverage: LiveCoverage;
  order: LiveOrder;
  keyEvents: LiveUpdate[];
  pinned: LiveUpdate | null;
  updates: LiveUpdate[];
  /** The cursor of the next page, when there is one. */
  next: string | null;
  /** Whether this is the first page (no cursor). */
  first: boolean;
  count: number;
}

/** Updates read at a time for the print view. */
const printBatch = 500;

export class LiveService {
  private readonly store: LiveDeps['store'];
  private readonly changes: ChangeBus;
  private readonly now: () => Date;

  constructor(deps: LiveDeps) {
    this.store = deps.store;
    this.changes = deps.changes;
    this.now = deps.now ?? (() => new Date());
  }

  /** The article, when this person may run its live coverage (its newsroom viewers). */
  async article(actor: User, articleId: string): Promise<Article> {
    const article = await this.store.reader.getById(articleId);
    if (!article) throw notFound('That article');
    if (!canView(actor, article)) {
      throw new AppError('not_your_article', 'This article is not one of yours.');
    }
    return article;
  }

  coverage(articleId: string): Promise<LiveCoverage | null> {
    return this.store.live.coverage(articleId);
  }

  /** Of these articles, the ones live now (listings show a LIVE label). */
  running(articleIds: readonly string[]): Promise<Set<string>> {
    return this.store.live.running(articleIds);
  }

  async start(actor: User, articleId: string): Promise<LiveCoverage> {
    const article = await this.article(actor, articleId);
    const started = await this.store.live.start(article.id, this.now().toISOString());
    if (!started) throw new AppError('already_live', 'This article is live coverage already.');
    this.announce(article.id, true);
    return started;
  }

  async end(actor: User, articleId: string): Promise<LiveCoverage> {
    const article = await this.article(actor, articleId);
    const ended = await this.store.live.end(article.id, this.now().toISOString());
    if (!ended) throw await this.refusal(article.id, canEnd);
    this.announce(article.id, true);
    return ended;
  }

  async reopen(actor: User, articleId: string): Promise<LiveCoverage> {
    const article = await this.article(actor, articleId);
    const reopened = await this.store.live.reopen(article.id);
    if (!reopened) throw await this.refusal(article.id, canReopen);
    this.announce(article.id, true);
    return reopened;
  }

  async post(actor: User, articleId: string, input: UpdateInput): Promise<LiveUpdate> {
    const article = await this.article(actor, articleId);
    const text = checkedText(input);
    const at = this.now();
    const posted = await this.store.live.post({
      id: newId(at.getTime()),
      articleId: article.id,
      at: at.toISOString(),
      postedBy: actor.id,
      authorIds: input.authorIds ?? [],
      ...text,
      keyEvent: input.keyEvent === true,
      closing: input.closing === true,
    });
    if (!posted) throw await this.refusal(article.id, canPost);
    this.announce(article.id, false);
    return posted;
  }

  async edit(
    actor: User,
    articleId: string,
    updateId: string,
    input: { title?: string | null; body: string },
  ): Promise<LiveUpdate> {
    await this.update(actor, articleId, updateId);
    const text = checkedText(input);
    const at = this.now();
    const edited = await this.store.live.edit(updateId, {
      ...text,
      at: at.toISOString(),
      by: actor.id,
      revisionId: newId(at.getTime()),
    });
    if (!edited) throw notFound('That update');
    this.announce(articleId, false);
    return edited;
  }

  async mark(
    actor: User,
    articleId: string,
    updateId: string,
    flags: { keyEvent?: boolean; pinned?: boolean; closing?: boolean },
  ): Promise<LiveUpdate> {
    await this.update(actor, articleId, updateId);
    const marked = await this.store.live.mark(updateId, flags);
    if (!marked) throw notFound('That update');
    this.announce(articleId, false);
    return marked;
  }

  async remove(
    actor: User,
    articleId: string,
    updateId: string,
    note: string,
  ): Promise<LiveUpdate> {
    await this.update(actor, articleId, updateId);
    const clean = note.trim();
    if (!clean) {
      throw new AppError('removal_note_required', 'Say why the update is removed.', {
        field: 'note',
      });
    }
    if (clean.length > liveLimits.note) {
      throw tooLong('note', `Keep the note under ${liveLimits.note} characters.`, liveLimits.note);
    }
    const removed = await this.store.live.remove(updateId, clean, this.now().toISOString());
    if (!removed) throw new AppError('update_removed', 'That update has been removed.');
    this.announce(articleId, false);
    return removed;
  }

  /** The newsroom's list: every update, removed ones too, newest first. */
  async newsroomList(
    actor: User,
    articleId: string,
    cursor?: string,
  ): Promise<{ updates: LiveUpdate[]; next: string | null }> {
    const article = await this.article(actor, articleId);
    const page = await this.paged(article.id, 'newest', cursor, true);
    return { ...page, updates: await this.placed(page.updates) };
  }

  /**
   * An unsent update as readers would see it (the posting screen's preview): its Markdown
   * rendered as a post renders it, with its placements read; nothing is saved.
   */
  async preview(actor: User, articleId: string, input: UpdateInput): Promise<LiveUpdate> {
    const article = await this.article(actor, articleId);
    const text = cleanUpdateText(input);
    const [update] = await this.placed([
      {
        id: newId(this.now().getTime()),
        articleId: article.id,
        seq: 0,
        postedAt: this.now().toISOString(),
        authors: [{ id: actor.id, name: actor.name, slug: actor.slug }],
        ...text,
        bodyHtml: renderBody(text.body),
        keyEvent: input.keyEvent === true,
        pinned: false,
        closing: input.closing === true,
        editedAt: null,
        removedAt: null,
        removalNote: null,
      },
    ]);
    return update!;
  }

  /**
   * This person is on the article's posting screen (and typing an update, or not), for the
   * lease of `presenceTiming`; returns everyone there now, across servers (decisions/0089).
   */
  async here(actor: User, articleId: string, writing: boolean): Promise<LivePresence[]> {
    const article = await this.article(actor, articleId);
    const now = this.now().getTime();
    await this.store.live.present({
      articleId: article.id,
      userId: actor.id,
      now,
      seenUntil: now + presenceTiming.leaseMs,
      writingUntil: writing ? now + presenceTiming.writingMs : null,
    });
    return this.store.live.presence(article.id, now);
  }

  /** This person closed the posting screen: the others see them gone at their next look. */
  async leave(actor: User, articleId: string): Promise<void> {
    const article = await this.article(actor, articleId);
    await this.store.live.leave(article.id, actor.id);
  }

  /** The API's view: as the reader's, for a published live article only. */
  async publicView(articleId: string, order: LiveOrder, cursor?: string): Promise<LiveView> {
    const article = await this.store.reader.getById(articleId);
    const view =
      article && isPublic(article) ? await this.readerView(article.id, order, cursor) : null;
    if (!view) throw notFound('That live coverage');
    return view;
  }

  /** A reader's view of a published live article, or null when it is not live coverage. */
  async readerView(articleId: string, order: LiveOrder, cursor?: string): Promise<LiveView | null> {
    const coverage = await this.store.live.coverage(articleId);
    if (!coverage) return null;
    const [keyEvents, pinned, page, count] = await Promise.all([
      this.store.live.keyEvents(articleId),
      this.store.live.pinned(articleId),
      this.paged(articleId, order, cursor, false),
      this.store.live.count(articleId),
    ]);
    // One read of the placements for the page and its pinned update.
    const updates = await this.placed([...page.updates, ...(pinned ? [pinned] : [])]);
    const shownPinned = pinned ? (updates.pop() ?? null) : null;
    return {
      coverage,
      order,
      keyEvents,
      pinned: shownPinned,
      updates,
      next: page.next,
      first: cursor === undefined,
      count,
    };
  }

  /**
   * The print view's: every shown update, oldest first, in pages of the store's (read one after
   * another so a long coverage is never one huge query); null when it is not live coverage.
   */
  async printView(articleId: string): Promise<LiveView | null> {
    const coverage = await this.store.live.coverage(articleId);
    if (!coverage) return null;
    const [keyEvents, pinned, count] = await Promise.all([
      this.store.live.keyEvents(articleId),
      this.store.live.pinned(articleId),
      this.store.live.count(articleId),
    ]);
    const updates: LiveUpdate[] = [];
    for (;;) {
      const last = updates[updates.length - 1];
      const page = await this.store.live.page(articleId, {
        order: 'oldest',
        limit: printBatch,
        ...(last ? { after: { t: last.postedAt, id: last.id } } : {}),
      });
      updates.push(...(await this.placed(page)));
      if (page.length < printBatch) break;
    }
    return {
      coverage,
      order: 'oldest',
      keyEvents,
      pinned: pinned ? ((await this.placed([pinned]))[0] ?? null) : null,
      updates,
      next: null,
      first: true,
      count,
    };
  }

  /**
   * One shown update of a published live article, for its permalink page; `moved` when the
   * article's address is another now (its slug changed).
   */
  async permalink(
    requestPath: string,
    slug: string,
    updateId: string,
  ): Promise<
    | { kind: 'moved'; path: string }
    | { kind: 'update'; article: Article; coverage: LiveCoverage; update: LiveUpdate }
  > {
    const article =
      (await this.store.reader.getBySlug(slug)) ?? (await this.store.reader.byOldSlug(slug));
    if (!article || !isPublic(article)) throw notFound('That update');
    const path = articlePath(article);
    if (path !== requestPath) return { kind: 'moved', path };
    const [coverage, update] = await Promise.all([
      this.store.live.coverage(article.id),
      this.store.live.byId(updateId),
    ]);
    if (!coverage || !update || update.articleId !== article.id || update.removedAt) {
      throw notFound('That update');
    }
    const [placed] = await this.placed([update]);
    return { kind: 'update', article, coverage, update: placed ?? update };
  }

  /** For a live stream: where it starts (the coverage's change number now). */
  async streamStart(articleId: string): Promise<{ articleId: string; seq: number }> {
    const [article, coverage] = await Promise.all([
      this.store.reader.getById(articleId),
      this.store.live.coverage(articleId),
    ]);
    if (!article || !isPublic(article) || !coverage) throw notFound('That live coverage');
    return { articleId, seq: coverage.seq };
  }

  /** The reader's address of an article (the live stream draws its updates' links with it). */
  async articlePath(articleId: string): Promise<string> {
    const article = await this.store.reader.getById(articleId);
    if (!article) throw notFound('That article');
    return articlePath(article);
  }

  /** The number of updates readers see. */
  count(articleId: string): Promise<number> {
    return this.store.live.count(articleId);
  }

  /** What the live stream sends: the written updates, with what their bodies place. */
  async changesSince(articleId: string, afterSeq: number, limit: number): Promise<LiveUpdate[]> {
    return this.placed(await this.store.live.changesSince(articleId, afterSeq, limit));
  }

  /**
   * The updates with what their `[[image:ID]]` and `[[related:SLUG]]` lines show: one read of
   * the images and one of the published headlines for all of them (none when nothing is placed).
   */
  private async placed(updates: LiveUpdate[]): Promise<LiveUpdate[]> {
    const { imageIds, slugs } = placementsIn(updates);
    if (imageIds.length === 0 && slugs.length === 0) return updates;
    const [images, inline] = await Promise.all([
      imageIds.length ? this.store.images.byIds(imageIds) : [],
      slugs.length ? this.store.reader.publishedBySlugs(slugs) : [],
    ]);
    const placed = {
      images: new Map(images.map((i) => [i.id, i])),
      inline: new Map(inline.map((a) => [a.slug, a])),
    };
    return updates.map((u) => ({ ...u, placed }));
  }

  private async paged(
    articleId: string,
    order: LiveOrder,
    cursor: string | undefined,
    withRemoved: boolean,
  ): Promise<{ updates: LiveUpdate[]; next: string | null }> {
    const after = cursor === undefined ? undefined : readUpdateCursor(cursor);
    if (after === null) {
      throw new AppError('invalid_cursor', 'That page of updates does not exist.', {
        field: 'cursor',
      });
    }
    const limit = liveLimits.page;
    const rows = await this.store.live.page(articleId, {
      order,
      after,
      limit: limit + 1,
      withRemoved,
    });
    const updates = rows.slice(0, limit);
    const last = updates.at(-1);
    return { updates, next: rows.length > limit && last ? updateCursor(last) : null };
  }

  /** An update of this article that this person may change. */
  private async update(actor: User, articleId: string, updateId: string): Promise<LiveUpdate> {
    const article = await this.article(actor, articleId);
    const update = await this.store.live.byId(updateId);
    if (!update || update.articleId !== article.id) throw notFound('That update');
    if (update.removedAt) throw new AppError('update_removed', 'That update has been removed.');
    return update;
  }

  /** Why a conditional write found nothing to do, from what is there now. */
  private async refusal(
    articleId: string,
    allowed: (c: LiveCoverage | null) => boolean,
  ): Promise<AppError> {
    const coverage = await this.store.live.coverage(articleId);
    if (!coverage) return new AppError('not_live', 'This article is not live coverage.');
    if (allowed(coverage)) return new AppError('invalid_request', 'Try again.');
    return coverage.endedAt
      ? new AppError('live_ended', 'This live coverage has ended.')
      : new AppError('live_not_ended', 'This live coverage is still running.');
  }

  /**
   * Updates change only the article's own pages; starting and ending also change its LIVE
   * label wherever it is listed, so those are an article change too.
   */
  private announce(articleId: string, listings: boolean): void {
    this.changes.publish({ kind: 'live', articleId });
    if (listings) this.changes.publish({ kind: 'article', articleId });
  }
}

function checkedText(input: { title?: string | null; body: string }) {
  const text = cleanUpdateText(input);
  if (!text.body) {
    throw new AppError('body_required', 'Write something before posting.', { field: 'body' });
  }
  if (text.body.length > liveLimits.body) {
    throw tooLong('body', `Keep an update under ${liveLimits.body} characters.`, liveLimits.body);
  }
  if (text.title && text.title.length > liveLimits.title) {
    throw tooLong(
      'title',
      `Keep the title under ${liveLimits.title} characters.`,
      liveLimits.title,
    );
  }
  return text;
}
