/** The moderation log: what moderators did, to whom, and why (append-only). */

export const moderationActions = [
  'approve',
  'reject',
  'feature',
  'unfeature',
  'suspend',
  'ban',
  'settings',
  'keep',
  'thread',
  'lift',
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
  /** What the log page shows of the comment and its article, while they exist. */
  context?: {
    comment: { excerpt: string; status: string } | null;
    article: { headline: string; path: string; published: boolean } | null;
  };
}

export interface ModerationLogQuery {
  actorId?: string;
  action?: ModerationAction;
  targetUserId?: string;
  commentId?: string;
  /** Part of the name of who acted or of whom it concerned (case-insensitive). */
  name?: string;
  /** Days, YYYY-MM-DD in UTC, both included. */
  from?: string;
  to?: string;
  /** With the comment's excerpt and the article's headline and address. */
  withContext?: boolean;
  limit: number;
  offset: number;
}

/** How each action reads in the log. */
export const moderationActionLabels: Record<ModerationAction, string> = {
  approve: 'Approved',
  reject: 'Rejected',
  feature: 'Featured',
  unfeature: 'Unfeatured',
  suspend: 'Suspended',
  ban: 'Banned',
  settings: 'Changed settings',
  keep: 'Kept (reports dismissed)',
  thread: 'Thread settings',
  lift: 'Lifted a sanction',
};

/** A day typed as YYYY-MM-DD that exists, or null. */
export function logDay(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const time = Date.parse(`${value}T00:00:00.000Z`);
  return Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== value ? null : value;
}
