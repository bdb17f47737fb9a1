/**
 * Reading comments: pages of an article's public threads (by sort, from a permalink, one
 * thread's later replies), a comment's history, what only the signed-in reader sees, and where
 * the live stream starts.
 */
import type { Article } from '../domain/article.js';
import {
  decodeCommentCursor,
  encodeCommentCursor,
  type CommentCursor,
} from '../domain/comment-cursor.js';
import {
  awaitsEmailConfirmation,
  withinEditWindow,
  type CommentPolicy,
} from '../domain/comment-settings.js';
import {
  buildThreads,
  isPlaceholder,
  repliesPerThread,
  repliesPerThreadPage,
  type Comment,
  type CommentChange,
  type CommentNode,
  type CommentRevision,
  type CommentSort,
} from '../domain/comment.js';
import { firstInThreadOrder, printedCommentsCap } from '../domain/comment-print.js';
import type { User } from '../domain/user.js';
import { AppError, notFound } from '../errors.js';
import type { Store } from '../store/types.js';
import type { CommentSettingsService } from './comment-settings.js';
import type { ModerationService } from './moderation.js';

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
  /** First page only: the article's published comments, read with `liveSince`. */
  commentCount?: number;
}

/** Which part of an article's comments a page shows. */
export type CommentView =
  | { kind: 'page'; sort: CommentSort; cursor?: string | undefined }
  /**
   * A permalink (and where a commenter lands after posting): the whole first page with the comment
   * in view when it is there, else the page that starts with the comment's thread.
   */
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
  /** Comments on the page they have reported: "Reported" stands where "Report" was. */
  reported: Set<string>;
  /**
   * Their address is not confirmed and the site refuses or holds their comments until it is: the
   * page says so before they type.
   */
  confirmEmail: { rule: 'refuse' | 'hold'; email: string } | null;
}

export interface CommentHistory {
  comment: Comment;
  /** Every version, oldest first; the last is the current text. */
  versions: { html: string; body: string; writtenAt: string; replacedAt: string | null }[];
}

export const defaultCommentPageSize = 20;

export interface CommentThreadDeps {
  store: Pick<Store, 'comments' | 'reader'>;
  /** Featured comments head a thread's first page. */
  moderation: Pick<ModerationService, 'featured'>;
  /** The article's policy goes with its comments; the edit window says what may be edited. */
  settings: Pick<
    CommentSettingsService,
    'policy' | 'policyFromSite' | 'editWindowMinutes' | 'unconfirmedEmail'
  >;
  now?: () => Date;
}

export class CommentThreadService {
  private readonly store: CommentThreadDeps['store'];
  private readonly moderation: CommentThreadDeps['moderation'];
  private readonly settings: CommentThreadDeps['settings'];
  private readonly now: () => Date;

  constructor(deps: CommentThreadDeps) {
    this.store = deps.store;
    this.moderation = deps.moderation;
    this.settings = deps.settings;
    this.now = deps.now ?? (() => new Date());
  }

  /** A public comment (published, or the placeholder of a deleted one). */
  async publicComment(id: string): Promise<Comment> {
    const comment = await this.store.comments.byId(id);
    if (!comment || (comment.status !== 'published' && !isPlaceholder(comment))) {
      throw notFound('That comment');
    }
    // Deleted without replies, it is gone (docs/comments.md): only a placeholder is still read.
    if (comment.status === 'deleted' && !(await this.store.comments.keptAsPlaceholder(id))) {
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
    /** The article's live state, read before this call (`pageState`). */
    read?: { seq: number; count: number } | null,
  ): Promise<ThreadPage> {
    const after = cursor === undefined ? null : decodeCommentCursor(cursor, sort);
    if (cursor !== undefined && after === null) throw badCursor();
    // Before the page: whatever commits after this number reaches the page's live stream.
    const live = after === null ? (read ?? (await this.store.comments.liveState(articleId))) : null;
    // The Featured strip (first page only) is read beside the page, not after it.
    const [page, featured] = await Promise.all([
      this.store.comments
        .topLevelPage({ articleId, sort, limit: limit + 1, after })
        .then((rows) => this.withReplies(rows, limit, sort)),
      after === null ? this.moderation.featured(articleId) : null,
    ]);
    if (featured === null) return page;
    return {
      ...page,
      featured,
      ...(live !== null ? { liveSince: live.seq, commentCount: live.count } : {}),
    };
  }

  /** The comments part of an article page, for one view of it. */
  async pageFor(article: Article, view: CommentView): Promise<CommentsPage> {
    const state =
      view.kind === 'page' && view.cursor === undefined
        ? // The live number, the count and the policy's settings in one statement, before the page.
          await this.store.comments.pageState(article.id)
        : null;
    if (view.kind === 'page' && state) {
      const policy = this.settings.policyFromSite(article, state.override, state.site);
      const page = await this.threads(article.id, view.sort, undefined, undefined, state);
      return { ...page, view, sort: view.sort, policy, focus: null };
    }
    if (view.kind === 'page') {
      // Independent reads side by side: on PostgreSQL each waits for its own round trip.
      const [policy, page] = await Promise.all([
        this.settings.policy(article),
        this.threads(article.id, view.sort, view.cursor),
      ]);
      return { ...page, view, sort: view.sort, policy, focus: null };
    }
    const policy = await this.settings.policy(article);
    if (view.kind === 'thread') {
      const page = await this.threadReplies(article.id, view.rootId, view.cursor);
      return { ...page, view, sort: 'oldest', policy, focus: null };
    }
    const target = await this.publicComment(view.commentId);
    if (target.articleId !== article.id) throw notFound('That comment');
    // The whole discussion, at the comment, when the first page of a sort shows it: oldest first
    // (a small discussion), else newest first (a new comment in a long one).
    for (const sort of ['oldest', 'newest'] as const) {
      if (sort === 'newest' && target.parentId !== null) break;
      const page = await this.threads(article.id, sort, undefined);
      if (shows(page.threads, target.id)) {
        return { ...page, view: { kind: 'page', sort }, sort, policy, focus: target.id };
      }
    }
    return { ...(await this.around(article.id, view.commentId)), view, sort: 'oldest', policy };
  }

  /**
   * The discussion for a print-out: every published comment in thread order (oldest threads
   * first, each with all its replies), cut after `printedCommentsCap`; `total` is how many there are.
   */
  async forPrint(article: Article): Promise<{ page: CommentsPage; shown: number; total: number }> {
    const policy = await this.settings.policy(article);
    const tops = await this.store.comments.topLevelPage({
      articleId: article.id,
      sort: 'oldest',
      limit: printedCommentsCap,
    });
    const replies = await this.store.comments.publishedReplies(tops.map((c) => c.id));
    const all = await this.assemble(tops, [], Number.MAX_SAFE_INTEGER, replies);
    const { threads, shown } = firstInThreadOrder(all, printedCommentsCap);
    const page: CommentsPage = {
      threads,
      featured: [],
      nextCursor: null,
      view: { kind: 'page', sort: 'oldest' },
      sort: 'oldest',
      policy,
      focus: null,
    };
    return { page, shown, total: Math.max(article.commentCount, shown) };
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
    if (!first || first.comment.id !== root.id || shows([first], target.id)) {
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
    // Every thread's first replies in one statement (one more each, to know if more follow).
    const byRoot = await this.store.comments.firstReplies(
      topLevel.map((c) => c.id),
      repliesPerThread + 1,
    );
    const replies = topLevel.map((c) => byRoot.get(c.id) ?? []);
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
    const ids = comments.map((c) => c.id);
    const [reacted, reported, windowMinutes, unconfirmed] = await Promise.all([
      this.store.comments.reactedBy(user.id, ids),
      this.store.comments.reportedBy(user.id, ids),
      this.settings.editWindowMinutes(),
      awaitsEmailConfirmation(user) ? this.settings.unconfirmedEmail() : null,
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
    const confirmEmail =
      unconfirmed === 'refuse' || unconfirmed === 'hold'
        ? { rule: unconfirmed, email: user.email }
        : null;
    return { userId: user.id, reacted, reported, editable, confirmEmail };
  }

  /**
   * What the signed-in reader alone sees on an article's page, from one statement (their
   * reactions, reports, and whether they have comments awaiting review or rejected; the edit
   * window is read only when they have comments among those shown).
   */
  async viewerStateOn(
    user: User,
    articleId: string,
    threads: readonly CommentNode[],
  ): Promise<{ state: CommentViewerState; unpublished: boolean }> {
    const comments = flattenThreads(threads);
    const own = comments.filter((c) => c.author.id === user.id && c.status !== 'deleted');
    const [marks, windowMinutes, unconfirmed] = await Promise.all([
      this.store.comments.viewerMarks(user.id, articleId),
      own.length ? this.settings.editWindowMinutes() : 0,
      awaitsEmailConfirmation(user) ? this.settings.unconfirmedEmail() : null,
    ]);
    const now = this.now();
    const editable = new Set(
      own.filter((c) => withinEditWindow(c.createdAt, windowMinutes, now)).map((c) => c.id),
    );
    const confirmEmail =
      unconfirmed === 'refuse' || unconfirmed === 'hold'
        ? { rule: unconfirmed, email: user.email }
        : null;
    return {
      state: {
        userId: user.id,
        reacted: marks.reacted,
        reported: marks.reported,
        editable,
        confirmEmail,
      },
      unpublished: marks.unpublished,
    };
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

  /** A published article by id or slug; any other is not found. */
  async publishedArticle(idOrSlug: string): Promise<Article> {
    const article =
      (await this.store.reader.getById(idOrSlug)) ?? (await this.store.reader.getBySlug(idOrSlug));
    if (!article || article.status !== 'published') throw notFound('That article');
    return article;
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

/** Whether the comment is among these threads as shown (not behind "More replies"). */
function shows(nodes: readonly CommentNode[], id: string): boolean {
  return nodes.some((n) => n.comment.id === id || shows(n.replies, id));
}
