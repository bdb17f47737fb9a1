/**
 * The import page in a real browser: an administrator chooses a large WordPress export, watches
 * the progress bar move while it imports, and reads the report; axe-core finds nothing on the
 * form, the running import or the report. SQLite only: what is under test is the page.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { startApp, type RunningApp } from './helpers/app.js';
import {
  axeViolations,
  browserAvailable,
  formatViolations,
  launchBrowser,
} from './helpers/browser.js';
import { openSqliteStore, tempDir, type OpenedStore } from './helpers/databases.js';

/** The fixture with its first post copied `copies` times (new ids, slugs and comment ids). */
function largeExport(copies: number): string {
  const xml = readFileSync('test/fixtures/wordpress-export.xml', 'utf8');
  const start = xml.indexOf('<item>');
  const end = xml.indexOf('</item>', start) + '</item>'.length;
  const item = xml.slice(start, end);
  const copy = (n: number) =>
    item
      .replace('<wp:post_id>4</wp:post_id>', `<wp:post_id>${1000 + n}</wp:post_id>`)
      .replaceAll('council-approves-wren-footbridge', `council-approves-wren-footbridge-${n}`)
      .replace(/<wp:comment_id>(\d+)<\/wp:comment_id>/g, `<wp:comment_id>${n}0$1</wp:comment_id>`)
      .replace(
        /<wp:comment_parent>([1-9]\d*)<\/wp:comment_parent>/g,
        `<wp:comment_parent>${n}0$1</wp:comment_parent>`,
      );
  const copies_ = Array.from({ length: copies }, (_, n) => copy(n + 1)).join('\n');
  return xml.slice(0, end) + copies_ + xml.slice(end);
}

if (browserAvailable()) {
  describe('the import page in a browser', () => {
    let db: OpenedStore;
    let app: RunningApp;
    let browser: Browser;
    const files = tempDir('broadsheet-import-browser-');
    const big = path.join(files, 'large-ledger.xml');

    before(async () => {
      writeFileSync(big, largeExport(400));
      db = await openSqliteStore();
      app = await startApp(db);
      browser = await launchBrowser();
    });
    after(async () => {
      await app?.services.imports.idle();
      await browser?.close();
      await app?.close();
      await db?.dispose();
    });

    test('an administrator uploads, watches the progress bar, and reads the report', async () => {
      const admin = await db.store.users.create({
        email: 'ada@example.com',
        name: 'Ada Admin',
        slug: 'ada',
        role: 'admin',
        passwordHash: null,
        createdAt: new Date().toISOString(),
      });
      const context = await browser.newContext({
        viewport: { width: 1280, height: 900 },
        reducedMotion: 'reduce',
      });
      try {
        context.setDefaultTimeout(60_000);
        const { id } = await app.services.sessions.start(admin.id);
        await context.addCookies([{ name: 'bs_session', value: id, url: app.url }]);
        const page = await context.newPage();
        const accessible = async (label: string) => {
          const violations = await axeViolations(page);
          assert.equal(violations.length, 0, `${label}:\n${formatViolations(violations)}`);
        };

        await page.goto(`${app.url}/admin/import`);
        await accessible('the import form');
        await page.getByLabel('WordPress export').check();
        await page.getByLabel('File', { exact: true }).setInputFiles(big);
        await page.getByRole('button', { name: 'Upload and import' }).click();
        await page.waitForURL(/\/admin\/import\/[0-9a-z]{26}$/);

        const bar = page.locator('progress#import-progress-bar');
        await bar.waitFor();
        await accessible('an import under way');
        await page.screenshot({ path: path.join(files, 'running.png') });
        const max = Number(await bar.getAttribute('max'));
        // The bar moves while the file is read (the script polls every second).
        await page.waitForFunction(
          "!document.querySelector('progress') || document.querySelector('progress').value > 0",
          undefined,
          { timeout: 60_000 },
        );
        // Then the page reloads itself with the report.
        await page.getByRole('heading', { name: 'Report' }).waitFor({ timeout: 120_000 });
        assert.ok(max > 3_000_000, 'the large file was uploaded whole');
        const text = (await page.locator('main').innerText()).replace(/\s+/g, ' ');
        assert.match(text, /403 published articles, 1 draft/);
        await accessible('the report');
        await page.screenshot({ path: path.join(files, 'report.png'), fullPage: true });
        console.log(`screenshots in ${files}`);
      } finally {
        await context.close();
      }
    });
  });
}
