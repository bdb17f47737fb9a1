/**
 * The admin pages on a 390 px phone: /admin/site, /admin/import with an import's report shown
 * and /admin/tokens fit the window (nothing is wider than it: a table too wide scrolls inside
 * its own labelled, focusable region), the report's table lines its numbers up under their
 * heading, and axe-core finds nothing, light and dark; a running import's progress script
 * writes its words and numbers in the page's language. SQLite only: what is under test is the
 * pages.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { newId } from '../src/domain/ids.js';
import type { User } from '../src/domain/user.js';
import { startApp, type RunningApp } from './helpers/app.js';
import { assertAccessible, browserAvailable, launchBrowser, openPage } from './helpers/browser.js';
import { openSqliteStore, tempDir, type OpenedStore } from './helpers/databases.js';
import { storedPerson } from './helpers/fixtures.js';

/** Elements wider than the window, or reaching past its right edge, by a short description. */
async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(`(() => {
    const width = document.documentElement.clientWidth;
    const out = [];
    if (document.documentElement.scrollWidth > window.innerWidth) {
      out.push('the page scrolls sideways: ' + document.documentElement.scrollWidth);
    }
    for (const el of document.querySelectorAll('body *')) {
      // Inside a region that scrolls, an element may be as wide as it likes.
      if (el.closest('.table-scroll') && !el.classList.contains('table-scroll')) continue;
      const box = el.getBoundingClientRect();
      if (box.width === 0 || getComputedStyle(el).visibility === 'hidden') continue;
      if (el.closest('.visually-hidden, .skip-link')) continue;
      if (box.right > width + 1 || box.width > width + 1) {
        out.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
          (el.className && typeof el.className === 'string' ? '.' + el.className.split(' ').join('.') : '') +
          ' ' + Math.round(box.left) + '–' + Math.round(box.right));
      }
    }
    return out;
  })()`);
}

/** Where an element's text ends (its content's right edge). */
function textRight(locator: Locator): Promise<number> {
  return locator.evaluate((el) => {
    const range = el.ownerDocument.createRange();
    range.selectNodeContents(el);
    return range.getBoundingClientRect().right;
  });
}

if (browserAvailable()) {
  describe('the admin pages at 390 px', () => {
    let db: OpenedStore;
    let app: RunningApp;
    let browser: Browser;
    let admin: User;
    let jobId = '';
    const files = tempDir('broadsheet-admin-narrow-');

    before(async () => {
      db = await openSqliteStore();
      app = await startApp(db);
      admin = await storedPerson(db.store, {
        slug: 'ada',
        name: 'Ada Admin',
        role: 'admin',
        email: 'ada.admin.with.a.long.address@example.com',
      });
      await app.services.tokens.create(admin.email, 'nightly import from the old archive server');
      await app.services.tokens.create(admin.email, 'laptop');
      const [first] = await app.services.tokens.list();
      await app.services.tokens.revoke(first!.id);
      const file = path.join(files, 'a-rather-long-export-file-name-from-wordpress.xml');
      const xml = readFileSync('test/fixtures/wordpress-export.xml');
      writeFileSync(file, xml);
      jobId = await app.services.imports.startJob({
        format: 'wxr',
        file,
        fileName: path.basename(file),
        createdBy: admin.id,
      });
      await app.services.imports.idle();
    });
    after(async () => {
      await app?.services.imports.idle();
      await browser?.close();
      await app?.close();
      await db?.dispose();
    });

    test('/admin/site, the import report and /admin/tokens fit a 390 px window', async () => {
      browser = await launchBrowser();
      const context = await browser.newContext({
        viewport: { width: 390, height: 844 },
        reducedMotion: 'reduce',
      });
      try {
        const { id } = await app.services.sessions.start(admin.id);
        await context.addCookies([{ name: 'bs_session', value: id, url: app.url }]);
        const page = await context.newPage();
        for (const url of [
          '/admin/site',
          '/admin/import',
          `/admin/import/${jobId}`,
          '/admin/tokens',
        ]) {
          await openPage(page, `${app.url}${url}`);
          for (const colorScheme of ['light', 'dark'] as const) {
            await page.emulateMedia({ colorScheme });
            assert.deepEqual(await overflowing(page), [], `${url} (${colorScheme})`);
            await assertAccessible(page, `${url} at 390 px (${colorScheme})`);
          }
          await page.emulateMedia({ colorScheme: 'light' });
          const name = url.replace(/\W+/g, '-');
          await page.screenshot({ path: path.join(files, `${name}.png`), fullPage: true });
        }

        // The report's table: each number starts where its column's heading ends, and the
        // region it scrolls in is reached with the keyboard and named by its heading.
        await openPage(page, `${app.url}/admin/import/${jobId}`);
        const region = page.getByRole('region', { name: 'Skipped' });
        assert.equal(await region.getAttribute('tabindex'), '0');
        const heading = await region.locator('thead th').first().boundingBox();
        const cells = region.locator('tbody td:first-child');
        assert.ok((await cells.count()) > 0, 'the report lists what it skipped');
        for (const cell of await cells.all()) {
          const box = await cell.boundingBox();
          const text = await textRight(cell);
          assert.ok(heading && box);
          assert.ok(
            Math.abs(box.x + box.width - (heading.x + heading.width)) < 1,
            'the count cell and its heading share their column',
          );
          const headingText = await textRight(region.locator('thead th').first());
          assert.ok(
            Math.abs(text - headingText) < 2,
            `the count lines up under its heading: ${text} ${headingText}`,
          );
        }
        console.log(`screenshots in ${files}`);
      } finally {
        await context.close();
      }
    });

    test('the progress script writes in the page’s language (German here)', async () => {
      const jobId = newId();
      const total = 8_000_000;
      await db.store.imports.createJob({
        id: jobId,
        format: 'wxr',
        fileName: 'langsam.xml',
        bytesTotal: total,
        createdBy: null,
        at: new Date().toISOString(),
      });
      await app.services.imports.writeProgress(jobId, 1_000_000, total);
      const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
      try {
        const { id } = await app.services.sessions.start(admin.id);
        await context.addCookies([
          { name: 'bs_session', value: id, url: app.url },
          { name: 'bs-lang', value: 'de-DE', url: app.url },
        ]);
        const page = await context.newPage();
        await openPage(page, `${app.url}/admin/import/${jobId}`);
        const status = page.getByRole('status');
        assert.match((await status.innerText()).trim(), /^12 % — 1,0 MB von 8,0 MB gelesen\./);
        await assertAccessible(page, 'a running import in German');
        await app.services.imports.writeProgress(jobId, 6_000_000, total);
        await page
          .getByText('75 % — 6,0 MB von 8,0 MB gelesen.', { exact: false })
          .waitFor({ timeout: 10_000 });
        assert.equal(((await page.getByRole('progressbar').textContent()) ?? '').trim(), '75 %');
        assert.doesNotMatch(await page.locator('main').innerText(), /\bread\b|\bof\b/);
      } finally {
        await context.close();
      }
    });
  });
}
