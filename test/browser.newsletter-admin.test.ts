/**
 * /admin/newsletters in Chromium (issue 21): an editor opens the day's briefing from the
 * navigation, leaves a story out and moves another first with the keyboard, writes an
 * introduction, saves, previews the email (HTML and text), holds, releases and sends it; an admin
 * imports a CSV and reads the report. Every page axe-clean, light and dark, and without sideways
 * scrolling at 390 px. SQLite only: what is under test is the pages.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { User } from '../src/domain/user.js';
import { startApp, type RunningApp } from './helpers/app.js';
import {
  assertAccessible,
  asSignedIn,
  browserAvailable,
  launchBrowser,
  openPage,
} from './helpers/browser.js';
import { openSqliteStore, type OpenedStore } from './helpers/databases.js';
import { publishedArticle, storedPerson } from './helpers/fixtures.js';

async function sideways(page: Page): Promise<number> {
  return page.evaluate('document.documentElement.scrollWidth - window.innerWidth');
}

if (browserAvailable()) {
  describe('/admin/newsletters in a browser', () => {
    let db: OpenedStore;
    let app: RunningApp;
    let browser: Browser;
    let editor: User;
    let admin: User;
    const ids: string[] = [];
    before(async () => {
      db = await openSqliteStore();
      app = await startApp(db);
      editor = await storedPerson(db.store, { role: 'editor', name: 'Eda Editor' });
      admin = await storedPerson(db.store, { role: 'admin', name: 'Ada Admin' });
      for (const headline of ['Lighthouse relit', 'Bridge closed', 'Market moves']) {
        ids.push((await publishedArticle(db.store, { headline })).id);
      }
      await db.store.newsletters.createIssue({
        id: 'issue-browser',
        key: 'briefing:2099-03-03',
        slug: 'briefing-2099-03-03',
        kind: 'briefing',
        list: 'briefing',
        status: 'draft',
        subject: 'Wednesday briefing',
        intro: '',
        articleIds: ids,
        sendAt: '2099-03-03T07:00:00.000Z',
        createdAt: new Date().toISOString(),
      });
      browser = await launchBrowser();
    });
    after(async () => {
      await browser?.close();
      await app?.services.newsletterSender.stop();
      await app?.close();
      await db?.dispose();
    });

    const checkBoth = async (page: Page, label: string) => {
      for (const colorScheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme });
        await assertAccessible(page, `${label} (${colorScheme})`);
      }
      await page.emulateMedia({ colorScheme: 'light' });
    };

    test('an editor edits, previews, holds, releases and sends the briefing', async () => {
      await asSignedIn(browser, app, editor.id, async (page) => {
        await openPage(page, `${app.url}/admin`);
        await page.getByRole('link', { name: 'Newsletters' }).first().click();
        await page.waitForURL(/\/admin\/newsletters$/);
        await checkBoth(page, '/admin/newsletters');

        await page.getByRole('link', { name: 'Wednesday briefing' }).click();
        await page.waitForURL(/\/admin\/newsletters\/issue-browser$/);
        await checkBoth(page, 'the briefing');

        // Keyboard only: the story checkboxes and their positions are reachable and named.
        const bridge = page.getByRole('checkbox', { name: 'Bridge closed' });
        await bridge.focus();
        await page.keyboard.press('Space');
        assert.equal(await bridge.isChecked(), false);
        const position = page.getByRole('spinbutton', { name: 'Position of “Market moves”' });
        await position.focus();
        await page.keyboard.press('Control+A');
        await page.keyboard.type('0');
        await page.getByLabel('Introduction').fill('Good morning from the coast.');
        await page.getByRole('button', { name: 'Save changes' }).press('Enter');
        await page.waitForURL(/done=saved/);
        assert.match(await page.getByRole('status').innerText(), /Changes saved/);
        const rows = await page.locator('#nl-edit tbody tr td:nth-child(2)').allInnerTexts();
        assert.deepEqual(
          rows.map((r) => r.trim()),
          ['Market moves', 'Lighthouse relit'],
        );
        await checkBoth(page, 'the briefing, saved');

        // The preview is the email itself, and its text version.
        const href = await page
          .getByRole('link', { name: 'Preview the email', exact: true })
          .getAttribute('href');
        const preview = await page.context().newPage();
        await preview.goto(`${app.url}${href}`);
        const shown = await preview.locator('body').innerText();
        assert.match(shown, /Good morning from the coast\./);
        assert.match(shown, /Market moves[\s\S]*Lighthouse relit/);
        assert.doesNotMatch(shown, /Bridge closed/);
        await preview.goto(`${app.url}${href}.txt`);
        assert.match(await preview.locator('body').innerText(), /Market moves/);
        await preview.close();

        await page.getByRole('button', { name: 'Hold: do not send by itself' }).click();
        await page.waitForURL(/done=held/);
        assert.match(await page.locator('#nl-state').innerText(), /Held/);
        await page.getByRole('button', { name: 'Release: send at its time' }).click();
        await page.waitForURL(/done=released/);
        await page.getByRole('button', { name: 'Send now' }).click();
        await page.waitForURL(/queued=0/);
        assert.match(await page.getByRole('status').innerText(), /Queued: 0 subscribers/);
        assert.equal(await page.getByLabel('Subject').count(), 0);
        await checkBoth(page, 'the briefing, sent');

        await page.setViewportSize({ width: 390, height: 800 });
        assert.ok((await sideways(page)) <= 0, 'the sent briefing scrolls sideways at 390 px');
      });
    });

    test('an admin imports a CSV and reads which rows were not taken', async () => {
      await asSignedIn(browser, app, admin.id, async (page) => {
        await openPage(page, `${app.url}/admin/newsletters`);
        await page.getByRole('link', { name: 'Search, export and import subscribers' }).click();
        await page.waitForURL(/\/admin\/newsletters\/subscribers$/);
        await checkBoth(page, '/admin/newsletters/subscribers');
        await page.getByLabel('CSV file').setInputFiles({
          name: 'readers.csv',
          mimeType: 'text/csv',
          buffer: Buffer.from('email,consent\nkeen@example.com,yes\nbroken,yes\n'),
        });
        await page.getByLabel(/I confirm these people agreed/).check();
        await page.getByRole('button', { name: 'Import' }).click();
        await page.waitForLoadState();
        assert.match(
          await page.locator('main').innerText(),
          /1 address subscribed with attested consent/,
        );
        assert.match(
          await page.locator('#nl-problems').innerText(),
          /Line 3: this is not an email/,
        );
        assert.match(await page.locator('main').innerText(), /keen@example\.com/);
        await checkBoth(page, 'the import report');
        await page.setViewportSize({ width: 390, height: 800 });
        assert.ok((await sideways(page)) <= 0, 'the subscribers page scrolls sideways at 390 px');
      });
    });
  });
}
