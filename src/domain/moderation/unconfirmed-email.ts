import { awaitsEmailConfirmation } from '../comment-settings.js';
import { allow, hold, type Rule } from './types.js';

/** Shown to a commenter whose address is not confirmed, when the setting refuses their comment. */
export const unconfirmedEmailMessage =
  'Confirm your email address before commenting: open the link we emailed you, or send the link again.';

/**
 * An unconfirmed address is how throwaway accounts post: per the site's setting, a commenter who
 * has not opened their link is refused (with a way to get it again), held, or let through.
 */
export const unconfirmedEmail: Rule = (s) => {
  if (!awaitsEmailConfirmation(s.author) || s.policy.unconfirmedEmail === 'allow') return allow;
  if (s.policy.unconfirmedEmail === 'hold') {
    return hold('unconfirmed-email', 'the author has not confirmed their email address');
  }
  return {
    kind: 'refuse',
    status: 403,
    message: unconfirmedEmailMessage,
    reason: {
      code: 'unconfirmed-email',
      detail: 'the author has not confirmed their email address',
    },
  };
};
