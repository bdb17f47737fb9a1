/**
 * Deleting an account in a real browser: the /account panels, a wrong password, then the right
 * one, with axe-core finding nothing on each page (light and dark). SQLite only: what is under
 * test is the HTML and CSS.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { hashPassword } from '../src/services/passwords.js';
import { startApp, type RunningApp } from './helpers/app.js';
import {
  axeViolations,
  browserAvailable,
  formatViolations,
  launchBrowser,
  openPage,
} from './helpers/browser.js';
import { openSqliteStore, type OpenedStore } from './helpers/databases.js';
import { storedPerson } from './helpers/fixtures.js';

const resultsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../test-results');
const password = 'harbour-lights-at-dusk';

async function assertAccessible(page: Page, what: string) {
  const violations = await axeViolations(page);
  assert.equal(violations.length, 0, `${what}:\n${formatViolations(violations)}`);
}

if (browserAvailable()) {
  describe('deleting an account in a browser', () => {
    let db: OpenedStore;
    let app: RunningApp;
    let browser: Browser;

    before(async () => {
      db = await openSqliteStore();
      app = await startApp(db);
      browser = await launchBrowser();
      mkdirSync(resultsDir, { recursive: true });
    });
    after(async () => {
      await browser?.close();
      await app?.close();
      await db?.dispose();
    });

    for (const colorScheme of ['light', 'dark'] as const) {
      test(`a reader downloads nothing, mistypes, then deletes the account (${colorScheme})`, async () => {
        const user = await storedPerson(db.store, {
          slug: `fern-${colorScheme}`,
          name: `Fern ${colorScheme}`,
          passwordHash: await hashPassword(password),
          emailVerified: true,
        });
        const { id } = await app.services.sessions.start(user.id);
        const context = await browser.newContext({
          viewport: { width: 1280, height: 900 },
          reducedMotion: 'reduce',
          colorScheme,
        });
        try {
          context.setDefaultTimeout(5000);
          await context.addCookies([{ name: 'bs_session', value: id, url: app.url }]);
          const page = await context.newPage();
          await openPage(page, `${app.url}/account`);
          const panel = page.locator('section[aria-labelledby="delete-heading"]');
          assert.match(await panel.innerText(), /shown as written by "Deleted account"/);
          assert.equal(
            await page.locator('a[href="/account/data"]').innerText(),
            'Download my data',
          );
          await assertAccessible(page, 'the account page');
          await panel.screenshot({
            path: path.join(resultsDir, `account-delete-${colorScheme}.png`),
          });

          // Keyboard only: focus the password field, type, press Enter.
          await page.focus('#delete-password');
          await page.keyboard.type('not-my-password');
          await Promise.all([page.waitForURL(/\/account\/delete$/), page.keyboard.press('Enter')]);
          assert.match(await page.title(), /^Error: /);
          assert.match(
            await page.locator('#delete-password-error').innerText(),
            /The password is not right/,
          );
          assert.equal(await page.locator('#delete-password').getAttribute('aria-invalid'), 'true');
          await assertAccessible(page, 'the account page with the error');

          await page.focus('#delete-password');
          await page.keyboard.type(password);
          await Promise.all([page.waitForURL(/\/account\/deleted$/), page.keyboard.press('Enter')]);
          assert.equal(await page.locator('h1').innerText(), 'Your account is deleted');
          await assertAccessible(page, 'the page after deleting');
          await page.screenshot({
            path: path.join(resultsDir, `account-deleted-${colorScheme}.png`),
          });
          assert.equal((await db.store.users.byId(user.id))?.name, 'Deleted account');
          const cookies = await context.cookies(app.url);
          assert.ok(!cookies.some((c) => c.name === 'bs_session' && c.value !== ''));
        } finally {
          await context.close();
        }
      });
    }
  });
} else {
  test('browser tests', { skip: 'skipped: no Chromium' }, () => {});
}
