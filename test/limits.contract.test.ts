/**
 * The shared limits' backends (decisions/0058) answer alike: the database on SQLite and
 * PostgreSQL, and Redis. Counters: a fixed window from a key's first hit, every concurrent hit
 * seeing its own count. Leases: never more than `max` per client at once, given back on release,
 * kept alive by renewal, gone once they expire unrenewed (a server that died).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import type { RateCounter, StreamLeases } from '../src/store/ports/limits.js';
import { RedisLimits } from '../src/store/redis-limits.js';
import { databases } from './helpers/databases.js';
import { dropRedisPrefix, redisOrSkip, redisPrefix } from './helpers/redis.js';

interface Backend {
  name: string;
  open(): Promise<{ counter: RateCounter; leases: StreamLeases; dispose(): Promise<void> }>;
}

const backends: Backend[] = databases().map((database) => ({
  name: `the database on ${database.name}`,
  async open() {
    const db = await database.open();
    return { counter: db.store.limits, leases: db.store.limits, dispose: () => db.dispose() };
  },
}));
const redis = redisOrSkip();
if (redis) {
  backends.push({
    name: 'Redis',
    async open() {
      const prefix = redisPrefix();
      const limits = new RedisLimits({ url: redis, prefix });
      return {
        counter: limits.counter,
        leases: limits.leases,
        async dispose() {
          await limits.close();
          await dropRedisPrefix(redis, prefix);
        },
      };
    },
  });
}

for (const backend of backends) {
  describe(`shared limits in ${backend.name}`, () => {
    let opened: Awaited<ReturnType<Backend['open']>>;
    before(async () => {
      opened = await backend.open();
    });
    after(async () => {
      await opened?.dispose();
    });

    test('a burst of 25 hits at once: each sees its own count, 1 to 25', async () => {
      const hit = { name: 'sign-in-ip', key: '203.0.113.7', windowMs: 60_000 };
      const answers = await Promise.all(Array.from({ length: 25 }, () => opened.counter.hit(hit)));
      const counts = answers.map((a) => a.count).sort((a, b) => a - b);
      assert.deepEqual(
        counts,
        Array.from({ length: 25 }, (_, i) => i + 1),
      );
      for (const { resetInMs } of answers) {
        assert.ok(resetInMs > 50_000 && resetInMs <= 60_000, `resetInMs ${resetInMs}`);
      }
      // Another key, and the same key under another name, count on their own.
      assert.equal((await opened.counter.hit({ ...hit, key: '203.0.113.8' })).count, 1);
      assert.equal((await opened.counter.hit({ ...hit, name: 'reset-ip' })).count, 1);
    });

    test('the window starts at the first hit and does not move; after it, counting starts again', async () => {
      const hit = { name: 'verification', key: `account-${backend.name}`, windowMs: 1_000 };
      const first = await opened.counter.hit(hit);
      assert.equal(first.count, 1);
      await delay(400);
      const second = await opened.counter.hit(hit);
      assert.equal(second.count, 2);
      // The reset is the first hit's window end, not a new window from the second.
      assert.ok(second.resetInMs <= first.resetInMs - 300, `${second.resetInMs}`);
      await delay(second.resetInMs + 100);
      const again = await opened.counter.hit(hit);
      assert.equal(again.count, 1);
      assert.ok(again.resetInMs > 800 && again.resetInMs <= 1_000, `${again.resetInMs}`);
    });

    test('leases: 12 streams asked at once with room for 5 get exactly 5', async () => {
      const now = Date.now();
      const client = '198.51.100.4';
      const asked = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          opened.leases.acquire({ client, id: `s${i}`, max: 5, ttlMs: 60_000, now }),
        ),
      );
      const held = asked.flatMap((ok, i) => (ok ? [`s${i}`] : []));
      assert.equal(held.length, 5);
      // Another client has its own room.
      assert.ok(await opened.leases.acquire({ client: 'x', id: 'x1', max: 5, ttlMs: 60_000, now }));
      // One given back makes room for one, no more.
      await opened.leases.release({ client, id: held[0]! });
      assert.ok(await opened.leases.acquire({ client, id: 'n1', max: 5, ttlMs: 60_000, now }));
      assert.ok(!(await opened.leases.acquire({ client, id: 'n2', max: 5, ttlMs: 60_000, now })));
    });

    test('leases expire unless renewed: a dead server stops counting, a live one keeps its streams', async () => {
      const start = Date.now();
      const dead = '192.0.2.10';
      const alive = '192.0.2.11';
      for (const client of [dead, alive]) {
        for (const id of ['a', 'b']) {
          assert.ok(
            await opened.leases.acquire({
              client,
              id: `${client}-${id}`,
              max: 2,
              ttlMs: 10_000,
              now: start,
            }),
          );
        }
      }
      // Only the live server renews its leases, 8 s in, for another 10 s.
      await opened.leases.renew(
        [
          { client: alive, id: `${alive}-a` },
          { client: alive, id: `${alive}-b` },
        ],
        10_000,
        start + 8_000,
      );
      const later = start + 12_000;
      const ask = (client: string, id: string) =>
        opened.leases.acquire({ client, id, max: 2, ttlMs: 10_000, now: later });
      assert.ok(await ask(dead, 'c'), 'expired leases still counted');
      assert.ok(await ask(dead, 'd'));
      assert.ok(!(await ask(dead, 'e')));
      assert.ok(!(await ask(alive, 'c')), 'renewed leases were forgotten');
    });

    test('live readers: leases that follow an article, counted per article and stream until they end or expire', async () => {
      const now = Date.parse('2026-12-06T10:00:00Z');
      const take = (client: string, id: string, articleId: string, stream: string) =>
        opened.leases.acquire({
          client,
          id,
          max: 5,
          ttlMs: 10_000,
          now,
          follows: { articleId, stream },
        });
      assert.ok(await take('r1', 'r1-a', 'art-1', 'comment'));
      assert.ok(await take('r2', 'r2-a', 'art-1', 'comment'));
      assert.ok(await take('r2', 'r2-b', 'art-1', 'live'));
      assert.ok(await take('r3', 'r3-a', 'art-2', 'comment'));
      // A lease of an older server names no article: not a reader.
      assert.ok(
        await opened.leases.acquire({ client: 'r4', id: 'r4-a', max: 5, ttlMs: 10_000, now }),
      );
      const counted = async (at: number) =>
        (await opened.leases.readers(at))
          .map((r) => `${r.articleId} ${r.stream} ${r.streams}`)
          .sort();
      assert.deepEqual(await counted(now + 1_000), [
        'art-1 comment 2',
        'art-1 live 1',
        'art-2 comment 1',
      ]);
      await opened.leases.release({
        client: 'r1',
        id: 'r1-a',
        follows: { articleId: 'art-1', stream: 'comment' },
      });
      // Only r2's leases are renewed; r3's expires unrenewed (its server died).
      await opened.leases.renew(
        [
          { client: 'r2', id: 'r2-a', follows: { articleId: 'art-1', stream: 'comment' } },
          { client: 'r2', id: 'r2-b', follows: { articleId: 'art-1', stream: 'live' } },
        ],
        10_000,
        now + 8_000,
      );
      assert.deepEqual(await counted(now + 12_000), ['art-1 comment 1', 'art-1 live 1']);
      assert.deepEqual(await counted(now + 30_000), []);
    });
  });
}
