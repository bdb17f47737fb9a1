/**
 * Single sign-on against a real OpenID Connect provider (oidc-provider, in this process), email
 * sign-in links through real SMTP, and the per-role sign-in policy, over HTTP.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { hashPassword } from '../src/services/passwords.js';
import { openSqliteStore, type OpenedStore } from './helpers/databases.js';
import { startApp, type RunningApp } from './helpers/app.js';
import { signedInPerson, storedPerson } from './helpers/fixtures.js';
import { rawSql } from './helpers/raw-sql.js';
import { CookieJar, signInAtProvider, startOidc, type TestOidc } from './helpers/oidc.js';
import { startSmtp, type TestSmtp } from './helpers/smtp.js';

const callback = 'http://broadsheet.test/signin/sso/callback';

describe('single sign-on, email sign-in links and the role policy', () => {
  let db: OpenedStore;
  let app: RunningApp;
  let oidc: TestOidc;
  let smtp: TestSmtp;
  let providerId: string;

  before(async () => {
    db = await openSqliteStore();
    smtp = await startSmtp();
    app = await startApp(db, { SMTP_URL: smtp.url });
    oidc = await startOidc(callback);
    const provider = await app.services.sso.addProvider({
      name: 'Newsroom ID',
      issuer: oidc.issuer,
      clientId: oidc.clientId,
      clientSecret: oidc.clientSecret,
      allowedDomains: 'allowed.test',
      role: 'author',
    });
    providerId = provider.id;
  });
  after(async () => {
    await app?.close();
    await oidc?.close();
    await smtp?.close();
    await db?.dispose();
  });

  const form = (jar: CookieJar, path: string, body: Record<string, string>) =>
    jar.fetch(`${app.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: app.url },
      body: new URLSearchParams(body),
    });

  /** Starts a provider sign-in: the jar holds our binding cookie; the provider's address. */
  async function start(jar: CookieJar): Promise<string> {
    const res = await jar.fetch(`${app.url}/signin/sso/${providerId}`);
    assert.equal(res.status, 303);
    const location = res.headers.get('location')!;
    assert.ok(location.startsWith(`${oidc.issuer}/`), location);
    const auth = new URL(location);
    assert.equal(auth.searchParams.get('code_challenge_method'), 'S256');
    assert.ok(auth.searchParams.get('state'));
    assert.ok(auth.searchParams.get('nonce'));
    return location;
  }

  /**
   * A sign-in through the provider as `email` up to its redirect back to us (not followed): the
   * browser's jar (with our binding cookie) and the callback address the provider returned.
   */
  async function throughProvider(
    email: string,
    ours = new CookieJar(),
  ): Promise<{ ours: CookieJar; returned: string }> {
    const returned = await signInAtProvider(new CookieJar(), await start(ours), email, callback);
    return { ours, returned };
  }

  const back = (jar: CookieJar, returned: string) =>
    jar.fetch(`${app.url}${returned.slice('http://broadsheet.test'.length)}`);

  async function whoAmI(jar: CookieJar) {
    const res = await jar.fetch(`${app.url}/account`);
    return res.status === 200 ? await res.text() : null;
  }

  test('the sign-in page offers the provider; SSO makes an author for an allowed domain', async () => {
    const page = await (await fetch(`${app.url}/signin`)).text();
    assert.match(page, /Sign in with Newsroom ID/);
    assert.match(page, /Email me a sign-in link/);

    const { ours, returned } = await throughProvider('alice@allowed.test');
    const res = await back(ours, returned);
    assert.equal(res.status, 303, await res.text());
    assert.equal(res.headers.get('location'), '/');
    const user = await db.store.users.byEmail('alice@allowed.test');
    assert.equal(user?.role, 'author');
    assert.ok(user?.emailVerifiedAt);
    const account = await whoAmI(ours);
    assert.match(account ?? '', /alice@allowed\.test/);
    assert.match(account ?? '', /Newsroom ID, as alice@allowed\.test/);
  });

  test('another domain is refused and no account is made', async () => {
    const { ours, returned } = await throughProvider('mallory@elsewhere.test');
    const res = await back(ours, returned);
    assert.equal(res.status, 403);
    assert.match(await res.text(), /does not sign in addresses at that domain/);
    assert.equal(await db.store.users.byEmail('mallory@elsewhere.test'), null);
    assert.equal(ours.cookies.has('bs_session'), false);
  });

  test('an unverified address is not linked to an existing account', async () => {
    await storedPerson(db.store, { slug: 'bob', email: 'bob@allowed.test' });
    const { ours, returned } = await throughProvider('unverified:bob@allowed.test');
    const res = await back(ours, returned);
    assert.equal(res.status, 403);
    assert.match(await res.text(), /has not confirmed your email address/);
    const bob = await db.store.users.byEmail('bob@allowed.test');
    assert.equal(await db.store.sso.countLinks(bob!.id), 0);
  });

  test('a tampered state is refused', async () => {
    const { ours, returned } = await throughProvider('alice@allowed.test');
    const url = new URL(returned);
    url.searchParams.set('state', `${url.searchParams.get('state')}x`);
    const res = await back(ours, url.href);
    assert.equal(res.status, 400);
    assert.match(await res.text(), /could not be completed/);
    assert.equal(ours.cookies.has('bs_session'), false);
  });

  test('a replayed code is refused, and so is the callback in another browser', async () => {
    const { ours, returned } = await throughProvider('alice@allowed.test');
    // Another browser (no binding cookie) cannot use it…
    const stranger = new CookieJar();
    assert.equal((await back(stranger, returned)).status, 400);
    // …the asking browser can, once.
    assert.equal((await back(ours, returned)).status, 303);
    const again = new CookieJar();
    again.cookies.set('bs_signin', ours.cookies.get('bs_signin')!);
    const replay = await back(again, returned);
    assert.equal(replay.status, 400);
    assert.equal(again.cookies.has('bs_session'), false);
  });

  test('a code redeemed with another sign-in’s state and verifier is refused by the provider', async () => {
    const { ours, returned: first } = await throughProvider('alice@allowed.test');
    const second = new URL((await throughProvider('alice@allowed.test', ours)).returned);
    // The first sign-in's code under the second's state: its PKCE verifier does not match.
    second.searchParams.set('code', new URL(first).searchParams.get('code')!);
    const res = await back(ours, second.href);
    assert.equal(res.status, 400);
    assert.equal(ours.cookies.has('bs_session'), false);
  });

  test('a wrong nonce is refused', async () => {
    const { ours, returned } = await throughProvider('alice@allowed.test');
    await rawSql(
      db,
      `update sso_attempts set nonce = 'not-the-nonce-that-was-sent' where used_at is null`,
    );
    const res = await back(ours, returned);
    assert.equal(res.status, 400);
    assert.equal(ours.cookies.has('bs_session'), false);
  });

  test('unlinking the last way in is refused; with a password it is allowed', async () => {
    const alice = (await db.store.users.byEmail('alice@allowed.test'))!;
    // Authors may not use email links here, so the provider is alice's only way in.
    const boss = await storedPerson(db.store, { slug: 'boss', role: 'admin' });
    await app.services.signInPolicy.save(boss, {
      ...(await app.services.signInPolicy.policies()),
      author: { password: true, emailLink: false },
    });
    const { id, session } = await app.services.sessions.start(alice.id);
    const [link] = await db.store.sso.linksOf(alice.id);
    const post = () =>
      fetch(`${app.url}/account/sso/${link!.id}/unlink`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          origin: app.url,
          cookie: `bs_session=${id}`,
        },
        body: new URLSearchParams({ _csrf: session.csrfToken }),
        redirect: 'manual',
      });
    const refused = await post();
    assert.equal(refused.status, 409);
    assert.match(await refused.text(), /last way to sign in/);
    await db.store.users.setPasswordHash(alice.id, await hashPassword('a-long-password-1'));
    const done = await post();
    assert.equal(done.status, 303);
    assert.equal(await db.store.sso.countLinks(alice.id), 0);
  });

  test('the admin page never shows the client secret', async () => {
    const admin = await signedInPerson(db.store, app, { slug: 'ada', role: 'admin' });
    const page = await (
      await fetch(`${app.url}/admin/sign-in?edit=${providerId}`, {
        headers: { cookie: admin.cookie },
      })
    ).text();
    assert.match(page, /Newsroom ID/);
    assert.match(page, /allowed\.test/);
    assert.doesNotMatch(page, new RegExp(oidc.clientSecret));
  });

  test('an email link: a scanner’s GET signs nobody in; another browser is told; the asker is signed in once', async () => {
    await storedPerson(db.store, { slug: 'carol', email: 'carol@example.com' });
    const asker = new CookieJar();
    const before = smtp.messages.length;
    const asked = await form(asker, '/signin/email', { email: 'carol@example.com' });
    assert.equal(asked.status, 303);
    assert.equal(asked.headers.get('location'), '/signin/email');
    const mail = await smtp.next('carol@example.com', before);
    const link = /http:\/\/broadsheet\.test(\/signin\/link\?token=[\w-]+)/.exec(mail.text)?.[1];
    assert.ok(link, mail.text);

    const scanner = await fetch(`${app.url}${link}`);
    assert.equal(scanner.status, 200);
    const shown = await scanner.text();
    assert.match(shown, /<button type="submit"[^>]*>Sign in<\/button>/);
    assert.equal(scanner.headers.getSetCookie().length, 0);
    const token = new URL(link, app.url).searchParams.get('token')!;

    const forwarded = await form(new CookieJar(), '/signin/link', { token });
    assert.equal(forwarded.status, 403);
    assert.match(await forwarded.text(), /only in the browser that asked for it/);

    const signedIn = await form(asker, '/signin/link', { token });
    assert.equal(signedIn.status, 303);
    assert.ok(asker.cookies.get('bs_session'));
    assert.match((await whoAmI(asker)) ?? '', /carol@example\.com/);

    // The same browser again (its binding cookie, signed out): the link is spent.
    const sameBrowser = new CookieJar();
    sameBrowser.cookies.set('bs_signin', asker.cookies.get('bs_signin')!);
    const twice = await form(sameBrowser, '/signin/link', { token });
    assert.equal(twice.status, 400);
    assert.match(await twice.text(), /This sign-in link cannot be used/);
  });

  test('an expired link is refused; an unknown address gets the same answer and no mail', async () => {
    const asker = new CookieJar();
    const before = smtp.messages.length;
    await form(asker, '/signin/email', { email: 'carol@example.com' });
    const mail = await smtp.next('carol@example.com', before);
    const token = /token=([\w-]+)/.exec(mail.text)![1]!;
    await rawSql(db, `update email_sign_in_links set expires_at = $1 where used_at is null`, [
      '2000-01-01T00:00:00.000Z',
    ]);
    const expired = await form(asker, '/signin/link', { token });
    assert.equal(expired.status, 400);

    const count = smtp.messages.length;
    const unknown = await form(new CookieJar(), '/signin/email', { email: 'nobody@example.com' });
    assert.equal(unknown.status, 303);
    assert.equal(unknown.headers.get('location'), '/signin/email');
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(smtp.messages.length, count);
  });

  test('a role with passwords off: a right password is refused with a clear message', async () => {
    const admin = (await db.store.users.byEmail('ada@example.com'))!;
    const policies = await app.services.signInPolicy.policies();
    await app.services.signInPolicy.save(admin, {
      ...policies,
      author: { password: false, emailLink: false },
    });
    await storedPerson(db.store, {
      slug: 'dan',
      email: 'dan@example.com',
      role: 'author',
      passwordHash: await hashPassword('a-long-password-2'),
    });
    const right = await form(new CookieJar(), '/signin', {
      email: 'dan@example.com',
      password: 'a-long-password-2',
    });
    assert.equal(right.status, 403);
    assert.match(await right.text(), /cannot sign in this way here/);
    const wrong = await form(new CookieJar(), '/signin', {
      email: 'dan@example.com',
      password: 'not-the-password',
    });
    assert.equal(wrong.status, 401);
    // A reset link would make a password that cannot be used: the mail says so instead.
    const resetFrom = smtp.messages.length;
    const reset = await form(new CookieJar(), '/account/forgot', { email: 'dan@example.com' });
    assert.equal(reset.status, 303);
    const told = await smtp.next('dan@example.com', resetFrom);
    assert.match(told.text, /do not sign in to .* with a password, so there is none to reset/);
    assert.doesNotMatch(told.text, /reset\?token=/);
    // Email links are off for authors too: no mail, the same answer.
    const count = smtp.messages.length;
    const asked = await form(new CookieJar(), '/signin/email', { email: 'dan@example.com' });
    assert.equal(asked.status, 303);
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(smtp.messages.length, count);
  });
});
