/**
 * Counting is exact across processes (issue 24): two workers of one server on SQLite
 * (WORKERS=2), and two servers on one PostgreSQL database, each answering part of the views from
 * its own page cache; once they stop (each writes what it counted), the stored day total is
 * exactly the number of views sent.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import { describe, test } from 'node:test';
import { articlePath } from '../src/domain/article.js';
import { publishedArticle } from './helpers/fixtures.js';
import {
  serversOnOneDatabase,
  withoutPostgres,
  type OneDatabase,
} from './helpers/servers-on-one-database.js';

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

/** An article, and a reader of its stored day total (once the servers have stopped). */
async function seeded(database: OneDatabase) {
  const article = await database.withStore((store) =>
    publishedArticle(store, { headline: 'Counted everywhere' }),
  );
  const storedViews = () =>
    database.withStore(
      async (store) =>
        (await store.insights.rows())
          .filter((r) => r.grain === 'day' && r.subject === article.id)
          .reduce((sum, r) => sum + r.views, 0),
      { migrate: false },
    );
  return { path: articlePath(article), storedViews };
}

describe('counting across processes', () => {
  const suite = serversOnOneDatabase();

  test('WORKERS=2 on SQLite: the total is exact', async () => {
    const database = suite.sqlite();
    const { path, storedViews } = await seeded(database);
    const [server] = await database.startServers(1, { WORKERS: '2' });
    const sent = 80;
    for (let i = 0; i < sent; i += 8) {
      await Promise.all(Array.from({ length: 8 }, () => view(server!.url + path)));
    }
    assert.equal(await server!.stop(), 0, server!.output());
    assert.equal(await storedViews(), sent);
  });

  test(
    'two servers on one PostgreSQL database: the total is exact',
    { skip: withoutPostgres },
    async () => {
      const database = await suite.postgres();
      const { path, storedViews } = await seeded(database);
      const [a, b] = await database.startServers(2);
      for (let i = 0; i < 30; i++) {
        await Promise.all([view(a!.url + path), view(b!.url + path)]);
      }
      assert.equal(await a!.stop(), 0, a!.output());
      assert.equal(await b!.stop(), 0, b!.output());
      assert.equal(await storedViews(), 60);
    },
  );
});
