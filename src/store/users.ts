import { sql, type Kysely } from 'kysely';
import type { Role } from '../domain/user.js';
import { newId } from '../domain/ids.js';
import { prepared } from './compiled.js';
import { toUser } from './rows.js';
import type { Database } from './schema.js';
import type { NewUser, UserStore } from './ports/accounts.js';

/** A person by id: read on every signed-in request (sessions.ts), so compiled once (0084). */
const byIdOf = prepared((db, _: '', id: string) =>
  db.selectFrom('users').selectAll().where('id', '=', id),
);

/**
 * Who hears that a person's row changed: every store of one opened database (bound to a
 * transaction or not) shares one. Kept copies of people (the sessions' readers, decision 0096)
 * listen, so no caller can forget to say a person changed.
 */
export class PersonWrites {
  private readonly listeners = new Set<(userId: string) => void>();

  observe(listener: (userId: string) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Tells every listener (a broken one neither stops the others nor fails the write). */
  written(userId: string): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(userId);
      } catch {
        // The listener's own business; the write has committed.
      }
    }
  }
}

/**
 * Says a person changed: at once outside a transaction (the statement has committed), after
 * the commit inside one (the transaction collects the ids; see store/index.ts).
 */
export type PersonWritten = (userId: string) => void;

export class KyselyUserStore implements UserStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly writes: PersonWrites,
    private readonly written: PersonWritten,
  ) {}

  observeWrites(listener: (userId: string) => void): () => void {
    return this.writes.observe(listener);
  }

  async create(input: NewUser) {
    const row = {
      id: newId(Date.parse(input.createdAt)),
      email: input.email,
      name: input.name,
      slug: input.slug,
      role: input.role,
      password_hash: input.passwordHash,
      bio: input.bio ?? '',
      photo_url: input.photoUrl ?? '',
      byline: '',
      created_at: input.createdAt,
      email_verified_at: input.emailVerifiedAt ?? null,
      suspended_until: null,
      banned_at: null,
      sanction_reason: '',
    };
    await this.db.insertInto('users').values(row).execute();
    return toUser(row);
  }

  async byId(id: string) {
    const row = await byIdOf.first(this.db, '', id);
    return row ? toUser(row) : null;
  }

  async byEmail(email: string) {
    const row = await this.db
      .selectFrom('users')
      .selectAll()
      .where('email', '=', email)
      .executeTakeFirst();
    return row ? toUser(row) : null;
  }

  async bySlug(slug: string) {
    const row = await this.db
      .selectFrom('users')
      .selectAll()
      .where('slug', '=', slug)
      .executeTakeFirst();
    return row ? toUser(row) : null;
  }

  async passwordHash(id: string) {
    const row = await this.db
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', id)
      .executeTakeFirst();
    return row?.password_hash ?? null;
  }

  async setPasswordHash(id: string, hash: string | null) {
    await this.db.updateTable('users').set({ password_hash: hash }).where('id', '=', id).execute();
    this.written(id);
  }

  async countWithRole(role: Role) {
    const row = await this.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('role', '=', role)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async slugTaken(slug: string) {
    const row = await this.db
      .selectFrom('users')
      .select('id')
      .where('slug', '=', slug)
      .executeTakeFirst();
    return row !== undefined;
  }

  async setRole(id: string, role: Role) {
    await this.db.updateTable('users').set({ role }).where('id', '=', id).execute();
    this.written(id);
  }

  async setProfile(id: string, profile: { bio: string; photoUrl: string }) {
    await this.db
      .updateTable('users')
      .set({ bio: profile.bio, photo_url: profile.photoUrl })
      .where('id', '=', id)
      .execute();
    this.written(id);
  }

  async setNames(id: string, names: { name: string; byline: string }) {
    await this.db
      .updateTable('users')
      .set({ name: names.name, byline: names.byline })
      .where('id', '=', id)
      .execute();
    this.written(id);
  }

  async replyNotifications(id: string) {
    const row = await this.db
      .selectFrom('users')
      .select('notify_replies')
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? Number(row.notify_replies) === 1 : false;
  }

  async setReplyNotifications(id: string, on: boolean) {
    await this.db
      .updateTable('users')
      .set({ notify_replies: on ? 1 : 0 })
      .where('id', '=', id)
      .execute();
    this.written(id);
  }

  async setEmail(id: string, email: string, verifiedAt: string | null) {
    await this.db
      .updateTable('users')
      .set({ email, email_verified_at: verifiedAt })
      .where('id', '=', id)
      .execute();
    this.written(id);
  }

  async markEmailVerified(id: string, at: string) {
    await this.db
      .updateTable('users')
      .set({ email_verified_at: at })
      .where('id', '=', id)
      .where('email_verified_at', 'is', null)
      .execute();
    this.written(id);
  }

  async setSanction(
    id: string,
    sanction: { suspendedUntil: string | null; bannedAt: string | null; reason: string },
  ) {
    await this.db
      .updateTable('users')
      .set({
        suspended_until: sanction.suspendedUntil,
        banned_at: sanction.bannedAt,
        sanction_reason: sanction.reason,
      })
      .where('id', '=', id)
      .execute();
    this.written(id);
  }

  async search(query: { text?: string; role?: Role; limit: number; offset: number }) {
    let q = this.db.selectFrom('users').selectAll();
    if (query.text) {
      const pattern = `%${query.text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      // An explicit ESCAPE: SQLite has no default escape character for LIKE.
      q = q.where(
        sql<boolean>`(lower(email) like ${pattern} escape '\\' or lower(name) like ${pattern} escape '\\')`,
      );
    }
    if (query.role) q = q.where('role', '=', query.role);
    const rows = await q
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(query.limit)
      .offset(query.offset)
      .execute();
    return rows.map(toUser);
  }
}
