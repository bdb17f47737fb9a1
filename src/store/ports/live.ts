/**
 * Live coverage (issue 22): whether an article is live, and its updates. Every write to an
 * update takes the coverage's next change number in the same transaction, so `changesSince`
 * hands a live stream exactly what it has not sent.
 */
import type { TimeCursor } from '../../domain/cursor.js';
import type {
  LiveCoverage,
  LiveOrder,
  LivePresence,
  LiveUpdate,
  LiveUpdateRevision,
} from '../../domain/live.js';

export interface NewLiveUpdate {
  id: string;
  articleId: string;
  at: string;
  postedBy: string;
  /** In byline order; the poster when none are chosen. */
  authorIds: string[];
  title: string | null;
  body: string;
  keyEvent: boolean;
  closing: boolean;
}

export interface LiveUpdateEdit {
  title: string | null;
  body: string;
  at: string;
  by: string;
  revisionId: string;
}

export interface LiveFlags {
  keyEvent?: boolean;
  pinned?: boolean;
  closing?: boolean;
}

export interface LivePageQuery {
  order: LiveOrder;
  /** After this update (in `order`). */
  after?: TimeCursor | undefined;
  limit: number;
  /** The newsroom's list shows removed updates too. */
  withRemoved?: boolean;
}

/** A posting screen saying it is open (and whether its person is writing); times in ms. */
export interface PresenceBeat {
  articleId: string;
  userId: string;
  now: number;
  /** The lease: gone after this unless renewed. */
  seenUntil: number;
  /** Writing until then; null when not writing. */
  writingUntil: number | null;
}

export interface LiveStore {
  coverage(articleId: string): Promise<LiveCoverage | null>;
  /** Of these articles, the ones whose coverage runs now (the listings' LIVE label). */
  running(articleIds: readonly string[]): Promise<Set<string>>;
  /** Of these articles, the ones that have (or had) live coverage, running or ended. */
  covered(articleIds: readonly string[]): Promise<Set<string>>;
  /** The articles whose coverage runs now, the most recently started first. */
  runningArticles(limit: number): Promise<string[]>;
  /** Null when the article is live already. */
  start(articleId: string, at: string): Promise<LiveCoverage | null>;
  /** Null when it was not running. */
  end(articleId: string, at: string): Promise<LiveCoverage | null>;
  /** Null when it was not ended. */
  reopen(articleId: string): Promise<LiveCoverage | null>;
  /** Null when the article's coverage is not running (ended meanwhile, or never live). */
  post(update: NewLiveUpdate): Promise<LiveUpdate | null>;
  /** Keeps the replaced title and body as a revision; null when there is no such update. */
  edit(id: string, edit: LiveUpdateEdit): Promise<LiveUpdate | null>;
  /** Pinning one unpins the coverage's other update (one pinned at a time). */
  mark(id: string, flags: LiveFlags): Promise<LiveUpdate | null>;
  /** Null when there is no such update or it is removed already. */
  remove(id: string, note: string, at: string): Promise<LiveUpdate | null>;
  byId(id: string): Promise<LiveUpdate | null>;
  page(articleId: string, query: LivePageQuery): Promise<LiveUpdate[]>;
  /** The shown key events, oldest first. */
  keyEvents(articleId: string): Promise<LiveUpdate[]>;
  /** The shown pinned update, if any. */
  pinned(articleId: string): Promise<LiveUpdate | null>;
  /** Shown updates, the number of them. */
  count(articleId: string): Promise<number>;
  /** Updates written after change `afterSeq`, in change order (removed ones included). */
  changesSince(articleId: string, afterSeq: number, limit: number): Promise<LiveUpdate[]>;
  revisions(updateId: string): Promise<LiveUpdateRevision[]>;
  /** Renews (or starts) this person's presence on the article's posting screen. */
  present(beat: PresenceBeat): Promise<void>;
  /** This person left the posting screen. */
  leave(articleId: string, userId: string): Promise<void>;
  /** Who is on the posting screen at `now`, the earliest arrival first. */
  presence(articleId: string, now: number): Promise<LivePresence[]>;
}
