/**
 * The limits every process and server of a site counts together (decisions/0058): request
 * rates (sign-in, password reset, verification mail, invitations) and open live streams per
 * client. Counted in the site's database, or in Redis when REDIS_URL is set.
 *
 * When the backend cannot answer, a guarded door fails closed (503, `limits_unavailable`, with
 * Retry-After: an attacker must not get unlimited guesses by knocking Redis over) and a live
 * stream fails open (a reader is never kept from the comments by a limit we cannot count).
 * Either way the failure is logged (once per outage, then at most every 30 s) and counted.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../errors.js';
import type { LimitStore, RateCount, SharedLimits, StreamFollows } from '../store/ports/limits.js';

export interface LimitLog {
  warn(object: object, message: string): void;
}

/** What a failure of the backend led to. */
export type LimitFailure = 'refused' | 'let_through';

/** A request-rate limit's answer, as the x-ratelimit-* headers and Retry-After say it. */
export interface RateAnswer {
  max: number;
  remaining: number;
  /** Seconds until the window ends (at least 1). */
  resetSeconds: number;
  exceeded: boolean;
}

/** The Retry-After of a refusal because the limits could not be counted. */
export const unavailableRetrySeconds = 30;
const logEveryMs = 30_000;

/**
 * The database's limits (the default), or Redis's when `redisUrl` is set. The Redis client
 * (ioredis) is loaded only then: a process without Redis does not carry it (decisions/0083).
 */
export async function openSharedLimits(options: {
  redisUrl: string | null;
  store: { limits: LimitStore };
  log: LimitLog;
}): Promise<SharedLimitService> {
  const { RedisLimits } = options.redisUrl
    ? await import('../store/redis-limits.js')
    : { RedisLimits: null };
  const backend: SharedLimits =
    RedisLimits && options.redisUrl
      ? new RedisLimits({
          url: options.redisUrl,
          // Connection errors come from the socket, always after `service` below exists.
          onError: (error) => service.failed('connection', error),
        })
      : {
          backend: 'database',
          counter: options.store.limits,
          leases: options.store.limits,
          close: async () => {},
        };
  const service = new SharedLimitService(backend, options.log);
  return service;
}

export class SharedLimitService {
  private readonly listeners: ((outcome: LimitFailure) => void)[] = [];
  private lastLogged = 0;

  constructor(
    private readonly backend: SharedLimits,
    private readonly log: LimitLog,
  ) {}

  get backendName(): 'database' | 'redis' {
    return this.backend.backend;
  }

  /** Calls `listener` for every request a backend failure refused or let through (/metrics). */
  observeFailures(listener: (outcome: LimitFailure) => void): void {
    this.listeners.push(listener);
  }

  /**
   * Counts one request of `name` for `key` against `max` per `windowMs`. Fails closed: when the
   * backend cannot count, an AppError `limits_unavailable` (503 with Retry-After).
   */
  async count(
    name: string,
    key: string,
    limit: { max: number; windowMs: number },
  ): Promise<RateAnswer> {
    let counted: RateCount;
    try {
      counted = await this.backend.counter.hit({ name, key, windowMs: limit.windowMs });
    } catch (error) {
      this.failed(name, error, 'refused');
      const refusal = new AppError(
        'limits_unavailable',
        `This cannot be done for a moment. Try again in ${unavailableRetrySeconds} seconds.`,
        { detail: error },
      );
      refusal.retryAfterSeconds = unavailableRetrySeconds;
      throw refusal;
    }
    return {
      max: limit.max,
      remaining: Math.max(0, limit.max - counted.count),
      resetSeconds: Math.max(1, Math.ceil(counted.resetInMs / 1000)),
      exceeded: counted.count > limit.max,
    };
  }

  /**
   * A lease for one more live stream of `client`, or null when the client already holds `max`.
   * Fails open: when the backend cannot answer, the stream is let through, unleased.
   */
  async openStream(
    client: string,
    max: number,
    ttlMs: number,
    follows?: StreamFollows,
  ): Promise<StreamLease | null> {
    const lease = { client, id: randomUUID(), ...(follows ? { follows } : {}) };
    try {
      const taken = await this.backend.leases.acquire({ ...lease, max, ttlMs });
      return taken ? { ...lease, held: true } : null;
    } catch (error) {
      this.failed('live-streams', error, 'let_through');
      return { ...lease, held: false };
    }
  }

  /** Renews the leases of the streams still open here (each heartbeat). */
  async renewStreams(leases: readonly StreamLease[], ttlMs: number): Promise<void> {
    const held = leases.filter((lease) => lease.held);
    try {
      await this.backend.leases.renew(held, ttlMs);
    } catch (error) {
      this.failed('live-streams', error);
    }
  }

  async closeStream(lease: StreamLease): Promise<void> {
    if (!lease.held) return;
    try {
      await this.backend.leases.release(lease);
    } catch (error) {
      // The lease expires by itself.
      this.failed('live-streams', error);
    }
  }

  /**
   * Live readers (decisions/0090): per article, the open streams of every process and server.
   * An article has two streams (comments, live updates) and a reader may follow both, so its
   * figure is the larger of the two counts. Null when the backend cannot answer.
   */
  async readers(): Promise<Map<string, number> | null> {
    try {
      const counted = await this.backend.leases.readers();
      const readers = new Map<string, number>();
      for (const { articleId, streams } of counted) {
        readers.set(articleId, Math.max(readers.get(articleId) ?? 0, streams));
      }
      return readers;
    } catch (error) {
      this.failed('live-streams', error);
      return null;
    }
  }

  async close(): Promise<void> {
    await this.backend.close();
  }

  /** Logs a backend failure (throttled) and counts what it led to. */
  failed(limit: string, error: unknown, outcome?: LimitFailure): void {
    if (outcome) for (const listener of this.listeners) listener(outcome);
    const now = Date.now();
    if (now - this.lastLogged < logEveryMs) return;
    this.lastLogged = now;
    this.log.warn(
      { err: error, backend: this.backend.backend, limit, outcome: outcome ?? 'none' },
      'the shared limits could not be counted',
    );
  }
}

export type { StreamFollows };

export interface StreamLease {
  client: string;
  id: string;
  /** False when the backend was down as the stream opened: nothing to renew or give back. */
  held: boolean;
  /** The article the stream follows (live readers, decisions/0090). */
  follows?: StreamFollows;
}
