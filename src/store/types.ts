/**
 * The store interface the services talk to. One implementation (Kysely) serves both databases;
 * what differs between them lives in sqlite/ and postgres/.
 */
import type {
  Article,
  ArticleStatus,
  ArticleSummary,
  CorrectionKind,
  CorrectionPriority,
  SectionRef,
  TagRef,
} from '../domain/article.js';
import type { Comment, CommentSort, CommentStatus } from '../domain/comment.js';
import type { SearchTerms } from '../domain/search.js';
import type { CommentCursor } from '../domain/comment-cursor.js';
import type { CommentOverride } from '../domain/comment-settings.js';
import type { TimeCursor } from '../domain/cursor.js';
import type { Reason, ReasonCode } from '../domain/moderation/types.js';
import type { ReportReason } from '../domain/moderation/reports.js';
import type { Image } from '../domain/image.js';
import type { Role, User } from '../domain/user.js';
import type { ColumnSpec } from '../domain/export-format.js';
import type { DatabaseInfo } from './database-info.js';

export interface Section extends SectionRef {
  description: string;
  position: number;
}

export interface NewArticle {
  slug: string;
  sectionSlug: string;
  headline: string;
  standfirst: string;
  body: string;
  dateline: string;
  authorIds: string[];
  tags: { slug: string; name: string }[];
  relatedIds?: string[];
  status: ArticleStatus;
  publishedAt: string | null;
  createdAt: string;
  /** Who created it; recorded on revision 1 too. */
  createdBy?: string | null;
}

/** What one save of the editor sets: the whole editable text and its lists. */
export interface ArticleContent {
  slug: string;
  sectionSlug: string;
  headline: string;
  standfirst: string;
  body: string;
  dateline: string;
  authorIds: string[];
  tags: TagRef[];
  relatedIds: string[];
}

export interface SaveArticle {
  id: string;
  /** The version the save was made from; another save since makes this one stale. */
  baseVersion: number;
  content: ArticleContent;
  savedAt: string;
  savedBy: string;
  /** An editor-marked substantive update: sets the public "Updated" time and its note. */
  substantive?: { note: string } | null;
  /** A short note for the revision list ("restored version 3"). */
  note?: string;
}

export type SaveResult =
  | { ok: true; article: Article }
  | { ok: false; reason: 'stale'; current: Article }
  | { ok: false; reason: 'missing' };

export interface RevisionSummary {
  version: number;
  savedAt: string;
  savedBy: { id: string; name: string } | null;
  substantive: boolean;
  note: string;
  headline: string;
}

export interface ArticleRevision extends RevisionSummary {
  articleId: string;
  content: ArticleContent;
}

export interface NewsroomListQuery {
  status?: ArticleStatus;
  section?: string;
  /** Author's user id. */
  authorId?: string;
  /** Words in the headline. */
  text?: string;
  /** Only articles this person created or is an author of. */
  ownerId?: string;
  limit: number;
  offset: number;
}

export interface NewsroomItem extends ArticleSummary {
  version: number;
  modifiedAt: string;
  publishAt: string | null;
}

export interface ArticleListQuery {
  section?: string;
  tag?: string;
  author?: string;
  limit: number;
  /** Items strictly after this (publishedAt desc, id desc). */
  after?: TimeCursor | null;
}

export interface SearchHit {
  article: ArticleSummary;
  /** The headline, its matching words between markStart and markEnd (domain/search.ts). */
  headline: string;
  /** The standfirst, marked the same way. */
  standfirst: string;
  /** A passage of the body's Markdown around the matches, marked the same way (maybe none). */
  snippet: string;
}

export interface SearchResults {
  /** How many published articles match in all. */
  total: number;
  /** Best first. */
  hits: SearchHit[];
}

/** A published article as a sitemap lists it. */
export interface SitemapEntry {
  slug: string;
  sectionSlug: string;
  publishedAt: string;
  /** The latest of publication, public update and newest standing correction. */
  lastmod: string;
}

/** One file's worth of sitemap entries: its number (from 0), newest change and size. */
export interface SitemapChunk {
  index: number;
  lastmod: string;
  count: number;
}

/** A correction (not retracted) of a published article, with the article it corrects. */
export interface PublishedCorrection {
  id: string;
  kind: CorrectionKind;
  text: string;
  createdAt: string;
  article: ArticleSummary;
}

export interface ArticleStore {
  /** Published articles, newest first, keyset-paged. */
  listPublished(query: ArticleListQuery): Promise<ArticleSummary[]>;
  /**
   * The newest `limit` published articles of each of these sections, in one round trip (the
   * front page): grouped by section in the order given, newest first within each.
   */
  latestInSections(sections: readonly string[], limit: number): Promise<ArticleSummary[]>;
  countPublished(): Promise<number>;
  getById(id: string): Promise<Article | null>;
  getBySlug(slug: string): Promise<Article | null>;
  /** Summaries of published articles with these slugs, in no particular order. */
  publishedBySlugs(slugs: readonly string[]): Promise<ArticleSummary[]>;
  publishedByIds(ids: readonly string[]): Promise<ArticleSummary[]>;
  /** Published articles sharing tags (then the section) with this one, best first. */
  topical(article: Article, limit: number): Promise<ArticleSummary[]>;
  create(input: NewArticle): Promise<Article>;
  setRelated(articleId: string, relatedIds: readonly string[]): Promise<void>;
  addCorrection(input: {
    articleId: string;
    kind: CorrectionKind;
    text: string;
    createdAt: string;
    priority?: CorrectionPriority;
  }): Promise<string>;
  /** Retracts a correction of this article that is not retracted yet; false otherwise. */
  retractCorrection(input: {
    articleId: string;
    correctionId: string;
    at: string;
    note: string;
  }): Promise<boolean>;
  /** The public "Updated" time and its note: only for an editor-marked substantive update. */
  markUpdated(articleId: string, at: string, note: string | null): Promise<void>;
  /** Published articles matching the terms (English stemming), best first. */
  search(query: { terms: SearchTerms; limit: number; offset: number }): Promise<SearchResults>;

  /**
   * One save: applies only if the article is still at `baseVersion` (a conditional update, so
   * two saves from the same version cannot both win), bumps the version, keeps the revision and,
   * when the slug changes, keeps the old slug as a redirect.
   */
  save(input: SaveArticle): Promise<SaveResult>;
  /** Moves the article to `to` only if its status is one of `from`; false if it was not. */
  transition(input: {
    id: string;
    from: readonly ArticleStatus[];
    to: ArticleStatus;
    /** Set on first publication; an existing one is kept (the URL stays the same). */
    publishedAt?: string;
    publishAt?: string | null;
    /** Sent back to draft with a note to the author; null clears it (left as is when absent). */
    returned?: { note: string; at: string; by: string } | null;
  }): Promise<boolean>;
  /**
   * Publishes every scheduled article whose time has come, in one conditional UPDATE: when
   * several processes run it at once, each article is published by exactly one of them, and
   * that one gets its id back.
   */
  publishDue(now: string): Promise<string[]>;
  revisions(articleId: string): Promise<RevisionSummary[]>;
  revision(articleId: string, version: number): Promise<ArticleRevision | null>;
  /** The article that used to have this slug, if any. */
  byOldSlug(slug: string): Promise<Article | null>;
  /** A tag by its slug. */
  tagBySlug(slug: string): Promise<TagRef | null>;
  /** Whether a slug is taken by another article, now or as a redirect. */
  slugTaken(slug: string, exceptArticleId?: string): Promise<boolean>;
  /** The newsroom's list: any status, most recently saved first. */
  listNewsroom(query: NewsroomListQuery): Promise<NewsroomItem[]>;
  /** Published articles in sitemap files of `size`, oldest first: each file's summary. */
  sitemapChunks(size: number): Promise<SitemapChunk[]>;
  /** Slugs of everyone with a byline on a published article, with their newest change. */
  sitemapAuthors(): Promise<{ slug: string; lastmod: string }[]>;
  /** The articles of one sitemap file (`chunk` from 0), oldest first. */
  sitemapEntries(size: number, chunk: number): Promise<SitemapEntry[]>;
  /** Corrections of published articles, newest first, keyset-paged (createdAt, id). */
  recentCorrections(query: {
    limit: number;
    after?: TimeCursor | null;
  }): Promise<PublishedCorrection[]>;
}

export interface NewUser {
  email: string;
  name: string;
  slug: string;
  role: Role;
  passwordHash: string | null;
  bio?: string;
  photoUrl?: string;
  createdAt: string;
  emailVerifiedAt?: string | null;
}

export interface UserStore {
  create(input: NewUser): Promise<User>;
  byId(id: string): Promise<User | null>;
  byEmail(email: string): Promise<User | null>;
  bySlug(slug: string): Promise<User | null>;
  passwordHash(id: string): Promise<string | null>;
  setPasswordHash(id: string, hash: string): Promise<void>;
  countWithRole(role: Role): Promise<number>;
  slugTaken(slug: string): Promise<boolean>;
  setRole(id: string, role: Role): Promise<void>;
  /** What an author page shows about the person: the bio and the photo's address. */
  setProfile(id: string, profile: { bio: string; photoUrl: string }): Promise<void>;
  setEmail(id: string, email: string, verifiedAt: string | null): Promise<void>;
  /** Whether the person wants an email when someone replies to their comments (default yes). */
  replyNotifications(id: string): Promise<boolean>;
  setReplyNotifications(id: string, on: boolean): Promise<void>;
  markEmailVerified(id: string, at: string): Promise<void>;
  setSanction(
    id: string,
    sanction: { suspendedUntil: string | null; bannedAt: string | null; reason: string },
  ): Promise<void>;
  /** People whose email or name contains `text` (case-insensitive), newest first. */
  search(query: { text?: string; role?: Role; limit: number; offset: number }): Promise<User[]>;
}

export interface ApiTokenInfo {
  id: string;
  label: string;
  userId: string;
  userName: string;
  userEmail: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface TokenStore {
  create(input: {
    userId: string;
    tokenHash: string;
    label: string;
    createdAt: string;
  }): Promise<string>;
  /** Every token (newest first) with its owner's name and email; never the token itself. */
  list(): Promise<ApiTokenInfo[]>;
  /** The token's owner, if the token exists and was not revoked; records its use. */
  userForHash(tokenHash: string, now: string): Promise<User | null>;
  revoke(id: string, now: string): Promise<void>;
}

export interface SectionStore {
  list(): Promise<Section[]>;
  get(slug: string): Promise<Section | null>;
  upsert(section: Section): Promise<void>;
}

export interface SettingStore {
  get(key: string): Promise<string | null>;
  /** The stored values of these keys (absent keys are left out). */
  getMany(keys: readonly string[]): Promise<Record<string, string>>;
  set(key: string, value: string): Promise<void>;
}

export interface SessionRecord {
  idHash: string;
  userId: string;
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
  lastSeenAt: string;
}

export interface SessionStore {
  create(record: SessionRecord): Promise<void>;
  /** The session, if it exists and has not expired. */
  find(idHash: string, now: string): Promise<SessionRecord | null>;
  touch(idHash: string, lastSeenAt: string, expiresAt: string): Promise<void>;
  delete(idHash: string): Promise<void>;
  /** Ends every session of a person (optionally but one); returns how many. */
  deleteForUser(userId: string, exceptIdHash?: string): Promise<number>;
  deleteExpired(now: string): Promise<number>;
}

export type TokenPurpose = 'verify_email' | 'reset_password' | 'change_email' | 'setup_admin';

export interface NewOneTimeToken {
  tokenHash: string;
  purpose: TokenPurpose;
  userId: string | null;
  newEmail: string | null;
  createdAt: string;
  expiresAt: string;
}

export type OneTimeToken = NewOneTimeToken;

export interface OneTimeTokenStore {
  create(token: NewOneTimeToken): Promise<void>;
  /** Uses the token up: returns it only if it exists, has this purpose, is unused and unexpired. */
  consume(tokenHash: string, purpose: TokenPurpose, now: string): Promise<OneTimeToken | null>;
  /** Uses up every open token of this purpose for this person (null: tokens without a person). */
  invalidate(purpose: TokenPurpose, userId: string | null, now: string): Promise<void>;
}

export interface OutboxMessage {
  id: string;
  to: string;
  subject: string;
  text: string;
  createdAt: string;
  sentAt: string | null;
  error: string | null;
}

export interface OutboxStore {
  add(message: { to: string; subject: string; text: string; createdAt: string }): Promise<string>;
  markSent(id: string, at: string): Promise<void>;
  markFailed(id: string, error: string): Promise<void>;
  /** Newest first; `before` is the id of the last message of the previous page. */
  list(limit: number, before?: string): Promise<OutboxMessage[]>;
}

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

export interface CommentRevision {
  body: string;
  html: string;
  /** When this version was written (posted, or saved by an edit). */
  writtenAt: string;
  /** When an edit replaced it. */
  replacedAt: string;
}

/** A comment as it is now, with the number of its latest change (see migration 0005). */
export interface CommentChange {
  seq: number;
  /** The number at which it first became public; null while it never was. */
  firstPublicSeq: number | null;
  /** The article's published comments now. */
  commentCount: number;
  comment: Comment;
}

export interface CommentStore {
  /**
   * Writes the comment (and, when published, adds one to the article's count) in one transaction.
   * With an idempotency key already used by this author, writes nothing and returns that comment.
   */
  create(input: NewComment): Promise<{ comment: Comment; created: boolean }>;
  byId(id: string): Promise<Comment | null>;
  byIdempotencyKey(authorId: string, key: string): Promise<Comment | null>;
  /** Published top-level comments of an article, keyset-paged in the sort's order. */
  topLevelPage(query: CommentPageQuery): Promise<Comment[]>;
  /** Published replies (any depth) in these threads, oldest first. */
  publishedReplies(rootIds: readonly string[]): Promise<Comment[]>;
  /** The number of the article's latest comment change (null: no such article). */
  liveSeq(articleId: string): Promise<number | null>;
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

  /** An article's own comment settings (null fields: the site default). */
  articleSettings(articleId: string): Promise<CommentOverride | null>;
  /**
   * What posting a comment needs of an article, by id or slug, in one read: whether it is
   * published, when, and its own comment settings. Null if there is no such article.
   */
  commentTarget(idOrSlug: string): Promise<CommentTarget | null>;
  setArticleSettings(articleId: string, settings: CommentOverride): Promise<void>;
}

/** A comment as moderators see it: with why it was held and whether it is featured. */
export interface ModeratedComment extends Comment {
  reasons: Reason[];
  featuredAt: string | null;
  /** Shown to its author when rejected; empty if the moderator gave none. */
  rejectionReason: string;
  openReports: number;
}

export const queueTabs = ['pending', 'reported', 'rejected', 'approved', 'all'] as const;
export type QueueTab = (typeof queueTabs)[number];

export interface QueueQuery {
  tab: QueueTab;
  articleId?: string;
  reason?: ReasonCode;
  limit: number;
  offset: number;
}

export interface CommentReport {
  id: string;
  commentId: string;
  reporter: { id: string; name: string };
  reason: ReportReason;
  text: string;
  createdAt: string;
  resolvedAt: string | null;
}

export const moderationActions = [
  'approve',
  'reject',
  'feature',
  'unfeature',
  'suspend',
  'ban',
  'settings',
] as const;
export type ModerationAction = (typeof moderationActions)[number];

export interface ModerationLogEntry {
  id: string;
  createdAt: string;
  actor: { id: string; name: string };
  action: ModerationAction;
  commentId: string | null;
  articleId: string | null;
  target: { id: string; name: string } | null;
  reason: string;
}

export interface ModerationLogQuery {
  actorId?: string;
  action?: ModerationAction;
  targetUserId?: string;
  commentId?: string;
  limit: number;
  offset: number;
}

export interface ModerationStore {
  /** The author's newest comments written since then (any status but deleted), at most `limit`. */
  recentByAuthor(
    authorId: string,
    since: string,
    limit: number,
  ): Promise<{ articleId: string; body: string; createdAt: string }[]>;
  /** Creation times of comments from this address since then, newest first, at most `limit`. */
  createdFromAddress(address: string, since: string, limit?: number): Promise<string[]>;
  /** How many of each person's comments are published (approved) and rejected. */
  records(
    authorIds: readonly string[],
  ): Promise<Map<string, { approved: number; rejected: number }>>;
  /** Replaces the comment's stored reasons; records the client address when given. */
  annotate(
    commentId: string,
    input: { reasons: readonly Reason[]; at: string; clientAddress?: string | null },
  ): Promise<void>;
  /**
   * Sets the status and keeps the article's published count right, in one transaction; answers
   * the status before, or null if there is no such comment.
   */
  setStatus(
    commentId: string,
    status: CommentStatus,
    rejectionReason?: string,
  ): Promise<CommentStatus | null>;
  setFeatured(commentId: string, at: string | null): Promise<void>;
  moderated(commentId: string): Promise<ModeratedComment | null>;
  queue(query: QueueQuery): Promise<ModeratedComment[]>;
  /** Published, featured comments of an article, most recently featured first. */
  featured(articleId: string, limit: number): Promise<Comment[]>;
  /** The author's own pending and rejected comments on an article, oldest first. */
  ownUnpublished(articleId: string, authorId: string): Promise<ModeratedComment[]>;
  /** One report per person per comment; answers whether it was new and the open report count. */
  addReport(input: {
    commentId: string;
    reporterId: string;
    reason: ReportReason;
    text: string;
    createdAt: string;
  }): Promise<{ created: boolean; openReports: number }>;
  reportsFor(commentIds: readonly string[]): Promise<CommentReport[]>;
  resolveReports(commentId: string, at: string): Promise<void>;
  /** Appends to the moderation log (there is no way to change or remove an entry). */
  logAction(entry: Omit<ModerationLogEntry, 'id'>): Promise<string>;
  /** The log, newest first. */
  log(query: ModerationLogQuery): Promise<ModerationLogEntry[]>;
}

export const importJobStatuses = ['running', 'done', 'failed'] as const;
export type ImportJobStatus = (typeof importJobStatuses)[number];

/** An import started from the admin page. */
export interface ImportJob {
  id: string;
  format: string;
  fileName: string;
  status: ImportJobStatus;
  bytesTotal: number;
  bytesDone: number;
  /** JSON of the report, once done. */
  report: string | null;
  error: string | null;
  createdBy: string | null;
  createdAt: string;
  finishedAt: string | null;
}

/** What imports made from what, the old addresses of imported articles, and import jobs. */
export interface ImportStore {
  /** Our id for the thing an earlier import made from (source, kind, id there). */
  localId(source: string, kind: string, sourceId: string): Promise<string | null>;
  /** The ids there of the things of this kind made into this one of ours. */
  sourceIds(source: string, kind: string, localId: string): Promise<string[]>;
  /** Like localId, from any source whose name starts with the prefix (the oldest first). */
  localIdAnySource(kind: string, sourceId: string, sourcePrefix: string): Promise<string | null>;
  remember(item: {
    source: string;
    kind: string;
    sourceId: string;
    localId: string;
    at: string;
  }): Promise<void>;
  /** Keeps an old address of the article; false if the address already leads somewhere. */
  addOldPath(path: string, articleId: string, at: string): Promise<boolean>;
  articleIdByOldPath(path: string): Promise<string | null>;
  createJob(job: {
    id: string;
    format: string;
    fileName: string;
    bytesTotal: number;
    createdBy: string | null;
    at: string;
  }): Promise<void>;
  jobProgress(id: string, bytesDone: number): Promise<void>;
  finishJob(
    id: string,
    outcome: { status: Exclude<ImportJobStatus, 'running'>; report?: string; error?: string },
    at: string,
  ): Promise<void>;
  job(id: string): Promise<ImportJob | null>;
  /** The newest first. */
  jobs(limit: number): Promise<ImportJob[]>;
  /** Marks jobs left running by a stopped process as failed; answers how many. */
  failRunningJobs(error: string, at: string): Promise<number>;
}

/** What people write about an image. */
export interface ImageDetails {
  alt: string;
  decorative: boolean;
  caption: string;
  credit: string;
}

export interface ImageStore {
  /** Records an upload whose files are already stored. */
  create(image: Image): Promise<void>;
  byId(id: string): Promise<Image | null>;
  /** These images (missing ones left out), in no particular order. */
  byIds(ids: readonly string[]): Promise<Image[]>;
  /** The newest uploads first. */
  recent(limit: number): Promise<Image[]>;
  /** The image after the change, or null if there is no such image. */
  updateDetails(id: string, details: ImageDetails): Promise<Image | null>;
  /** Sets (or, with null, removes) an article's main image; false if there is no such article. */
  setMainImage(articleId: string, imageId: string | null): Promise<boolean>;
  /** Ids of the articles showing this image: as their main image or placed in their body. */
  articlesUsing(imageId: string): Promise<string[]>;
}

/** Messages between the app processes that share this database (see store/postgres/channel.ts). */
export interface NotificationChannel {
  /** Settles once the channel listens (or its first attempt failed and it keeps retrying). */
  readonly ready: Promise<void>;
  /** Sends to every other process listening; never throws (failures are reported). */
  send(message: string): void;
  /** Messages from the other processes (never this one's own). */
  onMessage(listener: (message: string) => void): void;
  /** Called after the channel was down and is back: messages may have been missed meanwhile. */
  onReconnect(listener: () => void): void;
  close(): Promise<void>;
}

/** Everything stored about one person, as rows (see services/personal-data.ts for the file). */
export interface PersonalRecords {
  user: {
    id: string;
    email: string;
    name: string;
    slug: string;
    role: string;
    bio: string;
    photo_url: string;
    created_at: string;
    email_verified_at: string | null;
    suspended_until: string | null;
    banned_at: string | null;
    sanction_reason: string;
    notify_replies: number;
  };
  comments: {
    id: string;
    article_id: string;
    article_slug: string;
    article_headline: string;
    parent_id: string | null;
    status: string;
    body: string;
    created_at: string;
    edited_at: string | null;
    featured_at: string | null;
    rejection_reason: string;
    client_address: string | null;
  }[];
  /** Earlier versions of their edited comments. */
  versions: { comment_id: string; body: string; written_at: string; replaced_at: string }[];
  reactions: { comment_id: string; created_at: string }[];
  reports: {
    comment_id: string;
    reason: string;
    text: string;
    created_at: string;
    resolved_at: string | null;
  }[];
  tokens: {
    label: string;
    created_at: string;
    last_used_at: string | null;
    revoked_at: string | null;
  }[];
  /** Moderation actions about them (sanctions and lifts). */
  sanctions: { action: string; reason: string; created_at: string }[];
  /** Articles with their name in the byline. */
  bylines: { id: string; slug: string; headline: string }[];
}

export interface PersonalDataStore {
  collect(userId: string): Promise<PersonalRecords | null>;
  /** Their comments not deleted yet, replies before their parents. */
  liveCommentIds(userId: string): Promise<string[]>;
  /** How many articles carry their name in the byline. */
  bylineCount(userId: string): Promise<number>;
  /**
   * Empties the person's row (name, email and slug replaced, no password, no bio) and removes
   * their sessions, API tokens, one-time links, reactions and comments' network addresses;
   * answers the articles their comments are on.
   */
  anonymise(
    userId: string,
    replacement: { name: string; email: string; slug: string },
  ): Promise<string[]>;
}

/** A table as an export holds it (see store/backup.ts). */
export interface BackupTable {
  name: string;
  /** The primary key: rows follow in its order. */
  key: readonly string[];
  /** Another row order, where the key's would break a reference (comments: parents first). */
  order?: readonly string[];
  columns: readonly ColumnSpec[];
  /** Columns the database computes itself, left out of the file. */
  derived?: readonly string[];
  /** The table's triggers stay off while its rows are restored. */
  suspendTriggers?: boolean;
}

export interface RestoreWriter {
  /** No exported table has a row. */
  isEmpty(): Promise<boolean>;
  /** Inserts rows already checked against the table's columns. */
  insert(table: BackupTable, rows: readonly Record<string, unknown>[]): Promise<void>;
}

/** Whole-database export and restore. */
export interface BackupStore {
  /** The exported tables, in dependency order. */
  readonly tables: readonly BackupTable[];
  /** Every other table, with why it is left out. */
  readonly excluded: Readonly<Record<string, string>>;
  /** The name of the last migration applied. */
  schemaVersion(): Promise<string>;
  /** The tables of the database as it lists them, sorted. */
  tableNames(): Promise<string[]>;
  columnNames(table: string): Promise<string[]>;
  isEmpty(): Promise<boolean>;
  /** Every exported row in file order, from one snapshot, a batch at a time (values normalised). */
  readAll(each: (table: BackupTable, rows: unknown[][]) => Promise<void>): Promise<void>;
  /** One transaction with the suspended triggers off; an error rolls all of it back. */
  restore<T>(work: (writer: RestoreWriter) => Promise<T>): Promise<T>;
}

export interface Store {
  /** Which database this is, for the few callers outside the store that must say or know. */
  readonly database: DatabaseInfo;
  readonly backup: BackupStore;
  readonly personalData: PersonalDataStore;
  readonly articles: ArticleStore;
  readonly users: UserStore;
  readonly tokens: TokenStore;
  readonly sections: SectionStore;
  readonly settings: SettingStore;
  readonly sessions: SessionStore;
  readonly oneTimeTokens: OneTimeTokenStore;
  readonly outbox: OutboxStore;
  readonly comments: CommentStore;
  readonly moderation: ModerationStore;
  readonly imports: ImportStore;
  readonly images: ImageStore;
  /** Calls the listener after every query with its duration in seconds. */
  observeQueries(listener: (seconds: number, ok: boolean) => void): void;
  /** Throws if the database cannot be reached. */
  ping(): Promise<void>;
  /**
   * A channel to the other app processes on this database (PostgreSQL LISTEN/NOTIFY), or null
   * where the database has none (SQLite). Each call opens a new one; close it when done.
   */
  openChannel(onError?: (error: unknown) => void): NotificationChannel | null;
  /**
   * Another connection to the same database, opened for long work (an import) that must not
   * hold this store's connection; close it when done.
   */
  openAnother(): Promise<Store>;
  /** Runs work in one transaction; the store passed in is bound to it. */
  transaction<T>(work: (store: Store) => Promise<T>): Promise<T>;
  /**
   * Like `transaction`, for short writes many requests make at once (posting a comment). On
   * SQLite the works started in the same turn of the event loop share one commit, so one disk
   * sync serves them all (group commit, decisions/0027-group-commit.md); each runs in its own
   * savepoint, so a failing one undoes only its own writes and throws only to its caller. Every
   * promise settles after the shared commit: a resolved one is durable. On PostgreSQL it is
   * `transaction`.
   */
  groupedTransaction<T>(work: (store: Store) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
