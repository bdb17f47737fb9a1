/**
 * What moderation reads and writes: the queue, statuses, reports, the log, authors' records.
 * Used by services/moderation, comments.
 */
import type { Comment, CommentStatus } from '../../domain/comment.js';
import type { ModerationLogEntry, ModerationLogQuery } from '../../domain/moderation/log.js';
import type {
  CommentReport,
  ModeratedComment,
  QueueCounts,
  QueueQuery,
} from '../../domain/moderation/queue.js';
import type { ReportReason } from '../../domain/moderation/reports.js';
import type { Reason } from '../../domain/moderation/types.js';

export interface ModerationStore {
  /** The author's newest comments written since then (any status but deleted), at most `limit`. */
  recentByAuthor(
    authorId: string,
    since: string,
    limit: number,
  ): Promise<{ articleId: string; body: string; createdAt: string }[]>;
  /**
   * Creation times of comments from this address since then, newest first, at most `limit`;
   * staff comments are not counted.
   */
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
  /** How many comments each queue tab holds, of one article or of all. */
  queueCounts(articleId?: string): Promise<QueueCounts>;
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
  logAction(entry: Omit<ModerationLogEntry, 'id'> & { id?: string }): Promise<string>;
  /** The log, newest first. */
  log(query: ModerationLogQuery): Promise<ModerationLogEntry[]>;
  /**
   * Rejects the author's published and waiting comments, noting each under the sanction's log
   * entry with the status it had; answers them.
   */
  removeAuthorComments(
    authorId: string,
    actionId: string,
  ): Promise<{ id: string; articleId: string }[]>;
  /**
   * Gives back the status of the author's comments that sanctions logged since then removed and
   * that are still rejected; answers them.
   */
  restoreRemovedComments(
    authorId: string,
    since: string,
    at: string,
  ): Promise<{ id: string; articleId: string }[]>;
}
