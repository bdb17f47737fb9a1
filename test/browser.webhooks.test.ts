/**
 * /admin/webhooks in Chromium (issue 21): an admin adds a webhook with the keyboard-reachable
 * form, sends a test event, sees it delivered in the log and redelivers it; the list, the form
 * and the log are axe-clean, light and dark, and fit a 390 px window. SQLite only: what is under
 * test is the pages.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
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
import { storedPerson } from './helpers/fixtures.js';

async function sideways(page: Page): Promise<number> {
  return page.evaluate('document.documentElement.scrollWidth - window.innerWidth');
}

if (browserAvailable()) {
  describe('/admin/webhooks in a browser', () => {
    let db: OpenedStore;
    let app: RunningApp;
    let browser: Browser;
    let admin: User;
    let receiver: http.Server;
    let target = '';
    let hits = 0;
    before(async () => {
      db = await openSqliteStore();
      app = await startApp(db, { WEBHOOKS_ALLOW_PRIVATE: '1' });
      admin = await storedPerson(db.store, { role: 'admin', name: 'Ada Admin' });
      receiver = http.createServer((req, res) => {
        req.resume();
        req.on('end', () => {
          hits++;
          res.writeHead(200).end('received');
        });
      });
      await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
      target = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/desk`;
      browser = await launchBrowser();
    });
    after(async () => {
      await browser?.close();
      receiver?.closeAllConnections();
      receiver?.close();
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

    test('add, test and redeliver with axe-clean pages, light and dark', async () => {
      await asSignedIn(browser, app, admin.id, async (page) => {
        await openPage(page, `${app.url}/admin`);
        await page.getByRole('link', { name: 'Webhooks' }).first().click();
        await page.waitForURL(/\/admin\/webhooks$/);
        assert.match(await page.locator('main').innerText(), /No webhooks yet\./);
        await checkBoth(page, '/admin/webhooks, empty');

        await page.getByRole('link', { name: 'Add a webhook' }).click();
        await page.waitForURL(/\/admin\/webhooks\/new$/);
        await checkBoth(page, '/admin/webhooks/new');
        // A refusal comes back with the problem named and the field marked.
        await page.getByLabel('Address (URL)').fill(target);
        await page.getByRole('button', { name: 'Add webhook' }).click();
        await page.waitForURL(/\/admin\/webhooks$/);
        assert.match(await page.getByRole('alert').innerText(), /Choose at least one event/);
        await checkBoth(page, '/admin/webhooks/new with a problem');

        await page.getByLabel('Description (optional)').fill('Desk alerts');
        await page.getByLabel('Article published').check();
        await page.getByLabel('Comment held for moderation').check();
        await page.getByLabel('Slack-compatible message').check();
        await page.getByLabel('Send deliveries').check();
        await page.getByRole('button', { name: 'Add webhook' }).click();
        await page.waitForURL(/\/admin\/webhooks\/\w+\?done=created$/);
        assert.equal((await page.getByRole('status').innerText()).trim(), 'The webhook was added.');
        assert.match(await page.locator('#webhook-current-secret').innerText(), /^[0-9a-f]{64}$/);

        await page.getByRole('button', { name: 'Send test event' }).click();
        await page.waitForURL(/done=tested$/);
        await app.services.webhooks.deliverDue();
        assert.equal(hits, 1);
        await page.reload();
        const log = page.locator('section[aria-labelledby="deliveries-heading"]');
        assert.match(await log.innerText(), /Test event[\s\S]*Delivered[\s\S]*HTTP 200 in \d+ ms/);
        await checkBoth(page, 'a webhook with its deliveries log');

        await log.getByRole('button', { name: /^Redeliver Redeliver Test event from/ }).click();
        await page.waitForURL(/done=redelivered$/);
        await app.services.webhooks.deliverDue();
        assert.equal(hits, 2);

        await openPage(page, `${app.url}/admin/webhooks`);
        const row = page.getByRole('row', { name: new RegExp(target.replace(/[/.]/g, '\\$&')) });
        assert.match(await row.innerText(), /Article published, Comment held for moderation/);
        await checkBoth(page, '/admin/webhooks with one');
        await row.getByRole('button', { name: /^Turn off/ }).click();
        await page.waitForURL(/done=disabled$/);
        assert.match(await row.innerText(), /\bOff\b/);
      });
    });

    test('the list and the log fit a 390 px window', async () => {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
      try {
        const { id } = await app.services.sessions.start(admin.id);
        await context.addCookies([{ name: 'bs_session', value: id, url: app.url }]);
        const page = await context.newPage();
        const [hook] = await app.services.webhooks.list();
        for (const url of [
          '/admin/webhooks',
          `/admin/webhooks/${hook!.id}`,
          '/admin/webhooks/new',
        ]) {
          await openPage(page, `${app.url}${url}`);
          assert.ok((await sideways(page)) <= 0, `${url} scrolls sideways at 390 px`);
          await checkBoth(page, `${url} at 390 px`);
        }
      } finally {
        await context.close();
      }
    });
  });
}
