/**
 * Issue 23's loose ends, over HTTP: every way in shows up in /account's recent sign-ins (single
 * sign-on against a real OpenID Connect provider, an email link through real SMTP, sign-up and
 * first-admin setup); removing a password; a passwordless person confirming with a fresh sign-in;
 * the unlink refusal's page.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { hashPassword } from '../src/services/passwords.js';
import { storedPerson } from './helpers/fixtures.js';
import { CookieJar } from './helpers/oidc.js';
import { ssoSite } from './helpers/sso-site.js';

describe('sign-in methods: the audit, removing a password, fresh sign-ins', () => {
  const site = ssoSite();

  /** A signed-in browser for a stored person; `minutesAgo` dates the sign-in back. */
  async function browserOf(userId: string, minutesAgo = 0) {
    const at = new Date(Date.now() - minutesAgo * 60_000);
    const { id, session } = await site.app.services.sessions.start(userId, at);
    const jar = new CookieJar();
    jar.cookies.set('bs_session', id);
    return { jar, csrf: session.csrfToken };
  }

  const accountPage = async (jar: CookieJar) => {
    const res = await jar.fetch(`${site.app.url}/account`);
    assert.equal(res.status, 200);
    return res.text();
  };

  test('first-admin setup and a sign-up appear in the recent sign-ins', async () => {
    const link = await site.app.services.accounts.createSetupLink();
    const token = new URL(link!).searchParams.get('token')!;
    const setup = await site.app.services.accounts.completeSetup(token, {
      email: 'first@example.com',
      name: 'First Admin',
      password: 'a-long-password-9',
    });
    const [event] = await site.app.services.signInAudit.recent(setup.user.id);
    assert.equal(event?.method, 'password');

    const jar = new CookieJar();
    const res = await site.form(jar, '/signup', {
      email: 'newcomer@example.com',
      name: 'New Comer',
      password: 'a-long-password-7',
    });
    assert.equal(res.status, 303, await res.text());
    assert.match(await accountPage(jar), /Signed in with a password on /);
  });

  test('a single sign-on sign-in appears in /account’s recent sign-ins', async () => {
    const { ours, returned } = await site.throughProvider('sso-person@allowed.test');
    const res = await site.back(ours, returned);
    assert.equal(res.status, 303, await res.text());
    assert.match(await accountPage(ours), /Signed in with Newsroom ID on /);
  });

  test('an email-link sign-in appears in /account’s recent sign-ins', async () => {
    await storedPerson(site.db.store, { slug: 'linda', email: 'linda@example.com' });
    const jar = new CookieJar();
    const count = site.smtp.messages.length;
    assert.equal(
      (await site.form(jar, '/signin/email', { email: 'linda@example.com' })).status,
      303,
    );
    const mail = await site.smtp.next('linda@example.com', count);
    const token = /token=([\w-]+)/.exec(mail.text)![1]!;
    assert.equal((await site.form(jar, '/signin/link', { token })).status, 303);
    const page = await accountPage(jar);
    assert.match(page, /Signed in with an email link on /);
    assert.doesNotMatch(page, /Signed in with a password/);
  });

  test('Remove password: allowed with another way in, refused (409) for the last one', async () => {
    const passwordHash = await hashPassword('a-long-password-3');
    // Only a password, and commenters' email links turned off: the password is the last way in.
    const admin = (await site.db.store.users.byEmail('first@example.com'))!;
    await site.app.services.signInPolicy.save(admin, {
      ...(await site.app.services.signInPolicy.policies()),
      commenter: { password: true, emailLink: false },
    });
    const only = await storedPerson(site.db.store, { slug: 'olga', passwordHash });
    const olga = await browserOf(only.id);
    assert.doesNotMatch(await accountPage(olga.jar), /Remove password/);
    const refused = await site.form(olga.jar, '/account/password/remove', { _csrf: olga.csrf });
    assert.equal(refused.status, 409);
    assert.match(await refused.text(), /last way to sign in, so it cannot be removed/);
    assert.ok(await site.db.store.users.passwordHash(only.id));

    // An author linked to a provider (the SSO person above) with a password too may remove it.
    const sso = (await site.db.store.users.byEmail('sso-person@allowed.test'))!;
    await site.db.store.users.setPasswordHash(sso.id, passwordHash);
    const pat = await browserOf(sso.id, 30);
    assert.match(await accountPage(pat.jar), /Remove password/);
    const removed = await site.form(pat.jar, '/account/password/remove', { _csrf: pat.csrf });
    assert.equal(removed.status, 303);
    assert.equal(removed.headers.get('location'), '/account?done=password-removed');
    assert.equal(await site.db.store.users.passwordHash(sso.id), null);
    const page = await accountPage(pat.jar);
    // Signed in half an hour ago, and no password: no "current password" asked, no form yet.
    assert.match(page, /<h2 id="password-heading">Set a password<\/h2>/);
    assert.doesNotMatch(page, /Current password/);
    assert.match(page, /needs a sign-in from the last 10 minutes/);
  });

  test('a passwordless person confirms with a fresh sign-in; an old one is told to sign in again', async () => {
    const sso = (await site.db.store.users.byEmail('sso-person@allowed.test'))!;
    assert.equal(await site.db.store.users.passwordHash(sso.id), null);
    const stale = await browserOf(sso.id, 30);
    const tooOld = await site.form(stale.jar, '/account/email', {
      _csrf: stale.csrf,
      email: 'sso-new@allowed.test',
    });
    assert.equal(tooOld.status, 403);
    assert.match(await tooOld.text(), /sign in again first/);
    const noDelete = await site.form(stale.jar, '/account/delete', { _csrf: stale.csrf });
    assert.equal(noDelete.status, 403);

    const fresh = await browserOf(sso.id, 2);
    const page = await accountPage(fresh.jar);
    assert.match(page, /your sign-in of the last few minutes confirms it is you/);
    assert.doesNotMatch(page, /id="email-password"/);
    const count = site.smtp.messages.length;
    const changed = await site.form(fresh.jar, '/account/email', {
      _csrf: fresh.csrf,
      email: 'sso-new@allowed.test',
    });
    assert.equal(changed.status, 303, await changed.text());
    await site.smtp.next('sso-new@allowed.test', count);

    // Set a password: the new one only, no current password.
    const set = await site.form(fresh.jar, '/account/password', {
      _csrf: fresh.csrf,
      password: 'a-long-password-5',
    });
    assert.equal(set.status, 303, await set.text());
    assert.equal(set.headers.get('location'), '/account?done=password-set');
    assert.ok(await site.db.store.users.passwordHash(sso.id));
  });

  test('a person with a password still gives it, however fresh the sign-in', async () => {
    const person = await storedPerson(site.db.store, {
      slug: 'petra',
      passwordHash: await hashPassword('a-long-password-4'),
    });
    const { jar, csrf } = await browserOf(person.id);
    const res = await site.form(jar, '/account/delete', { _csrf: csrf });
    assert.equal(res.status, 400);
    assert.match(await res.text(), /password is not right/);
    assert.ok(await site.db.store.users.byId(person.id));
  });

  test('a refused unlink has its own title and leads back to the account', async () => {
    const person = await storedPerson(site.db.store, { slug: 'uma' });
    await site.db.store.users.setPasswordHash(person.id, null);
    const { jar, csrf } = await browserOf(person.id);
    const res = await site.form(jar, '/account/sso/not-a-link/unlink', { _csrf: csrf });
    assert.ok(res.status >= 400);
    const page = await res.text();
    assert.match(page, /<title>[^<]*The single sign-on account was not unlinked/);
    assert.doesNotMatch(page, /Single sign-on did not work/);
    assert.match(page, /href="\/account">Back to your account/);
  });
});
