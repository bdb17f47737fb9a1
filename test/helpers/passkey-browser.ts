/**
 * Passkeys in Chromium (browser.passkeys, browser.sign-in-policy): the app on a fresh SQLite
 * store at http://localhost:PORT, because WebAuthn needs a secure context and a domain for the
 * relying party (an IP address is not one, and localhost is both); the browser; desktop-sized
 * contexts; and the DevTools protocol's virtual authenticators (WebAuthn.*). Call
 * `passkeySite()` inside a `describe`: its hooks start everything and end it.
 */
import { after, before } from 'node:test';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import type { Limits } from '../../src/http/limits.js';
import { startApp, type RunningApp } from './app.js';
import { launchBrowser } from './browser.js';
import { openSqliteStore, type OpenedStore } from './databases.js';
import { freePort } from './server-process.js';

export interface PasskeySite {
  /** Set by the suite's `before` hook. */
  db: OpenedStore;
  app: RunningApp;
  browser: Browser;
  /** The app's address, http://localhost:PORT. */
  base: string;
  /** A context at 1280×900 with reduced motion (closed at the end), signed in when given a user. */
  context(userId?: string): Promise<BrowserContext>;
  /** A new page of the context, with WebAuthn on (no browser UI) in its DevTools session. */
  webAuthnPage(context: BrowserContext): Promise<{ page: Page; cdp: CDPSession }>;
}

export function passkeySite(limits: Partial<Limits>): PasskeySite {
  const contexts: BrowserContext[] = [];
  const site = {
    async context(userId) {
      const context = await site.browser.newContext({
        viewport: { width: 1280, height: 900 },
        reducedMotion: 'reduce',
      });
      contexts.push(context);
      context.setDefaultTimeout(10_000);
      if (userId) {
        const { id } = await site.app.services.sessions.start(userId);
        await context.addCookies([{ name: 'bs_session', value: id, url: site.base }]);
      }
      return context;
    },
    async webAuthnPage(context) {
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('WebAuthn.enable', { enableUI: false });
      return { page, cdp };
    },
  } as PasskeySite;

  before(async () => {
    site.db = await openSqliteStore();
    const port = await freePort();
    site.base = `http://localhost:${port}`;
    site.app = await startApp(site.db, { BASE_URL: site.base }, limits, { port });
    site.browser = await launchBrowser();
  });
  after(async () => {
    for (const context of contexts) await context.close();
    await site.browser?.close();
    await site.app?.close();
    await site.db?.dispose();
  });
  return site;
}

/**
 * A virtual authenticator that holds discoverable credentials and verifies its user: a platform
 * one ("internal") or a roaming security key ("usb"). Its id.
 */
export async function virtualAuthenticator(
  cdp: CDPSession,
  transport: 'internal' | 'usb',
): Promise<string> {
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport,
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return authenticatorId;
}
