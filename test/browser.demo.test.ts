/**
 * The demo removal page in a real browser: axe-core finds nothing on the confirmation page, the
 * button is reached and pressed with the keyboard, and the staff home says the demo is gone.
 * SQLite only: what is under test is the page.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { startApp, type RunningApp } from './helpers/app.js';
import {
  asSignedIn,
  assertAccessible,
  browserAvailable,
  launchBrowser,
  openPage,
} from './helpers/browser.js';
import { openSqliteStore, tempDir, type OpenedStore } from './helpers/databases.js';
import { publishedArticle, storedPerson } from './helpers/fixtures.js';

if (browserAvailable()) {
  describe('the demo removal page in a browser', () => {
    let db: OpenedStore;
    let app: RunningApp;
    let browser: Browser;
    const shots = tempDir('broadsheet-demo-browser-');

    before(async () => {
      db = await openSqliteStore();
      app = await startApp(db);
      await app.services.demo.loadIfEmpty();
      browser = await launchBrowser();
    });
    after(async () => {
      await browser?.close();
      await app?.close();
      await db?.dispose();
    });

    test('the confirmation page is accessible and its button works from the keyboard', async () => {
      const admin = await storedPerson(db.store, { slug: 'ada', name: 'Ada Admin', role: 'admin' });
      // A story of ours in the demo's News section: the page names the section as kept.
      await publishedArticle(db.store, { headline: 'Our own story', authorIds: [admin.id] });
      await asSignedIn(browser, app, admin.id, async (page) => {
        await openPage(page, `${app.url}/admin/site/demo/remove`);
        await assertAccessible(page, 'the demo removal page');
        const text = (await page.locator('main').innerText()).replace(/\s+/g, ' ');
        assert.match(text, /What will be removed/);
        assert.match(text, /The demo’s section News: it holds 1 article of yours/);
        await page.screenshot({ path: path.join(shots, 'demo-remove.png'), fullPage: true });

        const button = page.getByRole('button', { name: 'Remove the demo content' });
        await button.focus();
        await page.keyboard.press('Enter');
        await page.waitForURL(/\/admin\?done=demo-removed$/);
        await page
          .getByRole('status')
          .filter({ hasText: 'The demo content has been removed.' })
          .waitFor();
        await assertAccessible(page, 'the staff home after removal');
      });
      assert.equal(await app.services.demo.isLoaded(), false);
    });
  });
}
