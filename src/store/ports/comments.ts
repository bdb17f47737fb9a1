/**
 * What comment threads read and write: comments, their versions, reactions and settings.
 * Used by services/comments, moderation, notifications, personal-data, demo, imports.
 */
import type {
  Comment,
  CommentChange,
  CommentRevision,
  CommentSort,
  CommentStatus,
} from '../../domain/comment.js';
import type { CommentCursor } from '../../domain/comment-cursor.js';
import type { CommentOverride } from '../../domain/comment-settings.js';
import type { TimeCursor } from '../../domain/cursor.js';
import type { Reason } from '../../domain/moderation/types.js';

export interface CommentTarget {
  id: string;
  status: string;
  publishedAt: string | null;
  settings: CommentOverride;
}

export interface NewComment {
  articleId: string;
  parentId: string | null;
  /** Null for a guest (imported comments), who is known by `guestName` alone. */
  authorId: string | null;
  guestName?: string | null;
  /** A deleted comment kept as a placeholder for its replies (imports). */
  placeholder?: boolean;
  body: string;
  html: string;
  status: CommentStatus;
  createdAt: string;
  /** A retry with the same key from the same author returns the first comment. */
  idempotencyKey?: string;
  /** The writer's network address (for the per-address rate limit), kept with the comment. */
  clientAddress?: string | null;
  /** Why the moderation pipeline held it (recorded with it, in the same insert's transaction). */
  reasons?: readonly Reason[];
}

/**
 * What screening a new comment counts of stored comments (decisions/0046): read after the post's
 * keys are held, in its transaction (`CommentStore.postScreened`).
 */
export interface ScreeningReads {
  /** The author's newest comments (not deleted) since `since`, at most `limit`. */
  recent: { authorId: string; since: string; limit: number } | null;
  /** The times of the newest non-staff comments from an address since `since`, at most `limit`. */
  address: { address: string; since: string; limit: number } | null;
  /** The author whose record (approved and rejected comments) to count. */
  record: string | null;
}

/** What `ScreeningReads` found. */
export interface ScreeningData {
  recent: { articleId: string; body: string; createdAt: string }[];
  byAddress: string[];
  record: { approved: number; rejected: number };
}

/** A new comment posted in one transaction by `CommentStore.postScreened`. */
export interface ScreenedPost {
  /** Held (decisions/0046) before anything is read. */
  keys: readonly string[];
  /** The article's id or slug: its `commentTarget` is read with the keys held. */
  article: string;
  /** Settings read with it (as `SettingsStore.getMany`). */
  settingKeys: readonly string[];
  /**
   * What screening counted last time, read in the same round trip in the hope that it is what
   * `screen` asks for now (null: not known); if not, what it asks for is read next.
   */
  expected: ScreeningReads | null;
  /** The post screened with the article and settings: throws to refuse it (nothing is written). */
  screen(
    target: CommentTarget | null,
    settings: Record<string, string>,
  ): { reads: ScreeningReads; decide(data: ScreeningData): NewComment };
}

export interface CommentPageQuery {
  articleId: string;
  sort: CommentSort;
  limit: number;
  /** Items strictly after this one in the sort order (reactions, createdAt, id). */
  after?: TimeCursor | CommentCursor | null;
  /** Start at this comment (inclusive) instead: a permalink's page. */
  from?: Comment | null;
}

export interface ReplyPageQuery {
  rootId: string;
  limit: number;
  /** Replies strictly after this one (createdAt, id); with `inclusive`, from it. */
  after?: { t: string; id: string } | null;
  inclusive?: boolean;
}

export interface CommentStore {
  /**
   * Writes the comment (and, when published, adds one to the article's count) in one transaction.
   * With an idempotency key already used by this author, writes nothing and returns that comment.
   */
  create(input: NewComment): Promise<{ comment: Comment; created: boolean }>;
  /**
   * Where the database can (PostgreSQL), a new comment in one transaction of two round trips:
   * begin, hold the keys, read the article, the settings and what screening counts; then, once
   * the post is screened, write it as `create` does and commit (decisions/0094). Undefined
   * elsewhere and inside a transaction: the caller holds the keys, screens and creates in its
   * own transaction.
   */
  readonly postScreened?: (post: ScreenedPost) => Promise<{ comment: Comment; created: boolean }>;
  byId(id: string): Promise<Comment | null>;
  /** Whether a deleted comment is kept as the placeholder of its replies (else it is gone). */
  keptAsPlaceholder(id: string): Promise<boolean>;
  byIdempotencyKey(authorId: string, key: string): Promise<Comment | null>;
  /** Published top-level comments of an article, keyset-paged in the sort's order. */
  topLevelPage(query: CommentPageQuery): Promise<Comment[]>;
  /** Published replies (any depth) in these threads, oldest first. */
  publishedReplies(rootIds: readonly string[]): Promise<Comment[]>;
  /** The number of the article's latest comment change (null: no such article). */
  liveSeq(articleId: string): Promise<number | null>;
  /** The article's change number and its published comments, read together (null: no article). */
  liveState(articleId: string): Promise<{ seq: number; count: number } | null>;
  /**
   * What the first page of an article's comments starts from, in one statement: `liveState`,
   * the article's own comment settings and the site's stored comment defaults (by key; a key not
   * stored is absent). Null: no such article.
   */
  pageState(articleId: string): Promise<{
    seq: number;
    count: number;
    override: CommentOverride;
    site: Readonly<Record<string, string>>;
  } | null>;
  /**
   * The article's comments changed after change number `afterSeq`, each once in its current
   * state, in change order (any status: the caller decides what is public).
   */
  changesSince(articleId: string, afterSeq: number, limit: number): Promise<CommentChange[]>;
  /**
   * Public replies of one thread (published, and placeholders of deleted ones), oldest first,
   * keyset-paged.
   */
  repliesPage(query: ReplyPageQuery): Promise<Comment[]>;
  /**
   * The first `limit` public replies of each of these threads (as `repliesPage` from the start),
   * in one statement: by thread id, oldest first; every id given has an entry.
   */
  firstReplies(rootIds: readonly string[], limit: number): Promise<Map<string, Comment[]>>;
  /**
   * How many comments `topLevelPage` and `firstReplies` answered from those held as last read
   * (decision 0085) and how many they read in full; `forget` drops one held comment, or all of
   * them (benches measure a first read, or a read after one comment changed, with it).
   */
  held(): {
    hits: number;
    misses: number;
    size: number;
    /** Threads whose first replies were read as versions, not held unchanged (decision 0093). */
    threadsRead: number;
    forget(id?: string): void;
  };
  /** These comments, whatever their status (missing ones are left out). */
  byIds(ids: readonly string[]): Promise<Comment[]>;
  /** Whether the comment has ever been public (published), whatever it is now. */
  wasEverPublic(id: string): Promise<boolean>;
  /** The ancestors of a comment, top-level first, up to its parent. */
  ancestors(commentId: string): Promise<Comment[]>;

  /**
   * Replaces the text, keeping the version it replaces; sets editedAt. With `status` (moderation
   * held the edit), the status changes too and the article's count follows.
   */
  edit(input: {
    id: string;
    body: string;
    html: string;
    at: string;
    status?: CommentStatus;
  }): Promise<Comment>;
  /** Earlier versions of a comment, oldest first (the current one is the comment itself). */
  revisions(commentId: string): Promise<CommentRevision[]>;
  /**
   * Deletes the comment's text, versions and reactions. With replies it stays as a placeholder
   * (status deleted); without, it is gone from every read. A published one leaves the count.
   */
  delete(input: { id: string; at: string }): Promise<Comment>;
  /** Sets (true/false) or toggles (undefined) a person's reaction; the count follows atomically. */
  react(input: {
    commentId: string;
    userId: string;
    on?: boolean | undefined;
    at: string;
  }): Promise<{ comment: Comment; reacted: boolean; changed: boolean }>;
  /** Which of these comments the person reacted to. */
  reactedBy(userId: string, commentIds: readonly string[]): Promise<Set<string>>;
  /** Which of these comments the person has reported (dismissed reports count: they did). */
  reportedBy(userId: string, commentIds: readonly string[]): Promise<Set<string>>;

  /** An article's own comment settings (null fields: the site default). */
  articleSettings(articleId: string): Promise<CommentOverride | null>;
  /**
   * What posting a comment needs of an article, by id or slug, in one read: whether it is
   * published, when, and its own comment settings. Null if there is no such article.
   */
  commentTarget(idOrSlug: string): Promise<CommentTarget | null>;
  setArticleSettings(articleId: string, settings: CommentOverride): Promise<void>;
  /**
   * One reader's marks on an article's comments, in one statement: the comments they reacted to,
   * those they reported, and whether one of their own is awaiting review or was rejected.
   */
  viewerMarks(userId: string, articleId: string): Promise<ViewerMarks>;
}

export interface ViewerMarks {
  reacted: Set<string>;
  reported: Set<string>;
  /** One of their comments on the article is pending or rejected (`ownUnpublished` lists them). */
  unpublished: boolean;
}
