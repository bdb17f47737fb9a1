/**
 * The structure pages (sections, menus, front page, static pages) in another language, in a
 * real browser: with the site in German an admin reorders sections from the keyboard by the
 * buttons' German names, and every page passes axe-core; drawn right to left (ar-XB) the menus
 * page is still accessible.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import type { User } from '../src/domain/user.js';
import { startApp, type RunningApp } from './helpers/app.js';
import {
  asSignedIn,
  assertAccessible,
  browserAvailable,
  launchBrowser,
  openPage,
} from './helpers/browser.js';
import { openSqliteStore, type OpenedStore } from './helpers/databases.js';
import { publishedArticle, storedPerson } from './helpers/fixtures.js';

if (browserAvailable()) {
  describe('structure pages in German and right to left, in a browser', () => {
    let db: OpenedStore;
    let app: RunningApp;
    let browser: Browser;
    let admin: User;

    before(async () => {
      db = await openSqliteStore();
      app = await startApp(db);
      admin = await storedPerson(db.store, { slug: 'ada', name: 'Ada Admin', role: 'admin' });
      await app.services.sections.create({ name: 'Lokales' });
      await app.services.sections.create({ name: 'Sport' });
      await publishedArticle(db.store, { sectionSlug: 'sport', headline: 'Derby gewonnen' });
      await app.services.pages.create(admin, {
        title: 'Impressum',
        description: 'Wer wir sind',
        body: 'Die Redaktion.',
      });
      await app.services.site.update(admin, { language: 'de-DE', timeZone: 'Europe/Berlin' });
      browser = await launchBrowser();
    });
    after(async () => {
      await browser?.close();
      await app?.close();
      await db?.dispose();
    });

    const rows = (page: Page) => page.locator('.sections-table tbody th').allTextContents();

    test('German: sections reordered from the keyboard; every page accessible', async () => {
      await asSignedIn(browser, app, admin.id, async (page) => {
        await openPage(page, `${app.url}/admin/sections`);
        assert.equal(await page.locator('h1').textContent(), 'Ressorts');
        assert.deepEqual(await rows(page), ['Lokales', 'Sport']);
        await page.getByRole('button', { name: 'Nach oben Sport' }).focus();
        await page.keyboard.press('Enter');
        await page.getByText('Die Reihenfolge wurde geändert.').waitFor();
        assert.deepEqual(await rows(page), ['Sport', 'Lokales']);
        // The focus stays on the moved section's buttons (now "Nach unten", at the top).
        const focused = await page.locator(':focus').textContent();
        assert.equal(focused?.replace(/\s+/g, ' ').trim(), 'Nach unten Sport');
        await assertAccessible(page, '/admin/sections in German');
        for (const path of ['/admin/menus', '/admin/front', '/admin/pages', '/admin/pages/new']) {
          await openPage(page, `${app.url}${path}`);
          assert.equal(await page.getAttribute('html', 'lang'), 'de-DE');
          await assertAccessible(page, `${path} in German`);
        }
        assert.equal(await page.locator('h1').textContent(), 'Neue Seite');
      });
    });

    test('right to left (ar-XB): the menus page is drawn rtl and accessible', async () => {
      await asSignedIn(browser, app, admin.id, async (page) => {
        await page.context().addCookies([{ name: 'bs-lang', value: 'ar-XB', url: app.url }]);
        await openPage(page, `${app.url}/admin/menus`);
        assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
        await assertAccessible(page, '/admin/menus in ar-XB');
      });
    });
  });
}
