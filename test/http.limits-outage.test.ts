/**
 * When the shared limits cannot be counted (decisions/0058): sign-in and the other guarded doors
 * fail closed (503 `limits_unavailable` with Retry-After), live streams fail open, and /metrics
 * counts both. Redis is made to fail for real: a REDIS_URL where nothing listens, and a
 * redis-server of the test's own (never the shared one) stopped and started again.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { openSqliteStore, type OpenedStore } from './helpers/databases.js';
import { startApp, type RunningApp } from './helpers/app.js';
import { publishedArticle } from './helpers/fixtures.js';
import { json } from './helpers/http.js';
import { redisOrSkip } from './helpers/redis.js';
import { freePort } from './helpers/server-process.js';
import { openSse } from './helpers/sse.js';
import { waitFor } from './helpers/wait.js';

const origin = 'http://broadsheet.test';

function signIn(app: RunningApp, email = 'reader@example.org') {
  return fetch(`${app.url}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify({ email, password: 'not-the-password' }),
  });
}

function failures(metrics: string, outcome: string): number {
  const line = metrics
    .split('\n')
    .find((l) => l.startsWith(`broadsheet_limit_backend_failures_total{outcome="${outcome}"}`));
  return line ? Number(line.split(' ').pop()) : 0;
}

describe('shared limits when Redis cannot be reached', () => {
  let db: OpenedStore;
  let app: RunningApp;
  before(async () => {
    db = await openSqliteStore();
    app = await startApp(db, { REDIS_URL: `redis://127.0.0.1:${await freePort()}` });
  });
  after(async () => {
    await app?.close();
    await db?.dispose();
  });

  test('sign-in and password resets fail closed: 503 with Retry-After and a clear message', async () => {
    const res = await signIn(app);
    assert.equal(res.status, 503);
    assert.equal(res.headers.get('retry-after'), '30');
    const body = await json(res);
    assert.equal(body.error.condition, 'limits_unavailable');
    assert.match(body.error.message, /Try again in 30 seconds/);
    const reset = await fetch(`${app.url}/api/v1/password-resets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin },
      body: JSON.stringify({ email: 'reader@example.org' }),
    });
    assert.equal(reset.status, 503);
    assert.equal((await json(reset)).error.condition, 'limits_unavailable');
  });

  test('live streams fail open, and /metrics counts what was refused and let through', async () => {
    const article = await publishedArticle(db.store);
    const stream = await openSse(`${app.url}/api/v1/articles/${article.id}/comments/live`);
    try {
      assert.equal(stream.status, 200);
      await stream.comment('live');
    } finally {
      stream.close();
    }
    const metrics = await (await fetch(`${app.url}/metrics`)).text();
    assert.equal(failures(metrics, 'refused'), 2);
    assert.ok(failures(metrics, 'let_through') >= 1, metrics);
  });
});

const redisHere = redisOrSkip();

describe('shared limits while a Redis server stops and starts again', { skip: !redisHere }, () => {
  let db: OpenedStore;
  let app: RunningApp;
  let port: number;
  let redis: ChildProcess | undefined;

  /** A redis-server of this test's own, keeping nothing on disk. */
  async function startRedis(): Promise<void> {
    const child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    redis = child;
    await waitFor(
      async () => {
        const probe = spawn('redis-cli', ['-p', String(port), 'ping'], { stdio: 'ignore' });
        return (await new Promise<number | null>((r) => probe.once('exit', r))) === 0;
      },
      { what: 'the test redis-server', timeoutMs: 10_000, intervalMs: 50 },
    );
  }

  async function stopRedis(): Promise<void> {
    const child = redis;
    redis = undefined;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  }

  before(async () => {
    port = await freePort();
    await startRedis();
    db = await openSqliteStore();
    app = await startApp(db, { REDIS_URL: `redis://127.0.0.1:${port}` });
  });
  after(async () => {
    await app?.close();
    await stopRedis();
    await db?.dispose();
  });

  test('counted while up, 503 while down, counted again once it is back', async () => {
    const up = await signIn(app);
    assert.equal(up.status, 401, await up.text());
    await stopRedis();
    const down = await signIn(app);
    assert.equal(down.status, 503);
    assert.equal(down.headers.get('retry-after'), '30');
    await startRedis();
    await waitFor(async () => (await signIn(app)).status === 401, {
      what: 'sign-in to be counted again after Redis came back',
      timeoutMs: 15_000,
      intervalMs: 200,
    });
  });
});
