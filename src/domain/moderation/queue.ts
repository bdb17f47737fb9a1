/** What the moderation queue shows: its tabs, the comments in it and the reports on them. */
import type { Comment } from '../comment.js';
import type { ReportReason } from './reports.js';
import type { Reason, ReasonCode } from './types.js';

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

/** How many comments each tab holds now. */
export type QueueCounts = Record<QueueTab, number>;

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
