/**
 * The schedule form in a browser: a site in America/New_York, an editor whose browser is in
 * Europe/Berlin. The form takes New York time and shows the editor's own alongside; a time the
 * clocks pass twice is refused with the two choices, and one of them settles it. axe-core checks
 * each state.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import type { User } from '../src/domain/user.js';
import { startApp, type RunningApp } from './helpers/app.js';
import { assertAccessible, browserAvailable, launchBrowser } from './helpers/browser.js';
import { openSqliteStore, type OpenedStore } from './helpers/databases.js';
import { publishedArticle, storedPerson } from './helpers/fixtures.js';

if (browserAvailable()) {
  describe('scheduling in the site’s time zone, in a browser', () => {
    let db: OpenedStore;
    let app: RunningApp;
    let browser: Browser;
    let editor: User;

    before(async () => {
      db = await openSqliteStore();
      app = await startApp(db);
      const admin = await storedPerson(db.store, { role: 'admin' });
      await app.services.site.update(admin, { timeZone: 'America/New_York' });
      editor = await storedPerson(db.store, { slug: 'ed', name: 'Ed Editor', role: 'editor' });
      browser = await launchBrowser();
    });
    after(async () => {
      await browser?.close();
      await app?.close();
      await db?.dispose();
    });

    test('an editor in Berlin schedules in New York time, and chooses at a fall-back hour', async () => {
      const a = await publishedArticle(db.store, {
        headline: 'Harbour festival',
        status: 'review',
        publishedAt: null,
        authorIds: [editor.id],
      });
      const context = await browser.newContext({
        viewport: { width: 1280, height: 900 },
        reducedMotion: 'reduce',
        timezoneId: 'Europe/Berlin',
      });
      context.setDefaultTimeout(10_000);
      try {
        const { id } = await app.services.sessions.start(editor.id);
        await context.addCookies([{ name: 'bs_session', value: id, url: app.url }]);
        const page = await context.newPage();
        await page.goto(`${app.url}/admin/articles/${a.id}`);
        const field = page.getByLabel('Publish at (America/New_York)');
        await field.fill('2099-07-01T09:00');
        const own = page.locator('#publish-at-browser');
        await own.getByText('In your time zone (Europe/Berlin)').waitFor();
        assert.match((await own.textContent()) ?? '', /Wednesday,? 1 July,? 15:00 CEST/);
        await assertAccessible(page, 'schedule form with the editor’s own zone');
        await page.getByRole('button', { name: 'Schedule' }).click();
        await page.getByText('Scheduled.').first().waitFor();
        const scheduled = await app.services.newsroom.article(editor, a.id);
        assert.equal(scheduled.publishAt, '2099-07-01T13:00:00.000Z');
        assert.equal(await field.inputValue(), '2099-07-01T09:00');

        // 01:30 on 7 November 2027 happens twice in New York.
        await field.fill('2027-11-07T01:30');
        await page.getByRole('button', { name: 'Reschedule' }).click();
        await page.locator('#publish-at-error').getByText('01:30 happens twice').waitFor();
        await assertAccessible(page, 'an ambiguous time refused, with its two choices');
        await page.locator('.workflow').screenshot({ path: `${db.dataDir}/schedule-choice.png` });
        await page.getByLabel('01:30 EST (UTC−5)').check();
        await page.getByRole('button', { name: 'Reschedule' }).click();
        await page.getByText('Scheduled.').first().waitFor();
        const chosen = await app.services.newsroom.article(editor, a.id);
        assert.equal(chosen.publishAt, '2027-11-07T06:30:00.000Z');
      } finally {
        await context.close();
      }
    });
  });
}
