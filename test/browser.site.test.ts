/**
 * /admin/site in a real browser: an admin names the site with the keyboard, uploads a logo and
 * an icon with the plain forms, and a reader's page shows them; a refused upload comes back with
 * its message beside the file input. axe-core checks the page, light and dark, before and after.
 * SQLite only: what is under test is the pages.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import type { User } from '../src/domain/user.js';
import { startApp, type RunningApp } from './helpers/app.js';
import {
  asSignedIn,
  assertAccessible,
  browserAvailable,
  launchBrowser,
} from './helpers/browser.js';
import { openSqliteStore, tempDir, type OpenedStore } from './helpers/databases.js';
import { storedPerson } from './helpers/fixtures.js';
import { png } from './helpers/images.js';
import path from 'node:path';
import { writeFileSync } from 'node:fs';

if (browserAvailable()) {
  describe('/admin/site in a browser', () => {
    let db: OpenedStore;
    let app: RunningApp;
    let browser: Browser;
    let admin: User;
    const files = tempDir('broadsheet-site-files-');

    before(async () => {
      db = await openSqliteStore();
      app = await startApp(db);
      admin = await storedPerson(db.store, { slug: 'ada', name: 'Ada Admin', role: 'admin' });
      browser = await launchBrowser();
      mkdirSync(files, { recursive: true });
      writeFileSync(path.join(files, 'logo.png'), await png(900, 200));
      writeFileSync(path.join(files, 'icon.png'), await png(512, 512));
      writeFileSync(path.join(files, 'notes.txt'), 'not a picture');
    });
    after(async () => {
      await browser?.close();
      await app?.close();
      await db?.dispose();
    });

    test('an admin names the site, uploads a logo and an icon; readers see them', async () => {
      await asSignedIn(browser, app, admin.id, async (page) => {
        await page.goto(`${app.url}/admin/site`);
        for (const colorScheme of ['light', 'dark'] as const) {
          await page.emulateMedia({ colorScheme });
          await assertAccessible(page, `/admin/site (${colorScheme})`);
        }
        await page.emulateMedia({ colorScheme: 'light' });

        // The keyboard alone: into the name field, replace it, on to the tagline, save.
        await page.getByLabel('Site name').focus();
        await page.keyboard.press('ControlOrMeta+A');
        await page.keyboard.type('The Fenwick Ledger');
        await page.keyboard.press('Tab');
        await page.keyboard.type('Fenwick and the marshes, every day');
        await page.getByRole('button', { name: 'Save' }).focus();
        await page.keyboard.press('Enter');
        await page.waitForURL(/done=saved/);
        assert.match((await page.getByRole('status').textContent()) ?? '', /details are saved/);

        // A file that is not a picture comes back beside its input, announced in the summary.
        await page.locator('input#logo').setInputFiles(path.join(files, 'notes.txt'));
        await page
          .getByRole('form', { name: 'Upload a logo' })
          .getByRole('button', { name: 'Upload', exact: true })
          .click();
        await page.getByRole('alert').waitFor();
        assert.match((await page.getByRole('alert').textContent()) ?? '', /not an image/);
        assert.equal(await page.locator('input#logo').getAttribute('aria-invalid'), 'true');
        await assertAccessible(page, '/admin/site with a refused upload');

        await page.locator('input#logo').setInputFiles(path.join(files, 'logo.png'));
        await page
          .getByRole('form', { name: 'Upload a logo' })
          .getByRole('button', { name: 'Upload', exact: true })
          .click();
        await page.waitForURL(/done=logo/);
        await page.locator('input#icon').setInputFiles(path.join(files, 'icon.png'));
        await page
          .getByRole('form', { name: 'Upload an icon' })
          .getByRole('button', { name: 'Upload', exact: true })
          .click();
        await page.waitForURL(/done=icons/);
        for (const colorScheme of ['light', 'dark'] as const) {
          await page.emulateMedia({ colorScheme });
          await assertAccessible(page, `/admin/site with a logo and icon (${colorScheme})`);
        }
        await page.emulateMedia({ colorScheme: 'light' });
        await page.screenshot({ path: path.join(files, 'admin-site.png'), fullPage: true });
      });

      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      try {
        const page = await context.newPage();
        await page.goto(`${app.url}/`);
        assert.equal(await page.title(), 'The Fenwick Ledger');
        const logo = page.getByRole('img', { name: 'The Fenwick Ledger' });
        assert.equal(await logo.getAttribute('height'), '48');
        assert.ok(
          await logo.evaluate((img) => {
            const image = img as unknown as { complete: boolean; naturalWidth: number };
            return image.complete && image.naturalWidth > 0;
          }),
          'the logo loaded',
        );
        assert.match(
          (await page.locator('.masthead__motto').textContent()) ?? '',
          /Fenwick and the marshes/,
        );
        const icon = await page.evaluate(async () => {
          const res = await fetch('/favicon.ico');
          return { status: res.status, type: res.headers.get('content-type') };
        });
        assert.deepEqual(icon, { status: 200, type: 'image/x-icon' });
        await assertAccessible(page, 'the front page with a logo');
        await page.setViewportSize({ width: 390, height: 800 });
        const width = await logo.evaluate((img) => img.getBoundingClientRect().width);
        assert.ok(width <= 390, `the logo fits a phone (${width}px)`);
        await page.screenshot({ path: path.join(files, 'front-with-logo.png') });
      } finally {
        await context.close();
      }
    });
  });
}
