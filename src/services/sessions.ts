/**
 * Server-side sessions. The browser holds a random 256-bit id; the database holds only its
 * SHA-256, the person it belongs to, a CSRF token and an expiry that slides with use.
 */
import { createHash, randomBytes } from 'node:crypto';
import { isBanned, type User } from '../domain/user.js';
import type { SessionRecord } from '../domain/session.js';
import type { Store } from '../store/types.js';

const lifetimeMs = 30 * 24 * 3600 * 1000;
/** Sliding the expiry costs a write, so it is done at most this often per session. */
const touchEveryMs = 3600 * 1000;

export interface ActiveSession {
  user: User;
  session: SessionRecord;
}

export function hashSessionId(id: string): string {
  return createHash('sha256').update(id).digest('base64url');
}

export interface SessionServiceDeps {
  store: Pick<Store, 'sessions' | 'users'>;
}

export class SessionService {
  private readonly store: SessionServiceDeps['store'];

  constructor(deps: SessionServiceDeps) {
    this.store = deps.store;
  }

  /** A new session for this person; returns the id for the cookie. */
  async start(userId: string, now = new Date()): Promise<{ id: string; session: SessionRecord }> {
    const id = randomBytes(32).toString('base64url');
    const session: SessionRecord = {
      idHash: hashSessionId(id),
      userId,
      csrfToken: randomBytes(24).toString('base64url'),
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + lifetimeMs).toISOString(),
      lastSeenAt: now.toISOString(),
    };
    await this.store.sessions.create(session);
    return { id, session };
  }

  /** The person behind a cookie value, if the session is live and they are not banned. */
  async resolve(id: string, now = new Date()): Promise<ActiveSession | null> {
    if (id.length < 20 || id.length > 100) return null;
    const session = await this.store.sessions.find(hashSessionId(id), now.toISOString());
    if (!session) return null;
    const user = await this.store.users.byId(session.userId);
    if (!user || isBanned(user)) return null;
    if (now.getTime() - Date.parse(session.lastSeenAt) > touchEveryMs) {
      const expiresAt = new Date(now.getTime() + lifetimeMs).toISOString();
      await this.store.sessions.touch(session.idHash, now.toISOString(), expiresAt);
    }
    return { user, session };
  }

  async end(id: string): Promise<void> {
    await this.store.sessions.delete(hashSessionId(id));
  }

  /** Signs a person out everywhere (optionally except the session they are using). */
  async endAll(userId: string, exceptId?: string): Promise<number> {
    return this.store.sessions.deleteForUser(
      userId,
      exceptId ? hashSessionId(exceptId) : undefined,
    );
  }
}
