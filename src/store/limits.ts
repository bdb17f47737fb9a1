import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { StoreDialect } from './dialect.js';
import type {
  LeaseRef,
  LimitStore,
  RateCount,
  RateCounter,
  StreamFollows,
  StreamLeases,
  StreamReaders,
} from './ports/limits.js';
import type { Database } from './schema.js';

function hashKey(name: string, key: string): string {
  return createHash('sha256').update(`${name}\0${key}`).digest('base64url');
}

/** Every this many counted hits (per process), counters whose window ended are deleted. */
const sweepEvery = 500;

export class KyselyLimitStore implements LimitStore, RateCounter, StreamLeases {
  private hitsSinceSweep = 0;

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

  /**
   * One upsert per hit (decisions/0058): a new key, or one whose window has ended, starts a
   * window at 1; a live one counts up. The row is changed and read back in one statement, so
   * concurrent hits from any process each see their own count.
   */
  async hit(input: {
    name: string;
    key: string;
    windowMs: number;
    now?: number;
  }): Promise<RateCount> {
    const now = input.now ?? Date.now();
    const keyHash = hashKey(input.name, input.key);
    const ended = sql<boolean>`limit_counters.resets_at <= ${now}`;
    const row = await this.db
      .insertInto('limit_counters')
      .values({ name: input.name, key_hash: keyHash, hits: 1, resets_at: now + input.windowMs })
      .onConflict((oc) =>
        oc.columns(['name', 'key_hash']).doUpdateSet({
          hits: sql<number>`case when ${ended} then 1 else limit_counters.hits + 1 end`,
          resets_at: sql<number>`case when ${ended} then excluded.resets_at else limit_counters.resets_at end`,
        }),
      )
      .returning(['hits', 'resets_at'])
      .executeTakeFirstOrThrow();
    if (++this.hitsSinceSweep >= sweepEvery) {
      this.hitsSinceSweep = 0;
      await this.sweep(now);
    }
    return { count: Number(row.hits), resetInMs: Math.max(0, Number(row.resets_at) - now) };
  }

  async acquire(input: {
    client: string;
    id: string;
    max: number;
    ttlMs: number;
    now?: number;
    follows?: StreamFollows;
  }): Promise<boolean> {
    const now = input.now ?? Date.now();
    const clientHash = hashKey('stream', input.client);
    const work = async (db: Kysely<Database>) => {
      await this.dialect.holdKeys(db, [`lease:${clientHash}`]);
      await db
        .deleteFrom('stream_leases')
        .where('client_hash', '=', clientHash)
        .where('expires_at', '<=', now)
        .execute();
      const row = await db
        .selectFrom('stream_leases')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('client_hash', '=', clientHash)
        .executeTakeFirst();
      if (Number(row?.n ?? 0) >= input.max) return false;
      await db
        .insertInto('stream_leases')
        .values({
          id: input.id,
          client_hash: clientHash,
          expires_at: now + input.ttlMs,
          article_id: input.follows?.articleId ?? null,
          stream: input.follows?.stream ?? null,
        })
        .execute();
      return true;
    };
    return this.db.isTransaction ? work(this.db) : this.db.transaction().execute(work);
  }

  async renew(leases: readonly LeaseRef[], ttlMs: number, now: number = Date.now()): Promise<void> {
    if (leases.length === 0) return;
    await this.db
      .updateTable('stream_leases')
      .set({ expires_at: now + ttlMs })
      .where(
        'id',
        'in',
        leases.map((lease) => lease.id),
      )
      .execute();
    // Leases of servers that died without giving theirs back.
    await this.db.deleteFrom('stream_leases').where('expires_at', '<=', now).execute();
  }

  async release(lease: LeaseRef): Promise<void> {
    await this.db.deleteFrom('stream_leases').where('id', '=', lease.id).execute();
  }

  async readers(now: number = Date.now()): Promise<StreamReaders[]> {
    const rows = await this.db
      .selectFrom('stream_leases')
      .select((eb) => ['article_id', 'stream', eb.fn.countAll<number | string>().as('n')])
      .where('article_id', 'is not', null)
      .where('stream', 'is not', null)
      .where('expires_at', '>', now)
      .groupBy(['article_id', 'stream'])
      .execute();
    return rows.map((r) => ({
      articleId: r.article_id ?? '',
      stream: r.stream ?? '',
      streams: Number(r.n),
    }));
  }

  private async sweep(now: number): Promise<void> {
    await this.db.deleteFrom('limit_counters').where('resets_at', '<=', now).execute();
  }
}
