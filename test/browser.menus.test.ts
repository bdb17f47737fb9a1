/**
 * The menus in a real browser, with the keyboard: an admin adds a page and a link to the
 * masthead, moves the link up by Tab and Enter (the focus stays on the moved entry's button, so
 * Enter again moves it again), is refused (beside the field) a link with a bad address, and sees
 * the masthead and footer follow. axe-core checks /admin/menus and a reader's page at 390 px,
 * light and dark.
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
  describe('menus in a browser', () => {
    let db: OpenedStore;
    let app: RunningApp;
    let browser: Browser;
    let admin: User;

    before(async () => {
      db = await openSqliteStore();
      app = await startApp(db);
      admin = await storedPerson(db.store, { slug: 'ada', name: 'Ada Admin', role: 'admin' });
      await app.services.sections.create({ name: 'News' });
      await app.services.sections.create({ name: 'Sport' });
      await publishedArticle(db.store, { sectionSlug: 'news', headline: 'Bridge reopens' });
      const about = await app.services.pages.create(admin, { title: 'About', body: 'Us.' });
      await app.services.pages.publish(admin, about.id);
      browser = await launchBrowser();
    });
    after(async () => {
      await browser?.close();
      await app?.close();
      await db?.dispose();
    });

    const mastheadLinks = (page: Page, name = 'Site') =>
      page.getByRole('navigation', { name }).getByRole('link').allTextContents();
    const rowOrder = (page: Page, menu: string) =>
      page
        .locator(`section[aria-labelledby="${menu}-heading"] .menu-table tbody th`)
        .allTextContents();

    test('add, reorder with the keyboard, a refused link, remove', async () => {
      await asSignedIn(browser, app, admin.id, async (page) => {
        await page.goto(`${app.url}/admin`);
        await page.getByRole('link', { name: 'Menus' }).first().click();
        await page.waitForURL(/\/admin\/menus$/);
        assert.deepEqual(await rowOrder(page, 'masthead'), ['News', 'Sport']);
        for (const colorScheme of ['light', 'dark'] as const) {
          await page.emulateMedia({ colorScheme });
          await assertAccessible(page, `/admin/menus (${colorScheme})`);
        }
        await page.emulateMedia({ colorScheme: 'light' });

        const masthead = page.locator('section[aria-labelledby="masthead-heading"]');
        await masthead.getByLabel('Kind').selectOption('page');
        await masthead.getByLabel('Page', { exact: true }).selectOption({ label: 'About' });
        await masthead.getByRole('button', { name: 'Add to the masthead' }).click();
        await page.getByText('The entry has been added').waitFor();

        // A link with a bad address: refused beside the field, the values kept.
        await masthead.getByLabel('Kind').selectOption('link');
        await masthead.getByLabel('Address (for a link)').fill('javascript:alert(1)');
        await masthead.getByLabel('Label').fill('Podcast');
        await masthead.getByRole('button', { name: 'Add to the masthead' }).click();
        await page.getByRole('alert').waitFor();
        assert.equal(await page.locator('#masthead-url').getAttribute('aria-invalid'), 'true');
        assert.equal(await page.locator('#masthead-label').inputValue(), 'Podcast');
        await assertAccessible(page, '/admin/menus with a refusal');
        await page.locator('#masthead-url').fill('https://example.org/podcast');
        await masthead.getByRole('button', { name: 'Add to the masthead' }).click();
        await page.getByText('The entry has been added').waitFor();
        assert.deepEqual(await rowOrder(page, 'masthead'), ['News', 'Sport', 'About', 'Podcast']);

        // Reorder with the keyboard: focus Podcast's Move up, press Enter twice.
        const up = page.getByRole('button', { name: 'Move up Podcast' });
        await up.focus();
        await page.keyboard.press('Enter');
        await page.getByText('The order has been changed.').waitFor();
        assert.deepEqual(await rowOrder(page, 'masthead'), ['News', 'Sport', 'Podcast', 'About']);
        const focused = await page.evaluate<string>(
          `document.activeElement?.textContent?.trim() ?? ''`,
        );
        assert.match(focused, /^Move up\s+Podcast$/);
        await page.keyboard.press('Enter');
        // A locator, not waitForFunction: polling a string predicate needs eval, which CSP forbids.
        await page
          .locator(
            'section[aria-labelledby="masthead-heading"] .menu-table tbody tr:nth-child(2) th',
            {
              hasText: /^Podcast$/,
            },
          )
          .waitFor();
        assert.deepEqual(await rowOrder(page, 'masthead'), ['News', 'Podcast', 'Sport', 'About']);
        await assertAccessible(page, '/admin/menus after moving');

        // The footer loses its Atom link.
        const footer = page.locator('section[aria-labelledby="footer-heading"]');
        await footer.getByRole('button', { name: 'Remove Atom feed' }).click();
        await page.getByText('The entry has been removed.').waitFor();
        assert.deepEqual(await rowOrder(page, 'footer'), ['Corrections', 'RSS feed']);

        await page.goto(`${app.url}/`);
        assert.deepEqual(await mastheadLinks(page), ['Home', 'News', 'Podcast', 'Sport', 'About']);
        assert.deepEqual(await mastheadLinks(page, 'Footer'), ['Corrections', 'RSS feed']);
      });
    });

    test('a reader’s page at 390 px passes axe, light and dark', async () => {
      const context = await browser.newContext({
        viewport: { width: 390, height: 844 },
        reducedMotion: 'reduce',
      });
      try {
        const page = await context.newPage();
        for (const colorScheme of ['light', 'dark'] as const) {
          await page.emulateMedia({ colorScheme });
          for (const path of ['/', '/about']) {
            await openPage(page, `${app.url}${path}`);
            await assertAccessible(page, `${path} at 390 px (${colorScheme})`);
          }
        }
        // The page's own entry is marked current.
        const current = page.getByRole('navigation', { name: 'Site' }).locator('[aria-current]');
        assert.equal(await current.textContent(), 'About');
      } finally {
        await context.close();
      }
    });
  });
}
