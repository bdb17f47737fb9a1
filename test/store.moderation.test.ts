/** The moderation store contract: the same tests on every database. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Article } from '../src/domain/article.js';
import type { User } from '../src/domain/user.js';
import type { Store } from '../src/store/index.js';
import { databases, type OpenedStore } from './helpers/databases.js';
import { publishedArticle, storedComment, storedPerson } from './helpers/fixtures.js';

const base = Date.parse('2026-03-04T12:00:00.000Z');
const at = (minute: number) => new Date(base + minute * 60_000).toISOString();

for (const database of databases()) {
  describe(`moderation store on ${database.name}`, () => {
    let db: OpenedStore;
    let store: Store;
    let ann: User;
    let bob: User;

    const article = (): Promise<Article> =>
      publishedArticle(store, { authorIds: [ann.id], publishedAt: at(-600), createdAt: at(-700) });

    const comment = (
      articleId: string,
      status: 'published' | 'pending' = 'published',
      minute = 0,
    ) => storedComment(store, { articleId, authorId: ann.id, status, createdAt: at(minute) });

    before(async () => {
      db = await database.open();
      store = db.store;
      const user = (slug: string) =>
        storedPerson(store, { slug, name: slug, createdAt: at(-1000) });
      ann = await user('ann');
      bob = await user('bob');
    });
    after(async () => {
      await db?.dispose();
    });

    test('status changes keep the published count right, once under concurrency', async () => {
      const a = await article();
      const held = await comment(a.id, 'pending');
      assert.equal((await store.reader.getById(a.id))?.commentCount, 0);
      const results = await Promise.all([
        store.moderation.setStatus(held.id, 'published'),
        store.moderation.setStatus(held.id, 'published'),
      ]);
      for (const before of results) assert.ok(before === 'pending' || before === 'published');
      assert.equal((await store.reader.getById(a.id))?.commentCount, 1);
      assert.equal(await store.moderation.setStatus(held.id, 'rejected', 'No'), 'published');
      assert.equal((await store.reader.getById(a.id))?.commentCount, 0);
      const stored = await store.moderation.moderated(held.id);
      assert.equal(stored?.rejectionReason, 'No');
      assert.equal(await store.moderation.setStatus('no-such-id', 'published'), null);
    });

    test('reasons are replaced, kept in pipeline order, and filter the queue', async () => {
      const a = await article();
      const c = await comment(a.id, 'pending');
      await store.moderation.annotate(c.id, {
        reasons: [
          { code: 'shouting', detail: '90 % capitals' },
          { code: 'suspect-words', detail: 'suspect "x"' },
        ],
        at: at(1),
        clientAddress: '192.0.2.7',
      });
      assert.deepEqual(
        (await store.moderation.moderated(c.id))?.reasons.map((r) => r.code),
        ['suspect-words', 'shouting'],
      );
      const byReason = await store.moderation.queue({
        tab: 'pending',
        articleId: a.id,
        reason: 'shouting',
        limit: 10,
        offset: 0,
      });
      assert.deepEqual(
        byReason.map((x) => x.id),
        [c.id],
      );
      const none = await store.moderation.queue({
        tab: 'pending',
        articleId: a.id,
        reason: 'many-links',
        limit: 10,
        offset: 0,
      });
      assert.equal(none.length, 0);
      assert.deepEqual(await store.moderation.createdFromAddress('192.0.2.7', at(-1)), [at(0)]);
      await store.moderation.annotate(c.id, { reasons: [], at: at(2) });
      assert.deepEqual((await store.moderation.moderated(c.id))?.reasons, []);
    });

    test("an author's recent comments: newest first, since a time, at most the limit", async () => {
      const a = await article();
      const written = [];
      for (let minute = 100; minute < 105; minute++)
        written.push(await comment(a.id, 'published', minute));
      const recent = await store.moderation.recentByAuthor(ann.id, at(101), 3);
      assert.deepEqual(
        recent.map((r) => r.createdAt),
        [at(104), at(103), at(102)],
      );
      assert.equal(recent[0]?.body, written[4]?.body);
      assert.equal((await store.moderation.recentByAuthor(ann.id, at(103), 10)).length, 2);
    });

    test('one report per person per comment; resolving empties the reported tab', async () => {
      const a = await article();
      const c = await comment(a.id);
      const report = (reporterId: string) =>
        store.moderation.addReport({
          commentId: c.id,
          reporterId,
          reason: 'spam',
          text: 'ad',
          createdAt: at(3),
        });
      assert.deepEqual(await report(bob.id), { created: true, openReports: 1 });
      assert.deepEqual(await report(bob.id), { created: false, openReports: 1 });
      const tab = () =>
        store.moderation.queue({ tab: 'reported', articleId: a.id, limit: 10, offset: 0 });
      assert.equal((await tab()).length, 1);
      assert.equal((await tab())[0]?.openReports, 1);
      await store.moderation.resolveReports(c.id, at(4));
      assert.equal((await tab()).length, 0);
      assert.equal((await store.moderation.reportsFor([c.id]))[0]?.resolvedAt, at(4));
    });

    test('records count approved and rejected; the log filters and keeps names', async () => {
      const a = await article();
      const one = await comment(a.id);
      const two = await comment(a.id, 'pending');
      await store.moderation.setStatus(two.id, 'rejected');
      const before = (await store.moderation.records([ann.id, bob.id])).get(bob.id);
      assert.deepEqual(before, { approved: 0, rejected: 0 });
      const record = (await store.moderation.records([ann.id])).get(ann.id);
      assert.ok(record && record.approved >= 1 && record.rejected >= 1);
      await store.moderation.logAction({
        createdAt: at(5),
        actor: { id: bob.id, name: 'bob' },
        action: 'reject',
        commentId: two.id,
        articleId: a.id,
        target: { id: ann.id, name: 'ann' },
        reason: 'Off topic',
      });
      await store.moderation.logAction({
        createdAt: at(6),
        actor: { id: bob.id, name: 'bob' },
        action: 'feature',
        commentId: one.id,
        articleId: a.id,
        target: { id: ann.id, name: 'ann' },
        reason: '',
      });
      const all = await store.moderation.log({ targetUserId: ann.id, limit: 10, offset: 0 });
      assert.deepEqual(
        all.slice(0, 2).map((e) => e.action),
        ['feature', 'reject'],
      );
      const rejects = await store.moderation.log({
        action: 'reject',
        actorId: bob.id,
        limit: 10,
        offset: 0,
      });
      assert.equal(rejects[0]?.reason, 'Off topic');
      assert.equal(rejects[0]?.target?.name, 'ann');
    });

    test('featured comments: published only, most recently featured first', async () => {
      const a = await article();
      const first = await comment(a.id);
      const second = await comment(a.id);
      const held = await comment(a.id, 'pending');
      await store.moderation.setFeatured(first.id, at(1));
      await store.moderation.setFeatured(second.id, at(2));
      await store.moderation.setFeatured(held.id, at(3));
      assert.deepEqual(
        (await store.moderation.featured(a.id, 5)).map((c) => c.id),
        [second.id, first.id],
      );
      const own = await store.moderation.ownUnpublished(a.id, ann.id);
      assert.deepEqual(
        own.map((c) => c.id),
        [held.id],
      );
    });
  });
}
