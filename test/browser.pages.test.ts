/**
 * Static pages in a real browser: an editor writes About, previews it, saves the draft, publishes
 * it and compares two versions; a reader then opens it at /about. axe-core checks the list, the
 * editor (new, with an error, with the preview, saved, published), the revisions and the reader's
 * page. SQLite only: what is under test is the pages, not the database.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
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
import { storedPerson } from './helpers/fixtures.js';

if (browserAvailable()) {
  describe('static pages in a browser', () => {
    let db: OpenedStore;
    let app: RunningApp;
    let browser: Browser;
    let editor: User;

    before(async () => {
      db = await openSqliteStore();
      app = await startApp(db);
      await db.store.sections.upsert({ slug: 'news', name: 'News', description: '', position: 0 });
      editor = await storedPerson(db.store, { slug: 'ed', name: 'Ed Editor', role: 'editor' });
      browser = await launchBrowser();
    });
    after(async () => {
      await browser?.close();
      await app?.close();
      await db?.dispose();
    });

    test('an editor writes About with a preview and publishes it; a reader reads it', async () => {
      await asSignedIn(browser, app, editor.id, async (page) => {
        await page.goto(`${app.url}/admin`);
        await page
          .getByRole('navigation', { name: 'Staff' })
          .getByRole('link', { name: 'Pages', exact: true })
          .click();
        await page.waitForURL(/\/admin\/pages$/);
        await assertAccessible(page, 'page list (empty)');
        await page.getByRole('link', { name: 'Write a new page' }).click();
        await page.waitForURL(/\/admin\/pages\/new$/);
        await assertAccessible(page, 'new page');

        // Saving without a title: the error is beside the field, and the summary leads there.
        await page.getByRole('button', { name: 'Save draft' }).click();
        await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
        assert.equal(await page.getByLabel('Title').getAttribute('aria-invalid'), 'true');
        await assertAccessible(page, 'new page with an error');

        await page.getByLabel('Title').fill('About');
        await page.getByLabel('Description (optional)').fill('Who writes the Pennock Gazette');
        await page
          .getByLabel('Text')
          .fill('## Our desk\n\nFour *reporters* and one editor.\n\n<b>not bold</b>');
        await page.getByRole('button', { name: 'Preview' }).click();
        await page.getByRole('heading', { name: 'Preview' }).waitFor();
        assert.equal(await page.locator('.preview .article__body em').innerText(), 'reporters');
        assert.equal(await page.locator('.preview .article__body b').count(), 0);
        await assertAccessible(page, 'page preview');
        await page.getByRole('button', { name: 'Save draft' }).click();
        await page.getByText('The draft has been created.').waitFor();
        await assertAccessible(page, 'page editor (draft)');

        // A second save, so there are two versions to compare.
        await page.getByLabel('Text').fill('## Our desk\n\nFive *reporters* and one editor.');
        await page.getByRole('button', { name: 'Save draft' }).click();
        await page.getByText('Saved.').waitFor();
        await page.getByRole('button', { name: 'Publish' }).click();
        await page.getByText('Published: readers can open it now.').waitFor();
        await assertAccessible(page, 'page editor (published)');

        await page.getByRole('link', { name: /^Revisions/ }).click();
        await page.getByRole('button', { name: 'Compare' }).click();
        await page.getByRole('heading', { name: 'Version 1 compared with version 2' }).waitFor();
        await assertAccessible(page, 'page revisions with a comparison');
      });

      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      try {
        const page = await context.newPage();
        await openPage(page, `${app.url}/about`);
        assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'About');
        assert.equal(await page.locator('.article__body em').innerText(), 'reporters');
        assert.match(await page.locator('.article__body').innerText(), /Five reporters/);
        assert.equal(await page.title(), 'About | Broadsheet');
        await assertAccessible(page, 'the About page');
      } finally {
        await context.close();
      }
    });
  });
}
