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
}

export interface ModerationLogQuery {
  actorId?: string;
  action?: ModerationAction;
  targetUserId?: string;
  commentId?: string;
  limit: number;
  offset: number;
}
