/**
 * The shared limits through the real server (decisions/0058): however many processes or servers
 * answer, a client gets the allowance once. Each deployment gets 40 wrong passwords for one
 * account, 40 sign-ins to different accounts from one address, and live streams past the cap,
 * sent to its processes in turn on new connections; the answers and Retry-After agree.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { rmSync } from 'node:fs';
import { Redis } from 'ioredis';
import { openStore, type Store } from '../src/store/index.js';
import { inCi, postgresUrl, scratchDatabase, tempDir } from './helpers/databases.js';
import { publishedArticle } from './helpers/fixtures.js';
import { redisOrSkip } from './helpers/redis.js';
import { startServerProcess, type ServerProcess } from './helpers/server-process.js';
import { openSse, type SseClient } from './helpers/sse.js';
import { waitFor } from './helpers/wait.js';

const origin = 'http://broadsheet.test';

interface Answer {
  status: number;
  retryAfter: number | null;
  limit: string | null;
  condition: string | null;
}

/** One sign-in on a new connection, as the client at `address` (through the trusted proxy). */
function signIn(url: string, email: string, address: string): Promise<Answer> {
  const body = JSON.stringify({ email, password: 'not-the-password' });
  return new Promise((resolve, reject) => {
    const request = http.request(
      `${url}/api/v1/session`,
      {
        method: 'POST',
        agent: false,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'x-forwarded-for': address,
          origin,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (c: string) => (text += c));
        res.on('end', () => {
          const retry = res.headers['retry-after'];
          const limit = res.headers['x-ratelimit-limit'];
          let condition: string | null = null;
          try {
            condition =
              (JSON.parse(text) as { error?: { condition?: string } }).error?.condition ?? null;
          } catch {
            condition = null;
          }
          resolve({
            status: res.statusCode ?? 0,
            retryAfter: retry === undefined ? null : Number(retry),
            limit: typeof limit === 'string' ? limit : null,
            condition,
          });
        });
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

/** Retry-After values that agree: present, within the window, at most 2 s apart. */
function agreeing(answers: Answer[], windowSeconds: number): void {
  const seconds = answers.map((a) => a.retryAfter);
  assert.ok(
    seconds.every((s) => s !== null && s >= 1 && s <= windowSeconds),
    `Retry-After: ${seconds.join(', ')}`,
  );
  const values = seconds as number[];
  assert.ok(Math.max(...values) - Math.min(...values) <= 2, `Retry-After: ${values.join(', ')}`);
}

interface Deployment {
  name: string;
  skip?: string | false;
  /** The URLs to send requests to in turn, and the store the servers use. */
  start(env: Record<string, string>): Promise<{ urls: string[]; store: Store }>;
}

const running: ServerProcess[] = [];
const cleanup: (() => Promise<void>)[] = [];
after(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop().catch(() => s.kill())));
  for (const c of cleanup.splice(0)) await c().catch(() => {});
});

const common = {
  BASE_URL: origin,
  TRUST_PROXY: '127.0.0.1',
  LIVE_STREAMS_PER_CLIENT: '3',
};

async function servers(count: number, env: Record<string, string>): Promise<ServerProcess[]> {
  const started = await Promise.all(
    Array.from({ length: count }, () => startServerProcess({ ...common, ...env })),
  );
  running.push(...started);
  return started;
}

async function pgDatabase(): Promise<string> {
  assert.ok(postgresUrl, 'TEST_DATABASE_URL is required');
  const database = await scratchDatabase(postgresUrl);
  cleanup.push(() => database.drop());
  return database.url;
}

async function pgStore(url: string): Promise<Store> {
  const dataDir = tempDir();
  const store = await openStore({ databaseUrl: url, dataDir });
  cleanup.unshift(async () => {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  return store;
}

const noPostgres = !postgresUrl && !inCi ? 'skipped: TEST_DATABASE_URL is not set' : false;
const redisUrl = redisOrSkip();
/** A Redis database of its own for this file (emptied before and after). */
const redisDb = 11;

const deployments: Deployment[] = [
  {
    name: 'two workers (WORKERS=2) on one SQLite file',
    async start(env) {
      const dataDir = tempDir();
      cleanup.push(async () => rmSync(dataDir, { recursive: true, force: true }));
      const [server] = await servers(1, { ...env, WORKERS: '2', DATA_DIR: dataDir });
      const store = await openStore({ databaseUrl: null, dataDir });
      cleanup.unshift(() => store.close());
      // Each request on a new connection: the primary hands them to the workers in turn.
      return { urls: [server!.url], store };
    },
  },
  {
    name: 'two servers on one PostgreSQL database',
    skip: noPostgres,
    async start(env) {
      const url = await pgDatabase();
      const [a, b] = await servers(2, { ...env, DATABASE_URL: url, DATA_DIR: tempDir() });
      return { urls: [a!.url, b!.url], store: await pgStore(url) };
    },
  },
];
if (redisUrl) {
  const own = new URL(redisUrl);
  own.pathname = `/${redisDb}`;
  const flush = async () => {
    const redis = new Redis(own.toString());
    await redis.flushdb();
    redis.disconnect();
  };
  deployments.push({
    name: 'two servers with REDIS_URL',
    skip: noPostgres,
    async start(env) {
      await flush();
      cleanup.push(flush);
      const url = await pgDatabase();
      const [a, b] = await servers(2, {
        ...env,
        DATABASE_URL: url,
        REDIS_URL: own.toString(),
        DATA_DIR: tempDir(),
      });
      return { urls: [a!.url, b!.url], store: await pgStore(url) };
    },
  });
}

for (const deployment of deployments) {
  describe(`shared limits: ${deployment.name}`, { skip: deployment.skip ?? false }, () => {
    let urls: string[];
    let store: Store;
    const streams: SseClient[] = [];
    before(async () => {
      ({ urls, store } = await deployment.start({}));
    });
    after(() => {
      for (const s of streams) s.close();
    });
    const at = (i: number) => urls[i % urls.length]!;

    test('40 wrong passwords for one account: exactly 10 answered, then 429 with one Retry-After', async () => {
      const answers: Answer[] = [];
      for (let i = 0; i < 40; i++) {
        answers.push(await signIn(at(i), 'victim@example.org', '203.0.113.10'));
      }
      assert.deepEqual(
        answers.map((a) => a.status),
        [...Array(10).fill(401), ...Array(30).fill(429)],
      );
      agreeing(answers.slice(10), 900);
    });

    test('40 sign-ins to different accounts from one address: exactly 30, then 429', async () => {
      const answers: Answer[] = [];
      for (let i = 0; i < 40; i++) {
        answers.push(await signIn(at(i), `person${i}@example.org`, '203.0.113.20'));
      }
      assert.deepEqual(
        answers.map((a) => a.status),
        [...Array(30).fill(401), ...Array(10).fill(429)],
      );
      const refused = answers.slice(30);
      assert.ok(refused.every((a) => a.condition === 'too_many_attempts' && a.limit === '30'));
      agreeing(refused, 900);
      // Another address has its own allowance.
      assert.equal((await signIn(at(0), 'someone@example.org', '203.0.113.21')).status, 401);
    });

    test('live streams: 3 per client across the processes, a closed one frees its place', async () => {
      const article = await publishedArticle(store);
      const open = (i: number) =>
        openSse(`${at(i)}/api/v1/articles/${article.id}/comments/live`, {
          'x-forwarded-for': '198.51.100.30',
        });
      for (let i = 0; i < 3; i++) {
        const stream = await open(i);
        streams.push(stream);
        assert.equal(stream.status, 200);
        await stream.comment('live');
      }
      for (let i = 0; i < urls.length * 2; i++) {
        const refused = await open(i);
        assert.equal(refused.status, 429);
        assert.equal(refused.headers.get('retry-after'), '30');
        refused.close();
      }
      streams.shift()!.close();
      // The lease is given back as the server sees the stream end.
      let reopened: SseClient | undefined;
      await waitFor(
        async () => {
          const stream = await open(0);
          if (stream.status === 200) reopened = stream;
          else stream.close();
          return reopened !== undefined;
        },
        { what: 'a place freed by the closed stream', intervalMs: 100 },
      );
      streams.push(reopened!);
      const another = await open(1);
      assert.equal(another.status, 429);
      another.close();
    });
  });
}
