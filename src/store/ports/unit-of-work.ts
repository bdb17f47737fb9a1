/**
 * Writes that must happen all at once. `Tx` is what the work receives: the same ports, bound
 * to the transaction (for the whole store, the Store itself).
 * Used by every service whose writes must land together; comments use groupedTransaction.
 */
export interface UnitOfWork<Tx> {
  /** Runs work in one transaction; what it receives is bound to it. */
  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  /**
   * Like `transaction`, for short writes many requests make at once (posting a comment). On
   * SQLite the works started in the same turn of the event loop share one commit, so one disk
   * sync serves them all (group commit, decisions/0027-group-commit.md); each runs in its own
   * savepoint, so a failing one undoes only its own writes and throws only to its caller. Every
   * promise settles after the shared commit: a resolved one is durable. On PostgreSQL it is
   * `transaction`.
   */
  groupedTransaction<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
}
