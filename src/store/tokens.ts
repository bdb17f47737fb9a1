import type { Kysely } from 'kysely';
import { newId } from '../domain/ids.js';
import { toUser } from './rows.js';
import type { Database } from './schema.js';
import type { ApiTokenInfo } from '../domain/api-token.js';
import type { TokenStore } from './ports/accounts.js';

/** How stale a token's "last used" time may be. */
const lastUsedResolutionMs = 60_000;

export class KyselyTokenStore implements TokenStore {
  constructor(private readonly db: Kysely<Database>) {}

  async create(input: { userId: string; tokenHash: string; label: string; createdAt: string }) {
    const id = newId(Date.parse(input.createdAt));
    await this.db
      .insertInto('api_tokens')
      .values({
        id,
        user_id: input.userId,
        token_hash: input.tokenHash,
        label: input.label,
        created_at: input.createdAt,
        last_used_at: null,
        revoked_at: null,
      })
      .execute();
    return id;
  }

  async userForHash(tokenHash: string, now: string) {
    const row = await this.db
      .selectFrom('api_tokens as t')
      .innerJoin('users as u', 'u.id', 't.user_id')
      .selectAll('u')
      .select(['t.id as token_id', 't.last_used_at as token_last_used_at'])
      .where('t.token_hash', '=', tokenHash)
      .where('t.revoked_at', 'is', null)
      .executeTakeFirst();
    if (!row) return null;
    // "Last used" is shown to the minute: writing it on every request would add a commit (a
    // disk sync) to every API call, so it is written at most once a minute per token.
    const last = row.token_last_used_at === null ? NaN : Date.parse(row.token_last_used_at);
    if (Number.isFinite(last) && Date.parse(now) - last < lastUsedResolutionMs) return toUser(row);
    await this.db
      .updateTable('api_tokens')
      .set({ last_used_at: now })
      .where('id', '=', row.token_id)
      .execute();
    return toUser(row);
  }

  async revoke(id: string, now: string) {
    await this.db
      .updateTable('api_tokens')
      .set({ revoked_at: now })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .execute();
  }

  async list(): Promise<ApiTokenInfo[]> {
    const rows = await this.db
      .selectFrom('api_tokens as t')
      .innerJoin('users as u', 'u.id', 't.user_id')
      .select([
        't.id',
        't.label',
        't.user_id',
        'u.name',
        'u.email',
        't.created_at',
        't.last_used_at',
        't.revoked_at',
      ])
      .orderBy('t.id', 'desc')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      label: r.label,
      userId: r.user_id,
      userName: r.name,
      userEmail: r.email,
      createdAt: r.created_at,
      lastUsedAt: r.last_used_at,
      revokedAt: r.revoked_at,
    }));
  }
}
