/**
 * The webhooks port and the newsroom-email opt-outs on every database (migration 0030): a
 * delivery is held by one claimant at a time, a lost claim records nothing, redelivery queues
 * again, and deleting a webhook takes its deliveries with it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Store } from '../src/store/index.js';
import { databases, type OpenedStore } from './helpers/databases.js';
import { storedPerson } from './helpers/fixtures.js';

const at = '2026-12-04T09:00:00.000Z';
const later = (ms: number) => new Date(Date.parse(at) + ms).toISOString();
const fields = {
  url: 'https://hooks.example.com/in',
  secret: 'a-secret-of-enough-length',
  events: ['article.published' as const, 'comment.held' as const],
  preset: 'json' as const,
  description: 'Desk',
  enabled: true,
};
const result = (status: number | null) => ({
  at,
  responseStatus: status,
  responseBody: status ? `answer ${status}` : null,
  durationMs: 12,
  error: status ? null : 'connection refused',
});

for (const database of databases()) {
  describe(`webhooks store on ${database.name}`, () => {
    let db: OpenedStore;
    let store: Store;
    before(async () => {
      db = await database.open();
      store = db.store;
    });
    after(async () => {
      await db?.dispose();
    });

    test('create, read, update, list by event, remove', async () => {
      const hook = await store.webhooks.create({ ...fields, id: 'w1', at });
      assert.deepEqual(hook, {
        ...fields,
        id: 'w1',
        createdAt: at,
        updatedAt: at,
      });
      assert.deepEqual(
        (await store.webhooks.subscribedTo('comment.held')).map((w) => w.id),
        ['w1'],
      );
      assert.deepEqual(await store.webhooks.subscribedTo('comment.reported'), []);
      const off = await store.webhooks.update('w1', { ...fields, enabled: false }, later(1000));
      assert.equal(off?.enabled, false);
      assert.equal(off?.updatedAt, later(1000));
      // A webhook turned off hears nothing.
      assert.deepEqual(await store.webhooks.subscribedTo('comment.held'), []);
      assert.equal(await store.webhooks.update('nope', fields, at), null);
      assert.equal(await store.webhooks.remove('w1'), true);
      assert.equal(await store.webhooks.remove('w1'), false);
      assert.deepEqual(await store.webhooks.list(), []);
    });

    test('a claimed delivery is held by one claimant until recorded or the hold runs out', async () => {
      await store.webhooks.create({ ...fields, id: 'w2', at });
      for (const id of ['d1', 'd2', 'd3']) {
        await store.webhooks.enqueue({
          id,
          webhookId: 'w2',
          event: 'comment.held',
          payload: `{"n":"${id}"}`,
          at,
        });
      }
      const claim = (name: string, now = later(1000), limit = 10) =>
        store.webhooks.claimDue({ now, until: later(61_000), claim: name, limit });
      const [a, b] = await Promise.all([claim('a', later(1000), 2), claim('b', later(1000), 2)]);
      const won = [...a!, ...b!].map((d) => d.id).sort();
      // Each delivery went to one claimant; the third was left for the next look.
      assert.equal(new Set(won).size, won.length);
      assert.ok(won.length >= 2 && won.length <= 3);
      const winner = a!.length ? 'a' : 'b';
      const first = (a!.length ? a! : b!)[0]!;
      assert.equal(first.status, 'pending');
      assert.equal(first.attempts, 0);
      assert.match(first.payload, /"n":"d\d"/);

      // Another claimant's record changes nothing; the holder's is kept with its attempt.
      assert.equal(
        await store.webhooks.recordAttempt({
          deliveryId: first.id,
          claim: winner === 'a' ? 'b' : 'a',
          attemptId: 'x1',
          result: result(200),
          status: 'delivered',
          nextAttemptAt: null,
        }),
        false,
      );
      assert.equal(
        await store.webhooks.recordAttempt({
          deliveryId: first.id,
          claim: winner,
          attemptId: 'x2',
          result: result(500),
          status: 'pending',
          nextAttemptAt: later(31_000),
        }),
        true,
      );
      const retried = await store.webhooks.delivery(first.id);
      assert.equal(retried?.status, 'pending');
      assert.equal(retried?.attempts, 1);
      assert.equal(retried?.responseStatus, 500);
      assert.equal(retried?.responseBody, 'answer 500');
      assert.equal(retried?.durationMs, 12);
      assert.equal(retried?.nextAttemptAt, later(31_000));
      // Not due yet, the others still held: only what nobody claimed is left to claim.
      const rest = await claim('c', later(2000));
      assert.deepEqual(
        rest.map((d) => d.id),
        ['d1', 'd2', 'd3'].filter((d) => !won.includes(d)),
      );
      // Once due, and once the other holds ran out, everything pending is claimable again.
      const again = await claim('d', later(62_000));
      assert.deepEqual(again.map((d) => d.id).sort(), ['d1', 'd2', 'd3']);
      const attempts = await store.webhooks.attempts(first.id);
      assert.deepEqual(
        attempts.map((x) => [x.id, x.responseStatus, x.responseBody, x.durationMs, x.error]),
        [['x2', 500, 'answer 500', 12, null]],
      );
    });

    test('redeliver queues a finished delivery again; deleting the webhook removes its log', async () => {
      await store.webhooks.create({ ...fields, id: 'w3', at });
      await store.webhooks.enqueue({
        id: 'e1',
        webhookId: 'w3',
        event: 'article.published',
        payload: '{}',
        at,
      });
      // Still pending: nothing to redeliver.
      assert.equal(await store.webhooks.redeliver('e1', later(5)), null);
      const [held] = await store.webhooks.claimDue({
        now: at,
        until: later(60_000),
        claim: 'k',
        limit: 5,
      });
      assert.equal(held?.id, 'e1');
      await store.webhooks.recordAttempt({
        deliveryId: 'e1',
        claim: 'k',
        attemptId: 'y1',
        result: result(null),
        status: 'failed',
        nextAttemptAt: null,
      });
      const failed = await store.webhooks.delivery('e1');
      assert.equal(failed?.status, 'failed');
      assert.equal(failed?.error, 'connection refused');
      const again = await store.webhooks.redeliver('e1', later(10));
      assert.equal(again?.status, 'pending');
      assert.equal(again?.nextAttemptAt, later(10));
      assert.equal(again?.attempts, 1);

      for (const id of ['e2', 'e3']) {
        await store.webhooks.enqueue({
          id,
          webhookId: 'w3',
          event: 'article.published',
          payload: '{}',
          at,
        });
      }
      assert.deepEqual(
        (await store.webhooks.deliveries('w3', 2)).map((d) => d.id),
        ['e3', 'e2'],
      );
      assert.deepEqual(
        (await store.webhooks.deliveries('w3', 2, 'e2')).map((d) => d.id),
        ['e1'],
      );
      await store.webhooks.remove('w3');
      assert.equal(await store.webhooks.delivery('e1'), null);
      assert.deepEqual(await store.webhooks.attempts('e1'), []);
    });

    test('newsroom emails turned off are kept per person and kind', async () => {
      const person = await storedPerson(store, { role: 'author' });
      assert.deepEqual(await store.staffMail.optedOut(person.id), []);
      await store.staffMail.optOut(person.id, 'returned', at);
      await store.staffMail.optOut(person.id, 'returned', at);
      await store.staffMail.optOut(person.id, 'published', at);
      assert.deepEqual(await store.staffMail.optedOut(person.id), ['published', 'returned']);
      await store.staffMail.optIn(person.id, 'returned');
      assert.deepEqual(await store.staffMail.optedOut(person.id), ['published']);
    });
  });
}
