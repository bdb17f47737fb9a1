/**
 * Request limits. Every one is a setting: the defaults protect a public site, tests and
 * benchmarks raise or lower them through `AppDeps.limits`.
 */
export interface RateLimit {
  max: number;
  /** milliseconds */
  windowMs: number;
}

export interface Limits {
  /** Largest request body, in bytes (then 413). */
  bodyBytes: number;
  /** A request must arrive whole within this many milliseconds (then the socket is closed). */
  requestTimeoutMs: number;
  /** Headers must arrive within this many milliseconds. */
  headersTimeoutMs: number;
  /**
   * An idle keep-alive connection is kept this long (milliseconds, announced in `Keep-Alive:
   * timeout=`). Longer than a load balancer's idle upstream timeout (60 s on common ones), so the
   * balancer, never the server, closes an idle connection (docs/deploy.md).
   */
  keepAliveTimeoutMs: number;
  /** A connection with a request under way and no bytes moving for this long is closed. */
  idleSocketTimeoutMs: number;
  signInPerIp: RateLimit;
  /** Failed sign-ins to one account from one address (services/sign-in-guard.ts). */
  signInPerAccountAddress: RateLimit;
  /** Failed sign-ins to one account from addresses it was never signed in to from. */
  signInPerAccountUnknown: RateLimit;
  /** Failures from unknown addresses after which the owner is emailed (at most hourly). */
  signInAlertAfter: number;
  signUpPerIp: RateLimit;
  passwordResetPerIp: RateLimit;
  passwordResetPerAccount: RateLimit;
  /**
   * Comments and replies per person (staff are exempt) and per client address: the defaults of
   * the moderation settings `moderation.ratePerPerson`, `moderation.ratePerAddress` and
   * `moderation.rateWindowSeconds` (the person's window), which admins change at /admin/settings.
   */
  commentPostsPerPerson: RateLimit;
  commentPostsPerAddress: RateLimit;
  /** "Send the confirmation link again", per signed-in person. */
  verificationMailPerAccount: RateLimit;
  /** Every live comment stream gets a heartbeat this often (milliseconds, at most 30 s). */
  liveHeartbeatMs: number;
  /** Staff invitations (each one an email) an admin may send. */
  invitationsPerAdmin: RateLimit;
}

const minute = 60_000;

export const defaultLimits: Limits = {
  bodyBytes: 1024 * 1024,
  requestTimeoutMs: 30_000,
  headersTimeoutMs: 10_000,
  keepAliveTimeoutMs: 65_000,
  idleSocketTimeoutMs: 60_000,
  signInPerIp: { max: 30, windowMs: 15 * minute },
  signInPerAccountAddress: { max: 10, windowMs: 15 * minute },
  signInPerAccountUnknown: { max: 100, windowMs: 15 * minute },
  signInAlertAfter: 10,
  signUpPerIp: { max: 10, windowMs: 60 * minute },
  passwordResetPerIp: { max: 10, windowMs: 60 * minute },
  passwordResetPerAccount: { max: 3, windowMs: 60 * minute },
  verificationMailPerAccount: { max: 3, windowMs: 60 * minute },
  commentPostsPerPerson: { max: 5, windowMs: minute },
  liveHeartbeatMs: 25_000,
  commentPostsPerAddress: { max: 20, windowMs: minute },
  invitationsPerAdmin: { max: 20, windowMs: 60 * minute },
};

export function resolveLimits(overrides: Partial<Limits> = {}): Limits {
  return { ...defaultLimits, ...overrides };
}
