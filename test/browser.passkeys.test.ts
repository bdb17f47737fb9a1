/**
 * Passkeys in Chromium, with the DevTools protocol's virtual authenticators (WebAuthn.enable,
 * WebAuthn.addVirtualAuthenticator): a platform one ("internal", resident keys and user
 * verification) and a roaming security key ("usb"). A reader signs up with a passkey alone, signs
 * in from the email field's autofill (conditional mediation), adds a security key, removes the
 * first passkey, and cannot remove the last. axe checks the pages on the way. The site's address
 * is http://localhost:PORT: WebAuthn needs a secure context and a domain for the relying party
 * (an IP address is not one), and localhost is both. Runs on SQLite only.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { assertAccessible, browserAvailable, waitForTrue } from './helpers/browser.js';
import { passkeySite, virtualAuthenticator } from './helpers/passkey-browser.js';

const generous = { max: 1000, windowMs: 60_000 };

if (browserAvailable()) {
  describe('passkeys in a browser', () => {
    const site = passkeySite({ signInPerIp: generous, signUpPerIp: generous });
    let context: BrowserContext;
    let page: Page;
    let cdp: CDPSession;
    let platform: string;
    const email = 'pia.passkey@example.com';

    before(async () => {
      context = await site.context();
      ({ page, cdp } = await site.webAuthnPage(context));
      platform = await virtualAuthenticator(cdp, 'internal');
    });

    const mainText = () => page.locator('main').innerText();

    test('a reader signs up with a passkey and no password', async () => {
      await page.goto(`${site.base}/signup`);
      const island = page.locator('[data-passkey-island="sign-up"]');
      await island.waitFor({ state: 'visible' });
      await assertAccessible(page, '/signup with the passkey choice');
      await page.getByLabel('Display name').fill('Pia Passkey');
      await page.getByLabel('Email address').fill(email);
      await page.getByRole('button', { name: 'Sign up with a passkey' }).click();
      await page.waitForURL(`${site.base}/account?done=welcome`);
      const text = await mainText();
      assert.match(text, /Pia Passkey/);
      assert.match(text, /Signed in with passkey “Passkey” on \d{1,2} \w+ \d{4}, \d\d:\d\d/);
      assert.match(text, /This passkey is your only way to sign in/);
      const user = await site.db.store.users.byEmail(email);
      assert.ok(user);
      assert.equal(await site.db.store.users.passwordHash(user.id), null);
      const { credentials } = await cdp.send('WebAuthn.getCredentials', {
        authenticatorId: platform,
      });
      assert.equal(credentials.length, 1);
      assert.equal(credentials[0]!.isResidentCredential, true, 'a discoverable credential');
      await assertAccessible(page, '/account with a passkey');
    });

    test('the sign-in page offers the passkey in the email field’s autofill', async () => {
      // A browser with no passkey for the site: the page waits, with the passkey button shown.
      const other = await site.browser.newContext();
      try {
        const p = await other.newPage();
        await p.goto(`${site.base}/signin`);
        assert.equal(await p.locator('#email').getAttribute('autocomplete'), 'username webauthn');
        await p.locator('[data-passkey-island="sign-in"]').waitFor({ state: 'visible' });
        await assertAccessible(p, '/signin with passkeys');
      } finally {
        await other.close();
      }
      // The reader's browser: the page asks for a passkey from the field's autofill as it loads
      // (conditional mediation); the virtual authenticator answers as choosing the suggestion
      // does. Nobody pressed a button.
      await context.clearCookies();
      await page.goto(`${site.base}/signin?next=/account`);
      await page.waitForURL(`${site.base}/account`);
      const text = await mainText();
      assert.equal(text.match(/Signed in with passkey “Passkey” on/g)?.length, 2);
    });

    test('a security key is added, the first passkey removed, the last one kept', async () => {
      // The platform authenticator already holds a passkey for this account (the page excludes
      // it), so only the security key answers the request to make one.
      await cdp.send('WebAuthn.setAutomaticPresenceSimulation', {
        authenticatorId: platform,
        enabled: false,
      });
      const usb = await virtualAuthenticator(cdp, 'usb');
      await page.goto(`${site.base}/account`);
      await page.locator('[data-passkey-island="register"]').waitFor({ state: 'visible' });
      await page.getByLabel('Name of the new passkey').fill('Security key');
      await page.getByRole('button', { name: 'Add a passkey' }).click();
      await page.waitForURL(/done=passkey-added/);
      let text = await mainText();
      assert.match(text, /The passkey was added/);
      assert.match(text, /Security key/);
      const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId: usb });
      assert.equal(credentials.length, 1, 'made on the security key');
      await assertAccessible(page, '/account with two passkeys');

      await page.getByRole('button', { name: 'Remove “Passkey”' }).click();
      await page.waitForURL(/done=passkey-removed/);
      text = await mainText();
      assert.match(text, /The passkey was removed/);
      assert.match(text, /This passkey is your only way to sign in/);
      assert.equal(await page.getByRole('button', { name: /^Remove “/ }).count(), 0);

      // The security key signs in, from the page's button.
      await context.clearCookies();
      await cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId: platform });
      await page.goto(`${site.base}/signin?next=/account`);
      await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
      await page.waitForURL(`${site.base}/account`);
      await waitForTrue(
        page,
        `document.body.innerText.includes('Signed in with passkey “Security key”')`,
      );
    });

    test('without JavaScript the sign-in page is the password form, nothing hidden missing', async () => {
      const plain = await site.browser.newContext({ javaScriptEnabled: false });
      try {
        const p = await plain.newPage();
        await p.goto(`${site.base}/signin`);
        assert.equal(await p.getByRole('button', { name: 'Sign in with a passkey' }).count(), 0);
        assert.equal(await p.getByLabel('Password', { exact: true }).count(), 1);
      } finally {
        await plain.close();
      }
    });
  });
}
