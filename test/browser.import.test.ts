/**
 * The import page in a real browser: an administrator uploads a large WordPress export and reads
 * the report; a running import's progress bar follows the import without a reload and gives way
 * to the report; axe-core finds nothing on the form, the running import or the report. SQLite
 * only: what is under test is the page.
 */
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { newId } from '../src/domain/ids.js';
import { emptyReport } from '../src/services/imports/report.js';
import { startApp, type RunningApp } from './helpers/app.js';
import {
  axeViolations,
  browserAvailable,
  formatViolations,
  launchBrowser,
} from './helpers/browser.js';
import { openSqliteStore, tempDir, type OpenedStore } from './helpers/databases.js';
import { storedPerson } from './helpers/fixtures.js';

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
      writeFileSync(big, largeExport(200));
      db = await openSqliteStore();
      app = await startApp(db);
      browser = await launchBrowser();
    });
    async function as(
      work: (page: Page, accessible: (label: string) => Promise<void>) => Promise<void>,
    ) {
      const admin =
        (await db.store.users.byEmail('ada@example.com')) ??
        (await storedPerson(db.store, { slug: 'ada', name: 'Ada Admin', role: 'admin' }));
      const context = await browser.newContext({
        viewport: { width: 1280, height: 900 },
        reducedMotion: 'reduce',
      });
      try {
        context.setDefaultTimeout(20_000);
        const { id } = await app.services.sessions.start(admin.id);
        await context.addCookies([{ name: 'bs_session', value: id, url: app.url }]);
        const page = await context.newPage();
        await work(page, async (label) => {
          const violations = await axeViolations(page);
          assert.equal(violations.length, 0, `${label}:\n${formatViolations(violations)}`);
        });
      } finally {
        await context.close();
      }
    }

    after(async () => {
      await app?.services.imports.idle();
      await browser?.close();
      await app?.close();
      await db?.dispose();
      rmSync(files, { recursive: true, force: true });
    });

    // The import alone may take two minutes on a busy machine (the report waits that long).
    const slow = { timeout: 300_000 };
    test('an administrator uploads a large export and reads the report', slow, async () => {
      await as(async (page, accessible) => {
        await page.goto(`${app.url}/admin/import`);
        await accessible('the import form');
        await page.getByLabel('WordPress export').check();
        await page.getByLabel('File', { exact: true }).setInputFiles(big);
        await page.getByRole('button', { name: 'Upload and import' }).click();
        await page.waitForURL(/\/admin\/import\/[0-9a-z]{26}$/);
        // Running when the page loaded (the script reloads it at the end) or already done.
        await page.getByRole('heading', { name: 'Report' }).waitFor({ timeout: 120_000 });
        const text = (await page.locator('main').innerText()).replace(/\s+/g, ' ');
        assert.match(text, /203 published articles, 1 draft/);
        await accessible('the report');
        await page.screenshot({ path: path.join(files, 'report.png'), fullPage: true });
      });
    });

    test('the progress bar follows a running import, then the page shows its report', async () => {
      // A job whose progress the test moves by hand, so the timing is the test's own.
      const jobId = newId();
      const total = 8_000_000;
      await db.store.imports.createJob({
        id: jobId,
        format: 'wxr',
        fileName: 'slow-site.xml',
        bytesTotal: total,
        createdBy: null,
        at: new Date().toISOString(),
      });
      await app.services.imports.writeProgress(jobId, 1_000_000, total);
      await as(async (page, accessible) => {
        await page.goto(`${app.url}/admin/import/${jobId}`);
        const bar = page.getByRole('progressbar');
        assert.equal(
          await bar.getAttribute('value'),
          '1000000',
          'the page opens at the progress so far',
        );
        assert.ok((await page.locator('main').innerText()).includes('12% — 1.0 MB of 8.0 MB read'));
        await accessible('an import under way');
        await page.screenshot({ path: path.join(files, 'running.png') });

        await app.services.imports.writeProgress(jobId, 6_000_000, total);
        const value = () => bar.evaluate((el) => (el as unknown as { value: number }).value);
        const deadline = Date.now() + 10_000;
        while ((await value()) !== 6_000_000 && Date.now() < deadline) {
          await page.waitForTimeout(100);
        }
        assert.equal(await value(), 6_000_000, 'the bar moved without a reload');

        const report = emptyReport('wxr');
        report.created.published = 12;
        await db.store.imports.finishJob(
          jobId,
          { status: 'done', report: JSON.stringify(report) },
          new Date().toISOString(),
        );
        await page.getByRole('heading', { name: 'Report' }).waitFor({ timeout: 10_000 });
        assert.ok((await page.locator('main').innerText()).includes('12 published articles'));
      });
    });
  });
}
