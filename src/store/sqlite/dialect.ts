/** What is particular to SQLite behind the store (the contract is in store/dialect.ts). */
import { sql } from 'kysely';
import type { StoreDialect } from '../dialect.js';
import {
  readSqliteTable,
  sqliteColumnNames,
  sqliteTableNames,
  suspendSqliteTriggers,
} from './backup.js';
import { GroupCommit } from './group-commit.js';
import { searchSqlite } from './search.js';

export const sqliteDialect: StoreDialect = {
  id: 'sqlite',
  name: 'SQLite',
  // One file, no server to carry messages: a cluster's primary relays changes instead.
  carriesChanges: false,
  // ISO-8601 strings (decisions/0002), which sort as times.
  timestampType: 'text',
  lateralReplies: false,
  migrationSchema: () => Promise.resolve(undefined),
  search: searchSqlite,
  tableNames: sqliteTableNames,
  columnNames: sqliteColumnNames,
  // One connection, and WAL gives a transaction one snapshot of the file.
  snapshot: (db, read) => db.transaction().execute(read),
  readTable: readSqliteTable,
  // SQLite has no boolean type.
  toDatabase: (column, value) => (column.type === 'boolean' ? (value ? 1 : 0) : value),
  suspendTriggers: suspendSqliteTriggers,
  createComment: null,
  batchedTransaction: null,
  groupCommit: (db) => new GroupCommit(db),
  // One writer at a time holds every key: a write that changes nothing takes the write lock
  // (waiting for another process's, up to the busy timeout) before the transaction reads.
  holdKeys: async (trx, keys) => {
    if (keys.length) await sql`update limit_events set at = at where 0`.execute(trx);
  },
  openChannel: () => null,
};
