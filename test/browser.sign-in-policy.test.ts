/**
 * The per-role sign-in policy in Chromium (issue 23): an admin turns passwords off for authors at
 * /admin/sign-in; an author's right password is then refused with the clear message, and the
 * same author signs in with their passkey (a virtual platform authenticator, DevTools protocol
 * WebAuthn.*). axe checks the pages on the way. http://localhost:PORT, as passkeys need a domain
 * in a secure context. Runs on SQLite only.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { BrowserContext, Page } from 'playwright-core';
import { hashPassword } from '../src/services/passwords.js';
import { assertAccessible, browserAvailable } from './helpers/browser.js';
import { storedPerson } from './helpers/fixtures.js';
import { passkeySite, virtualAuthenticator } from './helpers/passkey-browser.js';

const generous = { max: 1000, windowMs: 60_000 };

if (browserAvailable()) {
  describe('passwords off for a role, in a browser', () => {
    const site = passkeySite({ signInPerIp: generous });
    let author: BrowserContext;
    let admin: BrowserContext;
    let page: Page;
    const email = 'ana.author@example.com';
    const password = 'a-long-password-6';

    before(async () => {
      const passwordHash = await hashPassword(password);
      const ana = await storedPerson(site.db.store, {
        slug: 'ana',
        email,
        name: 'Ana Author',
        role: 'author',
        passwordHash,
      });
      const boss = await storedPerson(site.db.store, { slug: 'boss', role: 'admin', passwordHash });
      author = await site.context(ana.id);
      admin = await site.context(boss.id);
      const withWebAuthn = await site.webAuthnPage(author);
      page = withWebAuthn.page;
      await virtualAuthenticator(withWebAuthn.cdp, 'internal');
    });

    test('the author adds a passkey; the admin turns passwords off for authors', async () => {
      await page.goto(`${site.base}/account`);
      await page.locator('[data-passkey-island="register"]').waitFor({ state: 'visible' });
      await page.getByLabel('Name of the new passkey').fill('Laptop');
      await page.getByRole('button', { name: 'Add a passkey' }).click();
      await page.waitForURL(/done=passkey-added/);

      const desk = await admin.newPage();
      await desk.goto(`${site.base}/admin/sign-in`);
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
      const other = await site.browser.newContext();
      try {
        const p = await other.newPage();
        await p.goto(`${site.base}/signin`);
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
      await page.goto(`${site.base}/signin?next=/account`);
      // The passkey answers the page's request from the email field's autofill as it loads.
      await page.waitForURL(`${site.base}/account`);
      const text = await page.locator('main').innerText();
      assert.match(text, /Ana Author/);
      assert.match(text, /Signed in with passkey “Laptop” on/);
      await assertAccessible(page, '/account after a passkey sign-in');
    });
  });
}
