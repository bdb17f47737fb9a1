/**
 * What differs between the databases behind the one Kysely store, as one object per database
 * (sqlite/dialect.ts, postgres/dialect.ts), in the spirit of Kysely's own dialect adapters. Code
 * outside sqlite/ and postgres/ asks this object; it never compares database names
 * (decisions/0030-dialect-objects.md).
 */
import type { CompiledQuery, Kysely, Transaction } from 'kysely';
import type { ColumnSpec } from '../domain/export-format.js';
import type { SearchTerms } from '../domain/search.js';
import type { DatabaseInfo } from './database-info.js';
import type { CommentRow, SummaryRow } from './rows.js';
import type { Database } from './schema.js';
import type { BackupTable } from './ports/backup.js';
import type { NotificationChannel } from './ports/channel.js';
import type { NewComment } from './ports/comments.js';

export interface SearchQuery {
  terms: SearchTerms;
  limit: number;
  offset: number;
}

/** A search hit as the database returns it: a summary row with the matches marked. */
export interface MarkedRow extends SummaryRow {
  marked_headline: string;
  marked_standfirst: string;
  snippet: string;
}

/** What a one-statement comment write did (`StoreDialect.createComment`). */
export type CommentCreateOutcome =
  | { kind: 'created'; row: CommentRow }
  /**
   * Nothing written, with an Idempotency-Key: it was claimed already (its first comment answers),
   * or else the parent comment is gone.
   */
  | { kind: 'key-taken' }
  /** Nothing written, without a key: the parent comment is gone. */
  | { kind: 'no-parent' };

/** Statements sent together (`StoreDialect.batchedTransaction`): each batch's rows, in order. */
export interface StatementBatch {
  send(statements: readonly CompiledQuery[]): Promise<Record<string, unknown>[][]>;
  /** Sends these and commits, in the same round trip. */
  commit(statements: readonly CompiledQuery[]): Promise<Record<string, unknown>[][]>;
}

/** Runs write transactions; the database decides whether several share one commit. */
export interface TransactionRunner {
  run<T>(work: (trx: Transaction<Database>) => Promise<T>): Promise<T>;
}

export interface StoreDialect extends DatabaseInfo {
  /** The column type migrations give a point in time. */
  readonly timestampType: 'text' | 'timestamptz';
  /**
   * Whether to read several threads' first replies with a LATERAL join (PostgreSQL, which plans
   * every statement anew: a UNION ALL of 20 parts took longer to plan than to run) rather than a
   * UNION ALL of one part per thread (SQLite, which has no LATERAL). Decision 0085.
   */
  readonly lateralReplies: boolean;
  /** The schema to keep Kysely's migration tables in, where it must be named. */
  migrationSchema(db: Kysely<unknown>): Promise<string | undefined>;

  /** One page of published articles matching the terms, best first, and how many match. */
  search(db: Kysely<Database>, query: SearchQuery): Promise<{ total: number; rows: MarkedRow[] }>;

  /** The tables of the database as its catalogue lists them. */
  tableNames(db: Kysely<Database>): Promise<string[]>;
  /** A table's columns in their defined order. */
  columnNames(db: Kysely<Database>, table: string): Promise<string[]>;
  /** Runs `read` in one transaction that sees one snapshot of every table. */
  snapshot(db: Kysely<Database>, read: (trx: Kysely<Database>) => Promise<void>): Promise<void>;
  /** A table's exported columns in file order (text keys in byte order), a batch at a time. */
  readTable(
    trx: Kysely<Database>,
    table: BackupTable,
    batchSize: number,
    emit: (rows: Record<string, unknown>[]) => Promise<void>,
  ): Promise<void>;
  /** A non-null, non-JSON value from an export as this database stores it. */
  toDatabase(column: ColumnSpec, value: unknown): unknown;
  /** Turns off these tables' triggers until the returned `resume`, in the same transaction. */
  suspendTriggers(trx: Kysely<Database>, tables: readonly string[]): Promise<() => Promise<void>>;

  /**
   * A new comment written in one statement (inside the caller's transaction), or null where the
   * store's portable steps are used (decisions/0082).
   */
  createComment:
    | ((
        db: Kysely<Database>,
        id: string,
        input: NewComment,
        reasons: readonly { code: string; detail: string }[],
      ) => Promise<CommentCreateOutcome>)
    | null;
  /**
   * A transaction whose statements are sent several at a time, each batch in one round trip, on
   * a connection of its own (never inside the caller's transaction): `begin` goes with the first
   * batch, `commit` with the last (decisions/0094). Null where the database has none.
   */
  batchedTransaction: (<T>(work: (batch: StatementBatch) => Promise<T>) => Promise<T>) | null;
  /** Runs the short writes many requests make at once (`Store.groupedTransaction`). */
  groupCommit(db: Kysely<Database>): TransactionRunner;
  /**
   * Inside a transaction: waits for, then holds until it ends, these keys (decisions/0046), so
   * that what the transaction counts cannot change before it commits.
   */
  holdKeys(trx: Kysely<Database>, keys: readonly string[]): Promise<void>;
  /** A channel to the other processes on this database, or null where it has none. */
  openChannel(db: Kysely<Database>, onError?: (error: unknown) => void): NotificationChannel | null;
}
