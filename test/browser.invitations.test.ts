/**
 * Staff invitations in a real browser: an admin invites someone from /admin/users with the
 * keyboard; in another browser the invitee opens the mailed link (read from the outbox), chooses
 * a name and password, is signed in and sees the newsroom. axe-core checks the invite page (also
 * with a refused form), the accept page (also with a refused form), and /account with the name
 * and photo forms. SQLite only: what is under test is the HTML.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { startApp, type RunningApp } from './helpers/app.js';
import {
  asSignedIn,
  assertAccessible,
  browserAvailable,
  launchBrowser,
} from './helpers/browser.js';
import { openSqliteStore, type OpenedStore } from './helpers/databases.js';
import { storedPerson } from './helpers/fixtures.js';

const resultsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../test-results');
const password = 'lanterns-over-the-quay';

if (browserAvailable()) {
  describe('staff invitations in a browser', () => {
    let db: OpenedStore;
    let app: RunningApp;
    let browser: Browser;
    let adminId: string;

    before(async () => {
      db = await openSqliteStore();
      app = await startApp(db);
      browser = await launchBrowser();
      mkdirSync(resultsDir, { recursive: true });
      adminId = (await storedPerson(db.store, { slug: 'ada', name: 'Ada Admin', role: 'admin' }))
        .id;
    });
    after(async () => {
      await browser?.close();
      await app?.close();
      await db?.dispose();
    });

    async function mailedLink(to: string): Promise<string> {
      const messages = await db.store.outbox.list(50);
      const message = messages.find((m) => m.to === to && m.text.includes('/invitation?token='));
      assert.ok(message, `an invitation mail to ${to}`);
      const url = /http:\/\/broadsheet\.test(\/invitation\?token=\S+)/.exec(message.text)?.[1];
      assert.ok(url);
      return url;
    }

    const waitForPath = (page: Page, pathname: string) =>
      page.waitForURL((url) => url.pathname === pathname);

    test('an admin invites; the invitee accepts in another browser and sees the newsroom', async () => {
      await asSignedIn(browser, app, adminId, async (page) => {
        await page.goto(`${app.url}/admin/users`);
        await assertAccessible(page, '/admin/users with the invite form');
        // A refused address comes back beside its field, still accessible.
        await page.getByLabel('Email address').fill('not an address');
        await page.getByLabel('Email address').press('Enter');
        await page.locator('#invite-email-error').waitFor();
        assert.equal(await page.getByLabel('Email address').getAttribute('aria-invalid'), 'true');
        await assertAccessible(page, '/admin/users with a refused invitation');
        await page.getByLabel('Email address').fill('kit.new@example.com');
        await page.getByLabel('Role', { exact: true }).first().selectOption('editor');
        await page.getByRole('button', { name: 'Send invitation' }).focus();
        await page.keyboard.press('Enter');
        await page.getByText('The invitation has been sent').waitFor();
        assert.ok(await page.getByText('kit.new@example.com').isVisible());
        await page.screenshot({
          path: path.join(resultsDir, 'invitations-admin.png'),
          fullPage: true,
        });
      });

      const link = await mailedLink('kit.new@example.com');
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      try {
        context.setDefaultTimeout(10_000);
        const page = await context.newPage();
        await page.goto(app.url + link);
        await page.getByRole('heading', { level: 1, name: /Join .* as an editor/ }).waitFor();
        await assertAccessible(page, 'the invitation page');
        await page.getByLabel('Your name').fill('Kit New');
        await page.getByLabel('Password').fill('short');
        await page.getByLabel('Password').press('Enter');
        await page.locator('#password-error').waitFor();
        await assertAccessible(page, 'the invitation page with a refused password');
        await page.getByLabel('Password').fill(password);
        await page.getByLabel('Password').press('Enter');
        await waitForPath(page, '/admin/articles');
        await page.getByRole('heading', { level: 1 }).first().waitFor();
        await page.screenshot({ path: path.join(resultsDir, 'invitations-newsroom.png') });
        const me = await page.evaluate(async () => (await fetch('/api/v1/me')).json());
        assert.equal((me as { user: { role: string } }).user.role, 'editor');

        await page.goto(`${app.url}/account`);
        await page.getByRole('heading', { name: 'Your name' }).waitFor();
        await assertAccessible(page, '/account with the name and photo forms');
        await page.getByLabel('Byline (optional)').fill('K. New, Harbour Desk');
        await page.getByRole('button', { name: 'Save name' }).click();
        await page.getByText('Your name has been changed.').waitFor();

        // The link is spent: opening it again says so.
        const again = await page.goto(app.url + link);
        assert.equal(again?.status(), 410);
        await page.getByText('already been accepted').waitFor();
        await assertAccessible(page, 'a spent invitation link');
      } finally {
        await context.close();
      }
    });
  });
}
