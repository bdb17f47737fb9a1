/** SQLite specifics: the file, and the pragmas that make it durable and concurrent-safe. */
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, type Logger } from 'kysely';
import type { Database } from '../schema.js';
import type { TransactionScope } from '../transaction-scope.js';

/**
 * WAL lets readers run beside the writer; synchronous=FULL makes an acknowledged commit survive
 * a power cut; the busy timeout lets several processes share the file without SQLITE_BUSY.
 * These are per-connection settings, so they are applied on every open.
 */
export function applyPragmas(db: SQLite.Database): void {
  // First, so that switching to WAL waits for another process's lock instead of failing.
  db.pragma('busy_timeout = 5000');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
}

/**
 * Kysely's SQLite driver prepares every query anew; compiling the SQL costs more than running
 * most of ours. This hands it the database with `prepare` answered from a bounded cache of
 * statements by SQL text (Kysely emits the same text for the same query shape, with values as
 * parameters). The driver runs one query at a time, so a statement is never used twice at once;
 * one still busy (an unfinished iteration) is not handed out again.
 */
export function reusingStatements(
  raw: SQLite.Database,
  max = 500,
): Pick<SQLite.Database, 'prepare' | 'close'> {
  const statements = new Map<string, SQLite.Statement>();
  return {
    prepare(source: string) {
      const cached = statements.get(source);
      if (cached !== undefined && !cached.busy) {
        // Least recently used order: move it to the end.
        statements.delete(source);
        statements.set(source, cached);
        return cached;
      }
      const statement = raw.prepare(source);
      if (cached === undefined) {
        statements.set(source, statement);
        if (statements.size > max) {
          const oldest = statements.keys().next().value as string;
          statements.delete(oldest);
        }
      }
      return statement;
    },
    close() {
      statements.clear();
      return raw.close();
    },
  } as Pick<SQLite.Database, 'prepare' | 'close'>;
}

export function openSqlite(
  file: string,
  log?: Logger,
  scope?: TransactionScope,
): { db: Kysely<Database>; raw: SQLite.Database } {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  let raw: SQLite.Database;
  try {
    raw = new SQLite(file);
  } catch (error) {
    throw new Error(`cannot open the SQLite database at ${file}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  try {
    applyPragmas(raw);
  } catch (error) {
    raw.close();
    throw new Error(`cannot use the SQLite database at ${file}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const dialect = new SqliteDialect({ database: reusingStatements(raw) });
  const db = new Kysely<Database>({
    dialect: scope ? scope.guard(dialect) : dialect,
    ...(log ? { log } : {}),
  });
  return { db, raw };
}
