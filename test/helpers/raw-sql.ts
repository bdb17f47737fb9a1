/**
 * One SQL statement against a test store's database, behind the store's back: for tests that
 * need a row in a state no store method makes yet (a comment held or rejected by moderation).
 */
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { sqliteFile } from '../../src/store/index.js';
import type { OpenedStore } from './databases.js';

/** Runs `statement` with `$1`-style parameters on either database. */
export async function rawSql(
  db: OpenedStore,
  statement: string,
  params: unknown[] = [],
): Promise<void> {
  if (db.databaseUrl === null) {
    const raw = new SQLite(sqliteFile(db.dataDir));
    try {
      raw.pragma('busy_timeout = 5000');
      raw.prepare(statement.replace(/\$\d+/g, '?')).run(...params);
    } finally {
      raw.close();
    }
    return;
  }
  const client = new pg.Client({
    connectionString: db.databaseUrl,
    ...(db.pgSchema ? { options: `-c search_path=${db.pgSchema}` } : {}),
  });
  await client.connect();
  try {
    await client.query(statement, params);
  } finally {
    await client.end();
  }
}

/** Runs a query behind the store's back and answers its rows (column names as selected). */
export async function rawRows<T = Record<string, unknown>>(
  db: OpenedStore,
  statement: string,
  params: unknown[] = [],
): Promise<T[]> {
  if (db.databaseUrl === null) {
    const raw = new SQLite(sqliteFile(db.dataDir), { readonly: true });
    try {
      raw.pragma('busy_timeout = 5000');
      return raw.prepare(statement.replace(/\$\d+/g, '?')).all(...params) as T[];
    } finally {
      raw.close();
    }
  }
  const client = new pg.Client({
    connectionString: db.databaseUrl,
    ...(db.pgSchema ? { options: `-c search_path=${db.pgSchema}` } : {}),
  });
  await client.connect();
  try {
    return (await client.query(statement, params)).rows as T[];
  } finally {
    await client.end();
  }
}
