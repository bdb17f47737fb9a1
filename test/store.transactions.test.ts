/**
 * A transaction's work uses the store it is handed. Reaching for the outer store from inside it
 * (which on SQLite, one connection held by the transaction, would wait forever) fails at once
 * with an error naming the mistake, on both databases alike; the normal paths are untouched.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Store } from '../src/store/index.js';
import { outerStoreInTransaction } from '../src/store/transaction-scope.js';
import { databases, type OpenedStore } from './helpers/databases.js';

// A regression would otherwise wait forever on SQLite: each test and hook fails after this.
const deadline = { timeout: 10_000 };
// A refusal is immediate; this leaves room for a loaded machine, not for a wait.
const quickMs = 2_000;

const refused = { message: outerStoreInTransaction };

async function timed<T>(
  promise: Promise<T>,
): Promise<{ ms: number; result: PromiseSettledResult<T> }> {
  const started = performance.now();
  const [result] = await Promise.allSettled([promise]);
  return { ms: performance.now() - started, result: result! };
}

function assertRefusedQuickly(outcome: { ms: number; result: PromiseSettledResult<unknown> }) {
  assert.equal(outcome.result.status, 'rejected', 'the outer store was used without an error');
  const reason = (outcome.result as PromiseRejectedResult).reason as Error;
  assert.equal(reason.message, outerStoreInTransaction);
  assert.ok(outcome.ms < quickMs, `refused after ${Math.round(outcome.ms)} ms`);
}

for (const database of databases()) {
  describe(`transactions on ${database.name}`, () => {
    let db: OpenedStore;
    let store: Store;
    before(async () => {
      db = await database.open();
      store = db.store;
    }, deadline);
    after(() => db?.dispose(), deadline);

    test(
      'work through the store it is handed commits; a nested transaction joins',
      deadline,
      async () => {
        const value = await store.transaction(async (tx) => {
          await tx.settings.set('plain', 'a');
          await tx.transaction((inner) => inner.settings.set('nested', 'b'));
          return tx.settings.get('plain');
        });
        assert.equal(value, 'a');
        assert.equal(await store.settings.get('nested'), 'b');
        const grouped = await Promise.all(
          ['g1', 'g2'].map((key) =>
            store.groupedTransaction(async (tx) => {
              await tx.settings.set(key, key);
              return tx.settings.get(key);
            }),
          ),
        );
        assert.deepEqual(grouped, ['g1', 'g2']);
        assert.deepEqual(await store.settings.getMany(['g1', 'g2']), { g1: 'g1', g2: 'g2' });
      },
    );

    test(
      'a query on the outer store inside the work is refused at once, and the work rolled back',
      deadline,
      async () => {
        const outcome = await timed(
          store.transaction(async (tx) => {
            await tx.settings.set('rolled-back', 'x');
            return store.settings.get('rolled-back');
          }),
        );
        assertRefusedQuickly(outcome);
        assert.equal(await store.settings.get('rolled-back'), null);
      },
    );

    test(
      'starting a transaction on the outer store inside the work is refused',
      deadline,
      async () => {
        assertRefusedQuickly(
          await timed(
            store.transaction(() => store.transaction((tx) => tx.settings.set('never', 'x'))),
          ),
        );
        assertRefusedQuickly(
          await timed(
            store.transaction(() =>
              store.groupedTransaction((tx) => tx.settings.set('never', 'x')),
            ),
          ),
        );
        assert.equal(await store.settings.get('never'), null);
      },
    );

    test(
      'in a group, only the work that reaches outside fails; the others commit',
      deadline,
      async () => {
        const [wrong, right] = await Promise.allSettled([
          store.groupedTransaction(async (tx) => {
            await tx.settings.set('wrong', 'x');
            await store.settings.get('wrong');
          }),
          store.groupedTransaction((tx) => tx.settings.set('right', 'x')),
        ]);
        assert.equal(wrong.status, 'rejected');
        assert.equal((wrong as PromiseRejectedResult).reason.message, outerStoreInTransaction);
        assert.equal(right.status, 'fulfilled');
        assert.deepEqual(await store.settings.getMany(['wrong', 'right']), { right: 'x' });
      },
    );

    test(
      'callbacks a finished transaction left behind may use the outer store',
      deadline,
      async () => {
        let release!: () => void;
        const released = new Promise<void>((resolve) => (release = resolve));
        let later!: Promise<string | null>;
        await store.transaction(async (tx) => {
          await tx.settings.set('afterwards', 'y');
          // Runs in the work's async context, but only once the transaction has committed.
          later = released.then(() => store.settings.get('afterwards'));
        });
        release();
        assert.equal(await later, 'y');
      },
    );

    test(
      'another connection to the same database may be used inside the work',
      deadline,
      async () => {
        await store.settings.set('shared', 'z');
        const another = await store.openAnother();
        try {
          const seen = await store.transaction(() => another.settings.get('shared'));
          assert.equal(seen, 'z');
        } finally {
          await another.close();
        }
      },
    );

    test('a restore’s work is held to the same rule', deadline, async () => {
      await assert.rejects(
        store.backup.restore(() => store.settings.get('shared')),
        refused,
      );
      assert.equal(await store.settings.get('shared'), 'z');
    });
  });
}
