/**
 * Static pages' store contract on every database: creation as a draft with revision 1,
 * conflict-safe saves and their revisions, old slugs that redirect, status moves that only one
 * caller wins, the lists, and the service's slug rules over a real store.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from '../src/domain/page.js';
import type { User } from '../src/domain/user.js';
import { AppError } from '../src/errors.js';
import { LocalChangeBus, type Change } from '../src/services/changes.js';
import { PageService, StalePageError } from '../src/services/pages.js';
import type { Store } from '../src/store/index.js';
import { databases, type OpenedStore } from './helpers/databases.js';
import { section, storedPerson } from './helpers/fixtures.js';

let serial = 0;
const base = Date.parse('2026-03-04T12:00:00.000Z');
const at = (minutes: number) => new Date(base + minutes * 60_000).toISOString();

for (const database of databases()) {
  describe(`pages store on ${database.name}`, () => {
    let db: OpenedStore;
    let store: Store;
    let ann: User;

    const page = (overrides: Partial<Parameters<Store['pages']['create']>[0]> = {}) => {
      const slug = overrides.slug ?? `page-${++serial}`;
      return store.pages.create({
        slug,
        title: `Title of ${slug}`,
        description: '',
        body: 'Some text.',
        createdAt: at(-60),
        createdBy: ann.id,
        ...overrides,
      });
    };

    const content = (p: Page, changes: Partial<Page> = {}) => ({
      slug: changes.slug ?? p.slug,
      title: changes.title ?? p.title,
      description: changes.description ?? p.description,
      body: changes.body ?? p.body,
    });

    before(async () => {
      db = await database.open();
      store = db.store;
      ann = await storedPerson(store, { role: 'editor', name: 'Ann Editor' });
    });
    after(() => db.dispose());

    test('a new page is a draft at version 1, with its text as revision 1', async () => {
      const p = await page({ title: 'About us', description: 'Who we are', body: '# Hi' });
      assert.equal(p.status, 'draft');
      assert.equal(p.version, 1);
      assert.equal(p.publishedAt, null);
      assert.equal(p.createdAt, at(-60));
      assert.equal(p.modifiedAt, at(-60));
      assert.deepEqual(await store.pages.byId(p.id), p);
      assert.deepEqual(await store.pages.bySlug(p.slug), p);
      const [rev] = await store.pages.revisions(p.id);
      assert.equal(rev?.version, 1);
      assert.equal(rev?.title, 'About us');
      assert.deepEqual(rev?.savedBy, { id: ann.id, name: 'Ann Editor' });
      const full = await store.pages.revision(p.id, 1);
      assert.deepEqual(full?.content, {
        slug: p.slug,
        title: 'About us',
        description: 'Who we are',
        body: '# Hi',
      });
      assert.equal(await store.pages.revision(p.id, 2), null);
      assert.equal(await store.pages.byId('nope'), null);
    });

    test('a save from the current version wins once; the second from it is stale', async () => {
      const p = await page();
      const first = await store.pages.save({
        id: p.id,
        baseVersion: 1,
        content: content(p, { body: 'First' }),
        savedAt: at(1),
        savedBy: ann.id,
      });
      assert.ok(first.ok);
      assert.equal(first.page.version, 2);
      assert.equal(first.page.body, 'First');
      assert.equal(first.page.modifiedAt, at(1));
      const second = await store.pages.save({
        id: p.id,
        baseVersion: 1,
        content: content(p, { body: 'Second' }),
        savedAt: at(2),
        savedBy: ann.id,
      });
      assert.equal(second.ok, false);
      assert.ok(!second.ok && second.reason === 'stale' && second.current.body === 'First');
      const missing = await store.pages.save({
        id: 'nope',
        baseVersion: 1,
        content: content(p),
        savedAt: at(2),
        savedBy: ann.id,
      });
      assert.deepEqual(missing, { ok: false, reason: 'missing' });
      const revisions = await store.pages.revisions(p.id);
      assert.deepEqual(
        revisions.map((r) => r.version),
        [2, 1],
      );
    });

    test('two concurrent saves from one version: exactly one wins', async () => {
      const p = await page();
      const results = await Promise.all(
        ['A', 'B'].map((body) =>
          store.pages.save({
            id: p.id,
            baseVersion: 1,
            content: content(p, { body }),
            savedAt: at(3),
            savedBy: ann.id,
          }),
        ),
      );
      assert.equal(results.filter((r) => r.ok).length, 1);
      assert.equal((await store.pages.byId(p.id))?.version, 2);
    });

    test('a slug change keeps the old slug as a redirect; going back takes it out', async () => {
      const p = await page({ slug: 'contact' });
      const moved = await store.pages.save({
        id: p.id,
        baseVersion: 1,
        content: content(p, { slug: 'contact-us' }),
        savedAt: at(4),
        savedBy: ann.id,
        note: 'renamed',
      });
      assert.ok(moved.ok);
      assert.equal((await store.pages.byOldSlug('contact'))?.id, p.id);
      assert.equal(await store.pages.bySlug('contact'), null);
      assert.equal(await store.pages.slugTaken('contact'), true, 'an old slug stays taken');
      assert.equal(await store.pages.slugTaken('contact', p.id), false, 'but not for its page');
      assert.equal(await store.pages.slugTaken('contact-us'), true);
      assert.equal(await store.pages.slugTaken('contact-us', p.id), false);
      const [newest] = await store.pages.revisions(p.id);
      assert.equal(newest?.note, 'renamed');
      const back = await store.pages.save({
        id: p.id,
        baseVersion: 2,
        content: content(p, { slug: 'contact' }),
        savedAt: at(5),
        savedBy: ann.id,
      });
      assert.ok(back.ok);
      assert.equal(await store.pages.byOldSlug('contact'), null);
      assert.equal((await store.pages.byOldSlug('contact-us'))?.id, p.id);
    });

    test('status moves only from the status named; the first publication is kept', async () => {
      const p = await page({ title: 'Zebra crossing policy' });
      assert.equal(
        await store.pages.setStatus({ id: p.id, from: 'published', to: 'draft', at: at(6) }),
        false,
      );
      const moves = await Promise.all(
        [1, 2].map(() =>
          store.pages.setStatus({ id: p.id, from: 'draft', to: 'published', at: at(6) }),
        ),
      );
      assert.deepEqual(moves.sort(), [false, true], 'one of two racing publishes wins');
      const published = await store.pages.byId(p.id);
      assert.equal(published?.status, 'published');
      assert.equal(published?.publishedAt, at(6));
      assert.ok(
        await store.pages.setStatus({ id: p.id, from: 'published', to: 'draft', at: at(7) }),
      );
      assert.ok(
        await store.pages.setStatus({ id: p.id, from: 'draft', to: 'published', at: at(8) }),
      );
      const again = await store.pages.byId(p.id);
      assert.equal(again?.publishedAt, at(6));
      assert.equal(again?.modifiedAt, at(8));
      const listed = await store.pages.listPublished();
      assert.ok(listed.some((l) => l.id === p.id && l.status === 'published'));
      assert.ok(listed.every((l) => l.status === 'published'));
      const titles = listed.map((l) => l.title);
      assert.deepEqual(titles, [...titles].sort(), 'by title');
      const all = await store.pages.list();
      assert.ok(all.some((l) => l.status === 'draft'));
      const times = all.map((l) => l.modifiedAt);
      assert.deepEqual(times, [...times].sort().reverse(), 'most recently changed first');
    });

    test('the service: slug rules, stale edits, restore, and the changes it announces', async () => {
      const heard: Change[] = [];
      const changes = new LocalChangeBus();
      changes.subscribe((c) => heard.push(c));
      const pages = new PageService({ store, changes });
      await section(store, 'sport');
      const refusal = async (work: () => Promise<unknown>) => {
        try {
          await work();
        } catch (error) {
          assert.ok(error instanceof AppError, String(error));
          return [error.condition, error.status, error.field];
        }
        assert.fail('expected a refusal');
      };
      assert.deepEqual(await refusal(() => pages.create(ann, { title: '  ' })), [
        'title_required',
        422,
        'title',
      ]);
      assert.deepEqual(await refusal(() => pages.create(ann, { title: 'X', slug: 'admin' })), [
        'reserved_slug',
        422,
        'slug',
      ]);
      assert.deepEqual(await refusal(() => pages.create(ann, { title: 'X', slug: 'sport' })), [
        'slug_taken',
        409,
        'slug',
      ]);
      assert.deepEqual(await refusal(() => pages.create(ann, { title: 'X', slug: 'No Way' })), [
        'invalid_slug',
        400,
        'slug',
      ]);
      assert.deepEqual(
        await refusal(() => pages.create(ann, { title: 'X', body: 'x'.repeat(100_001) })),
        ['too_long', 400, 'body'],
      );
      const commenter = await storedPerson(store);
      assert.deepEqual(await refusal(() => pages.create(commenter, { title: 'X' })), [
        'editor_only',
        403,
        undefined,
      ]);
      // Titles that are reserved words or sections get a free slug instead.
      const searchPage = await pages.create(ann, { title: 'Search' });
      assert.equal(searchPage.slug, 'search-2');
      const sportPage = await pages.create(ann, { title: 'Sport' });
      assert.equal(sportPage.slug, 'sport-2');

      const about = await pages.create(ann, { title: 'About', body: '' });
      assert.equal(about.slug, 'about');
      assert.deepEqual(await refusal(() => pages.publish(ann, about.id)), [
        'body_missing',
        422,
        'body',
      ]);
      const written = await pages.edit(ann, about.id, { version: 1, body: 'We report.' });
      assert.deepEqual(heard, [], 'a draft is no reader’s business');
      await assert.rejects(
        pages.edit(ann, about.id, { version: 1, body: 'Old tab' }),
        StalePageError,
      );
      const live = await pages.publish(ann, about.id);
      assert.equal(live.status, 'published');
      assert.deepEqual(heard.splice(0), [{ kind: 'page', pageId: about.id }]);
      assert.deepEqual(await pages.atSlug('about'), { kind: 'page', page: live });
      const menu = await pages.published();
      assert.deepEqual(
        menu.find((l) => l.id === about.id),
        { id: about.id, slug: 'about', title: 'About' },
      );
      assert.ok(!menu.some((l) => l.id === searchPage.id), 'drafts are not listed');
      await pages.edit(ann, about.id, { version: written.version, body: 'We report news.' });
      assert.deepEqual(heard.splice(0), [{ kind: 'page', pageId: about.id }]);
      const renamed = await pages.edit(ann, about.id, {
        version: written.version + 1,
        slug: 'about-us',
      });
      assert.deepEqual(heard.splice(0), [{ kind: 'site' }], 'a menu may show its address');
      assert.deepEqual(await pages.atSlug('about'), { kind: 'moved', path: '/about-us' });
      const restored = await pages.restore(ann, about.id, 2, renamed.version);
      assert.equal(restored.body, 'We report.');
      assert.equal(restored.slug, 'about');
      const [newest] = await pages.revisions(ann, about.id);
      assert.equal(newest?.note, 'Restored version 2');
      await pages.unpublish(ann, about.id);
      assert.equal(await pages.atSlug('about'), null);
      assert.equal(await pages.atSlug('about-us'), null, 'a draft’s old address leads nowhere');
      assert.deepEqual(await refusal(() => pages.unpublish(ann, about.id)), [
        'invalid_transition',
        409,
        undefined,
      ]);
    });
  });
}
