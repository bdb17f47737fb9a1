/** What is particular to PostgreSQL behind the store (the contract is in store/dialect.ts). */
import type pg from 'pg';
import { sql, type Logger } from 'kysely';
import type { StoreDialect } from '../dialect.js';
import {
  postgresColumnNames,
  postgresTableNames,
  readPostgresTable,
  suspendPostgresTriggers,
} from './backup.js';
import { channelName, PostgresChannel } from './channel.js';
import { createCommentPostgres } from './comment-create.js';
import { batchedTransactionPostgres } from './comment-post.js';
import { searchPostgres } from './search.js';

export interface PostgresDialectOptions {
  connectionString: string;
  /** The schema the store uses instead of public, if any: it names the change channel. */
  schema?: string | undefined;
  /** The store's pool, for work that sends its own messages (comment-post.ts); without it, none. */
  pool?: pg.Pool;
  /** Told of each query sent that way, as the store's Kysely log is. */
  log?: Logger | undefined;
}

export function postgresDialect(options: PostgresDialectOptions): StoreDialect {
  const { pool } = options;
  return {
    id: 'postgres',
    name: 'PostgreSQL',
    carriesChanges: true,
    timestampType: 'timestamptz',
    lateralReplies: true,
    // Left unnamed, Kysely's existence check looks in every schema, so another schema's tables
    // (tests run one schema per file, in parallel) would make it skip creating ours.
    async migrationSchema(db) {
      const rows = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
      return rows.rows[0]?.schema;
    },
    search: searchPostgres,
    tableNames: postgresTableNames,
    columnNames: postgresColumnNames,
    // Read committed would let each table's select see a different moment.
    snapshot: (db, read) => db.transaction().setIsolationLevel('repeatable read').execute(read),
    readTable: readPostgresTable,
    toDatabase: (_column, value) => value,
    suspendTriggers: suspendPostgresTriggers,
    createComment: createCommentPostgres,
    batchedTransaction: pool ? (work) => batchedTransactionPostgres(pool, options.log, work) : null,
    // An ordinary transaction each: commits already run side by side on the pool (decisions/0027).
    groupCommit: (db) => ({ run: (work) => db.transaction().execute(work) }),
    // Transaction-level advisory locks, taken in one order so two holders of two keys cannot
    // deadlock; released by the commit or rollback, across every process on this database. One
    // statement for all of them: a select list is evaluated left to right.
    async holdKeys(trx, keys) {
      const sorted = [...new Set(keys)].sort();
      if (sorted.length === 0) return;
      const locks = sorted.map((key) => sql`pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
      await sql`select ${sql.join(locks)}`.execute(trx);
    },
    openChannel: (db, onError) =>
      new PostgresChannel(
        db,
        { connectionString: options.connectionString },
        channelName(options.schema),
        onError,
      ),
  };
}
