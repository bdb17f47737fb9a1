/**
 * Sign-in without a password in a real browser: an admin adds an OpenID Connect provider at
 * /admin/sign-in; a newcomer signs in with it at a real provider (oidc-provider) and becomes an
 * author; an emailed sign-in link opened in another browser signs nobody in and says why, and in
 * the asking browser signs in. axe-core checks every new page.
 *
 * The provider sends the browser back to BASE_URL (http://broadsheet.test); a route answers that
 * address with a redirect to the running app, as a reverse proxy in front of it would.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startApp, type RunningApp } from './helpers/app.js';
import {
  asSignedIn,
  assertAccessible,
  browserAvailable,
  launchBrowser,
  openPage,
} from './helpers/browser.js';
import { openSqliteStore, type OpenedStore } from './helpers/databases.js';
import { storedPerson } from './helpers/fixtures.js';
import { startOidc, type TestOidc } from './helpers/oidc.js';

const callback = 'http://broadsheet.test/signin/sso/callback';

if (browserAvailable()) {
  describe('sign-in without a password in a browser', () => {
    let db: OpenedStore;
    let app: RunningApp;
    let oidc: TestOidc;
    let browser: Browser;

    before(async () => {
      db = await openSqliteStore();
      app = await startApp(db);
      oidc = await startOidc(callback);
      browser = await launchBrowser();
    });
    after(async () => {
      await browser?.close();
      await app?.close();
      await oidc?.close();
      await db?.dispose();
    });

    async function withContext<T>(fn: (page: Page, context: BrowserContext) => Promise<T>) {
      const context = await browser.newContext({
        viewport: { width: 1280, height: 900 },
        reducedMotion: 'reduce',
      });
      try {
        context.setDefaultTimeout(10_000);
        await context.route('http://broadsheet.test/**', (route) =>
          route.fulfill({
            status: 302,
            headers: {
              location: app.url + route.request().url().slice('http://broadsheet.test'.length),
            },
          }),
        );
        return await fn(await context.newPage(), context);
      } finally {
        await context.close();
      }
    }

    test('an admin adds a provider; its secret is never shown back', async () => {
      const admin = await storedPerson(db.store, { slug: 'ada', role: 'admin' });
      await asSignedIn(browser, app, admin.id, async (page) => {
        await openPage(page, `${app.url}/admin/sign-in`);
        await assertAccessible(page, '/admin/sign-in');
        await page.getByLabel('Name on the sign-in button').fill('Newsroom ID');
        await page.getByLabel('Issuer address').fill(oidc.issuer);
        await page.getByLabel('Client ID').fill(oidc.clientId);
        await page.getByLabel('Client secret').fill(oidc.clientSecret);
        await page.getByLabel('Allowed email domains').fill('allowed.test');
        await page.getByLabel('Role of accounts it creates').selectOption('author');
        await page.getByRole('button', { name: 'Add the provider' }).click();
        await page.getByText('The provider was added.').waitFor();
        assert.doesNotMatch(await page.content(), new RegExp(oidc.clientSecret));
        await assertAccessible(page, '/admin/sign-in with a provider');
        await page.getByRole('link', { name: 'Edit Newsroom ID' }).click();
        assert.equal(await page.getByLabel('Client secret').inputValue(), '');
        await assertAccessible(page, '/admin/sign-in editing a provider');
      });
    });

    test('a newcomer signs in with the provider and becomes an author', async () => {
      await withContext(async (page) => {
        await openPage(page, `${app.url}/signin`);
        await assertAccessible(page, '/signin with a provider');
        await page.getByRole('link', { name: 'Sign in with Newsroom ID' }).click();
        await page.locator('input[name="login"]').fill('erin@allowed.test');
        await page.locator('input[name="password"]').fill('anything');
        await page.locator('button[type="submit"]').first().click();
        await page.waitForURL(`${app.url}/`);
        await openPage(page, `${app.url}/account`);
        await page.getByText('Newsroom ID, as erin@allowed.test').waitFor();
        await assertAccessible(page, '/account with a linked provider');
      });
      assert.equal((await db.store.users.byEmail('erin@allowed.test'))?.role, 'author');
    });

    test('an emailed link works only in the browser that asked for it', async () => {
      await storedPerson(db.store, { slug: 'carol', email: 'carol@example.com' });
      await withContext(async (asker) => {
        await openPage(asker, `${app.url}/signin`);
        await asker.locator('#link-email').fill('carol@example.com');
        await asker.getByRole('button', { name: 'Email me a sign-in link' }).click();
        await asker.getByRole('heading', { name: 'Check your email' }).waitFor();
        await assertAccessible(asker, '/signin/email');
        const [mail] = (await db.store.outbox.list(50)).filter((m) => m.to === 'carol@example.com');
        const link = /http:\/\/broadsheet\.test(\/signin\/link\?token=\S+)/.exec(mail!.text)![1]!;

        await withContext(async (elsewhere) => {
          await openPage(elsewhere, app.url + link);
          await assertAccessible(elsewhere, '/signin/link');
          await elsewhere.getByRole('button', { name: 'Sign in' }).click();
          await elsewhere
            .getByRole('heading', { name: 'Open this link in the browser that asked for it' })
            .waitFor();
          await assertAccessible(elsewhere, '/signin/link in another browser');
        });

        await openPage(asker, app.url + link);
        await asker.getByRole('main').getByRole('button', { name: 'Sign in' }).click();
        await asker.waitForURL(/\/account/);
        await asker.getByText('carol@example.com').first().waitFor();
      });
    });
  });
}
