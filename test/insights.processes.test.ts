/**
 * Counting is exact across processes (issue 24): two workers of one server on SQLite
 * (WORKERS=2), and two servers on one PostgreSQL database, each answering part of the views from
 * its own page cache; once they stop (each writes what it counted), the stored day total is
 * exactly the number of views sent.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import { rmSync } from 'node:fs';
import { after, describe, test } from 'node:test';
import { articlePath } from '../src/domain/article.js';
import { openStore } from '../src/store/index.js';
import { inCi, postgresUrl, scratchDatabase, tempDir } from './helpers/databases.js';
import { publishedArticle } from './helpers/fixtures.js';
import { startServerProcess, type ServerProcess } from './helpers/server-process.js';

const reader = {
  'user-agent': 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
  'accept-language': 'en',
  accept: 'text/html',
};

/** One GET on a new connection (so a cluster's workers share them), answered 200. */
function view(url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent: false, headers: reader }, (res) => {
      res.resume();
      res.on('end', () =>
        res.statusCode === 200 ? resolve() : reject(new Error(`${url}: ${res.statusCode}`)),
      );
    });
    req.on('error', reject);
  });
}

async function seeded(databaseUrl: string | null, dataDir: string) {
  const store = await openStore({ databaseUrl, dataDir });
  try {
    const article = await publishedArticle(store, { headline: 'Counted everywhere' });
    return { id: article.id, path: articlePath(article) };
  } finally {
    await store.close();
  }
}

async function storedViews(databaseUrl: string | null, dataDir: string, id: string) {
  const store = await openStore({ databaseUrl, dataDir, migrate: false });
  try {
    const rows = await store.insights.rows();
    return rows
      .filter((r) => r.grain === 'day' && r.subject === id)
      .reduce((sum, r) => sum + r.views, 0);
  } finally {
    await store.close();
  }
}

describe('counting across processes', () => {
  const servers: ServerProcess[] = [];
  const cleanup: (() => Promise<void>)[] = [];
  after(async () => {
    await Promise.all(servers.map((s) => s.kill()));
    for (const c of cleanup) await c();
  });

  test('WORKERS=2 on SQLite: the total is exact', async () => {
    const dataDir = tempDir();
    cleanup.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    const { id, path } = await seeded(null, dataDir);
    const server = await startServerProcess({ DATA_DIR: dataDir, WORKERS: '2' });
    servers.push(server);
    const sent = 80;
    for (let i = 0; i < sent; i += 8) {
      await Promise.all(Array.from({ length: 8 }, () => view(server.url + path)));
    }
    assert.equal(await server.stop(), 0, server.output());
    assert.equal(await storedViews(null, dataDir, id), sent);
  });

  test(
    'two servers on one PostgreSQL database: the total is exact',
    { skip: !postgresUrl && !inCi ? 'skipped: TEST_DATABASE_URL is not set' : false },
    async () => {
      assert.ok(postgresUrl, 'TEST_DATABASE_URL is required under CI');
      const database = await scratchDatabase(postgresUrl);
      cleanup.push(() => database.drop());
      const dataDir = tempDir();
      cleanup.push(async () => rmSync(dataDir, { recursive: true, force: true }));
      const { id, path } = await seeded(database.url, dataDir);
      const env = { DATA_DIR: dataDir, DATABASE_URL: database.url };
      const a = await startServerProcess(env);
      servers.push(a);
      const b = await startServerProcess(env);
      servers.push(b);
      for (let i = 0; i < 30; i++) {
        await Promise.all([view(a.url + path), view(b.url + path)]);
      }
      assert.equal(await a.stop(), 0, a.output());
      assert.equal(await b.stop(), 0, b.output());
      assert.equal(await storedViews(database.url, dataDir, id), 60);
    },
  );
});
