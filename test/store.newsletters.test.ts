/**
 * The newsletters' store on every database: one subscriber per address, an issue made once per
 * key, queueing once (one delivery per confirmed subscriber of the list, none for pending or
 * departed ones), claims that never hand one delivery to two claimers (even when they race on
 * separate connections), an expired claim taken again, a stale claim unable to mark, attested
 * consent kept, the admins' filters (address, list, state) and clearing a bounce.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { newId } from '../src/domain/ids.js';
import type { Store } from '../src/store/types.js';
import { databases, type OpenedStore } from './helpers/databases.js';
import { storedPerson } from './helpers/fixtures.js';

const at = '2026-12-04T08:00:00.000Z';

async function subscriber(
  store: Store,
  email: string,
  status: 'pending' | 'confirmed' | 'left',
  lists: string[],
) {
  const id = newId();
  assert.equal(
    await store.newsletters.addSubscriber({ id, email, userId: null, status, source: 'form', at }),
    true,
  );
  await store.newsletters.addLists(id, lists, at);
  return id;
}

for (const database of databases()) {
  describe(`newsletter store on ${database.name}`, () => {
    let db: OpenedStore;
    let other: Store;
    before(async () => {
      db = await database.open();
      other = await db.store.openAnother();
    });
    after(async () => {
      await other?.close();
      await db?.dispose();
    });

    test('an address is one subscriber; lists are replaced and counted for confirmed ones', async () => {
      const { newsletters } = db.store;
      const id = await subscriber(db.store, 'one@example.com', 'confirmed', ['briefing', 'alerts']);
      assert.equal(
        await newsletters.addSubscriber({
          id: newId(),
          email: 'one@example.com',
          userId: null,
          status: 'pending',
          source: 'form',
          at,
        }),
        false,
      );
      await newsletters.setLists(id, ['alerts', 'section:news'], at);
      assert.deepEqual((await newsletters.subscriberById(id))?.lists, ['alerts', 'section:news']);
      await subscriber(db.store, 'two@example.com', 'pending', ['alerts']);
      assert.equal((await newsletters.listCounts()).alerts, 1);
      await newsletters.markBounced(id, '550 no such user', at);
      await newsletters.setStatus(id, 'confirmed', at);
      assert.equal((await newsletters.subscriberById(id))?.status, 'bounced', 'a bounce stays');
    });

    test('an issue is made once per key and queued once, to confirmed subscribers only', async () => {
      const { newsletters } = db.store;
      for (let i = 0; i < 30; i++)
        await subscriber(db.store, `q${i}@example.com`, 'confirmed', ['briefing']);
      await subscriber(db.store, 'waiting@example.com', 'pending', ['briefing']);
      await subscriber(db.store, 'gone@example.com', 'left', ['briefing']);
      const issue = {
        id: newId(),
        key: 'briefing:2026-12-04',
        slug: 'briefing-2026-12-04',
        kind: 'briefing' as const,
        list: 'briefing',
        status: 'draft' as const,
        subject: 'Today',
        intro: '',
        articleIds: [],
        sendAt: at,
        createdAt: at,
      };
      assert.equal(await newsletters.createIssue(issue), true);
      assert.equal(await newsletters.createIssue({ ...issue, id: newId(), slug: 'other' }), false);
      // Two processes queue it at once: one does, the other finds it gone. (On SQLite both go
      // through one connection: better-sqlite3 waits for a lock synchronously, so a second
      // connection in the same process would block the first one's transaction forever.)
      const second = db.databaseUrl === null ? db.store : other;
      const [a, b] = await Promise.all([
        newsletters.queueIssue(issue.id, ['draft'], at),
        second.newsletters.queueIssue(issue.id, ['draft'], at),
      ]);
      assert.deepEqual([a, b].sort(), [30, null].sort());
      assert.equal((await newsletters.deliveryCounts([issue.id])).get(issue.id)?.queued, 30);
      assert.equal(
        await newsletters.editIssue(issue.id, { subject: 'x', intro: '', articleIds: [] }, 'u'),
        false,
      );
    });

    test('racing claimers get different deliveries; an expired claim is taken again', async () => {
      const { newsletters } = db.store;
      const now = '2026-12-04T09:00:00.000Z';
      const lease = '2026-12-04T09:01:00.000Z';
      const claims = await Promise.all(
        [db.store, other, db.store, other].map((s, i) =>
          s.newsletters.claimDeliveries({ now, leaseUntil: lease, limit: 10, claim: `c${i}` }),
        ),
      );
      const ids = claims.flat().map((d) => d.id);
      assert.equal(new Set(ids).size, ids.length, 'no delivery claimed twice');
      assert.ok(ids.length >= 10 && ids.length <= 30);
      const rest = await newsletters.claimDeliveries({
        now,
        leaseUntil: lease,
        limit: 100,
        claim: 'c9',
      });
      assert.equal(ids.length + rest.length, 30, 'every delivery claimed once');
      const first = claims.flat()[0]!;
      assert.match(first.email, /^q\d+@example\.com$/);
      assert.equal(first.attempts, 1);
      // Nothing due until the leases expire; then the unmarked ones come back, with a new claim.
      assert.equal(
        (await newsletters.claimDeliveries({ now, leaseUntil: lease, limit: 100, claim: 'x' }))
          .length,
        0,
      );
      for (const d of rest) assert.equal(await newsletters.markSent(d.id, 'c9', now), true);
      const later = '2026-12-04T09:02:00.000Z';
      const again = await newsletters.claimDeliveries({
        now: later,
        leaseUntil: '2026-12-04T09:03:00.000Z',
        limit: 100,
        claim: 'late',
      });
      assert.equal(again.length, ids.length);
      assert.equal(again[0]!.attempts, 2);
      // The first claimer, back from a long pause, can no longer mark what it lost.
      const lost = claims.flat().find((d) => d.id === again[0]!.id)!;
      const lostClaim = `c${claims.findIndex((c) => c.some((d) => d.id === lost.id))}`;
      assert.equal(await newsletters.markSent(lost.id, lostClaim, later), false);
      assert.equal(await newsletters.markSent(lost.id, 'late', later), true);
      await newsletters.retryLater(
        again[1]!.id,
        'late',
        '2026-12-04T10:00:00.000Z',
        '421 try later',
      );
      await newsletters.markFailed(again[2]!.id, 'late', '550 no');
      const issueId = first.issueId;
      const counts = (await newsletters.deliveryCounts([issueId])).get(issueId)!;
      assert.equal(counts.sent, rest.length + 1);
      assert.equal(counts.queued, 1);
      assert.equal(counts.failed, 1);
    });

    test('attested consent is kept; the admins list filters by address, list and state; a bounce clears', async () => {
      const { newsletters } = db.store;
      const admin = await storedPerson(db.store, { role: 'admin', slug: 'consent-admin' });
      const attested = newId();
      await newsletters.addSubscriber({
        id: attested,
        email: 'attested@example.org',
        userId: null,
        status: 'confirmed',
        source: 'import-attested',
        at,
        consentBy: admin.id,
      });
      await newsletters.addLists(attested, ['section:sport'], at);
      const stored = await newsletters.subscriberById(attested);
      assert.equal(stored?.consentBy, admin.id);
      assert.equal(stored?.consentAt, at);
      const pending = await subscriber(db.store, 'pending_1@example.org', 'pending', [
        'section:sport',
      ]);

      const bySport = await newsletters.listSubscribers({
        list: 'section:sport',
        limit: 10,
        offset: 0,
      });
      assert.deepEqual(bySport.items.map((s) => s.email).sort(), [
        'attested@example.org',
        'pending_1@example.org',
      ]);
      const confirmedSport = await newsletters.listSubscribers({
        list: 'section:sport',
        status: 'confirmed',
        limit: 10,
        offset: 0,
      });
      assert.deepEqual(
        confirmedSport.items.map((s) => s.email),
        ['attested@example.org'],
      );
      assert.equal(confirmedSport.total, 1);
      // `_` in a search is a character, not a wildcard.
      const search = await newsletters.listSubscribers({ search: 'g_1@', limit: 10, offset: 0 });
      assert.deepEqual(
        search.items.map((s) => s.email),
        ['pending_1@example.org'],
      );

      await newsletters.markBounced(attested, '550 gone', at);
      await newsletters.markBounced(pending, '550 gone', at);
      assert.equal(await newsletters.clearBounce(attested), true);
      assert.equal(await newsletters.clearBounce(attested), false);
      assert.equal(await newsletters.clearBounce(pending), true);
      const after = await newsletters.subscriberById(attested);
      assert.deepEqual(
        [after?.status, after?.bouncedAt, after?.bounceReason],
        ['confirmed', null, null],
      );
      assert.equal((await newsletters.subscriberById(pending))?.status, 'pending');
    });
  });
}
