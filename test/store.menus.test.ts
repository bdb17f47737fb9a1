/**
 * The menus' service over a real store, on both databases: the resolved menus are kept in memory
 * and read again after a `site` change (or after `menuMaxAgeMs`, for writes no bus carries);
 * a section rename rewrites saved entries in its transaction, and a refused one leaves them;
 * a page in a saved menu announces `site` when published or unpublished, one in none `page`.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { LocalChangeBus, type Change } from '../src/services/changes.js';
import { MenuService, menuKeys, menuMaxAgeMs } from '../src/services/menus.js';
import { PageService } from '../src/services/pages.js';
import { SectionService } from '../src/services/sections.js';
import { databases, type OpenedStore } from './helpers/databases.js';
import { storedPerson } from './helpers/fixtures.js';
import type { User } from '../src/domain/user.js';

for (const database of databases()) {
  describe(`menu service on ${database.name}`, () => {
    let db: OpenedStore;
    let admin: User;
    let clock = 1_000_000;
    const changes = new LocalChangeBus();
    const heard: Change[] = [];
    let menus: MenuService;
    let sections: SectionService;
    let pages: PageService;

    before(async () => {
      db = await database.open();
      admin = await storedPerson(db.store, { slug: 'menu-admin', role: 'admin' });
      changes.subscribe((c) => heard.push(c));
      menus = new MenuService({ store: db.store, changes, now: () => clock });
      sections = new SectionService({ store: db.store, changes });
      pages = new PageService({ store: db.store, changes, menus });
      await sections.create({ name: 'News' });
      await sections.create({ name: 'Sport' });
    });
    after(async () => {
      await db?.dispose();
    });

    const masthead = async () => (await menus.menus()).masthead.map((i) => i.href);

    test('kept in memory until a site change or the maximum age', async () => {
      assert.deepEqual(await masthead(), ['/news', '/sport']);
      // Written behind the service's back (as the command line on SQLite would): not seen yet.
      await db.store.sections.upsert({ slug: 'arts', name: 'Arts', description: '', position: 9 });
      assert.deepEqual(await masthead(), ['/news', '/sport']);
      clock += menuMaxAgeMs;
      assert.deepEqual(await masthead(), ['/news', '/sport', '/arts']);
      await menus.save(admin, 'masthead', [{ kind: 'section', section: 'sport' }]);
      assert.deepEqual(heard.splice(0).at(-1), { kind: 'site' });
      assert.deepEqual(await masthead(), ['/sport']);
    });

    test('a rename rewrites saved entries in its transaction; a refused one leaves them', async () => {
      await sections.update('sport', { slug: 'sports' });
      assert.deepEqual(await masthead(), ['/sports']);
      assert.match((await db.store.settings.get(menuKeys.masthead)) ?? '', /"section":"sports"/);
      // Taken by another section: refused, nothing rewritten.
      await assert.rejects(sections.update('sports', { slug: 'news' }), /already has the slug/);
      assert.match((await db.store.settings.get(menuKeys.masthead)) ?? '', /"section":"sports"/);
      assert.deepEqual(await masthead(), ['/sports']);
    });

    test('publishing a page in a menu announces site; one in none, its page only', async () => {
      const inMenu = await pages.create(admin, { title: 'About', body: 'Us.' });
      const elsewhere = await pages.create(admin, { title: 'Jobs', body: 'None.' });
      await menus.add(admin, 'footer', { kind: 'page', page: inMenu.id });
      heard.splice(0);
      await pages.publish(admin, inMenu.id);
      await pages.publish(admin, elsewhere.id);
      assert.deepEqual(heard.splice(0), [{ kind: 'site' }, { kind: 'page', pageId: elsewhere.id }]);
      assert.deepEqual((await menus.menus()).footer.map((i) => i.text).at(-1), 'About');
      await pages.unpublish(admin, inMenu.id);
      assert.deepEqual(heard.splice(0), [{ kind: 'site' }]);
      assert.ok(!(await menus.menus()).footer.some((i) => i.text === 'About'));
    });

    test('only admins change a menu', async () => {
      const editor = await storedPerson(db.store, { slug: 'menu-editor', role: 'editor' });
      await assert.rejects(menus.remove(editor, 'footer', 0), { condition: 'admin_only' });
    });
  });
}
