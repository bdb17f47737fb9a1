/**
 * The limits port on every database (decisions/0046): keys held by a transaction serialise the
 * transactions that count and insert under them, and `admit` never lets a burst past its max.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Store } from '../src/store/index.js';
import { databases, type OpenedStore } from './helpers/databases.js';

const at = '2026-03-04T12:00:00.000Z';
const later = (ms: number) => new Date(Date.parse(at) + ms).toISOString();

for (const database of databases()) {
  describe(`limits store on ${database.name}`, () => {
    let db: OpenedStore;
    let store: Store;

    before(async () => {
      db = await database.open();
      store = db.store;
    });
    after(async () => {
      await db?.dispose();
    });

    test('admit: a burst of 12 at once for one key lets exactly 3 in', async () => {
      const limit = { name: 'test', key: '203.0.113.9', max: 3, windowMs: 60_000 };
      const results = await Promise.all(
        Array.from({ length: 12 }, () => store.limits.admit({ ...limit, at })),
      );
      assert.equal(results.filter((r) => r.admitted).length, 3);
      const refused = results.find((r) => !r.admitted);
      assert.deepEqual(refused, { admitted: false, retryAfterSeconds: 60 });
      // Another key has its own count; the window passing lets the first key in again.
      assert.equal((await store.limits.admit({ ...limit, key: 'other', at })).admitted, true);
      assert.equal((await store.limits.admit({ ...limit, at: later(60_000) })).admitted, true);
    });

    test('serialise: transactions holding the same key run one after another', async () => {
      const order: string[] = [];
      const work = (name: string) =>
        store.transaction(async (tx) => {
          await tx.limits.serialise(['author:1', 'address:x']);
          order.push(`${name} in`);
          // Another transaction for the key cannot enter while this one awaits its own queries.
          await tx.settings.getMany(['site.name']);
          await tx.settings.getMany(['site.name']);
          order.push(`${name} out`);
        });
      await Promise.all([work('a'), work('b'), work('c')]);
      for (let i = 0; i < order.length; i += 2) {
        assert.equal(order[i]!.replace(' in', ' out'), order[i + 1]);
      }
    });

    test('serialise outside a transaction is refused', async () => {
      await assert.rejects(store.limits.serialise(['k']), /needs a transaction/);
    });
  });
}
