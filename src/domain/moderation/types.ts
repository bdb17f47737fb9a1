/**
 * The moderation pipeline's vocabulary: what a rule sees (a submission, all data, no I/O), what
 * it answers (a partial verdict), and why (a reason stored with the comment).
 */
import type { Role } from '../user.js';
import type { ModerationPolicy } from './policy.js';

/** Why a comment was held or refused; stored with the comment and shown in the queue. */
export const reasonCodes = [
  'closed-article',
  'sanctioned-author',
  'rate-limit',
  'duplicate',
  'banned-words',
  'suspect-words',
  'links-from-new-commenter',
  'many-links',
  'shouting',
  'premoderation',
  'low-trust',
  'reported',
  'unconfirmed-email',
] as const;
export type ReasonCode = (typeof reasonCodes)[number];

export function isReasonCode(value: string): value is ReasonCode {
  return (reasonCodes as readonly string[]).includes(value);
}

/** Words for people, for filters and the queue. */
export const reasonLabels: Record<ReasonCode, string> = {
  'closed-article': 'Closed article',
  'sanctioned-author': 'Suspended or banned author',
  'rate-limit': 'Posting too fast',
  duplicate: 'Duplicate',
  'banned-words': 'Banned words',
  'suspect-words': 'Suspect words',
  'links-from-new-commenter': 'Link from a new commenter',
  'many-links': 'Many links',
  shouting: 'Shouting',
  premoderation: 'Pre-moderation',
  'low-trust': 'Low trust',
  reported: 'Reported',
  'unconfirmed-email': 'Email not confirmed',
};

export interface Reason {
  code: ReasonCode;
  /** One line for moderators, e.g. `suspect word "scam"`. */
  detail: string;
}

export type CommentMode = 'open' | 'closed' | 'premoderated';

export type Verdict =
  | { kind: 'allow' }
  | { kind: 'hold'; reason: Reason }
  | {
      kind: 'refuse';
      /** 403 the person may not post, 422 a rule refused the text, 429 too fast. */
      status: 403 | 422 | 429;
      /** Shown to the author. */
      message: string;
      reason: Reason;
      retryAfterSeconds?: number;
    };

export const allow: Verdict = { kind: 'allow' };

export function hold(code: ReasonCode, detail: string): Verdict {
  return { kind: 'hold', reason: { code, detail } };
}

/** A comment earlier written by the same author, for the duplicate check. */
export interface RecentComment {
  articleId: string;
  body: string;
  createdAt: string;
}

/** Everything a rule may look at: plain data gathered by the service before the pipeline runs. */
export interface Submission {
  body: string;
  articleId: string;
  /** An edit of an existing comment (rate and duplicate checks do not apply). */
  isEdit: boolean;
  author: {
    id: string;
    role: Role;
    suspendedUntil: string | null;
    bannedAt: string | null;
    /** When they confirmed their email address; null if they have not. */
    emailVerifiedAt: string | null;
  };
  /** The author's track record: how many of their comments are published and rejected. */
  record: { approved: number; rejected: number };
  /** The article's effective comment mode (its override, else the site default; auto-close applied). */
  articleMode: CommentMode;
  /** When the article closed automatically (auto-close hours after publication), if it did. */
  articleClosedAt: string | null;
  /** The author's comments within the policy's duplicate window, newest first. */
  recent: readonly RecentComment[];
  /** Creation times of comments inside the rate window, by this author and from this address. */
  rate: { byAuthor: readonly string[]; byAddress: readonly string[] };
  policy: ModerationPolicy;
  now: Date;
}

export type Rule = (submission: Submission) => Verdict;
