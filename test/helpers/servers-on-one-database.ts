/**
 * Several server processes on one database, for the tests of what crosses processes: servers on
 * one PostgreSQL database (a scratch database of their own), or a server whose workers share one
 * SQLite file (WORKERS=2). The suite's `after` hook runs what the test asked to run at the end
 * (closing its streams), kills the servers, then drops the database and its data folder.
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after } from 'node:test';
import { openStore, type Store } from '../../src/store/index.js';
import { inCi, postgresUrl, scratchDatabase, tempDir } from './databases.js';
import { startServerProcess, type ServerProcess } from './server-process.js';

/** A PostgreSQL test's `skip` option: skipped without TEST_DATABASE_URL, a failure under CI. */
export const withoutPostgres =
  !postgresUrl && !inCi ? 'skipped: TEST_DATABASE_URL is not set' : false;

export interface OneDatabase {
  databaseUrl: string | null;
  dataDir: string;
  /** Runs `use` with a store of the database, closed afterwards; `migrate: false` once serving. */
  withStore<T>(use: (store: Store) => Promise<T>, options?: { migrate?: boolean }): Promise<T>;
  /** Starts `count` servers on the database with these variables too; killed at the end. */
  startServers(count: number, env?: Record<string, string>): Promise<ServerProcess[]>;
}

export interface ServersOnOneDatabase {
  /** A new SQLite database in a folder of its own. */
  sqlite(): OneDatabase;
  /** A new PostgreSQL database (TEST_DATABASE_URL must be set: see `withoutPostgres`). */
  postgres(): Promise<OneDatabase>;
  /** Runs `fn` at the end of the suite, before the servers are killed. */
  atEnd(fn: () => void | Promise<void>): void;
}

/** Call inside a `describe`: its `after` hook ends whatever the suite started. */
export function serversOnOneDatabase(): ServersOnOneDatabase {
  const first: (() => void | Promise<void>)[] = [];
  const servers: ServerProcess[] = [];
  const last: (() => Promise<void>)[] = [];
  after(async () => {
    for (const fn of first) await fn();
    await Promise.all(servers.map((s) => s.kill()));
    for (const fn of last) await fn();
  });

  const database = (databaseUrl: string | null): OneDatabase => {
    const dataDir = tempDir();
    last.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    return {
      databaseUrl,
      dataDir,
      async withStore(use, { migrate = true } = {}) {
        const store = await openStore({ databaseUrl, dataDir, migrate });
        try {
          return await use(store);
        } finally {
          await store.close();
        }
      },
      async startServers(count, env = {}) {
        const all = {
          DATA_DIR: dataDir,
          ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
          ...env,
        };
        // Each one kept as soon as it answers, so a failed start still kills the others.
        return Promise.all(
          Array.from({ length: count }, async () => {
            const server = await startServerProcess(all);
            servers.push(server);
            return server;
          }),
        );
      },
    };
  };

  return {
    sqlite: () => database(null),
    async postgres() {
      assert.ok(postgresUrl, 'TEST_DATABASE_URL is required under CI');
      const scratch = await scratchDatabase(postgresUrl);
      last.push(() => scratch.drop());
      return database(scratch.url);
    },
    atEnd: (fn) => first.push(fn),
  };
}
