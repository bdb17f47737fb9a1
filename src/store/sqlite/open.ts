/** SQLite specifics: the file, and the pragmas that make it durable and concurrent-safe. */
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, type Logger } from 'kysely';
import type { Database } from '../schema.js';

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

export function openSqlite(
  file: string,
  log?: Logger,
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
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: raw }),
    ...(log ? { log } : {}),
  });
  return { db, raw };
}
