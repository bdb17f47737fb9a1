/**
 * Server-side sessions. The browser holds a random 256-bit id; the database holds only its
 * SHA-256, the person it belongs to, a CSRF token and an expiry that slides with use.
 *
 * Sessions read are kept in memory for a short while (decision 0079), and so are the people
 * they belong to (decision 0096), so a signed-in reader's request usually asks the database
 * nothing. A session ended here is forgotten at once here and announced on the change bus, which
 * reaches the other processes and servers. A person is forgotten whenever their row changes: the
 * users store tells its listeners after every change it makes (after the commit inside a
 * transaction), so no caller can forget to; this service forgets the kept copy at once and
 * announces it on the bus. Neither is trusted from memory for longer than `sessionCacheMs`, the
 * bound should an announcement be lost.
 */
import { createHash, randomBytes } from 'node:crypto';
import { isBanned, type User } from '../domain/user.js';
import type { SessionRecord } from '../domain/session.js';
import type { Store } from '../store/types.js';
import type { ChangeBus } from './changes.js';

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

/** How long a session or person read from the database is trusted from memory (0079, 0096). */
export const sessionCacheMs = 30_000;
/** Sessions kept in memory at most (the oldest go first). */
const sessionsKept = 20_000;

export interface SessionServiceDeps {
  store: Pick<Store, 'sessions' | 'users'>;
  /** Where ended sessions and changed people are announced to the other processes, and heard. */
  changes?: ChangeBus;
  /** How long a session or person is trusted from memory; 0 reads them every time. */
  cacheMs?: number;
}

export class SessionService {
  private readonly store: SessionServiceDeps['store'];
  private readonly changes: ChangeBus | undefined;
  private readonly cacheMs: number;
  /** Sessions by id hash, with when they were read. */
  private readonly kept = new Map<string, { session: SessionRecord; readAt: number }>();
  /** The people of the kept sessions, by id, with when they were read (decision 0096). */
  private readonly people = new Map<string, { user: User; readAt: number }>();
  /**
   * Moved by every forgetting, so a read begun before a sign-out or a change to a person is
   * not kept after it.
   */
  private generation = 0;

  constructor(deps: SessionServiceDeps) {
    this.store = deps.store;
    this.changes = deps.changes;
    this.cacheMs = deps.cacheMs ?? sessionCacheMs;
    this.changes?.subscribe((change) => {
      if (change.kind === 'sessions') this.forget(change);
      // The channel was down (or anything changed): trust nothing kept.
      else if (change.kind === 'site') this.forget({});
    });
    // Every change to a person through this database's store, whoever made it: forgotten here
    // at once (after the commit), and on the other processes when the bus brings it.
    this.store.users.observeWrites((person) => {
      this.forget({ person });
      this.changes?.publish({ kind: 'sessions', person });
    });
  }

  /** Sessions in memory now (for tests). */
  get keptCount(): number {
    return this.kept.size;
  }

  /** People in memory now (for tests). */
  get keptPeople(): number {
    return this.people.size;
  }

  private forget(which: {
    session?: string;
    userId?: string;
    except?: string;
    person?: string;
  }): void {
    this.generation++;
    if (which.person !== undefined) this.people.delete(which.person);
    else if (which.session !== undefined) this.kept.delete(which.session);
    else if (which.userId !== undefined) {
      for (const [hash, { session }] of this.kept) {
        if (session.userId === which.userId && hash !== which.except) this.kept.delete(hash);
      }
    } else {
      this.kept.clear();
      this.people.clear();
    }
  }

  /** The session under this hash: from memory while fresh, else from the database. */
  private async session(idHash: string, now: Date): Promise<SessionRecord | null> {
    const at = now.getTime();
    const kept = this.kept.get(idHash);
    if (kept && at - kept.readAt < this.cacheMs && at >= kept.readAt) {
      if (Date.parse(kept.session.expiresAt) > at) return kept.session;
      this.kept.delete(idHash);
      return null;
    }
    if (kept) this.kept.delete(idHash);
    const generation = this.generation;
    const session = await this.store.sessions.find(idHash, now.toISOString());
    if (session && this.cacheMs > 0 && generation === this.generation) {
      if (this.kept.size >= sessionsKept) {
        const oldest = this.kept.keys().next().value;
        if (oldest !== undefined) this.kept.delete(oldest);
      }
      this.kept.set(idHash, { session, readAt: at });
    }
    return session;
  }

  /** The person with this id: from memory while fresh, else from the database. */
  private async person(userId: string, now: Date): Promise<User | null> {
    const at = now.getTime();
    const kept = this.people.get(userId);
    if (kept && at - kept.readAt < this.cacheMs && at >= kept.readAt) return kept.user;
    if (kept) this.people.delete(userId);
    const generation = this.generation;
    const user = await this.store.users.byId(userId);
    if (user && this.cacheMs > 0 && generation === this.generation) {
      if (this.people.size >= sessionsKept) {
        const oldest = this.people.keys().next().value;
        if (oldest !== undefined) this.people.delete(oldest);
      }
      this.people.set(userId, { user, readAt: at });
    }
    return user;
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
    let session = await this.session(hashSessionId(id), now);
    if (!session) return null;
    const user = await this.person(session.userId, now);
    if (!user || isBanned(user)) return null;
    if (now.getTime() - Date.parse(session.lastSeenAt) > touchEveryMs) {
      const expiresAt = new Date(now.getTime() + lifetimeMs).toISOString();
      await this.store.sessions.touch(session.idHash, now.toISOString(), expiresAt);
      session = { ...session, lastSeenAt: now.toISOString(), expiresAt };
      const kept = this.kept.get(session.idHash);
      if (kept) kept.session = session;
    }
    return { user, session };
  }

  /** Ends one session: here at once, elsewhere when the change bus brings the news. */
  async end(id: string): Promise<void> {
    const session = hashSessionId(id);
    this.forget({ session });
    await this.store.sessions.delete(session);
    this.forget({ session });
    this.changes?.publish({ kind: 'sessions', session });
  }

  /** Signs a person out everywhere (optionally except the session they are using). */
  async endAll(userId: string, exceptId?: string): Promise<number> {
    const except = exceptId ? hashSessionId(exceptId) : undefined;
    this.forget({ userId, except });
    const ended = await this.store.sessions.deleteForUser(userId, except);
    this.forget({ userId, except });
    this.changes?.publish({ kind: 'sessions', userId, ...(except ? { except } : {}) });
    return ended;
  }
}
