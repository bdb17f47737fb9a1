/**
 * Group commit for SQLite (decisions/0027-group-commit.md). With synchronous=FULL every commit
 * waits for the disk, and better-sqlite3 waits on the event loop's thread, so one sync per
 * comment caps how many comments a process can take. Works handed to `run` in the same turn of
 * the event loop are written in one transaction, each inside its own savepoint, and committed
 * together: one sync for all of them.
 *
 * Exactness: a work's promise settles only after the shared COMMIT has returned, so a resolved
 * one is durable; a work that throws is rolled back to its savepoint (the others are kept) and
 * its caller gets its error; if the commit itself fails, every caller gets an error and nothing
 * of the group is kept.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../schema.js';

type Work = (trx: Transaction<Database>) => Promise<unknown>;

interface Waiting {
  work: Work;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

export class GroupCommit {
  private waiting: Waiting[] = [];

  constructor(private readonly db: Kysely<Database>) {}

  run<T>(work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const first = this.waiting.length === 0;
      this.waiting.push({ work, resolve: resolve as (value: unknown) => void, reject });
      // After the I/O callbacks of this turn: every request read in it has joined by then.
      if (first) setImmediate(() => void this.flush());
    });
  }

  private async flush(): Promise<void> {
    const group = this.waiting;
    this.waiting = [];
    if (group.length === 1) {
      const [one] = group as [Waiting];
      try {
        one.resolve(await this.db.transaction().execute(one.work));
      } catch (error) {
        one.reject(error);
      }
      return;
    }
    const outcomes: Outcome[] = [];
    try {
      await this.db.transaction().execute(async (trx) => {
        for (const { work } of group) {
          await sql`savepoint grouped`.execute(trx);
          try {
            const value = await work(trx);
            await sql`release grouped`.execute(trx);
            outcomes.push({ ok: true, value });
          } catch (error) {
            // If SQLite already ended the transaction, this throws and the group fails.
            await sql`rollback to grouped`.execute(trx);
            await sql`release grouped`.execute(trx);
            outcomes.push({ ok: false, error });
          }
        }
      });
    } catch (error) {
      // Nothing of the group was committed.
      group.forEach((waiting, i) => {
        const outcome = outcomes[i];
        waiting.reject(outcome && !outcome.ok ? outcome.error : error);
      });
      return;
    }
    group.forEach((waiting, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) waiting.resolve(outcome.value);
      else waiting.reject(outcome.error);
    });
  }
}
