/**
 * The live coverage port on every database (migration 0031): start, end and reopen are
 * conditional writes; posting into an ended coverage writes nothing; every write takes the next
 * change number, so `changesSince` returns exactly what a stream has not sent; cursors page both
 * ways without repeating or skipping an update; edits keep revisions; one update pinned at a time.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { decodeCursor } from '../src/domain/cursor.js';
import { updateCursor } from '../src/domain/live.js';
import type { Store } from '../src/store/index.js';
import { databases, type OpenedStore } from './helpers/databases.js';
import { publishedArticle, storedPerson } from './helpers/fixtures.js';

const at = (minute: number) => new Date(Date.UTC(2026, 11, 5, 9, minute)).toISOString();

for (const database of databases()) {
  describe(`live coverage store on ${database.name}`, () => {
    let db: OpenedStore;
    let store: Store;
    before(async () => {
      db = await database.open();
      store = db.store;
    });
    after(async () => {
      await db?.dispose();
    });

    test('start, end and reopen are each allowed once from the right state', async () => {
      const article = await publishedArticle(store);
      assert.equal(await store.live.coverage(article.id), null);
      const started = await store.live.start(article.id, at(0));
      assert.deepEqual(started, { articleId: article.id, startedAt: at(0), endedAt: null, seq: 0 });
      assert.equal(await store.live.start(article.id, at(1)), null, 'already live');
      assert.equal(await store.live.reopen(article.id), null, 'not ended');
      assert.ok((await store.live.runningArticles(1000)).includes(article.id));
      const ended = await store.live.end(article.id, at(2));
      assert.equal(ended?.endedAt, at(2));
      assert.equal(await store.live.end(article.id, at(3)), null, 'ended already');
      assert.deepEqual(await store.live.running([article.id]), new Set());
      assert.ok(!(await store.live.runningArticles(1000)).includes(article.id));
      assert.deepEqual(await store.live.covered([article.id, 'nope']), new Set([article.id]));
      assert.deepEqual(await store.live.covered([]), new Set());
      const reopened = await store.live.reopen(article.id);
      assert.equal(reopened?.endedAt, null);
      assert.deepEqual(await store.live.running([article.id, 'nope']), new Set([article.id]));
    });

    test('post, edit, mark and remove take change numbers in order', async () => {
      const reporter = await storedPerson(store, { role: 'author', name: 'Rita Reporter' });
      const other = await storedPerson(store, { role: 'author', name: 'Otto Other' });
      const article = await publishedArticle(store);
      await store.live.start(article.id, at(0));
      const base = { articleId: article.id, postedBy: reporter.id, closing: false };
      const first = await store.live.post({
        ...base,
        id: 'u1',
        at: at(1),
        authorIds: [],
        title: 'Polls open',
        body: 'Polling stations **open** at 8.',
        keyEvent: true,
      });
      assert.equal(first?.seq, 1);
      assert.deepEqual(
        first?.authors.map((a) => a.name),
        ['Rita Reporter'],
      );
      assert.match(first?.bodyHtml ?? '', /<strong>open<\/strong>/);
      const second = await store.live.post({
        ...base,
        id: 'u2',
        at: at(2),
        authorIds: [other.id, reporter.id],
        title: null,
        body: 'Turnout is high.',
        keyEvent: false,
      });
      assert.deepEqual(
        second?.authors.map((a) => a.name),
        ['Otto Other', 'Rita Reporter'],
      );

      const edited = await store.live.edit('u2', {
        title: 'Turnout',
        body: 'Turnout is very high.',
        at: at(3),
        by: other.id,
        revisionId: 'r1',
      });
      assert.equal(edited?.seq, 3);
      assert.equal(edited?.editedAt, at(3));
      assert.deepEqual(
        (await store.live.revisions('u2')).map((r) => [r.title, r.body, r.byUserId]),
        [[null, 'Turnout is high.', other.id]],
      );

      await store.live.mark('u1', { pinned: true });
      await store.live.mark('u2', { pinned: true });
      assert.equal((await store.live.pinned(article.id))?.id, 'u2', 'one pinned at a time');
      assert.equal((await store.live.byId('u1'))?.pinned, false);

      // What a stream that saw change 3 still needs: u1 unpinned and u2 pinned (change 5).
      const since = await store.live.changesSince(article.id, 3, 100);
      assert.deepEqual(
        since.map((u) => [u.id, u.seq]),
        [
          ['u1', 5],
          ['u2', 5],
        ],
      );

      const removed = await store.live.remove('u1', 'Wrong time', at(4));
      assert.equal(removed?.removalNote, 'Wrong time');
      assert.equal(await store.live.remove('u1', 'again', at(5)), null, 'removed already');
      assert.deepEqual(
        (await store.live.keyEvents(article.id)).map((u) => u.id),
        [],
        'a removed key event leaves the summary',
      );
      assert.equal(await store.live.count(article.id), 1);
      assert.equal((await store.live.coverage(article.id))?.seq, 6);

      await store.live.end(article.id, at(9));
      const refused = await store.live.post({
        ...base,
        id: 'u3',
        at: at(10),
        authorIds: [],
        title: null,
        body: 'Too late.',
        keyEvent: false,
      });
      assert.equal(refused, null, 'an ended coverage takes no updates');
      assert.equal(await store.live.byId('u3'), null);
    });

    test('cursor paging newest and oldest first, without repeats or gaps', async () => {
      const reporter = await storedPerson(store, { role: 'author' });
      const article = await publishedArticle(store);
      await store.live.start(article.id, at(0));
      // Two updates share a minute: the id breaks the tie.
      const times = [at(1), at(2), at(2), at(3), at(4)];
      for (const [i, t] of times.entries()) {
        await store.live.post({
          id: `p${i}`,
          articleId: article.id,
          at: t,
          postedBy: reporter.id,
          authorIds: [],
          title: null,
          body: `Update ${i}`,
          keyEvent: i % 2 === 0,
          closing: false,
        });
      }
      for (const order of ['newest', 'oldest'] as const) {
        const seen: string[] = [];
        let after;
        for (;;) {
          const page = await store.live.page(article.id, { order, after, limit: 2 });
          seen.push(...page.map((u) => u.id));
          const last = page.at(-1);
          if (page.length < 2 || !last) break;
          after = decodeCursor(updateCursor(last)) ?? undefined;
        }
        const expected = ['p0', 'p1', 'p2', 'p3', 'p4'];
        assert.deepEqual(seen, order === 'newest' ? expected.reverse() : expected);
      }
      assert.deepEqual(
        (await store.live.keyEvents(article.id)).map((u) => u.id),
        ['p0', 'p2', 'p4'],
      );
    });

    test('presence: renewed by the screen, gone when its lease runs out or it leaves', async () => {
      const ana = await storedPerson(store, { role: 'author', name: 'Ana Arden' });
      const ben = await storedPerson(store, { role: 'editor', name: 'Ben Bright' });
      const article = await publishedArticle(store);
      const elsewhere = await publishedArticle(store);
      const t0 = Date.UTC(2026, 11, 5, 9, 0);
      const beat = (userId: string, now: number, writing = false) =>
        store.live.present({
          articleId: article.id,
          userId,
          now,
          seenUntil: now + 15_000,
          writingUntil: writing ? now + 8_000 : null,
        });
      await beat(ana.id, t0);
      await beat(ben.id, t0 + 1_000, true);
      await store.live.present({
        articleId: elsewhere.id,
        userId: ana.id,
        now: t0,
        seenUntil: t0 + 15_000,
        writingUntil: null,
      });
      assert.deepEqual(await store.live.presence(article.id, t0 + 2_000), [
        { userId: ana.id, name: 'Ana Arden', writing: false },
        { userId: ben.id, name: 'Ben Bright', writing: true },
      ]);
      // Ben's "writing" lapses without a new beat; Ana renews and stays first (she came first).
      await beat(ana.id, t0 + 10_000);
      assert.deepEqual(await store.live.presence(article.id, t0 + 10_000), [
        { userId: ana.id, name: 'Ana Arden', writing: false },
        { userId: ben.id, name: 'Ben Bright', writing: false },
      ]);
      // Ben's lease (t0 + 16 s) runs out; Ana's (t0 + 25 s) does not.
      assert.deepEqual(
        (await store.live.presence(article.id, t0 + 16_000)).map((p) => p.name),
        ['Ana Arden'],
      );
      // Back after the lease ran out: Ben arrives anew, after Ana.
      await beat(ben.id, t0 + 20_000);
      await beat(ana.id, t0 + 20_000);
      assert.deepEqual(
        (await store.live.presence(article.id, t0 + 20_000)).map((p) => p.name),
        ['Ana Arden', 'Ben Bright'],
      );
      await store.live.leave(article.id, ana.id);
      assert.deepEqual(
        (await store.live.presence(article.id, t0 + 20_000)).map((p) => p.name),
        ['Ben Bright'],
      );
      assert.deepEqual(
        (await store.live.presence(elsewhere.id, t0 + 1_000)).map((p) => p.name),
        ['Ana Arden'],
        'each article has its own',
      );
    });
  });
}
