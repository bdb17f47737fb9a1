/**
 * Limits decided inside the serialised step that writes (decisions/0046-limits-under-concurrency.md):
 * a transaction holds keys (an author, a network address) so that counting what is stored and
 * inserting the next row cannot interleave with another request for the same key, in this
 * process or any other on the same database.
 */

export interface LimitStore extends RateCounter, StreamLeases {
  /**
   * Inside a transaction: waits until no other transaction holds any of these keys, then holds
   * them until this one ends (PostgreSQL: advisory locks; SQLite: the database's write lock,
   * taken before anything is read). Outside a transaction it throws.
   */
  serialise(keys: readonly string[]): Promise<void>;
  /**
   * One more event of `name` for `key` (a sign-up from an address, say) if fewer than `max`
   * happened in the window before `at`, decided and recorded in one serialised step. Refused:
   * the seconds until the oldest event in the window leaves it. The key is stored hashed.
   */
  admit(input: {
    name: string;
    key: string;
    max: number;
    windowMs: number;
    at: string;
  }): Promise<{ admitted: true } | { admitted: false; retryAfterSeconds: number }>;
  /**
   * Takes back the event `admit` recorded at `at` (an attempt that turned out not to count), or
   * without `at` every event of the key (a counter starting again).
   */
  forget(input: { name: string; key: string; at?: string }): Promise<void>;
  /** Records an event with no limit; events of the key older than `keepMs` go. */
  record(input: { name: string; key: string; at: string; keepMs: number }): Promise<void>;
  /** How many events of `name` for `key` happened in the window before `at`. */
  count(input: { name: string; key: string; windowMs: number; at: string }): Promise<number>;
}

/**
 * Request-rate limits shared by every process and server of a site (decisions/0058): a
 * fixed-window counter per name and key, the window starting at the key's first hit.
 */
export interface RateCounter {
  /**
   * Counts one hit; answers how many hits the key has in its current window (this one
   * included) and the milliseconds until that window ends. The key is stored hashed.
   */
  hit(input: { name: string; key: string; windowMs: number; now?: number }): Promise<RateCount>;
}

export interface RateCount {
  count: number;
  resetInMs: number;
}

/**
 * Leases on open live streams, counted per client across processes and servers: each open
 * stream holds one until it ends or, if its server dies, until the lease expires unrenewed.
 */
export interface StreamLeases {
  /**
   * Takes a lease for stream `id` of `client` if the client holds fewer than `max` unexpired
   * ones; false (and nothing taken) otherwise.
   */
  acquire(input: {
    client: string;
    id: string;
    max: number;
    ttlMs: number;
    now?: number;
    /** What the stream follows, for `readers` (decisions/0090). */
    follows?: StreamFollows;
  }): Promise<boolean>;
  /** Pushes the expiry of these leases to `ttlMs` from now (the holder's heartbeat). */
  renew(leases: readonly LeaseRef[], ttlMs: number, now?: number): Promise<void>;
  /** Gives the lease back (the stream ended). */
  release(lease: LeaseRef): Promise<void>;
  /**
   * The unexpired leases that follow an article, counted per article and stream, of every
   * process and server (decisions/0090).
   */
  readers(now?: number): Promise<StreamReaders[]>;
}

/** The article a stream follows and which of its streams it is (`comment`, `live`). */
export interface StreamFollows {
  articleId: string;
  stream: string;
}

export interface LeaseRef {
  client: string;
  id: string;
  follows?: StreamFollows | undefined;
}

export interface StreamReaders extends StreamFollows {
  streams: number;
}

/** Where the shared limits are counted: the site's database, or Redis (REDIS_URL). */
export interface SharedLimits {
  readonly backend: 'database' | 'redis';
  readonly counter: RateCounter;
  readonly leases: StreamLeases;
  /** Lets go of the connection (Redis); the database's is the store's to close. */
  close(): Promise<void>;
}
