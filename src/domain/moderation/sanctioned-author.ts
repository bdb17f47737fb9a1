import { isBanned, isSuspended } from '../user.js';
import { allow, type Rule } from './types.js';

/** Suspended and banned people may read but not take part. */
export const refuseSanctionedAuthors: Rule = (s) => {
  if (isBanned(s.author)) {
    return {
      kind: 'refuse',
      status: 403,
      message: 'Your account may not post comments.',
      reason: { code: 'sanctioned-author', detail: 'the author is banned' },
    };
  }
  if (isSuspended(s.author, s.now)) {
    return {
      kind: 'refuse',
      status: 403,
      message: 'Your account may not post comments at the moment.',
      reason: { code: 'sanctioned-author', detail: `suspended until ${s.author.suspendedUntil}` },
    };
  }
  return allow;
};
