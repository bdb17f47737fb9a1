/**
 * The databases a test file runs against: SQLite always, PostgreSQL when TEST_DATABASE_URL is
 * set. Each opened store gets its own SQLite file or PostgreSQL schema, so test files running in
 * parallel never share tables. Under CI=true a missing PostgreSQL is a failure, not a skip.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { test } from 'node:test';
import { openStore, type Store } from '../../src/store/index.js';

export interface TestDatabase {
  name: 'sqlite' | 'postgres';
  /** A fresh, migrated, empty store; `dispose` removes everything it created. */
  open(): Promise<OpenedStore>;
}

export interface OpenedStore {
  store: Store;
  /** What the app's config needs to reach the same database. */
  databaseUrl: string | null;
  dataDir: string;
  pgSchema?: string;
  dispose(): Promise<void>;
}

export const postgresUrl = process.env.TEST_DATABASE_URL;
export const inCi = process.env.CI === 'true';

export function tempDir(prefix = 'broadsheet-test-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

/** A fresh SQLite store in a temporary folder (browser tests need no other database). */
export function openSqliteStore(): Promise<OpenedStore> {
  return sqlite.open();
}

const sqlite: TestDatabase = {
  name: 'sqlite',
  async open() {
    const dataDir = tempDir();
    const store = await openStore({ databaseUrl: null, dataDir });
    return {
      store,
      databaseUrl: null,
      dataDir,
      async dispose() {
        await store.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  },
};

function postgres(url: string): TestDatabase {
  return {
    name: 'postgres',
    async open() {
      const schema = `t_${randomBytes(6).toString('hex')}`;
      const dataDir = tempDir();
      const store = await openStore({ databaseUrl: url, dataDir, pgSchema: schema });
      return {
        store,
        databaseUrl: url,
        dataDir,
        pgSchema: schema,
        async dispose() {
          await store.close();
          await dropSchema(url, schema);
          rmSync(dataDir, { recursive: true, force: true });
        },
      };
    },
  };
}

export async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`drop schema if exists ${schema} cascade`);
  } finally {
    await client.end();
  }
}

/**
 * The databases to loop over. Without TEST_DATABASE_URL it registers one skipped test that says
 * so (or, under CI, one failing test).
 */
export function databases(): TestDatabase[] {
  if (postgresUrl) return [sqlite, postgres(postgresUrl)];
  if (inCi) {
    test('PostgreSQL is required under CI', () => {
      throw new Error(
        'TEST_DATABASE_URL is not set, so the PostgreSQL half of this suite cannot run',
      );
    });
  } else {
    test('PostgreSQL tests', { skip: 'skipped: TEST_DATABASE_URL is not set' }, () => {});
  }
  return [sqlite];
}

export interface ScratchDatabase {
  /** TEST_DATABASE_URL with the new database's name in place of its own. */
  url: string;
  drop(): Promise<void>;
}

/**
 * A whole new PostgreSQL database on the server of `url`, for tests that need more than a
 * schema (a process that uses `public`, or database-level settings such as TimeZone).
 */
export async function scratchDatabase(
  url: string,
  settings: Record<string, string> = {},
): Promise<ScratchDatabase> {
  const name = `bs_${randomBytes(6).toString('hex')}`;
  await adminQuery(url, [
    `create database ${name}`,
    ...Object.entries(settings).map(
      ([key, value]) => `alter database ${name} set ${key} = '${value}'`,
    ),
  ]);
  const own = new URL(url);
  own.pathname = `/${name}`;
  return {
    url: own.toString(),
    drop: () => adminQuery(url, [`drop database if exists ${name} with (force)`]),
  };
}

async function adminQuery(url: string, statements: readonly string[]): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}
