/**
 * Accounts in a real browser: a new reader signs up, confirms their email, signs out and in,
 * resets a forgotten password and signs out, using only the keyboard (Tab, Enter and typing).
 * Then axe-core checks every account page and every staff page, in a light and a dark system
 * theme. Runs on SQLite only: what is under test is the HTML and CSS, not the database. Without
 * SMTP_URL the mail stays in the outbox, where the test reads the links.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startApp, type RunningApp } from './helpers/app.js';
import {
  axeViolations,
  browserAvailable,
  formatViolations,
  launchBrowser,
} from './helpers/browser.js';
import { openSqliteStore, type OpenedStore } from './helpers/databases.js';

const resultsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../test-results');
const generous = { max: 1000, windowMs: 60_000 };
const password = 'lanterns-over-the-quay';

if (browserAvailable()) {
  describe('accounts in a browser', () => {
    let db: OpenedStore;
    let app: RunningApp;
    let browser: Browser;

    before(async () => {
      db = await openSqliteStore();
      app = await startApp(
        db,
        {},
        {
          signInPerIp: generous,
          signInPerAccountAddress: generous,
          signUpPerIp: generous,
          passwordResetPerIp: generous,
          passwordResetPerAccount: generous,
        },
      );
      browser = await launchBrowser();
      mkdirSync(resultsDir, { recursive: true });
    });
    after(async () => {
      await browser?.close();
      await app?.close();
      await db?.dispose();
    });

    async function withPage<T>(
      fn: (page: Page, context: BrowserContext) => Promise<T>,
      options: {
        colorScheme?: 'light' | 'dark';
        viewport?: { width: number; height: number };
      } = {},
    ): Promise<T> {
      const context = await browser.newContext({
        viewport: options.viewport ?? { width: 1280, height: 900 },
        reducedMotion: 'reduce',
        colorScheme: options.colorScheme ?? 'light',
      });
      try {
        context.setDefaultTimeout(5000);
        return await fn(await context.newPage(), context);
      } finally {
        await context.close();
      }
    }

    /** The newest message to this address in the outbox, and the site link in it. */
    async function mailedLink(to: string, linkPath: string): Promise<string> {
      const messages = await db.store.outbox.list(50);
      const message = messages.find((m) => m.to === to && m.text.includes(linkPath));
      assert.ok(message, `a mail to ${to} with ${linkPath}`);
      const url = /http:\/\/broadsheet\.test(\/\S+)/.exec(message.text)?.[1];
      assert.ok(url);
      return url;
    }

    /**
     * Presses Tab until the focused element matches the selector, as someone would who looks for
     * a control; fails if it is not a Tab stop. Each stop it reaches must show a focus ring.
     */
    async function tabTo(page: Page, selector: string): Promise<void> {
      for (let i = 0; i < 60; i++) {
        await page.keyboard.press('Tab');
        const focused = page.locator(':focus');
        if ((await focused.count()) === 0) continue;
        const stop = await focused.evaluate((el, sel) => {
          const style = el.ownerDocument.defaultView.getComputedStyle(el);
          return {
            matches: el.matches(sel),
            name: `${el.tagName.toLowerCase()} ${el.id || (el.textContent ?? '').trim().slice(0, 30)}`,
            ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
          } as { matches: boolean; name: string; ring: boolean };
        }, selector);
        assert.ok(stop.ring, `${stop.name} shows a focus ring`);
        if (stop.matches) return;
      }
      throw new Error(`${selector} is not a Tab stop on ${page.url()}`);
    }

    async function waitForPath(page: Page, pathname: string): Promise<void> {
      await page.waitForURL((url) => url.pathname + url.search === pathname);
      await page.waitForLoadState();
    }

    /**
     * Presses Enter on the focused Sign out button and waits for the front page it leads back
     * to. The address does not change when signing out from the front page, so the new page's
     * response is what shows the navigation happened.
     */
    async function signOutByEnter(page: Page): Promise<void> {
      const home = page.waitForResponse(
        (r) => r.request().method() === 'GET' && new URL(r.url()).pathname === '/',
      );
      await page.keyboard.press('Enter');
      await home;
      await page.waitForLoadState();
    }

    async function assertAccessible(page: Page, label: string): Promise<void> {
      const violations = await axeViolations(page);
      assert.equal(
        violations.length,
        0,
        `${label}: axe found WCAG 2.x A/AA violations:\n${formatViolations(violations)}`,
      );
    }

    // First, while the site has no admin: the page the one-time setup link opens.
    test('the first-run setup form passes axe, and creates the admin from the keyboard', () =>
      withPage(async (page) => {
        assert.equal(await app.services.users.hasAdmin(), false);
        const link = new URL((await app.services.accounts.createSetupLink()) ?? '');
        for (const colorScheme of ['light', 'dark'] as const) {
          await page.emulateMedia({ colorScheme });
          await page.goto(app.url + link.pathname + link.search);
          await assertAccessible(page, `/setup (${colorScheme})`);
        }
        await tabTo(page, '#name');
        await page.keyboard.type('First Admin');
        await tabTo(page, '#email');
        await page.keyboard.type('first-admin@example.com');
        await tabTo(page, '#password');
        await page.keyboard.type(password);
        await page.keyboard.press('Enter');
        await waitForPath(page, '/setup/site');
        assert.equal(await page.locator('h1').innerText(), 'The site');
        await page.goto(`${app.url}/admin`);
        await assertAccessible(page, 'the staff home after setup');
      }));

    test('sign up, confirm, sign out, sign in, reset a password and sign out: keyboard only', () =>
      withPage(async (page) => {
        const email = 'keys@example.com';
        await page.goto(`${app.url}/`);
        await tabTo(page, '.account-nav a[href="/signin"]');
        await page.keyboard.press('Enter');
        await waitForPath(page, '/signin');
        await tabTo(page, 'a[href="/signup"]');
        await page.keyboard.press('Enter');
        await waitForPath(page, '/signup');

        await tabTo(page, '#name');
        await page.keyboard.type('Kit Keys');
        await tabTo(page, '#email');
        await page.keyboard.type(email);
        await tabTo(page, '#password');
        await page.keyboard.type(password);
        await page.keyboard.press('Enter');
        await waitForPath(page, '/account?done=welcome');
        assert.match(await page.locator('[role="status"]').innerText(), /Welcome/);
        assert.match(await page.locator('.account-nav').innerText(), /Kit Keys/);
        await page.screenshot({ path: path.join(resultsDir, 'account.png'), fullPage: true });

        // Following the emailed link is opening it: the address bar, not the page.
        await page.goto(app.url + (await mailedLink(email, '/account/verify')));
        assert.equal(await page.locator('h1').innerText(), 'Email address confirmed');
        await tabTo(page, 'a[href="/account"]:not(.account-nav__name)');
        await page.keyboard.press('Enter');
        await waitForPath(page, '/account');
        assert.match(await page.locator('.details').innerText(), /confirmed/);

        await tabTo(page, '.account-nav button');
        await signOutByEnter(page);
        assert.match(await page.locator('.account-nav').innerText(), /Sign in/);

        await tabTo(page, '.account-nav a[href="/signin"]');
        await page.keyboard.press('Enter');
        await waitForPath(page, '/signin');
        await tabTo(page, '#email');
        await page.keyboard.type(email);
        await tabTo(page, '#password');
        await page.keyboard.type(password);
        await page.keyboard.press('Enter');
        await waitForPath(page, '/');
        assert.match(await page.locator('.account-nav').innerText(), /Kit Keys/);
        await tabTo(page, '.account-nav button');
        await signOutByEnter(page);

        await tabTo(page, '.account-nav a[href="/signin"]');
        await page.keyboard.press('Enter');
        await waitForPath(page, '/signin');
        await tabTo(page, 'a[href="/account/forgot"]');
        await page.keyboard.press('Enter');
        await waitForPath(page, '/account/forgot');
        await tabTo(page, '#email');
        await page.keyboard.type(email);
        await page.keyboard.press('Enter');
        await waitForPath(page, '/account/forgot?sent=1');
        assert.match(await page.locator('[role="status"]').innerText(), /If that address/);

        await page.goto(app.url + (await mailedLink(email, '/account/reset')));
        const newPassword = 'a-new-lantern-by-the-sea';
        await tabTo(page, '#password');
        await page.keyboard.type(newPassword);
        await page.keyboard.press('Enter');
        await waitForPath(page, '/signin?done=reset');
        assert.match(
          await page.locator('[role="status"]').innerText(),
          /password has been changed/,
        );
        await tabTo(page, '#email');
        await page.keyboard.type(email);
        await tabTo(page, '#password');
        await page.keyboard.type(newPassword);
        await page.keyboard.press('Enter');
        await waitForPath(page, '/');
        assert.match(await page.locator('.account-nav').innerText(), /Kit Keys/);
        await tabTo(page, '.account-nav button');
        await signOutByEnter(page);
        assert.match(await page.locator('.account-nav').innerText(), /Sign in/);
      }));

    test('a refused form says what is wrong at the top and at the field, and the link leads there', () =>
      withPage(async (page) => {
        await page.goto(`${app.url}/signup`);
        await tabTo(page, '#name');
        await page.keyboard.type('Short Password');
        await tabTo(page, '#email');
        await page.keyboard.type('short@example.com');
        await tabTo(page, '#password');
        await page.keyboard.type('short');
        await page.keyboard.press('Enter');
        await page.waitForSelector('.error-summary');
        assert.match(await page.title(), /^Error: /);
        const input = page.locator('#password');
        assert.equal(await input.getAttribute('aria-invalid'), 'true');
        assert.match((await input.getAttribute('aria-describedby')) ?? '', /password-error/);
        assert.equal(await page.locator('#name').inputValue(), 'Short Password');
        assert.equal(await input.inputValue(), '', 'the password is not filled in again');
        await tabTo(page, '.error-summary a');
        await page.keyboard.press('Enter');
        await page.waitForURL(/#password$/);
        await page.screenshot({ path: path.join(resultsDir, 'signup-error.png'), fullPage: true });
      }));

    test('at 320 px wide the account and staff pages do not scroll sideways', () =>
      withPage(
        async (page) => {
          const email = 'narrow@example.com';
          await app.services.users.create({ email, name: 'Narrow Admin', role: 'admin', password });
          await page.goto(`${app.url}/signin`);
          await page.fill('#email', email);
          await page.fill('#password', password);
          await page.press('#password', 'Enter');
          await waitForPath(page, '/');
          for (const url of [
            '/account',
            '/admin',
            '/admin/users',
            '/admin/outbox',
            '/admin/tokens',
          ]) {
            await page.goto(app.url + url);
            await page
              .locator('details')
              .evaluateAll((all) => all.forEach((d) => d.setAttribute('open', '')));
            const [scrollWidth, clientWidth] = await page
              .locator('html')
              .evaluate((el) => [el.scrollWidth, el.clientWidth] as [number, number]);
            assert.ok(
              scrollWidth <= clientWidth,
              `${url} scrolls sideways (${scrollWidth} > ${clientWidth})`,
            );
          }
          await page.goto(`${app.url}/admin/users`);
          await page.screenshot({
            path: path.join(resultsDir, 'admin-users-320.png'),
            fullPage: true,
          });
        },
        { viewport: { width: 320, height: 640 } },
      ));

    for (const colorScheme of ['light', 'dark'] as const) {
      test(`every account and staff page passes axe (${colorScheme} system theme)`, () =>
        withPage(
          async (page) => {
            const check = async (url: string, label = url) => {
              const res = await page.goto(app.url + url);
              assert.ok(res && res.status() < 500, `${url} answered ${res?.status()}`);
              await assertAccessible(page, `${label} (${colorScheme})`);
            };

            await check('/signin');
            await check('/signin?done=reset');
            await check('/signup');
            await check('/account/forgot');
            await check('/account/forgot?sent=1');
            await check('/account/reset?token=not-a-real-token-but-long-enough');
            await check('/account/verify?token=not-a-real-token-but-long-enough', 'a spent link');

            // The forms as they come back with a problem.
            await page.goto(`${app.url}/signin`);
            await page.fill('#email', 'nobody@example.com');
            await page.fill('#password', 'wrong-password-here');
            await page.press('#password', 'Enter');
            await page.waitForSelector('.error-summary');
            await assertAccessible(page, `failed sign-in (${colorScheme})`);
            await page.goto(`${app.url}/signup`);
            await page.fill('#name', 'Axe Checker');
            await page.fill('#email', 'not-an-email');
            await page.fill('#password', 'short');
            await page.press('#password', 'Enter');
            await page.waitForSelector('.error-summary');
            await assertAccessible(page, `refused sign-up (${colorScheme})`);

            // A signed-in admin: the account page and every staff page.
            const email = `axe-${colorScheme}@example.com`;
            await app.services.users.create({
              email,
              name: `Axe ${colorScheme}`,
              role: 'admin',
              password,
            });
            await app.services.accounts.signUp({
              email: `reader-${colorScheme}@example.com`,
              name: `Reader ${colorScheme}`,
              password,
            });
            await page.goto(`${app.url}/signin`);
            await page.fill('#email', email);
            await page.fill('#password', password);
            await page.press('#password', 'Enter');
            await waitForPath(page, '/');
            await check('/account');
            await check('/account?done=password');
            await page.fill('#current-password', 'not-the-password');
            await page.fill('#new-password', 'whatever-new-one');
            await page.press('#new-password', 'Enter');
            await page.waitForSelector('.error-summary');
            await assertAccessible(page, `refused password change (${colorScheme})`);

            await check('/admin');
            await check('/admin/users');
            await page
              .locator('.person details')
              .first()
              .evaluate((d) => d.setAttribute('open', ''));
            await assertAccessible(page, `people with one person opened (${colorScheme})`);
            await page.screenshot({
              path: path.join(resultsDir, `admin-users-${colorScheme}.png`),
              fullPage: true,
            });
            await check('/admin/users?role=admin&done=role');
            await check('/admin/outbox');
            await page.screenshot({
              path: path.join(resultsDir, `admin-outbox-${colorScheme}.png`),
            });
            await check('/admin/tokens');
            await page.fill('#token-email', email);
            await page.fill('#token-label', `axe ${colorScheme}`);
            await page.press('#token-label', 'Enter');
            await page.waitForSelector('#new-token');
            await assertAccessible(page, `a new token (${colorScheme})`);
            await page.screenshot({
              path: path.join(resultsDir, `admin-token-${colorScheme}.png`),
              fullPage: true,
            });
            await check('/admin/tokens?done=revoked');
            await check(
              '/setup?token=not-a-real-token-but-long-enough',
              '/setup once there is an admin',
            );
          },
          { colorScheme },
        ));
    }
  });
}
