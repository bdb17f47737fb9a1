/**
 * What a load balancer relies on from one server: idle keep-alive connections kept as long as
 * the code says (not Node's 5 s), and the graceful drain on SIGTERM (docs/deploy.md).
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { rmSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { openStore } from '../src/store/index.js';
import { startApp } from './helpers/app.js';
import { openSqliteStore, tempDir } from './helpers/databases.js';
import { publishedArticle, storedPerson } from './helpers/fixtures.js';
import { rawConnection } from './helpers/cluster-http.js';
import { startServerProcess, type ServerProcess } from './helpers/server-process.js';
import { openSse } from './helpers/sse.js';
import { waitFor, withDeadline } from './helpers/wait.js';

/** Whether a new connection to the port is refused now. */
async function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

describe('keep-alive on the real server', () => {
  test('by default an idle connection is kept 65 s, and still answers after 5.5 s idle', async () => {
    const db = await openSqliteStore();
    const app = await startApp(db);
    try {
      const port = Number(new URL(app.url).port);
      const conn = await rawConnection(port);
      const first = await conn.get('/healthz');
      assert.equal(first.status, 200);
      assert.equal(first.headers['keep-alive'], 'timeout=65');
      assert.equal(first.headers.connection, 'keep-alive');
      await delay(5_500); // idle past Node's own default of 5 s
      assert.ok(conn.open, 'the server closed an idle connection before 5.5 s');
      const second = await conn.get('/healthz');
      assert.equal(second.status, 200);
      conn.close();
    } finally {
      await app.close();
      await db.dispose();
    }
  });

  test('a shorter setting is announced and kept: open before it, closed after it', async () => {
    const db = await openSqliteStore();
    const app = await startApp(db, {}, { keepAliveTimeoutMs: 2_000 });
    try {
      const port = Number(new URL(app.url).port);
      const conn = await rawConnection(port);
      assert.equal((await conn.get('/healthz')).headers['keep-alive'], 'timeout=2');
      await delay(1_200);
      assert.ok(conn.open, 'closed before the keep-alive time');
      const answered = await conn.get('/healthz');
      assert.equal(answered.status, 200);
      const since = Date.now();
      const closedAt = await withDeadline(conn.closed, 6_000, 'the idle connection to close');
      // Node checks idle sockets with a timer; allow it a little slack on a busy machine.
      assert.ok(closedAt - since >= 1_800, `closed after ${closedAt - since} ms, before 2 s`);
    } finally {
      await app.close();
      await db.dispose();
    }
  });
});

describe('graceful drain on SIGTERM', () => {
  const cleanup: (() => Promise<void>)[] = [];
  after(async () => {
    for (const c of cleanup.reverse()) await c();
  });

  test(
    'behind a balancer: stops accepting, answers on open connections, ends streams with a retry hint, waits for idle ones',
    { timeout: 90_000 },
    async () => {
      const dataDir = tempDir();
      cleanup.push(async () => rmSync(dataDir, { recursive: true, force: true }));
      const store = await openStore({ databaseUrl: null, dataDir });
      const writer = await storedPerson(store);
      const article = await publishedArticle(store, { authorIds: [writer.id] });
      await store.close();
      const drainSeconds = 4;
      const server: ServerProcess = await startServerProcess({
        DATA_DIR: dataDir,
        BASE_URL: 'http://broadsheet.test',
        LOG_LEVEL: 'error',
        DRAIN_SECONDS: String(drainSeconds),
        // Behind a balancer: its idle connections are left for it to close.
        TRUST_PROXY: '127.0.0.1',
      });
      cleanup.push(() => server.kill());

      const stream = await openSse(`${server.url}/api/v1/articles/${article.id}/comments/live`);
      assert.equal(stream.status, 200);
      await stream.comment('live');
      assert.equal(stream.retry, 3000);
      const reused = await rawConnection(server.port);
      const forStream = await rawConnection(server.port);
      const idle = await rawConnection(server.port);
      for (const conn of [reused, forStream, idle]) {
        assert.equal((await conn.get('/healthz')).status, 200);
      }

      const signalled = Date.now();
      server.child.kill('SIGTERM');
      // The stream ends at once, after a short retry hint (clients come back elsewhere soon).
      await withDeadline(stream.ended, 10_000, 'the live stream to end');
      assert.ok(stream.retry !== null && stream.retry >= 500 && stream.retry <= 1000);
      await waitFor(() => refused(server.port), {
        what: 'new connections to be refused',
        timeoutMs: 10_000,
      });

      // A request on an open connection is answered, and that connection is then closed.
      const answered = await reused.get('/healthz');
      assert.equal(answered.status, 200);
      assert.equal(answered.headers.connection, 'close');
      await withDeadline(reused.closed, 5_000, 'the answered connection to close');
      // A new live stream goes elsewhere: 503 with Retry-After.
      const elsewhere = await forStream.get(`/api/v1/articles/${article.id}/comments/live`, {
        accept: 'text/event-stream',
      });
      assert.equal(elsewhere.status, 503);
      assert.equal(elsewhere.headers['retry-after'], '1');

      // The idle connection is left to the client until the drain time is over.
      const idleClosedAt = await withDeadline(idle.closed, 30_000, 'the idle connection to close');
      const waited = idleClosedAt - signalled;
      assert.ok(waited >= drainSeconds * 1000 - 200, `idle connection closed after ${waited} ms`);
      assert.equal(await withDeadline(server.exited, 20_000, 'the exit'), 0);
    },
  );

  test('without a balancer idle connections are closed at once', { timeout: 90_000 }, async () => {
    const dataDir = tempDir();
    cleanup.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    const server = await startServerProcess({
      DATA_DIR: dataDir,
      LOG_LEVEL: 'error',
      DRAIN_SECONDS: '60',
    });
    cleanup.push(() => server.kill());
    const idle = await rawConnection(server.port);
    assert.equal((await idle.get('/healthz')).status, 200);
    const signalled = Date.now();
    server.child.kill('SIGTERM');
    await withDeadline(idle.closed, 10_000, 'the idle connection to close');
    assert.equal(await withDeadline(server.exited, 20_000, 'the exit'), 0);
    assert.ok(Date.now() - signalled < 20_000, 'well before DRAIN_SECONDS');
  });
});
