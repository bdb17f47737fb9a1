/**
 * Single sign-on against a real OpenID Connect provider (oidc-provider, in this process), email
 * sign-in links through real SMTP, and the per-role sign-in policy, over HTTP.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { hashPassword } from '../src/services/passwords.js';
import { signedInPerson, storedPerson } from './helpers/fixtures.js';
import { rawSql } from './helpers/raw-sql.js';
import { CookieJar } from './helpers/oidc.js';
import { ssoSite } from './helpers/sso-site.js';

describe('single sign-on, email sign-in links and the role policy', () => {
  const site = ssoSite();

  async function whoAmI(jar: CookieJar) {
    const res = await jar.fetch(`${site.app.url}/account`);
    return res.status === 200 ? await res.text() : null;
  }

  test('the sign-in page offers the provider; SSO makes an author for an allowed domain', async () => {
    const page = await (await fetch(`${site.app.url}/signin`)).text();
    assert.match(page, /Sign in with Newsroom ID/);
    assert.match(page, /Email me a sign-in link/);

    const { ours, returned } = await site.throughProvider('alice@allowed.test');
    const res = await site.back(ours, returned);
    assert.equal(res.status, 303, await res.text());
    assert.equal(res.headers.get('location'), '/');
    const user = await site.db.store.users.byEmail('alice@allowed.test');
    assert.equal(user?.role, 'author');
    assert.ok(user?.emailVerifiedAt);
    const account = await whoAmI(ours);
    assert.match(account ?? '', /alice@allowed\.test/);
    assert.match(account ?? '', /Newsroom ID, as alice@allowed\.test/);
  });

  test('another domain is refused and no account is made', async () => {
    const { ours, returned } = await site.throughProvider('mallory@elsewhere.test');
    const res = await site.back(ours, returned);
    assert.equal(res.status, 403);
    assert.match(await res.text(), /does not sign in addresses at that domain/);
    assert.equal(await site.db.store.users.byEmail('mallory@elsewhere.test'), null);
    assert.equal(ours.cookies.has('bs_session'), false);
  });

  test('an unverified address is not linked to an existing account', async () => {
    await storedPerson(site.db.store, { slug: 'bob', email: 'bob@allowed.test' });
    const { ours, returned } = await site.throughProvider('unverified:bob@allowed.test');
    const res = await site.back(ours, returned);
    assert.equal(res.status, 403);
    assert.match(await res.text(), /has not confirmed your email address/);
    const bob = await site.db.store.users.byEmail('bob@allowed.test');
    assert.equal(await site.db.store.sso.countLinks(bob!.id), 0);
  });

  test('a tampered state is refused', async () => {
    const { ours, returned } = await site.throughProvider('alice@allowed.test');
    const url = new URL(returned);
    url.searchParams.set('state', `${url.searchParams.get('state')}x`);
    const res = await site.back(ours, url.href);
    assert.equal(res.status, 400);
    assert.match(await res.text(), /could not be completed/);
    assert.equal(ours.cookies.has('bs_session'), false);
  });

  test('a replayed code is refused, and so is the ssoCallback in another browser', async () => {
    const { ours, returned } = await site.throughProvider('alice@allowed.test');
    // Another browser (no binding cookie) cannot use it…
    const stranger = new CookieJar();
    assert.equal((await site.back(stranger, returned)).status, 400);
    // …the asking browser can, once.
    assert.equal((await site.back(ours, returned)).status, 303);
    const again = new CookieJar();
    again.cookies.set('bs_signin', ours.cookies.get('bs_signin')!);
    const replay = await site.back(again, returned);
    assert.equal(replay.status, 400);
    assert.equal(again.cookies.has('bs_session'), false);
  });

  test('a code redeemed with another sign-in’s state and verifier is refused by the provider', async () => {
    const { ours, returned: first } = await site.throughProvider('alice@allowed.test');
    const second = new URL((await site.throughProvider('alice@allowed.test', ours)).returned);
    // The first sign-in's code under the second's state: its PKCE verifier does not match.
    second.searchParams.set('code', new URL(first).searchParams.get('code')!);
    const res = await site.back(ours, second.href);
    assert.equal(res.status, 400);
    assert.equal(ours.cookies.has('bs_session'), false);
  });

  test('a wrong nonce is refused', async () => {
    const { ours, returned } = await site.throughProvider('alice@allowed.test');
    await rawSql(
      site.db,
      `update sso_attempts set nonce = 'not-the-nonce-that-was-sent' where used_at is null`,
    );
    const res = await site.back(ours, returned);
    assert.equal(res.status, 400);
    assert.equal(ours.cookies.has('bs_session'), false);
  });

  test('unlinking the last way in is refused; with a password it is allowed', async () => {
    const alice = (await site.db.store.users.byEmail('alice@allowed.test'))!;
    // Authors may not use email links here, so the provider is alice's only way in.
    const boss = await storedPerson(site.db.store, { slug: 'boss', role: 'admin' });
    await site.app.services.signInPolicy.save(boss, {
      ...(await site.app.services.signInPolicy.policies()),
      author: { password: true, emailLink: false },
    });
    const { id, session } = await site.app.services.sessions.start(alice.id);
    const [link] = await site.db.store.sso.linksOf(alice.id);
    const post = () =>
      fetch(`${site.app.url}/account/sso/${link!.id}/unlink`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          origin: site.app.url,
          cookie: `bs_session=${id}`,
        },
        body: new URLSearchParams({ _csrf: session.csrfToken }),
        redirect: 'manual',
      });
    const refused = await post();
    assert.equal(refused.status, 409);
    assert.match(await refused.text(), /last way to sign in/);
    await site.db.store.users.setPasswordHash(alice.id, await hashPassword('a-long-password-1'));
    const done = await post();
    assert.equal(done.status, 303);
    assert.equal(await site.db.store.sso.countLinks(alice.id), 0);
  });

  test('the admin page never shows the client secret', async () => {
    const admin = await signedInPerson(site.db.store, site.app, { slug: 'ada', role: 'admin' });
    const page = await (
      await fetch(`${site.app.url}/admin/sign-in?edit=${site.providerId}`, {
        headers: { cookie: admin.cookie },
      })
    ).text();
    assert.match(page, /Newsroom ID/);
    assert.match(page, /allowed\.test/);
    assert.doesNotMatch(page, new RegExp(site.oidc.clientSecret));
  });

  test('an email link: a scanner’s GET signs nobody in; another browser is told; the asker is signed in once', async () => {
    await storedPerson(site.db.store, { slug: 'carol', email: 'carol@example.com' });
    const asker = new CookieJar();
    const before = site.smtp.messages.length;
    const asked = await site.form(asker, '/signin/email', { email: 'carol@example.com' });
    assert.equal(asked.status, 303);
    assert.equal(asked.headers.get('location'), '/signin/email');
    const mail = await site.smtp.next('carol@example.com', before);
    const link = /http:\/\/broadsheet\.test(\/signin\/link\?token=[\w-]+)/.exec(mail.text)?.[1];
    assert.ok(link, mail.text);

    const scanner = await fetch(`${site.app.url}${link}`);
    assert.equal(scanner.status, 200);
    const shown = await scanner.text();
    assert.match(shown, /<button type="submit"[^>]*>Sign in<\/button>/);
    assert.equal(scanner.headers.getSetCookie().length, 0);
    const token = new URL(link, site.app.url).searchParams.get('token')!;

    const forwarded = await site.form(new CookieJar(), '/signin/link', { token });
    assert.equal(forwarded.status, 403);
    assert.match(await forwarded.text(), /only in the browser that asked for it/);

    const signedIn = await site.form(asker, '/signin/link', { token });
    assert.equal(signedIn.status, 303);
    assert.ok(asker.cookies.get('bs_session'));
    assert.match((await whoAmI(asker)) ?? '', /carol@example\.com/);

    // The same browser again (its binding cookie, signed out): the link is spent.
    const sameBrowser = new CookieJar();
    sameBrowser.cookies.set('bs_signin', asker.cookies.get('bs_signin')!);
    const twice = await site.form(sameBrowser, '/signin/link', { token });
    assert.equal(twice.status, 400);
    assert.match(await twice.text(), /This sign-in link cannot be used/);
  });

  test('an expired link is refused; an unknown address gets the same answer and no mail', async () => {
    const asker = new CookieJar();
    const before = site.smtp.messages.length;
    await site.form(asker, '/signin/email', { email: 'carol@example.com' });
    const mail = await site.smtp.next('carol@example.com', before);
    const token = /token=([\w-]+)/.exec(mail.text)![1]!;
    await rawSql(site.db, `update email_sign_in_links set expires_at = $1 where used_at is null`, [
      '2000-01-01T00:00:00.000Z',
    ]);
    const expired = await site.form(asker, '/signin/link', { token });
    assert.equal(expired.status, 400);

    const count = site.smtp.messages.length;
    const unknown = await site.form(new CookieJar(), '/signin/email', {
      email: 'nobody@example.com',
    });
    assert.equal(unknown.status, 303);
    assert.equal(unknown.headers.get('location'), '/signin/email');
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(site.smtp.messages.length, count);
  });

  test('a role with passwords off: a right password is refused with a clear message', async () => {
    const admin = (await site.db.store.users.byEmail('ada@example.com'))!;
    const policies = await site.app.services.signInPolicy.policies();
    await site.app.services.signInPolicy.save(admin, {
      ...policies,
      author: { password: false, emailLink: false },
    });
    await storedPerson(site.db.store, {
      slug: 'dan',
      email: 'dan@example.com',
      role: 'author',
      passwordHash: await hashPassword('a-long-password-2'),
    });
    const right = await site.form(new CookieJar(), '/signin', {
      email: 'dan@example.com',
      password: 'a-long-password-2',
    });
    assert.equal(right.status, 403);
    assert.match(await right.text(), /cannot sign in this way here/);
    const wrong = await site.form(new CookieJar(), '/signin', {
      email: 'dan@example.com',
      password: 'not-the-password',
    });
    assert.equal(wrong.status, 401);
    // A reset link would make a password that cannot be used: the mail says so instead.
    const resetFrom = site.smtp.messages.length;
    const reset = await site.form(new CookieJar(), '/account/forgot', { email: 'dan@example.com' });
    assert.equal(reset.status, 303);
    const told = await site.smtp.next('dan@example.com', resetFrom);
    assert.match(told.text, /do not sign in to .* with a password, so there is none to reset/);
    assert.doesNotMatch(told.text, /reset\?token=/);
    // Email links are off for authors too: no mail, the same answer.
    const count = site.smtp.messages.length;
    const asked = await site.form(new CookieJar(), '/signin/email', { email: 'dan@example.com' });
    assert.equal(asked.status, 303);
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(site.smtp.messages.length, count);
  });
});
