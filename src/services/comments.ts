/**
 * Writing, changing and reading comments. Every new or edited comment passes the moderation
 * pipeline, which decides its status (the article's comment settings are one of its inputs).
 * Every change is announced on the change bus after it commits.
 */
import type { Article } from '../domain/article.js';
import { renderCommentMarkdown } from '../domain/comment-markdown.js';
import {
  decodeCommentCursor,
  encodeCommentCursor,
  type CommentCursor,
} from '../domain/comment-cursor.js';
import {
  commentPolicy,
  commentSettingKeys,
  parseEditWindowMinutes,
  parseSiteDefaults,
  withinEditWindow,
  type CommentOverride,
  type CommentPolicy,
} from '../domain/comment-settings.js';
import {
  buildThreads,
  commentLength,
  isPlaceholder,
  maxCommentLength,
  repliesPerThread,
  repliesPerThreadPage,
  type Comment,
  type CommentNode,
  type CommentSort,
} from '../domain/comment.js';
import { isBanned, type User } from '../domain/user.js';
import { AppError, notFound, tooLong } from '../errors.js';
import type { ChangeBus } from './changes.js';
import { ModerationService, type ReplyListener } from './moderation.js';
import type { CommentChange, CommentRevision } from '../domain/comment.js';
import type { PortsWithUnitOfWork } from '../store/types.js';

export interface PostComment {
  author: User;
  /** The article's id or slug. */
  article: string;
  parentId?: string | null | undefined;
  body: string;
  idempotencyKey?: string | undefined;
  /** The client's network address, for the per-address rate limit. */
  clientAddress?: string | null | undefined;
}

export interface ThreadPage {
  /** Top-level comments of this page with the first of their public replies. */
  threads: CommentNode[];
  /** Featured comments, shown above the thread (first page only; empty on later pages). */
  featured: Comment[];
  nextCursor: string | null;
  /**
   * First page only: the article's change number read before the page, where the live stream
   * picks up (comments after it may also be on the page; the script keeps one of each).
   */
  liveSince?: number;
}

/** Which part of an article's comments a page shows. */
export type CommentView =
  | { kind: 'page'; sort: CommentSort; cursor?: string | undefined }
  /** A permalink: the page that starts with the comment's thread, with the comment in it. */
  | { kind: 'around'; commentId: string }
  /** One thread's later replies ("more replies"). */
  | { kind: 'thread'; rootId: string; cursor: string };

export interface CommentsPage extends ThreadPage {
  view: CommentView;
  sort: CommentSort;
  policy: CommentPolicy;
  /** The comment a permalink points at. */
  focus: string | null;
}

/** What only the signed-in reader sees of the comments on a page. */
export interface CommentViewerState {
  userId: string;
  /** Comments on the page the reader reacted to. */
  reacted: Set<string>;
  /** Their own comments on the page that they may still edit. */
  editable: Set<string>;
}

export interface CommentHistory {
  comment: Comment;
  /** Every version, oldest first; the last is the current text. */
  versions: { html: string; body: string; writtenAt: string; replacedAt: string | null }[];
}

export const defaultCommentPageSize = 20;

export interface CommentDeps {
  store: PortsWithUnitOfWork<'comments' | 'moderation' | 'reader' | 'settings'>;
  changes: ChangeBus;
  /** Screens every new or edited comment; featured comments head a thread's first page. */
  moderation: Pick<ModerationService, 'screen' | 'featured'>;
  /** Told after a published reply is committed. */
  replies?: ReplyListener;
  now?: () => Date;
}

export class CommentService {
  private readonly store: CommentDeps['store'];
  private readonly changes: ChangeBus;
  private readonly moderation: CommentDeps['moderation'];
  private readonly replies: ReplyListener | null;
  private readonly now: () => Date;

  constructor(deps: CommentDeps) {
    this.store = deps.store;
    this.changes = deps.changes;
    this.moderation = deps.moderation;
    this.replies = deps.replies ?? null;
    this.now = deps.now ?? (() => new Date());
  }

  async postComment(input: PostComment): Promise<{ comment: Comment; created: boolean }> {
    const { author, idempotencyKey } = input;
    // A retry answers with the first comment, whatever has changed since.
    if (idempotencyKey !== undefined) {
      const first = await this.store.comments.byIdempotencyKey(author.id, idempotencyKey);
      if (first) return { comment: first, created: false };
    }
    checkBody(input.body);
    // Only what posting needs of the article, with its comment settings, in one read.
    const article = await this.store.comments.commentTarget(input.article);
    if (!article || article.status !== 'published') throw notFound('That article');
    const policy = await this.policyWith(article, article.settings);
    const parentId = input.parentId || null;
    if (parentId) {
      const parent = await this.store.comments.byId(parentId);
      if (!parent || parent.articleId !== article.id || parent.status !== 'published') {
        throw notFound('The comment you are replying to');
      }
    }
    const decision = await this.moderation.screen({
      author,
      articleId: article.id,
      body: input.body,
      isEdit: false,
      // The article's settings, auto-close applied: the pipeline refuses closed ones and holds
      // pre-moderated ones.
      articleMode: policy.mode,
      articleClosedAt: policy.closedBy === 'time' ? policy.closesAt : null,
      clientAddress: input.clientAddress ?? null,
    });
    if (decision.kind === 'refuse') {
      // A retry racing its first attempt can be refused as a duplicate of it: answer with the
      // first comment, as any retry does.
      if (idempotencyKey !== undefined) {
        const first = await this.store.comments.byIdempotencyKey(author.id, idempotencyKey);
        if (first) return { comment: first, created: false };
      }
      throw ModerationService.refusal(decision);
    }
    const createdAt = this.now().toISOString();
    // Grouped: concurrent posts share one commit (one disk sync on SQLite); this still resolves
    // only once this comment is committed.
    const result = await this.store.groupedTransaction((tx) =>
      tx.comments.create({
        articleId: article.id,
        parentId,
        authorId: author.id,
        body: input.body,
        html: renderCommentMarkdown(input.body),
        status: decision.kind === 'hold' ? 'pending' : 'published',
        createdAt,
        clientAddress: input.clientAddress ?? null,
        reasons: decision.kind === 'hold' ? decision.reasons : [],
        ...(idempotencyKey !== undefined ? { idempotencyKey } : {}),
      }),
    );
    if (result.created) {
      this.announce(result.comment, 'created');
      if (result.comment.status === 'published' && result.comment.parentId) {
        this.replies?.replyPublished(result.comment);
      }
    }
    return result;
  }

  /** Replaces the text of one's own comment inside the edit window; the old text is kept. */
  async editComment(input: { author: User; id: string; body: string }): Promise<Comment> {
    const comment = await this.ownComment(input.author, input.id, 'edit');
    const windowMinutes = await this.editWindowMinutes();
    if (!withinEditWindow(comment.createdAt, windowMinutes, this.now())) {
      throw new AppError(
        'edit_window_passed',
        `Comments can be edited for ${plural(windowMinutes, 'minute')} after posting; ` +
          'the time to edit this one has passed.',
      );
    }
    checkBody(input.body);
    if (input.body === comment.body) return comment;
    // An edit passes the same pipeline as a new comment: a closed discussion takes no edits, and
    // what would be held is held (the comment leaves the public thread until approved).
    const article = await this.publishedArticle(comment.articleId);
    const policy = await this.policy(article);
    const decision = await this.moderation.screen({
      author: input.author,
      articleId: article.id,
      body: input.body,
      isEdit: true,
      articleMode: policy.mode,
      articleClosedAt: policy.closedBy === 'time' ? policy.closesAt : null,
    });
    if (decision.kind === 'refuse') throw ModerationService.refusal(decision);
    const at = this.now().toISOString();
    const edited = await this.store.transaction(async (tx) => {
      const changed = await tx.comments.edit({
        id: comment.id,
        body: input.body,
        html: renderCommentMarkdown(input.body),
        at,
        ...(decision.kind === 'hold' ? { status: 'pending' as const } : {}),
      });
      if (decision.kind === 'hold') {
        await tx.moderation.annotate(comment.id, { reasons: decision.reasons, at });
      }
      return changed;
    });
    // A held edit leaves the public thread (and the counts): that is a moderation change.
    this.announce(edited, edited.status !== comment.status ? 'moderated' : 'edited');
    return edited;
  }

  /** Deletes one's own comment: a placeholder stays while it has replies. */
  async deleteComment(input: { author: User; id: string }): Promise<Comment> {
    const comment = await this.ownComment(input.author, input.id, 'delete');
    const deleted = await this.store.comments.delete({
      id: comment.id,
      at: this.now().toISOString(),
    });
    this.announce(deleted, 'deleted');
    return deleted;
  }

  /** Sets (true/false) or toggles (undefined) the person's reaction to a published comment. */
  async react(input: {
    user: User;
    id: string;
    on?: boolean | undefined;
  }): Promise<{ comment: Comment; reacted: boolean }> {
    if (isBanned(input.user)) {
      throw new AppError('account_banned', 'Your account may not react to comments.');
    }
    const comment = await this.publicComment(input.id);
    if (comment.status !== 'published') {
      throw new AppError('comment_deleted', 'A deleted comment cannot be reacted to.');
    }
    const result = await this.store.comments.react({
      commentId: comment.id,
      userId: input.user.id,
      on: input.on,
      at: this.now().toISOString(),
    });
    if (result.changed) this.announce(result.comment, 'reacted');
    return { comment: result.comment, reacted: result.reacted };
  }

  /** A public comment (published, or the placeholder of a deleted one). */
  async publicComment(id: string): Promise<Comment> {
    const comment = await this.store.comments.byId(id);
    if (!comment || (comment.status !== 'published' && !isPlaceholder(comment))) {
      throw notFound('That comment');
    }
    return comment;
  }

  /** A published comment's versions, oldest first; readers see them behind "edited". */
  async history(id: string): Promise<CommentHistory> {
    const comment = await this.publicComment(id);
    if (comment.status !== 'published') throw notFound('That comment');
    const earlier: CommentRevision[] = await this.store.comments.revisions(id);
    return {
      comment,
      versions: [
        ...earlier.map((v) => ({ ...v })),
        {
          body: comment.body,
          html: comment.html,
          writtenAt: comment.editedAt ?? comment.createdAt,
          replacedAt: null,
        },
      ],
    };
  }

  /** The comment a signed-in person may edit or delete: their own, still there. */
  async ownComment(user: User, id: string, verb: 'edit' | 'delete'): Promise<Comment> {
    const comment = await this.store.comments.byId(id);
    if (!comment || comment.status === 'deleted' || comment.status === 'rejected') {
      throw notFound('That comment');
    }
    if (comment.author.id !== user.id) {
      // Someone else's pending comment does not exist as far as this person can tell.
      if (comment.status !== 'published') throw notFound('That comment');
      throw new AppError('not_your_comment', `You can only ${verb} your own comments.`);
    }
    return comment;
  }

  /** The published comment of this article a reader chose to answer, if there is one. */
  async replyTarget(articleId: string, commentId: string): Promise<Comment | null> {
    const comment = await this.store.comments.byId(commentId);
    return comment && comment.articleId === articleId && comment.status === 'published'
      ? comment
      : null;
  }

  /** The published article a comment belongs to (for links back to it). */
  async articleOf(comment: Comment): Promise<Article> {
    return this.publishedArticle(comment.articleId);
  }

  // Settings -------------------------------------------------------------------------------

  /** Whether the article takes comments now, and how. */
  async policy(article: Pick<Article, 'id' | 'publishedAt'>): Promise<CommentPolicy> {
    const override = await this.store.comments.articleSettings(article.id);
    return this.policyWith(article, override ?? { mode: null, autoCloseHours: null });
  }

  /** The policy from the article's own settings (already read) and the site's. */
  private async policyWith(
    article: { publishedAt: string | null },
    override: CommentOverride,
  ): Promise<CommentPolicy> {
    const site = await this.store.settings.getMany([
      commentSettingKeys.mode,
      commentSettingKeys.autoCloseHours,
    ]);
    return commentPolicy(
      parseSiteDefaults(
        site[commentSettingKeys.mode] ?? null,
        site[commentSettingKeys.autoCloseHours] ?? null,
      ),
      override,
      article.publishedAt,
      this.now(),
    );
  }

  /** An article's own comment settings (null fields follow the site default). */
  async articleSettings(articleId: string): Promise<CommentOverride> {
    const settings = await this.store.comments.articleSettings(articleId);
    if (!settings) throw notFound('That article');
    return settings;
  }

  /** For the newsroom: override (or, with nulls, follow) the site's comment settings. */
  async setArticleSettings(articleId: string, settings: CommentOverride): Promise<void> {
    if (settings.autoCloseHours !== null) {
      if (!Number.isInteger(settings.autoCloseHours) || settings.autoCloseHours < 0) {
        throw new AppError(
          'invalid_hours',
          'Auto-close hours must be a whole number of hours, 0 for never.',
          { field: 'autoCloseHours' },
        );
      }
    }
    await this.articleSettings(articleId);
    await this.store.comments.setArticleSettings(articleId, settings);
    this.changes.publish({ kind: 'article', articleId });
  }

  async editWindowMinutes(): Promise<number> {
    return parseEditWindowMinutes(
      await this.store.settings.get(commentSettingKeys.editWindowMinutes),
    );
  }

  // Reading --------------------------------------------------------------------------------

  /** One page of an article's public threads (the article by id or slug; published only). */
  async threadsOf(
    articleIdOrSlug: string,
    sort: CommentSort,
    cursor: string | undefined,
    limit = defaultCommentPageSize,
  ): Promise<ThreadPage & { article: Article }> {
    const article = await this.publishedArticle(articleIdOrSlug);
    return { article, ...(await this.threads(article.id, sort, cursor, limit)) };
  }

  /** One page of threads of an article already known to be published. */
  async threads(
    articleId: string,
    sort: CommentSort,
    cursor: string | undefined,
    limit = defaultCommentPageSize,
  ): Promise<ThreadPage> {
    const after = cursor === undefined ? null : decodeCommentCursor(cursor, sort);
    if (cursor !== undefined && after === null) throw badCursor();
    // Before the page: whatever commits after this number reaches the page's live stream.
    const liveSince = after === null ? await this.store.comments.liveSeq(articleId) : null;
    const rows = await this.store.comments.topLevelPage({
      articleId,
      sort,
      limit: limit + 1,
      after,
    });
    const page = await this.withReplies(rows, limit, sort);
    if (after !== null) return page;
    return {
      ...page,
      featured: await this.moderation.featured(articleId),
      ...(liveSince !== null ? { liveSince } : {}),
    };
  }

  /** The comments part of an article page, for one view of it. */
  async pageFor(article: Article, view: CommentView): Promise<CommentsPage> {
    const policy = await this.policy(article);
    if (view.kind === 'page') {
      const page = await this.threads(article.id, view.sort, view.cursor);
      return { ...page, view, sort: view.sort, policy, focus: null };
    }
    if (view.kind === 'thread') {
      const page = await this.threadReplies(article.id, view.rootId, view.cursor);
      return { ...page, view, sort: 'oldest', policy, focus: null };
    }
    return { ...(await this.around(article.id, view.commentId)), view, sort: 'oldest', policy };
  }

  /** A thread's replies after a cursor, under its top-level comment. */
  async threadReplies(
    articleId: string,
    rootId: string,
    cursor: string,
  ): Promise<ThreadPage & { moreReplies: string | null }> {
    const after = decodeCommentCursor(cursor, 'replies');
    if (!after) throw badCursor();
    const root = await this.publicComment(rootId);
    if (root.articleId !== articleId || root.parentId !== null) throw notFound('That thread');
    const rows = await this.store.comments.repliesPage({
      rootId,
      after,
      limit: repliesPerThreadPage + 1,
    });
    const threads = await this.assemble([root], [], repliesPerThreadPage, rows);
    return {
      threads,
      featured: [],
      nextCursor: null,
      moreReplies: threads[0]?.moreReplies ?? null,
    };
  }

  /** The page a permalink opens: threads from the comment's own, with the comment in view. */
  private async around(
    articleId: string,
    commentId: string,
  ): Promise<ThreadPage & { focus: string }> {
    const target = await this.publicComment(commentId);
    if (target.articleId !== articleId) throw notFound('That comment');
    const root = target.parentId === null ? target : await this.publicComment(target.rootId);
    const limit = defaultCommentPageSize;
    const tops = await this.store.comments.topLevelPage({
      articleId,
      sort: 'oldest',
      limit: limit + 1,
      from: root,
    });
    const page = await this.withReplies(tops, limit, 'oldest');
    const first = page.threads[0];
    const shown = (nodes: CommentNode[]): boolean =>
      nodes.some((n) => n.comment.id === target.id || shown(n.replies));
    if (!first || first.comment.id !== root.id || shown([first])) {
      return { ...page, focus: target.id };
    }
    // Far down a long thread: its ancestors for context, then the replies from it on.
    const [ancestors, window] = await Promise.all([
      this.store.comments.ancestors(target.id),
      this.store.comments.repliesPage({
        rootId: root.id,
        after: { t: target.createdAt, id: target.id },
        inclusive: true,
        limit: repliesPerThread + 1,
      }),
    ]);
    const context = ancestors.filter(
      (a) => a.id !== root.id && (a.status === 'published' || isPlaceholder(a)),
    );
    const [thread] = await this.assemble([root], context, repliesPerThread, window);
    if (thread) page.threads[0] = thread;
    return { ...page, focus: target.id };
  }

  /** Top-level rows (one more than the limit) with the first replies of each thread. */
  private async withReplies(
    rows: Comment[],
    limit: number,
    sort: CommentSort,
  ): Promise<ThreadPage> {
    const topLevel = rows.slice(0, limit);
    const replies = await Promise.all(
      topLevel.map((c) =>
        this.store.comments.repliesPage({ rootId: c.id, limit: repliesPerThread + 1 }),
      ),
    );
    const threads = await this.assemble(topLevel, [], repliesPerThread, ...replies);
    const last = topLevel[topLevel.length - 1];
    return {
      threads,
      featured: [],
      nextCursor: rows.length > limit && last ? encodeCommentCursor(cursorOf(last, sort)) : null,
    };
  }

  /**
   * Builds threads from top-level comments, context comments, and per-thread reply windows (each
   * one longer than shown, to know whether more follow).
   */
  private async assemble(
    topLevel: Comment[],
    context: Comment[],
    perWindow: number,
    ...windows: Comment[][]
  ): Promise<CommentNode[]> {
    const more = new Map<string, string>();
    const replies = [...context];
    for (const window of windows) {
      const shown = window.slice(0, perWindow);
      replies.push(...shown);
      const last = shown[shown.length - 1];
      if (window.length > perWindow && last) {
        more.set(
          last.rootId,
          encodeCommentCursor({ sort: 'replies', t: last.createdAt, id: last.id }),
        );
      }
    }
    const present = new Set([...topLevel, ...replies].map((c) => c.id));
    const missing = [
      ...new Set(replies.map((c) => c.parentId).filter((id): id is string => !!id)),
    ].filter((id) => !present.has(id));
    const outside = new Map(
      (await this.store.comments.byIds(missing)).map((c) => [c.id, c] as const),
    );
    const threads = buildThreads(topLevel, replies, outside);
    for (const t of threads) t.moreReplies = more.get(t.comment.id) ?? null;
    return threads;
  }

  /** What the signed-in reader alone sees: their reactions and edit links. */
  async viewerState(user: User, threads: readonly CommentNode[]): Promise<CommentViewerState> {
    const comments = flattenThreads(threads);
    const now = this.now();
    const [reacted, windowMinutes] = await Promise.all([
      this.store.comments.reactedBy(
        user.id,
        comments.map((c) => c.id),
      ),
      this.editWindowMinutes(),
    ]);
    const editable = new Set(
      comments
        .filter(
          (c) =>
            c.author.id === user.id &&
            c.status !== 'deleted' &&
            withinEditWindow(c.createdAt, windowMinutes, now),
        )
        .map((c) => c.id),
    );
    return { userId: user.id, reacted, editable };
  }

  /** For the live stream: a published article (id or slug) and its latest change number. */
  async liveStart(articleIdOrSlug: string): Promise<{ articleId: string; seq: number }> {
    const article = await this.publishedArticle(articleIdOrSlug);
    return { articleId: article.id, seq: (await this.store.comments.liveSeq(article.id)) ?? 0 };
  }

  /**
   * The article's comments changed after change `afterSeq`, each once in its current state, in
   * change order. Any status: the live stream sends only what is public (see http/live.ts).
   */
  changesSince(articleId: string, afterSeq: number, limit: number): Promise<CommentChange[]> {
    return this.store.comments.changesSince(articleId, afterSeq, limit);
  }

  private announce(
    comment: Comment,
    action: 'created' | 'edited' | 'deleted' | 'reacted' | 'moderated',
  ) {
    this.changes.publish({
      kind: 'comment',
      articleId: comment.articleId,
      commentId: comment.id,
      action,
    });
  }

  private async publishedArticle(idOrSlug: string): Promise<Article> {
    const article =
      (await this.store.reader.getById(idOrSlug)) ?? (await this.store.reader.getBySlug(idOrSlug));
    if (!article || article.status !== 'published') throw notFound('That article');
    return article;
  }
}

function checkBody(body: string): void {
  if (body.trim() === '') {
    throw new AppError('body_required', 'Write something before posting your comment.', {
      field: 'body',
    });
  }
  const length = commentLength(body);
  if (length > maxCommentLength) {
    throw tooLong(
      'body',
      `A comment can be at most ${maxCommentLength.toLocaleString('en-GB')} characters; ` +
        `this one has ${length.toLocaleString('en-GB')}. Please shorten it.`,
    );
  }
}

function badCursor(): AppError {
  return new AppError(
    'invalid_cursor',
    'The cursor is not valid; start again from the first page.',
    {
      field: 'cursor',
    },
  );
}

function cursorOf(c: Comment, sort: CommentSort): CommentCursor {
  return sort === 'reactions'
    ? { sort, t: c.createdAt, id: c.id, r: c.reactionCount }
    : { sort, t: c.createdAt, id: c.id };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** A page of threads as one list, each comment followed by its replies (depth first). */
export function flattenThreads(threads: readonly CommentNode[]): Comment[] {
  const out: Comment[] = [];
  const walk = (nodes: readonly CommentNode[]) => {
    for (const n of nodes) {
      out.push(n.comment);
      walk(n.replies);
    }
  };
  walk(threads);
  return out;
}
