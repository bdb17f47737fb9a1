/**
 * Limits decided inside the serialised step that writes (decisions/0046-limits-under-concurrency.md):
 * a transaction holds keys (an author, a network address) so that counting what is stored and
 * inserting the next row cannot interleave with another request for the same key, in this
 * process or any other on the same database.
 */

export interface LimitStore {
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
