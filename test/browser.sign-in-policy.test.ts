/**
 * The per-role sign-in policy in Chromium (issue 23): an admin turns passwords off for authors at
 * /admin/sign-in; an author's right password is then refused with the clear message, and the
 * same author signs in with their passkey (a virtual platform authenticator, DevTools protocol
 * WebAuthn.*). axe checks the pages on the way. http://localhost:PORT, as passkeys need a domain
 * in a secure context. Runs on SQLite only.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { hashPassword } from '../src/services/passwords.js';
import { startApp, type RunningApp } from './helpers/app.js';
import { assertAccessible, browserAvailable, launchBrowser } from './helpers/browser.js';
import { openSqliteStore, type OpenedStore } from './helpers/databases.js';
import { storedPerson } from './helpers/fixtures.js';

const generous = { max: 1000, windowMs: 60_000 };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

if (browserAvailable()) {
  describe('passwords off for a role, in a browser', () => {
    let db: OpenedStore;
    let app: RunningApp;
    let browser: Browser;
    let author: BrowserContext;
    let admin: BrowserContext;
    let page: Page;
    let cdp: CDPSession;
    let base: string;
    const email = 'ana.author@example.com';
    const password = 'a-long-password-6';

    /** A browser context signed in as this person (their session cookie). */
    async function signedInContext(userId: string): Promise<BrowserContext> {
      const context = await browser.newContext({
        viewport: { width: 1280, height: 900 },
        reducedMotion: 'reduce',
      });
      context.setDefaultTimeout(10_000);
      const { id } = await app.services.sessions.start(userId);
      await context.addCookies([{ name: 'bs_session', value: id, url: base }]);
      return context;
    }

    before(async () => {
      db = await openSqliteStore();
      const port = await freePort();
      base = `http://localhost:${port}`;
      app = await startApp(db, { BASE_URL: base }, { signInPerIp: generous }, { port });
      browser = await launchBrowser();
      const passwordHash = await hashPassword(password);
      const ana = await storedPerson(db.store, {
        slug: 'ana',
        email,
        name: 'Ana Author',
        role: 'author',
        passwordHash,
      });
      const boss = await storedPerson(db.store, { slug: 'boss', role: 'admin', passwordHash });
      author = await signedInContext(ana.id);
      admin = await signedInContext(boss.id);
      page = await author.newPage();
      cdp = await author.newCDPSession(page);
      await cdp.send('WebAuthn.enable', { enableUI: false });
      await cdp.send('WebAuthn.addVirtualAuthenticator', {
        options: {
          protocol: 'ctap2',
          transport: 'internal',
          hasResidentKey: true,
          hasUserVerification: true,
          isUserVerified: true,
          automaticPresenceSimulation: true,
        },
      });
    });
    after(async () => {
      await author?.close();
      await admin?.close();
      await browser?.close();
      await app?.close();
      await db?.dispose();
    });

    test('the author adds a passkey; the admin turns passwords off for authors', async () => {
      await page.goto(`${base}/account`);
      await page.locator('[data-passkey-island="register"]').waitFor({ state: 'visible' });
      await page.getByLabel('Name of the new passkey').fill('Laptop');
      await page.getByRole('button', { name: 'Add a passkey' }).click();
      await page.waitForURL(/done=passkey-added/);

      const desk = await admin.newPage();
      await desk.goto(`${base}/admin/sign-in`);
      await assertAccessible(desk, '/admin/sign-in');
      const box = desk.getByLabel('Passwords — Author');
      assert.equal(await box.isChecked(), true);
      await box.uncheck();
      await desk.getByRole('button', { name: 'Save the ways to sign in' }).click();
      await desk.waitForURL(/done=policy/);
      assert.equal(await desk.getByLabel('Passwords — Author').isChecked(), false);
      assert.equal(await desk.getByLabel('Passwords — Admin').isChecked(), true);
      await assertAccessible(desk, '/admin/sign-in after saving');
      await desk.close();
    });

    test('the right password is refused with the clear message', async () => {
      // Another browser, no passkey in it: the password form alone.
      const other = await browser.newContext();
      try {
        const p = await other.newPage();
        await p.goto(`${base}/signin`);
        await p.locator('#email').fill(email);
        await p.getByLabel('Password', { exact: true }).fill(password);
        await p.getByRole('button', { name: 'Sign in', exact: true }).click();
        await p.waitForLoadState();
        const text = await p.locator('main').innerText();
        assert.match(text, /People with your role cannot sign in this way here/);
        assert.equal(
          (await other.cookies()).some((c) => c.name === 'bs_session'),
          false,
          'no session',
        );
        await assertAccessible(p, '/signin refusing a password');
      } finally {
        await other.close();
      }
    });

    test('the same author signs in with the passkey', async () => {
      await author.clearCookies();
      await page.goto(`${base}/signin?next=/account`);
      // The passkey answers the page's request from the email field's autofill as it loads.
      await page.waitForURL(`${base}/account`);
      const text = await page.locator('main').innerText();
      assert.match(text, /Ana Author/);
      assert.match(text, /Signed in with passkey “Laptop” on/);
      await assertAccessible(page, '/account after a passkey sign-in');
    });
  });
}
