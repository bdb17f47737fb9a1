/** Sessions, one-time tokens (email links) and the mail outbox. */
import type { Kysely } from 'kysely';
import { newId } from '../domain/ids.js';
import type { Database } from './schema.js';
import type { OutboxMessage } from '../domain/outbox.js';
import type { SessionRecord } from '../domain/session.js';
import type {
  NewOneTimeToken,
  OneTimeToken,
  OneTimeTokenStore,
  SessionStore,
  TokenPurpose,
} from './ports/accounts.js';
import type { OutboxStore } from './ports/outbox.js';

export class KyselySessionStore implements SessionStore {
  constructor(private readonly db: Kysely<Database>) {}

  async create(record: SessionRecord) {
    await this.db
      .insertInto('sessions')
      .values({
        id_hash: record.idHash,
        user_id: record.userId,
        csrf_token: record.csrfToken,
        created_at: record.createdAt,
        expires_at: record.expiresAt,
        last_seen_at: record.lastSeenAt,
      })
      .execute();
  }

  async find(idHash: string, now: string) {
    const row = await this.db
      .selectFrom('sessions')
      .selectAll()
      .where('id_hash', '=', idHash)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    return row
      ? {
          idHash: row.id_hash,
          userId: row.user_id,
          csrfToken: row.csrf_token,
          createdAt: row.created_at,
          expiresAt: row.expires_at,
          lastSeenAt: row.last_seen_at,
        }
      : null;
  }

  async touch(idHash: string, lastSeenAt: string, expiresAt: string) {
    await this.db
      .updateTable('sessions')
      .set({ last_seen_at: lastSeenAt, expires_at: expiresAt })
      .where('id_hash', '=', idHash)
      .execute();
  }

  async delete(idHash: string) {
    await this.db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
  }

  async deleteForUser(userId: string, exceptIdHash?: string) {
    let q = this.db.deleteFrom('sessions').where('user_id', '=', userId);
    if (exceptIdHash) q = q.where('id_hash', '!=', exceptIdHash);
    const result = await q.executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async deleteExpired(now: string) {
    const result = await this.db
      .deleteFrom('sessions')
      .where('expires_at', '<=', now)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

export class KyselyOneTimeTokenStore implements OneTimeTokenStore {
  constructor(private readonly db: Kysely<Database>) {}

  async create(token: NewOneTimeToken) {
    await this.db
      .insertInto('one_time_tokens')
      .values({
        token_hash: token.tokenHash,
        purpose: token.purpose,
        user_id: token.userId,
        new_email: token.newEmail,
        created_at: token.createdAt,
        expires_at: token.expiresAt,
        used_at: null,
      })
      .execute();
  }

  async consume(
    tokenHash: string,
    purpose: TokenPurpose,
    now: string,
  ): Promise<OneTimeToken | null> {
    // One statement, so two clicks racing on the same link cannot both succeed.
    const row = await this.db
      .updateTable('one_time_tokens')
      .set({ used_at: now })
      .where('token_hash', '=', tokenHash)
      .where('purpose', '=', purpose)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .returningAll()
      .executeTakeFirst();
    return row
      ? {
          tokenHash: row.token_hash,
          purpose: row.purpose as TokenPurpose,
          userId: row.user_id,
          newEmail: row.new_email,
          createdAt: row.created_at,
          expiresAt: row.expires_at,
        }
      : null;
  }

  async invalidate(purpose: TokenPurpose, userId: string | null, now: string) {
    let q = this.db
      .updateTable('one_time_tokens')
      .set({ used_at: now })
      .where('purpose', '=', purpose)
      .where('used_at', 'is', null);
    q = userId === null ? q.where('user_id', 'is', null) : q.where('user_id', '=', userId);
    await q.execute();
  }

  async find(tokenHash: string, purpose: TokenPurpose) {
    const row = await this.db
      .selectFrom('one_time_tokens')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .where('purpose', '=', purpose)
      .executeTakeFirst();
    return row
      ? {
          tokenHash: row.token_hash,
          purpose: row.purpose as TokenPurpose,
          userId: row.user_id,
          newEmail: row.new_email,
          createdAt: row.created_at,
          expiresAt: row.expires_at,
          usedAt: row.used_at,
        }
      : null;
  }
}

export class KyselyOutboxStore implements OutboxStore {
  constructor(private readonly db: Kysely<Database>) {}

  async add(message: { to: string; subject: string; text: string; createdAt: string }) {
    const id = newId(Date.parse(message.createdAt));
    await this.db
      .insertInto('outbox')
      .values({
        id,
        to_address: message.to,
        subject: message.subject,
        text_body: message.text,
        created_at: message.createdAt,
        sent_at: null,
        error: null,
      })
      .execute();
    return id;
  }

  async markSent(id: string, at: string) {
    await this.db
      .updateTable('outbox')
      .set({ sent_at: at, error: null })
      .where('id', '=', id)
      .execute();
  }

  async markFailed(id: string, error: string) {
    await this.db.updateTable('outbox').set({ error }).where('id', '=', id).execute();
  }

  async list(limit: number, before?: string): Promise<OutboxMessage[]> {
    let q = this.db.selectFrom('outbox').selectAll();
    if (before) q = q.where('id', '<', before);
    const rows = await q.orderBy('id', 'desc').limit(limit).execute();
    return rows.map((r) => ({
      id: r.id,
      to: r.to_address,
      subject: r.subject,
      text: r.text_body,
      createdAt: r.created_at,
      sentAt: r.sent_at,
      error: r.error,
    }));
  }
}
