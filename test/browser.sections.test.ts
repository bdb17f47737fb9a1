/**
 * Section management in a real browser, with the keyboard: an admin creates two sections,
 * moves one up by Tab and Enter (the focus stays on the moved section's button, so Enter again
 * moves it again), renames one and sees the masthead follow, hides one, and is refused (beside the
 * field) when removing a section with articles without a target. axe-core checks every state.
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
  waitForTrue,
} from './helpers/browser.js';
import { openSqliteStore, type OpenedStore } from './helpers/databases.js';
import { publishedArticle, storedPerson } from './helpers/fixtures.js';

if (browserAvailable()) {
  describe('sections in a browser', () => {
    let db: OpenedStore;
    let app: RunningApp;
    let browser: Browser;
    let admin: User;

    before(async () => {
      db = await openSqliteStore();
      app = await startApp(db);
      await db.store.sections.upsert({ slug: 'news', name: 'News', description: '', position: 0 });
      await publishedArticle(db.store, { sectionSlug: 'news' });
      admin = await storedPerson(db.store, { slug: 'ada', name: 'Ada Admin', role: 'admin' });
      browser = await launchBrowser();
    });
    after(async () => {
      await browser?.close();
      await app?.close();
      await db?.dispose();
    });

    const mastheadLinks = (page: Page) =>
      page.getByRole('navigation', { name: 'Sections' }).getByRole('link').allTextContents();
    const rowOrder = (page: Page) => page.locator('.sections-table tbody th').allTextContents();

    test('create, reorder with the keyboard, rename, hide and a refused removal', async () => {
      await asSignedIn(browser, app, admin.id, async (page) => {
        await page.goto(`${app.url}/admin`);
        await page.getByRole('link', { name: 'Sections' }).first().click();
        await page.waitForURL(/\/admin\/sections$/);
        await assertAccessible(page, 'sections list');

        // Create two, typing only in the fields (the slug comes from the name).
        for (const name of ['Sport', 'Weather']) {
          await page.getByLabel('Name', { exact: true }).fill(name);
          await page.getByRole('button', { name: 'Create section' }).click();
          await page.getByText('The section has been created.').waitFor();
        }
        assert.deepEqual(await rowOrder(page), ['News', 'Sport', 'Weather']);
        await assertAccessible(page, 'sections list after creating');

        // A refused name: the error is beside the field, and the summary links to it.
        await page.getByLabel('Name', { exact: true }).fill('Search');
        await page.getByRole('button', { name: 'Create section' }).click();
        await page.getByRole('alert').waitFor();
        assert.equal(await page.locator('#new-slug').getAttribute('aria-invalid'), 'true');
        await assertAccessible(page, 'sections list with a refusal');

        // Reorder with the keyboard: focus Weather's Move up, press Enter twice.
        await page.goto(`${app.url}/admin/sections`);
        const up = page.getByRole('button', { name: 'Move up Weather' });
        await up.focus();
        await page.keyboard.press('Enter');
        await page.getByText('The order has been changed.').waitFor();
        assert.deepEqual(await rowOrder(page), ['News', 'Weather', 'Sport']);
        const focused = await page.evaluate<string>(
          `document.activeElement?.textContent?.trim() ?? ''`,
        );
        assert.match(focused, /^Move up\s+Weather$/);
        await page.keyboard.press('Enter');
        await waitForTrue(
          page,
          `document.querySelector('.sections-table tbody th')?.textContent === 'Weather'`,
        );
        assert.deepEqual(await rowOrder(page), ['Weather', 'News', 'Sport']);
        await assertAccessible(page, 'sections list after moving');
        await page.goto(`${app.url}/`);
        assert.deepEqual(await mastheadLinks(page), ['Home', 'Weather', 'News', 'Sport']);

        // Rename Sport: the masthead follows; the old address leads to the new one.
        await page.goto(`${app.url}/admin/sections`);
        await page
          .locator('.sections-table')
          .getByRole('link', { name: 'Sport', exact: true })
          .click();
        await page.waitForURL(/\/admin\/sections\/sport$/);
        await assertAccessible(page, 'section page');
        await page.getByLabel('Name', { exact: true }).fill('Sport & Leisure');
        await page.getByLabel('Slug', { exact: true }).fill('sport-leisure');
        await page.getByRole('button', { name: 'Save section' }).click();
        await page.waitForURL(/\/admin\/sections\/sport-leisure\?done=saved$/);
        await page.getByText('The section has been saved.').waitFor();
        await assertAccessible(page, 'section page after saving');
        await page.goto(`${app.url}/sport`);
        assert.equal(new URL(page.url()).pathname, '/sport-leisure');
        assert.deepEqual(await mastheadLinks(page), ['Home', 'Weather', 'News', 'Sport & Leisure']);

        // Hide Weather: gone from the masthead, its page still there.
        await page.goto(`${app.url}/admin/sections/weather`);
        await page.getByLabel(/Hide from the navigation/).check();
        await page.getByRole('button', { name: 'Save section' }).click();
        await page.getByText('The section has been saved.').waitFor();
        await page.goto(`${app.url}/weather`);
        assert.deepEqual(await mastheadLinks(page), ['Home', 'News', 'Sport & Leisure']);

        // News has an article: removing it without a target is refused beside the select.
        await page.goto(`${app.url}/admin/sections/news`);
        await page.getByRole('button', { name: 'Remove section' }).click();
        await page.getByRole('alert').waitFor();
        assert.equal(await page.locator('#remove-move-to').getAttribute('aria-invalid'), 'true');
        assert.match(await page.locator('#remove-move-to-error').innerText(), /has 1 article/);
        await assertAccessible(page, 'section page with a refused removal');
        await page.getByLabel('Move its articles to').selectOption('sport-leisure');
        await page.getByRole('button', { name: 'Remove section' }).click();
        await page.getByText('The section has been removed.').waitFor();
        assert.deepEqual(await rowOrder(page), ['Weather', 'Sport & Leisure']);
        await assertAccessible(page, 'sections list after removing');
      });
    });
  });
}
