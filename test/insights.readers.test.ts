/**
 * Live readers (issue 24, decisions/0090): the open live streams of an article are counted from
 * their leases, across the workers of one server on SQLite (WORKERS=2) and across two servers on
 * one PostgreSQL database. A stream that is closed stops counting at once; the streams of a
 * server that was killed stop counting once their leases expire unrenewed.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { leaseMs } from '../src/http/feed-hub.js';
import { defaultLimits } from '../src/http/limits.js';
import { publishedArticle } from './helpers/fixtures.js';
import {
  serversOnOneDatabase,
  withoutPostgres,
  type OneDatabase,
} from './helpers/servers-on-one-database.js';
import { openSse, type SseClient } from './helpers/sse.js';
import { waitFor } from './helpers/wait.js';

/**
 * An article, and its open comment streams as every server counts them (the leases' one query).
 */
async function seeded(database: OneDatabase) {
  const article = await database.withStore((store) =>
    publishedArticle(store, { headline: 'Followed live' }),
  );
  const following = () =>
    database.withStore(
      async (store) =>
        (await store.limits.readers())
          .filter((r) => r.articleId === article.id && r.stream === 'comment')
          .reduce((sum, r) => sum + r.streams, 0),
      { migrate: false },
    );
  return { id: article.id, following };
}

async function stream(baseUrl: string, id: string): Promise<SseClient> {
  const client = await openSse(`${baseUrl}/api/v1/articles/${id}/comments/live`);
  assert.equal(client.status, 200);
  // The hub writes this once the stream is in its feed (its lease was taken before).
  await client.comment('live');
  return client;
}

describe('live readers across processes', () => {
  const suite = serversOnOneDatabase();
  const clients: SseClient[] = [];
  suite.atEnd(() => {
    for (const c of clients) c.close();
  });

  test('WORKERS=2 on SQLite: every worker’s streams count; a closed one drops out', async () => {
    const database = suite.sqlite();
    const { id, following } = await seeded(database);
    const [server] = await database.startServers(1, { WORKERS: '2' });
    const opened = [];
    for (let i = 0; i < 4; i++) opened.push(await stream(server!.url, id));
    clients.push(...opened);
    assert.equal(await following(), 4);
    opened[0]!.close();
    await waitFor(async () => (await following()) === 3, {
      what: 'the closed stream to give its lease back',
    });
    for (const c of opened) c.close();
    assert.equal(await server!.stop(), 0, server!.output());
    assert.equal(await following(), 0, 'a stopped server leaves no reader');
  });

  test(
    'two servers on one PostgreSQL database: both servers’ streams count; a killed server’s drop out within the lease',
    { skip: withoutPostgres },
    async () => {
      const database = await suite.postgres();
      const { id, following } = await seeded(database);
      const [a, b] = await database.startServers(2);
      const onA = [await stream(a!.url, id), await stream(a!.url, id)];
      const onB = [await stream(b!.url, id), await stream(b!.url, id), await stream(b!.url, id)];
      clients.push(...onA, ...onB);
      assert.equal(await following(), 5);
      onA[1]!.close();
      await waitFor(async () => (await following()) === 4, {
        what: 'the closed stream to give its lease back',
      });
      // Server b dies without giving its leases back: they expire unrenewed.
      await b!.kill();
      const expiry = leaseMs(defaultLimits.liveHeartbeatMs);
      assert.equal(await following(), 4, 'gone before the lease ends');
      await waitFor(async () => (await following()) === 1, {
        what: "the killed server's leases to expire",
        timeoutMs: expiry + 10_000,
        intervalMs: 1_000,
      });
      for (const c of [...onA, ...onB]) c.close();
      assert.equal(await a!.stop(), 0, a!.output());
    },
  );
});
