/**
 * The sign-in audit: one record per sign-in (how, with what, when), shown to the person on
 * /account and kept 90 days. No network address and no browser are stored: the record is for
 * the person to spot a sign-in that was not theirs, not for tracking them. Every sign-in path
 * calls `recordSignIn` once it has started the session.
 */
import { newId } from '../domain/ids.js';
import type { SignInEvent, SignInMethodName } from '../store/ports/passkeys.js';
import type { Store } from '../store/types.js';

export const signInRecordsKeptDays = 90;
const keptMs = signInRecordsKeptDays * 24 * 3600 * 1000;
/** The most records /account lists. */
const listed = 20;

export interface SignInAuditDeps {
  store: Pick<Store, 'signInEvents'>;
  now?: () => Date;
}

export class SignInAudit {
  constructor(private readonly deps: SignInAuditDeps) {}

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  /** Records a sign-in; older records than 90 days (anyone's) go at the same time. */
  async recordSignIn(userId: string, method: SignInMethodName, label = ''): Promise<void> {
    const now = this.now();
    await this.deps.store.signInEvents.record({
      id: newId(now.getTime()),
      userId,
      method,
      label: label.slice(0, 200),
      at: now.toISOString(),
    });
    await this.deps.store.signInEvents.pruneBefore(new Date(now.getTime() - keptMs).toISOString());
  }

  /** The person's sign-ins of the last 90 days, newest first (at most 20). */
  recent(userId: string): Promise<SignInEvent[]> {
    const since = new Date(this.now().getTime() - keptMs).toISOString();
    return this.deps.store.signInEvents.forUser(userId, since, listed);
  }
}
