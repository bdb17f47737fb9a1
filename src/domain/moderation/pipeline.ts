/**
 * The moderation pipeline: every new or edited comment passes these rules in order. A refusal
 * stops it; holds are collected, so the queue shows every reason a comment waits.
 */
import { staffRoles } from '../user.js';
import { refuseOnClosedArticle } from './closed-article.js';
import { refuseDuplicates } from './duplicate.js';
import { holdLinksFromNewCommenters, holdManyLinks } from './links.js';
import { holdForPremoderation } from './premoderation.js';
import { refuseOverRate } from './rate.js';
import { refuseSanctionedAuthors } from './sanctioned-author.js';
import { holdShouting } from './shouting.js';
import { holdLowTrust } from './trust.js';
import type { Reason, Rule, Submission, Verdict } from './types.js';
import { unconfirmedEmail } from './unconfirmed-email.js';
import { holdSuspectWords, refuseBannedWords } from './words.js';

export const rules: readonly Rule[] = [
  // Who and where: a closed article, a suspended or banned author.
  refuseOnClosedArticle,
  refuseSanctionedAuthors,
  // Whose address is not confirmed (refused or held, per setting).
  unconfirmedEmail,
  // How often: too fast, or the same text again.
  refuseOverRate,
  refuseDuplicates,
  // What it says: banned words refuse, suspect words hold.
  refuseBannedWords,
  holdSuspectWords,
  // Links: from people without a record, or too many.
  holdLinksFromNewCommenters,
  holdManyLinks,
  // Tone.
  holdShouting,
  // Policy and trust: pre-moderation, and people often rejected.
  holdForPremoderation,
  holdLowTrust,
];

export type Decision =
  { kind: 'publish' } | { kind: 'hold'; reasons: Reason[] } | Extract<Verdict, { kind: 'refuse' }>;

export function runPipeline(submission: Submission, pipeline: readonly Rule[] = rules): Decision {
  // Staff write under their own name and answer for it: rules may refuse, but never hold them.
  const trusted = staffRoles.includes(submission.author.role);
  const reasons: Reason[] = [];
  for (const rule of pipeline) {
    const verdict = rule(submission);
    if (verdict.kind === 'refuse') return verdict;
    if (verdict.kind === 'hold' && !trusted) reasons.push(verdict.reason);
  }
  return reasons.length ? { kind: 'hold', reasons } : { kind: 'publish' };
}
