/**
 * The app with single sign-on, for the HTTP tests of issue 23 (http.sso, http.sign-in-methods):
 * a fresh SQLite store, mail through a real SMTP server, and a real OpenID Connect provider
 * (oidc-provider, in this process) added as "Newsroom ID", whose people from allowed.test become
 * authors. Call `ssoSite()` inside a `describe`: its hooks start everything and end it.
 */
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { startApp, type RunningApp } from './app.js';
import { openSqliteStore, type OpenedStore } from './databases.js';
import { CookieJar, signInAtProvider, startOidc, type TestOidc } from './oidc.js';
import { startSmtp, type TestSmtp } from './smtp.js';

/** Where the provider sends the browser back (the app's BASE_URL is http://broadsheet.test). */
const ssoCallback = 'http://broadsheet.test/signin/sso/callback';

export interface SsoSite {
  /** Set by the suite's `before` hook. */
  db: OpenedStore;
  app: RunningApp;
  oidc: TestOidc;
  smtp: TestSmtp;
  /** The id of "Newsroom ID". */
  providerId: string;
  /** Posts a form from this browser (its cookies) to the app. */
  form(jar: CookieJar, path: string, body: Record<string, string>): Promise<Response>;
  /**
   * A sign-in through the provider as `email` up to its redirect back to us (not followed): the
   * browser's jar (with our binding cookie) and the callback address the provider returned.
   */
  throughProvider(email: string, ours?: CookieJar): Promise<{ ours: CookieJar; returned: string }>;
  /** Follows the provider's redirect back to the app from this browser. */
  back(jar: CookieJar, returned: string): Promise<Response>;
}

export function ssoSite(): SsoSite {
  /** Starts a provider sign-in: the jar holds our binding cookie; the provider's address. */
  async function start(jar: CookieJar): Promise<string> {
    const res = await jar.fetch(`${site.app.url}/signin/sso/${site.providerId}`);
    assert.equal(res.status, 303);
    const location = res.headers.get('location')!;
    assert.ok(location.startsWith(`${site.oidc.issuer}/`), location);
    const auth = new URL(location);
    assert.equal(auth.searchParams.get('code_challenge_method'), 'S256');
    assert.ok(auth.searchParams.get('state'));
    assert.ok(auth.searchParams.get('nonce'));
    return location;
  }

  const site = {
    form: (jar, path, body) =>
      jar.fetch(`${site.app.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: site.app.url },
        body: new URLSearchParams(body),
      }),
    async throughProvider(email, ours = new CookieJar()) {
      const location = await start(ours);
      const returned = await signInAtProvider(new CookieJar(), location, email, ssoCallback);
      return { ours, returned };
    },
    back: (jar, returned) =>
      jar.fetch(`${site.app.url}${returned.slice('http://broadsheet.test'.length)}`),
  } as SsoSite;

  before(async () => {
    site.db = await openSqliteStore();
    site.smtp = await startSmtp();
    site.app = await startApp(site.db, { SMTP_URL: site.smtp.url });
    site.oidc = await startOidc(ssoCallback);
    const provider = await site.app.services.sso.addProvider({
      name: 'Newsroom ID',
      issuer: site.oidc.issuer,
      clientId: site.oidc.clientId,
      clientSecret: site.oidc.clientSecret,
      allowedDomains: 'allowed.test',
      role: 'author',
    });
    site.providerId = provider.id;
  });
  after(async () => {
    await site.app?.close();
    await site.oidc?.close();
    await site.smtp?.close();
    await site.db?.dispose();
  });
  return site;
}
