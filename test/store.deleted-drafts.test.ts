/**
 * Deleted drafts on every database (decisions/0040): deleting is one conditional stamp that
 * refuses published, once-published and already deleted articles; a deleted draft leaves every
 * lookup and list but keeps its slug and revisions; recovering brings it back as it was; the
 * purge removes what was deleted at or before its cutoff, for good, and nothing newer.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Article } from '../src/domain/article.js';
import type { User } from '../src/domain/user.js';
import { LocalChangeBus } from '../src/services/changes.js';
import { NewsroomService } from '../src/services/newsroom.js';
import { PublishScheduler } from '../src/services/scheduler.js';
import type { Store } from '../src/store/index.js';
import type { NewArticle } from '../src/store/ports/newsroom.js';
import { databases, type OpenedStore } from './helpers/databases.js';

let serial = 0;
const base = Date.parse('2026-03-04T12:00:00.000Z');
const at = (minutes: number) => new Date(base + minutes * 60_000).toISOString();
const days = (n: number) => n * 24 * 60;

for (const database of databases()) {
  describe(`deleted drafts store on ${database.name}`, () => {
    let db: OpenedStore;
    let store: Store;
    let ann: User;
    let ed: User;

    const article = (overrides: Partial<NewArticle> = {}): Promise<Article> => {
      const slug = overrides.slug ?? `draft-${++serial}`;
      return store.newsroom.create({
        slug,
        sectionSlug: 'news',
        headline: `Headline of ${slug}`,
        standfirst: '',
        body: 'A paragraph.',
        dateline: '',
        authorIds: [ann.id],
        tags: [{ slug: 'council', name: 'Council' }],
        status: 'draft',
        publishedAt: null,
        createdAt: at(-120),
        createdBy: ann.id,
        ...overrides,
      });
    };

    const remove = (a: Article, minutes = 0, by = ed.id) =>
      store.deletedDrafts.markDeleted({ id: a.id, from: ['draft', 'review'], at: at(minutes), by });

    before(async () => {
      db = await database.open();
      store = db.store;
      await store.sections.upsert({ slug: 'news', name: 'News', description: '', position: 0 });
      const person = (slug: string, role: 'author' | 'editor') =>
        store.users.create({
          email: `${slug}@example.com`,
          name: slug.toUpperCase(),
          slug,
          role,
          passwordHash: null,
          createdAt: at(-1000),
        });
      ann = await person('ann', 'author');
      ed = await person('ed', 'editor');
    });
    after(async () => {
      await db?.dispose();
    });

    test('a deleted draft leaves every lookup and the newsroom list, but keeps its slug', async () => {
      const a = await article();
      assert.equal(await remove(a, 5), true);
      assert.equal(await store.reader.getById(a.id), null);
      assert.equal(await store.reader.getBySlug(a.slug), null);
      const listed = await store.newsroom.listNewsroom({ limit: 500, offset: 0 });
      assert.ok(!listed.some((i) => i.id === a.id));
      const own = await store.newsroom.listNewsroom({ ownerId: ann.id, limit: 500, offset: 0 });
      assert.ok(!own.some((i) => i.id === a.id));
      // Reserved while it can be recovered: nobody else takes the address.
      assert.equal(await store.newsroom.slugTaken(a.slug), true);

      const deleted = await store.deletedDrafts.deletedDraft(a.id);
      assert.deepEqual(deleted, {
        id: a.id,
        slug: a.slug,
        headline: a.headline,
        status: 'draft',
        section: { slug: 'news', name: 'News' },
        authors: [{ id: ann.id, name: 'ANN', slug: 'ann' }],
        version: 1,
        deletedAt: at(5),
        deletedBy: { id: ed.id, name: 'ED' },
        purgeAt: at(5 + days(30)),
      });
      // Deleting again changes nothing.
      assert.equal(await remove(a, 6), false);
      assert.equal((await store.deletedDrafts.deletedDraft(a.id))?.deletedAt, at(5));
    });

    test('published, once-published and scheduled articles are refused by the store too', async () => {
      const published = await article({ status: 'published', publishedAt: at(-60) });
      assert.equal(await remove(published), false);
      const once = await article({ status: 'unpublished', publishedAt: at(-60) });
      assert.equal(await remove(once), false);
      // Back in draft after it was published: the publication time says it was.
      const back = await article({ status: 'draft', publishedAt: at(-60) });
      assert.equal(await remove(back), false);
      const scheduled = await article({ status: 'scheduled' });
      assert.equal(await remove(scheduled), false);
      // A status that moved since it was read is refused as well.
      const moved = await article({ status: 'review' });
      assert.equal(
        await store.deletedDrafts.markDeleted({
          id: moved.id,
          from: ['draft'],
          at: at(0),
          by: ed.id,
        }),
        false,
      );
      for (const a of [published, once, back, scheduled, moved]) {
        assert.ok(await store.reader.getById(a.id), a.status);
        assert.equal(await store.deletedDrafts.deletedDraft(a.id), null);
      }
    });

    test('recovering brings the draft back as it was, with its revisions', async () => {
      const a = await article({ status: 'review' });
      const saved = await store.newsroom.save({
        id: a.id,
        baseVersion: 1,
        content: {
          slug: a.slug,
          sectionSlug: 'news',
          headline: 'A second headline',
          standfirst: '',
          body: 'Second.',
          dateline: '',
          authorIds: [ann.id],
          tags: a.tags,
          relatedIds: [],
        },
        savedAt: at(1),
        savedBy: ann.id,
      });
      assert.ok(saved.ok);
      const before = saved.article;
      assert.equal(await remove(a, 10), true);
      assert.equal(await store.deletedDrafts.recover(a.id), true);
      assert.equal(await store.deletedDrafts.recover(a.id), false, 'once only');
      assert.deepEqual(await store.reader.getById(a.id), before);
      assert.deepEqual(
        (await store.newsroom.revisions(a.id)).map((r) => r.version),
        [2, 1],
      );
      assert.equal(await store.deletedDrafts.deletedDraft(a.id), null);
      assert.ok(
        (await store.newsroom.listNewsroom({ limit: 500, offset: 0 })).some((i) => i.id === a.id),
      );
      assert.equal(await store.deletedDrafts.recover('no-such-article'), false);
    });

    test('the list shows deleted drafts only, most recently deleted first, paged', async () => {
      const first = await article();
      const second = await article();
      const kept = await article();
      await remove(first, 20);
      await remove(second, 21);
      const list = await store.deletedDrafts.listDeleted({ limit: 500, offset: 0 });
      const ids = list.map((d) => d.id);
      assert.ok(ids.indexOf(second.id) < ids.indexOf(first.id));
      assert.ok(!ids.includes(kept.id));
      const page = await store.deletedDrafts.listDeleted({ limit: 1, offset: 1 });
      assert.equal(page.length, 1);
      assert.equal(page[0]?.id, list[1]?.id);
    });

    test('the purge removes for good what was deleted at or before its cutoff, nothing newer', async () => {
      const old = await article();
      const linked = await article();
      const recent = await article();
      // A published article that picked the draft as related: the link goes with the draft.
      const host = await article({ status: 'published', publishedAt: at(-60) });
      await store.newsroom.setRelated(host.id, [linked.id]);
      await remove(old, 0);
      await remove(linked, 0);
      await remove(recent, 1);
      const purged = await store.deletedDrafts.purgeDeleted(at(0));
      assert.ok(purged.includes(old.id) && purged.includes(linked.id));
      assert.ok(!purged.includes(recent.id));
      assert.equal(await store.deletedDrafts.deletedDraft(old.id), null);
      assert.deepEqual(await store.newsroom.revisions(old.id), []);
      assert.equal(await store.newsroom.slugTaken(old.slug), false, 'the slug is free again');
      assert.deepEqual((await store.reader.getById(host.id))?.relatedIds, []);
      assert.ok(await store.deletedDrafts.deletedDraft(recent.id));
      assert.deepEqual(await store.deletedDrafts.purgeDeleted(at(0)), []);
    });

    test('the scheduler purges through the service, by the service’s clock', async () => {
      const a = await article();
      await remove(a, 0);
      let clock = new Date(Date.parse(at(days(30))) - 1);
      const bus = new LocalChangeBus();
      const newsroom = new NewsroomService({ store, changes: bus, now: () => clock });
      const scheduler = new PublishScheduler(newsroom, { purgeIntervalMs: 0 });
      assert.ok(!(await scheduler.purgeIfDue()).includes(a.id), 'a millisecond early');
      clock = new Date(at(days(30)));
      assert.ok((await scheduler.purgeIfDue()).includes(a.id));
      assert.equal(await store.deletedDrafts.deletedDraft(a.id), null);
      // Not again before the interval has passed.
      const hourly = new PublishScheduler(newsroom);
      await hourly.purgeIfDue(1_000);
      const b = await article();
      await remove(b, 0);
      assert.deepEqual(await hourly.purgeIfDue(2_000), []);
      assert.ok((await hourly.purgeIfDue(1_000 + 60 * 60_000)).includes(b.id));
    });
  });
}
