import { staffRoles } from '../user.js';
import { allow, type Rule, type Verdict } from './types.js';

/**
 * Too many comments in the window, per person and per network address, are refused with the
 * seconds until the oldest of them leaves the window. Counts come from stored comments, so every
 * process agrees and a restart forgets nothing. Staff answer in bursts and are not limited.
 */
export const refuseOverRate: Rule = (s) => {
  if (s.isEdit || staffRoles.includes(s.author.role)) return allow;
  return (
    over(s.rate.byAuthor, s.policy.ratePerPerson, s.now, 'you') ??
    over(s.rate.byAddress, s.policy.ratePerAddress, s.now, 'your network address') ??
    allow
  );
};

function over(
  times: readonly string[],
  limit: { max: number; windowSeconds: number },
  now: Date,
  who: string,
): Verdict | null {
  const windowMs = limit.windowSeconds * 1000;
  const inWindow = times
    .map((t) => Date.parse(t))
    .filter((t) => now.getTime() - t < windowMs)
    .sort((a, b) => a - b);
  if (inWindow.length < limit.max) return null;
  // The post becomes possible once enough of the oldest ones have left the window.
  const freeing = inWindow[inWindow.length - limit.max] ?? now.getTime();
  const seconds = Math.max(1, Math.ceil((freeing + windowMs - now.getTime()) / 1000));
  return {
    kind: 'refuse',
    status: 429,
    message: `You are posting too fast. Try again in ${seconds} seconds.`,
    reason: {
      code: 'rate-limit',
      detail: `${inWindow.length} comments from ${who} in ${limit.windowSeconds} s`,
    },
    retryAfterSeconds: seconds,
  };
}
