/**
 * The shared limits in Redis (REDIS_URL; decisions/0058). A counter is one key, counted up and
 * given its expiry by one Lua script, so the count and the window's start cannot come apart; a
 * client's live-stream leases are one sorted set (member: stream id, score: expiry).
 *
 * Commands are never queued while the connection is down: they fail at once, and the caller
 * decides (sign-in and the other guarded doors refuse with 503, live streams are let through).
 */
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { Redis } from 'ioredis';
import type {
  LeaseRef,
  RateCount,
  SharedLimits,
  StreamFollows,
  StreamReaders,
} from './ports/limits.js';

const connectTimeoutMs = 2_000;

const countScript = `
local n = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if n == 1 or ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {n, ttl}
`;

const acquireScript = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then return 0 end
redis.call('ZADD', KEYS[1], ARGV[3], ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return 1
`;

interface LimitCommands {
  broadsheetCount(key: string, windowMs: number): Promise<[number, number]>;
  broadsheetAcquire(
    key: string,
    now: number,
    max: number,
    expiresAt: number,
    id: string,
    ttlMs: number,
  ): Promise<number>;
}

export interface RedisLimitOptions {
  url: string;
  /** Prepended to every key: one Redis may serve several sites (and tests). */
  prefix?: string;
  /** A command that gets no answer in this many milliseconds fails. */
  commandTimeoutMs?: number;
  /** Told about connection errors (at most one per outage is worth logging). */
  onError?: (error: Error) => void;
}

function hashed(name: string, key: string): string {
  return createHash('sha256').update(`${name}\0${key}`).digest('base64url');
}

export class RedisLimits implements SharedLimits {
  readonly backend = 'redis' as const;
  private readonly redis: Redis & LimitCommands;
  private readonly prefix: string;
  /** Set once the first connection is made; until then a command waits for it, briefly. */
  private everReady = false;

  constructor(options: RedisLimitOptions) {
    this.prefix = options.prefix ?? 'broadsheet:';
    const redis = new Redis(options.url, {
      // Connect in the background (see connected()); during an outage commands fail at once.
      lazyConnect: false,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: options.commandTimeoutMs ?? 1000,
      connectTimeout: connectTimeoutMs,
      retryStrategy: (times) => Math.min(times * 200, 2000),
    });
    redis.on('error', (error: Error) => options.onError?.(error));
    redis.once('ready', () => (this.everReady = true));
    redis.defineCommand('broadsheetCount', { numberOfKeys: 1, lua: countScript });
    redis.defineCommand('broadsheetAcquire', { numberOfKeys: 1, lua: acquireScript });
    this.redis = redis as Redis & LimitCommands;
  }

  readonly counter = {
    hit: async (input: { name: string; key: string; windowMs: number }): Promise<RateCount> => {
      await this.connected();
      const key = `${this.prefix}rate:${input.name}:${hashed(input.name, input.key)}`;
      const [count, ttl] = await this.redis.broadsheetCount(key, Math.max(1, input.windowMs));
      return { count: Number(count), resetInMs: Math.max(0, Number(ttl)) };
    },
  };

  readonly leases = {
    acquire: async (input: {
      client: string;
      id: string;
      max: number;
      ttlMs: number;
      now?: number;
      follows?: StreamFollows;
    }): Promise<boolean> => {
      await this.connected();
      const now = input.now ?? Date.now();
      const admitted = await this.redis.broadsheetAcquire(
        this.leaseKey(input.client),
        now,
        input.max,
        now + input.ttlMs,
        input.id,
        input.ttlMs,
      );
      if (Number(admitted) !== 1) return false;
      const reader = this.readerOf(input);
      if (reader) await this.redis.zadd(this.readersKey, now + input.ttlMs, reader);
      return true;
    },
    renew: async (
      leases: readonly LeaseRef[],
      ttlMs: number,
      now: number = Date.now(),
    ): Promise<void> => {
      if (leases.length === 0) return;
      await this.connected();
      const batch = this.redis.multi();
      for (const lease of leases) {
        const key = this.leaseKey(lease.client);
        batch.zadd(key, 'XX', now + ttlMs, lease.id);
        batch.pexpire(key, ttlMs);
        const reader = this.readerOf(lease);
        if (reader) batch.zadd(this.readersKey, 'XX', now + ttlMs, reader);
      }
      const results = await batch.exec();
      const failed = results?.find(([error]) => error);
      if (failed?.[0]) throw failed[0];
    },
    release: async (lease: LeaseRef): Promise<void> => {
      await this.connected();
      await this.redis.zrem(this.leaseKey(lease.client), lease.id);
      const reader = this.readerOf(lease);
      if (reader) await this.redis.zrem(this.readersKey, reader);
    },
    readers: async (now: number = Date.now()): Promise<StreamReaders[]> => {
      await this.connected();
      // Leases of servers that died without giving theirs back go first.
      await this.redis.zremrangebyscore(this.readersKey, '-inf', now);
      const members = await this.redis.zrangebyscore(this.readersKey, `(${now}`, '+inf');
      const counted = new Map<string, StreamReaders>();
      for (const member of members) {
        const [stream, articleId] = member.split(' ');
        if (!stream || !articleId) continue;
        const key = `${stream} ${articleId}`;
        const entry = counted.get(key) ?? { articleId, stream, streams: 0 };
        entry.streams += 1;
        counted.set(key, entry);
      }
      return [...counted.values()];
    },
  };

  async close(): Promise<void> {
    // quit() waits for an answer a dead server never gives.
    if (this.redis.status === 'ready') await this.redis.quit().catch(() => {});
    this.redis.disconnect();
  }

  /**
   * Before the first connection (just after start, perhaps after a start-up that kept the event
   * loop busy) a command waits for it up to `connectTimeoutMs`; during a later outage nothing
   * waits: the command fails at once.
   */
  private async connected(): Promise<void> {
    if (this.everReady || this.redis.status === 'ready') return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      once(this.redis, 'ready'),
      new Promise((resolve) => (timer = setTimeout(resolve, connectTimeoutMs))),
    ]).finally(() => clearTimeout(timer));
  }

  /** Every lease that follows an article: one sorted set (member: stream, article, id). */
  private get readersKey(): string {
    return `${this.prefix}readers`;
  }

  private readerOf(lease: { id: string; follows?: StreamFollows | undefined }): string | null {
    const { follows } = lease;
    return follows ? `${follows.stream} ${follows.articleId} ${lease.id}` : null;
  }

  private leaseKey(client: string): string {
    return `${this.prefix}streams:${hashed('stream', client)}`;
  }
}
