/**
 * The newsroom's store contract on every database: conflict-safe saves and their revisions, old
 * slugs, status transitions, the scheduler's claim (exactly once, also with two processes on one
 * PostgreSQL database), corrections that can only be retracted, and the staff list.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Article } from '../src/domain/article.js';
import type { User } from '../src/domain/user.js';
import { LocalChangeBus, type Change } from '../src/services/changes.js';
import { NewsroomService } from '../src/services/newsroom.js';
import { PublishScheduler } from '../src/services/scheduler.js';
import { openStore, type Store } from '../src/store/index.js';
import type { ArticleContent } from '../src/domain/newsroom.js';
import type { NewArticle } from '../src/store/ports/newsroom.js';
import { databases, type OpenedStore } from './helpers/databases.js';
import { withDeadline } from './helpers/wait.js';

let serial = 0;
const base = Date.parse('2026-03-04T12:00:00.000Z');
const at = (minutes: number) => new Date(base + minutes * 60_000).toISOString();

for (const database of databases()) {
  describe(`newsroom store on ${database.name}`, () => {
    let db: OpenedStore;
    let store: Store;
    let ann: User;
    let bob: User;

    const article = (overrides: Partial<NewArticle> = {}): Promise<Article> => {
      const slug = overrides.slug ?? `story-${++serial}`;
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

    const contentOf = (a: Article, changes: Partial<ArticleContent> = {}): ArticleContent => ({
      slug: a.slug,
      sectionSlug: a.section.slug,
      headline: a.headline,
      standfirst: a.standfirst,
      body: a.body,
      dateline: a.dateline,
      authorIds: a.authors.map((p) => p.id),
      tags: a.tags,
      relatedIds: a.relatedIds,
      ...changes,
    });

    before(async () => {
      db = await database.open();
      store = db.store;
      await store.sections.upsert({ slug: 'news', name: 'News', description: '', position: 0 });
      const person = (slug: string) =>
        store.users.create({
          email: `${slug}@example.com`,
          name: slug.toUpperCase(),
          slug,
          role: 'author',
          passwordHash: null,
          createdAt: at(-1000),
        });
      ann = await person('ann');
      bob = await person('bob');
    });
    after(async () => {
      await db?.dispose();
    });

    test('a new article is revision 1, with who created it', async () => {
      const a = await article();
      assert.equal(a.version, 1);
      assert.equal(a.createdBy, ann.id);
      const revisions = await store.newsroom.revisions(a.id);
      assert.deepEqual(revisions, [
        {
          version: 1,
          savedAt: at(-120),
          savedBy: { id: ann.id, name: 'ANN' },
          substantive: false,
          note: '',
          headline: a.headline,
        },
      ]);
    });

    test('a save from the current version bumps it and keeps the revision whole', async () => {
      const a = await article();
      const result = await store.newsroom.save({
        id: a.id,
        baseVersion: 1,
        content: contentOf(a, {
          body: 'Second.',
          authorIds: [bob.id, ann.id],
          tags: [{ slug: 'budget', name: 'Budget' }],
        }),
        savedAt: at(1),
        savedBy: bob.id,
      });
      assert.ok(result.ok);
      assert.equal(result.article.version, 2);
      assert.equal(result.article.modifiedAt, at(1));
      assert.deepEqual(
        result.article.authors.map((p) => p.slug),
        ['bob', 'ann'],
      );
      const r2 = await store.newsroom.revision(a.id, 2);
      assert.equal(r2?.content.body, 'Second.');
      assert.deepEqual(r2?.content.authorIds, [bob.id, ann.id]);
      assert.deepEqual(r2?.content.tags, [{ slug: 'budget', name: 'Budget' }]);
      assert.equal(r2?.savedBy?.id, bob.id);
      const r1 = await store.newsroom.revision(a.id, 1);
      assert.equal(r1?.content.body, 'A paragraph.');
      assert.equal(await store.newsroom.revision(a.id, 3), null);
    });

    test('a save from an old version changes nothing and returns the current article', async () => {
      const a = await article();
      const first = await store.newsroom.save({
        id: a.id,
        baseVersion: 1,
        content: contentOf(a, { body: 'Mine.' }),
        savedAt: at(1),
        savedBy: ann.id,
      });
      assert.ok(first.ok);
      const stale = await store.newsroom.save({
        id: a.id,
        baseVersion: 1,
        content: contentOf(a, { body: 'Theirs.' }),
        savedAt: at(2),
        savedBy: bob.id,
      });
      assert.equal(stale.ok, false);
      assert.ok(!stale.ok && stale.reason === 'stale');
      assert.equal(stale.current.body, 'Mine.');
      assert.equal((await store.newsroom.revisions(a.id)).length, 2);
      const missing = await store.newsroom.save({
        id: 'nope',
        baseVersion: 1,
        content: contentOf(a),
        savedAt: at(2),
        savedBy: bob.id,
      });
      assert.deepEqual(missing, { ok: false, reason: 'missing' });
    });

    test('concurrent saves from one version: exactly one is kept', async () => {
      const a = await article();
      const results = await Promise.all(
        [1, 2, 3, 4, 5].map((n) =>
          store.newsroom.save({
            id: a.id,
            baseVersion: 1,
            content: contentOf(a, { body: `Save ${n}` }),
            savedAt: at(n),
            savedBy: ann.id,
          }),
        ),
      );
      assert.equal(results.filter((r) => r.ok).length, 1);
      assert.equal((await store.reader.getById(a.id))?.version, 2);
      assert.equal((await store.newsroom.revisions(a.id)).length, 2);
    });

    test('a substantive save sets the public Updated time; an ordinary one does not', async () => {
      const a = await article({ status: 'published', publishedAt: at(-60) });
      const typo = await store.newsroom.save({
        id: a.id,
        baseVersion: 1,
        content: contentOf(a, { body: 'Fixed a typo.' }),
        savedAt: at(1),
        savedBy: ann.id,
      });
      assert.ok(typo.ok);
      assert.equal(typo.article.updatedAt, null);
      const update = await store.newsroom.save({
        id: a.id,
        baseVersion: 2,
        content: contentOf(a, { body: 'New facts.' }),
        savedAt: at(2),
        savedBy: ann.id,
        substantive: { note: 'New facts.' },
      });
      assert.ok(update.ok);
      assert.equal(update.article.updatedAt, at(2));
      assert.equal(update.article.updateNote, 'New facts.');
      assert.equal((await store.newsroom.revisions(a.id))[0]?.substantive, true);
    });

    test('a changed slug is kept as a redirect, and is taken; going back frees it', async () => {
      const a = await article();
      const first = a.slug;
      const renamed = await store.newsroom.save({
        id: a.id,
        baseVersion: 1,
        content: contentOf(a, { slug: `${first}-renamed` }),
        savedAt: at(1),
        savedBy: ann.id,
      });
      assert.ok(renamed.ok);
      assert.equal((await store.reader.byOldSlug(first))?.id, a.id);
      assert.equal(await store.newsroom.slugTaken(first), true);
      assert.equal(await store.newsroom.slugTaken(first, a.id), false);
      assert.equal(await store.newsroom.slugTaken(`${first}-renamed`, a.id), false);
      assert.equal(await store.newsroom.slugTaken(`${first}-renamed`), true);
      const back = await store.newsroom.save({
        id: a.id,
        baseVersion: 2,
        content: contentOf(renamed.article, { slug: first }),
        savedAt: at(2),
        savedBy: ann.id,
      });
      assert.ok(back.ok);
      assert.equal(await store.reader.byOldSlug(first), null);
      assert.equal((await store.reader.byOldSlug(`${first}-renamed`))?.id, a.id);
    });

    test('a transition happens only from the statuses given; a first publication is dated', async () => {
      const a = await article();
      assert.equal(
        await store.newsroom.transition({ id: a.id, from: ['review'], to: 'published' }),
        false,
      );
      assert.equal(
        await store.newsroom.transition({ id: a.id, from: ['draft'], to: 'review' }),
        true,
      );
      assert.equal(
        await store.newsroom.transition({
          id: a.id,
          from: ['review'],
          to: 'published',
          publishedAt: at(5),
        }),
        true,
      );
      assert.equal((await store.reader.getById(a.id))?.publishedAt, at(5));
      await store.newsroom.transition({ id: a.id, from: ['published'], to: 'unpublished' });
      await store.newsroom.transition({
        id: a.id,
        from: ['unpublished'],
        to: 'published',
        publishedAt: at(50),
      });
      assert.equal((await store.reader.getById(a.id))?.publishedAt, at(5), 'kept');
    });

    test('publishDue publishes what is due, at its scheduled time, once', async () => {
      const due = await article();
      const later = await article();
      await store.newsroom.transition({
        id: due.id,
        from: ['draft'],
        to: 'scheduled',
        publishAt: at(10),
      });
      await store.newsroom.transition({
        id: later.id,
        from: ['draft'],
        to: 'scheduled',
        publishAt: at(60),
      });
      assert.deepEqual(await store.newsroom.publishDue(at(9)), []);
      assert.deepEqual(await store.newsroom.publishDue(at(10)), [due.id]);
      assert.deepEqual(await store.newsroom.publishDue(at(11)), []);
      const published = await store.reader.getById(due.id);
      assert.equal(published?.status, 'published');
      assert.equal(published?.publishedAt, at(10));
      assert.equal(published?.publishAt, null);
      assert.equal((await store.reader.getById(later.id))?.status, 'scheduled');
    });

    test('a scheduler that starts after the time (a restart) publishes at once', async () => {
      const overdue = await article();
      await store.newsroom.transition({
        id: overdue.id,
        from: ['draft'],
        to: 'scheduled',
        publishAt: at(-30),
      });
      const bus = new LocalChangeBus();
      const announced: Change[] = [];
      bus.subscribe((c) => announced.push(c));
      const published = new Promise<string[]>((resolve) => {
        const scheduler = new PublishScheduler(
          new NewsroomService({ store, changes: bus, now: () => new Date(base) }),
          {
            intervalMs: 60_000,
            onPublished: (ids) => {
              void scheduler.stop().then(() => resolve(ids));
            },
          },
        );
        scheduler.start();
      });
      const ids = await withDeadline(published, 10_000, 'the restarted scheduler to publish');
      assert.ok(ids.includes(overdue.id));
      assert.equal((await store.reader.getById(overdue.id))?.status, 'published');
      assert.ok(announced.some((c) => c.kind === 'article' && c.articleId === overdue.id));
    });

    test('corrections are retracted, never deleted', async () => {
      const a = await article({ status: 'published', publishedAt: at(-60) });
      const hidden = await article();
      const c1 = await store.newsroom.addCorrection({
        articleId: a.id,
        kind: 'correction',
        text: 'Wrong date.',
        createdAt: at(1),
        priority: 'high',
      });
      await store.newsroom.addCorrection({
        articleId: hidden.id,
        kind: 'update',
        text: 'Draft notice.',
        createdAt: at(2),
      });
      const c2 = await store.newsroom.addCorrection({
        articleId: a.id,
        kind: 'clarification',
        text: 'Clearer.',
        createdAt: at(3),
      });
      const retract = { articleId: a.id, correctionId: c1, at: at(4), note: 'It was right.' };
      assert.equal(await store.newsroom.retractCorrection(retract), true);
      assert.equal(await store.newsroom.retractCorrection(retract), false, 'only once');
      assert.equal(
        await store.newsroom.retractCorrection({ ...retract, articleId: hidden.id }),
        false,
        'not through another article',
      );
      const found = await store.reader.getById(a.id);
      assert.deepEqual(
        found?.corrections.map((c) => [c.id, c.priority, c.retractedAt, c.retractionNote]),
        [
          [c1, 'high', at(4), 'It was right.'],
          [c2, 'normal', null, null],
        ],
      );
    });

    test('the staff list filters by status, section, author, owner and headline words', async () => {
      await store.sections.upsert({ slug: 'sport', name: 'Sport', description: '', position: 1 });
      const word = `zebra${++serial}`;
      const mine = await article({ headline: `The ${word} crossing` });
      const theirs = await article({
        headline: `Another ${word.toUpperCase()} story`,
        authorIds: [bob.id],
        createdBy: bob.id,
        createdAt: at(-110),
      });
      await store.newsroom.transition({ id: theirs.id, from: ['draft'], to: 'review' });
      const ids = async (q: Partial<Parameters<Store['newsroom']['listNewsroom']>[0]>) =>
        (await store.newsroom.listNewsroom({ limit: 50, offset: 0, text: word, ...q })).map(
          (i) => i.id,
        );
      assert.deepEqual((await ids({})).sort(), [mine.id, theirs.id].sort());
      assert.deepEqual(await ids({ status: 'review' }), [theirs.id]);
      assert.deepEqual(await ids({ authorId: bob.id }), [theirs.id]);
      assert.deepEqual(await ids({ ownerId: ann.id }), [mine.id]);
      assert.deepEqual(await ids({ text: '50%_' }), []);
      const elsewhere = await article({ headline: `The ${word} cup`, sectionSlug: 'sport' });
      assert.deepEqual(await ids({ section: 'sport' }), [elsewhere.id]);
      assert.deepEqual((await ids({ section: 'news' })).sort(), [mine.id, theirs.id].sort());
      const [item] = await store.newsroom.listNewsroom({
        limit: 1,
        offset: 0,
        text: word,
        section: 'news',
      });
      assert.equal(item?.id, theirs.id, 'most recently saved first');
    });
  });
}

const pgUrl = process.env.TEST_DATABASE_URL;
if (pgUrl) {
  describe('scheduled publishing with two app servers on one PostgreSQL database', () => {
    test('every due article is published exactly once, and each once announced', async () => {
      const [postgres] = databases().filter((d) => d.name === 'postgres');
      assert.ok(postgres);
      const first = await postgres.open();
      // A second process: its own pool on the same schema.
      const second = await openStore({
        databaseUrl: first.databaseUrl,
        dataDir: first.dataDir,
        ...(first.pgSchema ? { pgSchema: first.pgSchema } : {}),
      });
      try {
        const store = first.store;
        await store.sections.upsert({ slug: 'news', name: 'News', description: '', position: 0 });
        const ids: string[] = [];
        for (let i = 0; i < 40; i++) {
          const a = await store.newsroom.create({
            slug: `due-${i}`,
            sectionSlug: 'news',
            headline: `Due ${i}`,
            standfirst: '',
            body: 'Text.',
            dateline: '',
            authorIds: [],
            tags: [],
            status: 'draft',
            publishedAt: null,
            createdAt: at(-100),
          });
          await store.newsroom.transition({
            id: a.id,
            from: ['draft'],
            to: 'scheduled',
            publishAt: at(-i),
          });
          ids.push(a.id);
        }
        const heard: Change[][] = [[], []];
        const schedulers = [store, second].map((s, n) => {
          const bus = new LocalChangeBus();
          bus.subscribe((c) => heard[n]!.push(c));
          const clock = () => new Date(base);
          return new PublishScheduler(new NewsroomService({ store: s, changes: bus, now: clock }), {
            intervalMs: 60_000,
          });
        });
        // Both processes tick many times at once, as if their timers fired together.
        const rounds = await Promise.all(
          Array.from({ length: 6 }, (_, i) => schedulers[i % 2]!.tick()),
        );
        const all = rounds.flat();
        assert.equal(all.length, ids.length, 'no article published twice');
        assert.deepEqual([...all].sort(), [...ids].sort(), 'every article published');
        const announced = [...heard[0]!, ...heard[1]!].map((c) =>
          c.kind === 'article' ? c.articleId : '',
        );
        assert.deepEqual(announced.sort(), [...ids].sort());
        for (const id of ids) assert.equal((await store.reader.getById(id))?.status, 'published');
      } finally {
        await second.close();
        await first.dispose();
      }
    });
  });
}
