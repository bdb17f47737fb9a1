import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { StoreDialect } from './dialect.js';
import type { LimitStore } from './ports/limits.js';
import type { Database } from './schema.js';

function hashKey(name: string, key: string): string {
  return createHash('sha256').update(`${name}\0${key}`).digest('base64url');
}

export class KyselyLimitStore implements LimitStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: StoreDialect,
  ) {}

  async serialise(keys: readonly string[]): Promise<void> {
    if (!this.db.isTransaction) throw new Error('limits.serialise needs a transaction');
    await this.dialect.holdKeys(this.db, keys);
  }

  async admit(input: { name: string; key: string; max: number; windowMs: number; at: string }) {
    const keyHash = hashKey(input.name, input.key);
    const work = async (db: Kysely<Database>) => {
      await this.dialect.holdKeys(db, [`limit:${input.name}:${keyHash}`]);
      const now = Date.parse(input.at);
      const since = new Date(now - input.windowMs).toISOString();
      const scope = db
        .deleteFrom('limit_events')
        .where('name', '=', input.name)
        .where('key_hash', '=', keyHash);
      await scope.where('at', '<=', since).execute();
      const rows = await db
        .selectFrom('limit_events')
        .select('at')
        .where('name', '=', input.name)
        .where('key_hash', '=', keyHash)
        .where('at', '>', since)
        .orderBy('at', 'desc')
        .limit(input.max)
        .execute();
      if (rows.length >= input.max) {
        // Possible again once the oldest of the newest `max` leaves the window.
        const oldest = Date.parse(String(rows[rows.length - 1]!.at));
        const seconds = Math.max(1, Math.ceil((oldest + input.windowMs - now) / 1000));
        return { admitted: false as const, retryAfterSeconds: seconds };
      }
      await db
        .insertInto('limit_events')
        .values({ name: input.name, key_hash: keyHash, at: input.at })
        .execute();
      return { admitted: true as const };
    };
    return this.db.isTransaction ? work(this.db) : this.db.transaction().execute(work);
  }

  async forget(input: { name: string; key: string; at?: string }): Promise<void> {
    let query = this.db
      .deleteFrom('limit_events')
      .where('name', '=', input.name)
      .where('key_hash', '=', hashKey(input.name, input.key));
    if (input.at !== undefined) query = query.where('at', '=', input.at);
    await query.execute();
  }

  async record(input: { name: string; key: string; at: string; keepMs: number }): Promise<void> {
    const keyHash = hashKey(input.name, input.key);
    const since = new Date(Date.parse(input.at) - input.keepMs).toISOString();
    await this.db
      .deleteFrom('limit_events')
      .where('name', '=', input.name)
      .where('key_hash', '=', keyHash)
      .where('at', '<=', since)
      .execute();
    await this.db
      .insertInto('limit_events')
      .values({ name: input.name, key_hash: keyHash, at: input.at })
      .execute();
  }

  async count(input: { name: string; key: string; windowMs: number; at: string }): Promise<number> {
    const since = new Date(Date.parse(input.at) - input.windowMs).toISOString();
    const row = await this.db
      .selectFrom('limit_events')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('name', '=', input.name)
      .where('key_hash', '=', hashKey(input.name, input.key))
      .where('at', '>', since)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }
}
