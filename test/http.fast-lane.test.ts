/**
 * The fast lane (src/http/fast-lane.ts) through the whole app: every hit it answers is counted
 * exactly in /metrics, by method and status, with its time; and at info level each hit writes
 * the same request line as the app, without the query string, while above info none is built.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { articlePath } from '../src/domain/article.js';
import { databases, type OpenedStore } from './helpers/databases.js';
import { startApp, type RunningApp } from './helpers/app.js';
import { publishedArticle, storedPerson } from './helpers/fixtures.js';

const lane = 'page cache (fast lane)';

/** The value of one series on /metrics, or undefined when it is not there. */
function series(text: string, name: string, labels: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{${labels}} `));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

for (const database of databases()) {
  describe(`the fast lane on ${database.name}`, () => {
    let db: OpenedStore;
    let app: RunningApp;
    const lines: Record<string, unknown>[] = [];
    const logger = pino(
      { level: 'info' },
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          for (const line of chunk.toString('utf8').split('\n').filter(Boolean))
            lines.push(JSON.parse(line) as Record<string, unknown>);
          done();
        },
      }),
    );
    let path = '';

    before(async () => {
      db = await database.open();
      app = await startApp(db, { LOG_LEVEL: 'info' }, undefined, { logger });
      await db.store.sections.upsert({ slug: 'news', name: 'News', description: '', position: 0 });
      const writer = await storedPerson(db.store, { slug: 'w', name: 'Writer', role: 'author' });
      path = articlePath(await publishedArticle(db.store, { authorIds: [writer.id] }));
      // The first request renders (and is counted by the app); later ones take the lane.
      const first = await fetch(app.url + path);
      await first.arrayBuffer();
      assert.equal(first.headers.get('x-cache'), 'miss');
    });
    after(async () => {
      await app?.close();
      await db?.dispose();
    });

    test('every hit is counted exactly, by method and status, and timed', async () => {
      const before = await (await fetch(`${app.url}/metrics`)).text();
      const count = (text: string, labels: string) =>
        series(text, 'broadsheet_http_requests_total', labels) ?? 0;
      const get200 = `method="GET",route="${lane}",status="200"`;
      const get304 = `method="GET",route="${lane}",status="304"`;
      const head200 = `method="HEAD",route="${lane}",status="200"`;
      const timed = (text: string) =>
        series(
          text,
          'broadsheet_http_request_duration_seconds_count',
          `method="GET",route="${lane}"`,
        ) ?? 0;

      const hits = await Promise.all(
        Array.from({ length: 40 }, async (_, i) => {
          const res = await fetch(app.url + path, {
            headers: { 'accept-encoding': i % 2 ? 'gzip' : 'identity' },
          });
          await res.arrayBuffer();
          return res;
        }),
      );
      assert.ok(hits.every((r) => r.status === 200 && r.headers.get('x-cache') === 'hit'));
      const etag = hits[0]!.headers.get('etag')!;
      for (let i = 0; i < 3; i++) {
        const res = await fetch(app.url + path, { headers: { 'if-none-match': etag } });
        assert.equal(res.status, 304);
      }
      for (let i = 0; i < 5; i++) {
        const res = await fetch(app.url + path, { method: 'HEAD' });
        assert.equal(res.headers.get('x-cache'), 'hit');
      }

      const after = await (await fetch(`${app.url}/metrics`)).text();
      assert.equal(count(after, get200) - count(before, get200), 40);
      assert.equal(count(after, get304) - count(before, get304), 3);
      assert.equal(count(after, head200) - count(before, head200), 5);
      assert.equal(timed(after) - timed(before), 43);
      // The histogram's buckets add up: cumulative, ending at the count.
      const buckets = after
        .split('\n')
        .filter(
          (l) =>
            l.startsWith('broadsheet_http_request_duration_seconds_bucket{le=') &&
            l.includes(`,method="GET",route="${lane}"} `),
        )
        .map((l) => Number(l.slice(l.lastIndexOf(' ') + 1)));
      assert.equal(buckets.length, 13);
      assert.deepEqual(
        buckets,
        [...buckets].sort((a, b) => a - b),
      );
      assert.equal(buckets.at(-1), timed(after));
      // The app's own routes are still counted: this scrape saw the one before it.
      assert.ok(count(after, 'method="GET",route="/metrics",status="200"') >= 1);
    });

    test('at info level each hit writes the request line, without its query string', async () => {
      // A link with tracking parameters: the first request for it is answered by the app (which
      // remembers the URL), the next by the lane.
      const url = `${app.url}${path}?utm_source=newsletter&utm_campaign=secret`;
      await (await fetch(url)).arrayBuffer();
      const laneHits = async () =>
        series(
          await (await fetch(`${app.url}/metrics`)).text(),
          'broadsheet_http_requests_total',
          `method="GET",route="${lane}",status="200"`,
        ) ?? 0;
      const hitsBefore = await laneHits();
      lines.length = 0;
      const res = await fetch(url);
      await res.arrayBuffer();
      assert.equal(res.headers.get('x-cache'), 'hit');
      assert.equal(await laneHits(), hitsBefore + 1);
      const logged = lines.filter((l) => l.msg === 'request' && l.path !== '/metrics');
      assert.equal(logged.length, 1);
      assert.equal(logged[0]!.method, 'GET');
      assert.equal(logged[0]!.path, path);
      assert.equal(logged[0]!.status, 200);
      assert.equal(typeof logged[0]!.ms, 'number');
      assert.ok(!JSON.stringify(logged[0]).includes('secret'));

      // The level is read as it is now: above info, no line; back at info, lines again.
      logger.level = 'warn';
      await (await fetch(app.url + path)).arrayBuffer();
      const ours = () => lines.filter((l) => l.msg === 'request' && l.path === path);
      assert.equal(ours().length, 1);
      logger.level = 'info';
      await (await fetch(app.url + path, { method: 'HEAD' })).arrayBuffer();
      const again = ours();
      assert.equal(again.length, 2);
      assert.equal(again[1]!.method, 'HEAD');
    });
  });
}
