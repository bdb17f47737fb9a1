/**
 * Live readers (issue 24, decisions/0090): the open live streams of an article are counted from
 * their leases, across the workers of one server on SQLite (WORKERS=2) and across two servers on
 * one PostgreSQL database. A stream that is closed stops counting at once; the streams of a
 * server that was killed stop counting once their leases expire unrenewed.
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, describe, test } from 'node:test';
import { leaseMs } from '../src/http/feed-hub.js';
import { defaultLimits } from '../src/http/limits.js';
import { openStore } from '../src/store/index.js';
import { inCi, postgresUrl, scratchDatabase, tempDir } from './helpers/databases.js';
import { publishedArticle } from './helpers/fixtures.js';
import { startServerProcess, type ServerProcess } from './helpers/server-process.js';
import { openSse, type SseClient } from './helpers/sse.js';
import { waitFor } from './helpers/wait.js';

async function seeded(databaseUrl: string | null, dataDir: string) {
  const store = await openStore({ databaseUrl, dataDir });
  try {
    return (await publishedArticle(store, { headline: 'Followed live' })).id;
  } finally {
    await store.close();
  }
}

/** The article's open comment streams, as every server counts them (the leases' one query). */
async function following(databaseUrl: string | null, dataDir: string, id: string) {
  const store = await openStore({ databaseUrl, dataDir, migrate: false });
  try {
    const readers = await store.limits.readers();
    return readers
      .filter((r) => r.articleId === id && r.stream === 'comment')
      .reduce((sum, r) => sum + r.streams, 0);
  } finally {
    await store.close();
  }
}

async function stream(baseUrl: string, id: string): Promise<SseClient> {
  const client = await openSse(`${baseUrl}/api/v1/articles/${id}/comments/live`);
  assert.equal(client.status, 200);
  // The hub writes this once the stream is in its feed (its lease was taken before).
  await client.comment('live');
  return client;
}

describe('live readers across processes', () => {
  const servers: ServerProcess[] = [];
  const clients: SseClient[] = [];
  const cleanup: (() => Promise<void>)[] = [];
  after(async () => {
    for (const c of clients) c.close();
    await Promise.all(servers.map((s) => s.kill()));
    for (const c of cleanup) await c();
  });

  test('WORKERS=2 on SQLite: every worker’s streams count; a closed one drops out', async () => {
    const dataDir = tempDir();
    cleanup.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    const id = await seeded(null, dataDir);
    const server = await startServerProcess({ DATA_DIR: dataDir, WORKERS: '2' });
    servers.push(server);
    const opened = [];
    for (let i = 0; i < 4; i++) opened.push(await stream(server.url, id));
    clients.push(...opened);
    assert.equal(await following(null, dataDir, id), 4);
    opened[0]!.close();
    await waitFor(async () => (await following(null, dataDir, id)) === 3, {
      what: 'the closed stream to give its lease back',
    });
    for (const c of opened) c.close();
    assert.equal(await server.stop(), 0, server.output());
    assert.equal(await following(null, dataDir, id), 0, 'a stopped server leaves no reader');
  });

  test(
    'two servers on one PostgreSQL database: both servers’ streams count; a killed server’s drop out within the lease',
    { skip: !postgresUrl && !inCi ? 'skipped: TEST_DATABASE_URL is not set' : false },
    async () => {
      assert.ok(postgresUrl, 'TEST_DATABASE_URL is required under CI');
      const database = await scratchDatabase(postgresUrl);
      cleanup.push(() => database.drop());
      const dataDir = tempDir();
      cleanup.push(async () => rmSync(dataDir, { recursive: true, force: true }));
      const id = await seeded(database.url, dataDir);
      const env = { DATA_DIR: dataDir, DATABASE_URL: database.url };
      const a = await startServerProcess(env);
      servers.push(a);
      const b = await startServerProcess(env);
      servers.push(b);
      const onA = [await stream(a.url, id), await stream(a.url, id)];
      const onB = [await stream(b.url, id), await stream(b.url, id), await stream(b.url, id)];
      clients.push(...onA, ...onB);
      assert.equal(await following(database.url, dataDir, id), 5);
      onA[1]!.close();
      await waitFor(async () => (await following(database.url, dataDir, id)) === 4, {
        what: 'the closed stream to give its lease back',
      });
      // Server b dies without giving its leases back: they expire unrenewed.
      await b.kill();
      const expiry = leaseMs(defaultLimits.liveHeartbeatMs);
      assert.equal(await following(database.url, dataDir, id), 4, 'gone before the lease ends');
      await waitFor(async () => (await following(database.url, dataDir, id)) === 1, {
        what: "the killed server's leases to expire",
        timeoutMs: expiry + 10_000,
        intervalMs: 1_000,
      });
      for (const c of [...onA, ...onB]) c.close();
      assert.equal(await a.stop(), 0, a.output());
    },
  );
});
