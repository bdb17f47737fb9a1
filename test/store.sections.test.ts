/**
 * Managing sections, on every database: the hidden flag, creating (a taken slug is refused
 * without a write), renaming (articles, revisions and old slugs follow, in one transaction),
 * ordering, and removing (only when empty, or by moving every article, drafts included), with
 * the old slugs that lead to where the articles are now; and export/restore carrying them.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { LocalChangeBus, type Change } from '../src/services/changes.js';
import { SectionService } from '../src/services/sections.js';
import { BackupService } from '../src/services/backup.js';
import type { Store } from '../src/store/index.js';
import { databases, tempDir, type OpenedStore } from './helpers/databases.js';
import { draftArticle, publishedArticle } from './helpers/fixtures.js';
import path from 'node:path';

const at = '2026-03-04T12:00:00.000Z';

for (const database of databases()) {
  describe(`sections store on ${database.name}`, () => {
    let db: OpenedStore;
    let store: Store;

    before(async () => {
      db = await database.open();
      store = db.store;
    });
    after(async () => {
      await db?.dispose();
    });

    const slugs = async () => (await store.sections.list()).map((s) => s.slug);

    test('create: in order, hidden kept as a boolean, a taken slug refused and nothing changed', async () => {
      assert.equal(
        await store.sectionAdmin.create({
          slug: 'news',
          name: 'News',
          description: 'What happened',
          position: 0,
        }),
        'created',
      );
      assert.equal(
        await store.sectionAdmin.create({
          slug: 'archive',
          name: 'Archive',
          description: '',
          position: 1,
          hidden: true,
        }),
        'created',
      );
      assert.equal(
        await store.sectionAdmin.create({
          slug: 'news',
          name: 'Other',
          description: '',
          position: 2,
        }),
        'taken',
      );
      const list = await store.sections.list();
      assert.deepEqual(list, [
        { slug: 'news', name: 'News', description: 'What happened', position: 0, hidden: false },
        { slug: 'archive', name: 'Archive', description: '', position: 1, hidden: true },
      ]);
      assert.deepEqual(await store.sections.get('archive'), list[1]);
    });

    test('update changes only what it is given; an unknown section is false', async () => {
      assert.equal(await store.sectionAdmin.update('archive', { hidden: false }), true);
      assert.equal(await store.sectionAdmin.update('archive', { description: 'Old things' }), true);
      assert.deepEqual(await store.sections.get('archive'), {
        slug: 'archive',
        name: 'Archive',
        description: 'Old things',
        position: 1,
        hidden: false,
      });
      assert.equal(await store.sectionAdmin.update('nowhere', { name: 'X' }), false);
      assert.equal(await store.sectionAdmin.update('nowhere', {}), false);
      // upsert (demo content, imports) leaves the flag alone unless it names it.
      await store.sectionAdmin.update('archive', { hidden: true });
      await store.sections.upsert({
        slug: 'archive',
        name: 'Archive',
        description: '',
        position: 1,
      });
      assert.equal((await store.sections.get('archive'))?.hidden, true);
    });

    test('counts articles of every status', async () => {
      await publishedArticle(store, { sectionSlug: 'news' });
      await draftArticle(store, { sectionSlug: 'news' });
      assert.equal(await store.sectionAdmin.countArticles('news'), 2);
      assert.equal(await store.sectionAdmin.countArticles('archive'), 0);
      const counts = await store.sectionAdmin.listWithCounts();
      assert.deepEqual(
        counts.map((s) => [s.slug, s.articleCount]),
        [
          ['news', 2],
          ['archive', 0],
        ],
      );
    });

    test('a new slug: articles, revisions and old slugs follow; going back takes it out of the redirects', async () => {
      const story = await publishedArticle(store, { sectionSlug: 'news' });
      assert.equal(await store.sectionAdmin.changeSlug('news', 'local', at), 'changed');
      assert.deepEqual(await slugs(), ['local', 'archive']);
      assert.equal((await store.reader.getById(story.id))?.section.slug, 'local');
      const revisions = await store.newsroom.revisions(story.id);
      assert.ok(revisions.length > 0);
      for (const r of revisions) {
        const full = await store.newsroom.revision(story.id, r.version);
        assert.equal(full?.content.sectionSlug, 'local');
      }
      assert.equal(await store.sections.currentSlug('news'), 'local');
      assert.equal((await store.sections.get('local'))?.description, 'What happened');

      // A second rename: the first old slug leads to the newest.
      assert.equal(await store.sectionAdmin.changeSlug('local', 'town', at), 'changed');
      assert.equal(await store.sections.currentSlug('news'), 'town');
      assert.equal(await store.sections.currentSlug('local'), 'town');
      // Back to a slug it had: that one no longer redirects.
      assert.equal(await store.sectionAdmin.changeSlug('town', 'news', at), 'changed');
      assert.equal(await store.sections.currentSlug('news'), null);
      assert.equal(await store.sections.currentSlug('local'), 'news');
      assert.equal(await store.sections.currentSlug('town'), 'news');
      assert.equal(await store.sectionAdmin.changeSlug('nowhere', 'x', at), 'missing');
    });

    test('a new slug that another section has is refused and nothing changes', async () => {
      const before = await store.sections.list();
      assert.equal(await store.sectionAdmin.changeSlug('news', 'archive', at), 'taken');
      assert.deepEqual(await store.sections.list(), before);
      assert.equal(await store.sectionAdmin.countArticles('news'), 3);
    });

    test('a failure inside the transaction undoes the rename', async () => {
      await assert.rejects(
        store.transaction(async (tx) => {
          await tx.sectionAdmin.changeSlug('news', 'renamed', at);
          throw new Error('refused after the rename');
        }),
        /refused after the rename/,
      );
      assert.deepEqual(await slugs(), ['news', 'archive']);
      assert.equal(await store.sections.currentSlug('renamed'), null);
      assert.equal(await store.sectionAdmin.countArticles('news'), 3);
    });

    test('reorder sets positions in the given order', async () => {
      await store.sectionAdmin.reorder(['archive', 'news']);
      assert.deepEqual(await slugs(), ['archive', 'news']);
      assert.deepEqual(
        (await store.sections.list()).map((s) => s.position),
        [0, 1],
      );
    });

    test('remove: refused while it has articles; moving them takes drafts too and redirects', async () => {
      assert.deepEqual(await store.sectionAdmin.remove('news', null, at), {
        result: 'not_empty',
        moved: 0,
      });
      assert.deepEqual(await slugs(), ['archive', 'news']);
      assert.deepEqual(await store.sectionAdmin.remove('news', 'archive', at), {
        result: 'removed',
        moved: 3,
      });
      assert.deepEqual(await slugs(), ['archive']);
      assert.equal(await store.sectionAdmin.countArticles('archive'), 3);
      assert.equal(await store.sections.currentSlug('news'), 'archive');
      assert.equal(await store.sections.currentSlug('local'), 'archive');
      assert.deepEqual(await store.sectionAdmin.remove('news', null, at), {
        result: 'missing',
        moved: 0,
      });
    });

    test('an empty section is removed without a target; a new section may take a retired slug', async () => {
      await store.sectionAdmin.create({
        slug: 'spare',
        name: 'Spare',
        description: '',
        position: 1,
      });
      assert.deepEqual(await store.sectionAdmin.remove('spare', null, at), {
        result: 'removed',
        moved: 0,
      });
      assert.equal(await store.sections.currentSlug('spare'), null);
      assert.equal(
        await store.sectionAdmin.create({
          slug: 'news',
          name: 'News again',
          description: '',
          position: 1,
        }),
        'created',
      );
      assert.equal(await store.sections.currentSlug('news'), null);
      assert.equal(await store.sections.currentSlug('local'), 'archive');
    });

    test('export and restore carry the hidden flag and the old slugs', async () => {
      await store.sectionAdmin.update('archive', { hidden: true });
      const file = path.join(tempDir(), 'site.jsonl');
      await new BackupService({ store }).exportTo(file);
      const target = await database.open();
      try {
        await new BackupService({ store: target.store }).restoreFrom(file);
        assert.deepEqual(await target.store.sections.list(), await store.sections.list());
        assert.equal(await target.store.sections.currentSlug('local'), 'archive');
        assert.equal(await target.store.sections.currentSlug('town'), 'archive');
      } finally {
        await target.dispose();
      }
    });

    test('the service announces a site change for each change, and none for a refusal', async () => {
      const changes = new LocalChangeBus();
      const heard: Change[] = [];
      changes.subscribe((c) => heard.push(c));
      const sections = new SectionService({ store, changes });
      await sections.create({ name: 'Weather' });
      await sections.update('weather', { hidden: true });
      await assert.rejects(sections.create({ name: 'Weather' }), {
        condition: 'section_slug_taken',
      });
      await sections.move('weather', 'up');
      await sections.remove('weather');
      assert.deepEqual(heard, [
        { kind: 'site' },
        { kind: 'site' },
        { kind: 'site' },
        { kind: 'site' },
      ]);
    });
  });
}
