/**
 * The HTML account and staff pages through the whole app, as a browser without JavaScript uses
 * them: forms posted as application/x-www-form-urlencoded, cookies, 303 redirects, and mail
 * received by a real SMTP server whose links are followed.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { prepare } from '../src/server.js';
import { signInFailed } from '../src/services/accounts.js';
import type { Role } from '../src/domain/user.js';
import { databases, type OpenedStore } from './helpers/databases.js';
import { startApp, type RunningApp } from './helpers/app.js';
import { json } from './helpers/http.js';
import { startSmtp, type TestSmtp } from './helpers/smtp.js';

const origin = 'http://broadsheet.test';
const password = 'harbour-lights-at-dusk';
const generous = { max: 1000, windowMs: 60_000 };
const limits = {
  signInPerIp: generous,
  signInPerAccountAddress: generous,
  signUpPerIp: generous,
  passwordResetPerIp: generous,
  passwordResetPerAccount: generous,
  verificationMailPerAccount: generous,
};

/** One browser: a cookie jar with the session cookie, and forms posted the way a browser does. */
class Visitor {
  cookie: string | null = null;
  constructor(private readonly base: string) {}

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    return { ...(this.cookie ? { cookie: this.cookie } : {}), ...extra };
  }

  private keep(res: Response): Response {
    for (const line of res.headers.getSetCookie()) {
      const pair = line.split(';')[0] ?? '';
      if (!/^(__Host-)?bs_session=/.test(pair)) continue;
      this.cookie = pair.endsWith('=') ? null : pair;
    }
    return res;
  }

  async get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    const res = await fetch(this.base + path, {
      redirect: 'manual',
      headers: this.headers(headers),
    });
    return this.keep(res);
  }

  async post(
    path: string,
    fields: Record<string, string>,
    headers: Record<string, string> = { origin },
  ): Promise<Response> {
    const res = await fetch(this.base + path, {
      method: 'POST',
      redirect: 'manual',
      headers: this.headers({ 'content-type': 'application/x-www-form-urlencoded', ...headers }),
      body: new URLSearchParams(fields).toString(),
    });
    return this.keep(res);
  }

  /** The CSRF token the pages of this session carry. */
  async csrf(): Promise<string> {
    const page = await (await this.get('/account')).text();
    const token = /name="_csrf" value="([^"]+)"/.exec(page)?.[1];
    assert.ok(token, 'a signed-in page carries the CSRF token');
    return token;
  }

  /** Posts a form as a signed-in person does: with the session's token. */
  async submit(path: string, fields: Record<string, string> = {}): Promise<Response> {
    return this.post(path, { _csrf: await this.csrf(), ...fields });
  }

  async signIn(email: string, pass = password, next?: string): Promise<Response> {
    return this.post('/signin', { email, password: pass, ...(next ? { next } : {}) });
  }
}

function linkIn(text: string, path: string): string {
  const match = new RegExp(
    `${origin}(${path.replace(/[?/]/g, '\\$&')}\\?token=[A-Za-z0-9_-]+)`,
  ).exec(text);
  assert.ok(match?.[1], `the mail has a ${path} link:\n${text}`);
  return match[1];
}

function mainOf(page: string): string {
  return page.slice(page.indexOf('<main'), page.indexOf('</main>'));
}

const all = databases();
const sqlite = all.find((d) => d.name === 'sqlite');

for (const database of all) {
  describe(`account and staff pages on ${database.name}`, () => {
    let db: OpenedStore;
    let app: RunningApp;
    let smtp: TestSmtp;
    before(async () => {
      smtp = await startSmtp();
      db = await database.open();
      app = await startApp(db, { SMTP_URL: smtp.url }, limits);
    });
    after(async () => {
      await app?.close();
      await app?.services.mail.drain();
      await db?.dispose();
      await smtp?.close();
    });

    const visitor = () => new Visitor(app.url);
    /** The next mail to this address (after message number `from`) whose text matches. */
    async function mail(to: string, from: number, pattern: RegExp) {
      for (let after = from; ;) {
        const found = await smtp.next(to, after);
        if (pattern.test(found.text)) return found;
        after = smtp.messages.indexOf(found) + 1;
      }
    }
    let people = 0;
    /** A new person signed up through the form, signed in as them. */
    async function signedUp(name = `Reader ${++people}`) {
      const v = visitor();
      const email = `reader-${people}-${Date.now()}@example.com`;
      const res = await v.post('/signup', { name, email, password });
      assert.equal(res.status, 303, await res.text());
      return { v, email, name };
    }
    /** A person with this role, made through the services, signed in by form. */
    async function staff(role: Role) {
      const email = `${role}-${++people}@example.com`;
      const user = await app.services.users.create({
        email,
        name: `The ${role} ${people}`,
        role,
        password,
      });
      const v = visitor();
      assert.equal((await v.signIn(email)).status, 303);
      return { v, user, email };
    }

    test('sign up by form, receive the verification mail by SMTP and follow its link', async () => {
      const v = visitor();
      const mark = smtp.messages.length;
      const email = 'nell.ward@example.com';
      const res = await v.post('/signup', { name: 'Nell Ward', email, password });
      assert.equal(res.status, 303);
      assert.equal(res.headers.get('location'), '/account?done=welcome');
      assert.ok(v.cookie, 'signed in at once');

      const account = await v.get('/account?done=welcome');
      assert.equal(account.status, 200);
      assert.equal(account.headers.get('cache-control'), 'private, no-store');
      const page = await account.text();
      assert.match(page, /role="status">Welcome!/);
      assert.match(page, /not confirmed yet/);
      assert.match(page, /action="\/account\/verify\/resend"/);

      const mail = await smtp.next(email, mark);
      const link = linkIn(mail.text, '/account/verify');
      const confirmed = await v.get(link);
      assert.equal(confirmed.status, 200);
      assert.match(await confirmed.text(), /Email address confirmed/);
      const now = await (await v.get('/account')).text();
      assert.match(now, /confirmed<\/span>/);
      assert.doesNotMatch(now, /verify\/resend/);

      // Mail scanners open links before people do: a second open says so, and signs nobody in.
      const scanner = visitor();
      const again = await scanner.get(link);
      assert.equal(again.status, 200);
      const againPage = await again.text();
      assert.match(againPage, /Email address already confirmed/);
      assert.doesNotMatch(againPage, /invalid or has expired/);
      assert.doesNotMatch(
        againPage,
        new RegExp(email),
        'the address is not shown to whoever opens it',
      );
      assert.equal(scanner.cookie, null, 'opening the link signs nobody in');
      assert.equal((await scanner.get('/account')).status, 303, 'still signed out');
    });

    test('a used link whose address is no longer confirmed, or an unknown one, does not work', async () => {
      const { v, email } = await signedUp();
      const link = linkIn((await mail(email, 0, /account\/verify/)).text, '/account/verify');
      assert.equal((await v.get(link)).status, 200);
      const user = await db.store.users.byEmail(email);
      assert.ok(user);
      await db.store.users.setEmail(user.id, `changed-${email}`, null);
      const again = await visitor().get(link);
      assert.equal(again.status, 400);
      assert.match(await again.text(), /invalid or has expired/);
      const unknown = await visitor().get('/account/verify?token=' + 'x'.repeat(43));
      assert.equal(unknown.status, 400);
    });

    test('a refused sign-up shows the form again with the problem and what was typed', async () => {
      const short = await visitor().post('/signup', {
        name: 'Short Pass',
        email: 'short@example.com',
        password: 'short',
      });
      assert.equal(short.status, 400);
      assert.equal(short.headers.get('cache-control'), 'private, no-store');
      const page = await short.text();
      assert.match(page, /<title>Error: Create an account/);
      assert.match(page, /class="error-summary" role="alert"/);
      assert.match(page, /<a href="#password">The password must be at least 10 characters/);
      assert.match(
        page,
        /id="password"[^>]*aria-describedby="password-hint password-error"[^>]*aria-invalid="true"/,
      );
      assert.match(page, /value="Short Pass"/);
      assert.match(page, /value="short@example.com"/);
      assert.doesNotMatch(page, /value="short"/, 'the password is never sent back');

      const { email } = await signedUp();
      const taken = await visitor().post('/signup', { name: 'Again', email, password });
      assert.equal(taken.status, 409);
      assert.match(
        await taken.text(),
        /<a href="#email">An account with that email already exists/,
      );
    });

    test('sign out ends every session of the person and clears the cookie', async () => {
      const { v, email } = await signedUp();
      const elsewhere = visitor();
      await elsewhere.signIn(email);
      assert.equal((await elsewhere.get('/account')).status, 200);
      const old = v.cookie;
      const res = await v.submit('/signout');
      assert.equal(res.status, 303);
      assert.equal(res.headers.get('location'), '/');
      assert.equal(v.cookie, null, 'the cookie is cleared');
      v.cookie = old;
      const account = await v.get('/account');
      assert.equal(account.status, 303, 'the old cookie no longer signs anyone in');
      assert.equal(account.headers.get('location'), '/signin?next=%2Faccount');
      assert.equal(
        (await elsewhere.get('/account')).status,
        303,
        'the other device is signed out too',
      );
    });

    test('sign in returns to a same-site `next`, and never to another site', async () => {
      const { v, email } = await signedUp();
      await v.submit('/signout');
      const form = await (await v.get('/signin?next=%2Faccount')).text();
      assert.match(form, /<input type="hidden" name="next" value="\/account" \/>/);
      assert.match(form, /autocomplete="username webauthn"/);
      assert.match(form, /autocomplete="current-password"/);
      const res = await v.signIn(email, password, '/account');
      assert.equal(res.status, 303);
      assert.equal(res.headers.get('location'), '/account');

      for (const next of [
        '//evil.example/x',
        'https://evil.example',
        '/\\evil.example',
        'javascript:alert(1)',
      ]) {
        const w = visitor();
        const r = await w.signIn(email, password, next);
        assert.equal(r.status, 303);
        assert.equal(r.headers.get('location'), '/', next);
      }
      const signedIn = await v.get('/signin?next=%2Faccount');
      assert.equal(signedIn.status, 303, 'a signed-in person is sent on');
    });

    test('unknown email and wrong password answer the same bytes with 401', async () => {
      const { email } = await signedUp();
      const unknown = await visitor().signIn('nobody-here@example.com', password);
      const wrong = await visitor().signIn(email, 'not-the-password-at-all');
      assert.equal(unknown.status, 401);
      assert.equal(wrong.status, 401);
      const [a, b] = [await unknown.text(), await wrong.text()];
      assert.equal(a, b);
      assert.ok(a.includes(signInFailed));
      assert.doesNotMatch(a, /nobody-here/);
    });

    test('forgotten password: same answer for anyone, a mailed single-use link, old sessions ended', async () => {
      const { v: other, email } = await signedUp();
      const unknown = await visitor().post('/account/forgot', { email: 'ghost@example.com' });
      const mark = smtp.messages.length;
      const known = await visitor().post('/account/forgot', { email });
      for (const res of [unknown, known]) {
        assert.equal(res.status, 303);
        assert.equal(res.headers.get('location'), '/account/forgot?sent=1');
      }
      const sent = await (await visitor().get('/account/forgot?sent=1')).text();
      assert.match(sent, /If that address belongs to an account/);

      const link = linkIn((await mail(email, mark, /account\/reset/)).text, '/account/reset');
      const v = visitor();
      const form = await v.get(link);
      assert.equal(form.status, 200);
      const page = await form.text();
      const token = /name="token" value="([^"]+)"/.exec(page)?.[1];
      assert.ok(token);
      assert.match(page, /autocomplete="new-password"/);

      const weak = await v.post('/account/reset', { token, password: 'password123' });
      assert.equal(weak.status, 400, 'a refused password does not spend the link');
      const newPassword = 'a-brand-new-lighthouse';
      const done = await v.post('/account/reset', { token, password: newPassword });
      assert.equal(done.status, 303);
      assert.equal(done.headers.get('location'), '/signin?done=reset');

      assert.equal((await other.get('/account')).status, 303, 'the old session has ended');
      assert.equal((await visitor().signIn(email, password)).status, 401, 'the old password fails');
      assert.equal((await visitor().signIn(email, newPassword)).status, 303, 'the new one works');
      const reused = await v.post('/account/reset', { token, password: 'yet-another-lighthouse' });
      assert.equal(reused.status, 400, 'the link is single-use');
      assert.match(await reused.text(), /invalid, used or expired/);
    });

    test('changing the password ends the other sessions and keeps this one', async () => {
      const { v, email } = await signedUp();
      const elsewhere = visitor();
      await elsewhere.signIn(email);
      assert.equal((await elsewhere.get('/account')).status, 200);

      const wrong = await v.submit('/account/password', {
        current: 'not-it-at-all',
        password: 'x-new-password-1',
      });
      assert.equal(wrong.status, 400);
      assert.match(await wrong.text(), /id="current-password"[^>]*aria-invalid="true"/);

      const previous = v.cookie;
      const res = await v.submit('/account/password', {
        current: password,
        password: 'x-new-password-1',
      });
      assert.equal(res.status, 303);
      assert.equal(res.headers.get('location'), '/account?done=password');
      assert.notEqual(v.cookie, previous, 'this browser gets a new session');
      assert.equal((await v.get('/account')).status, 200);
      assert.equal((await elsewhere.get('/account')).status, 303, 'the other session has ended');
    });

    test('changing the email: a confirmation link to the new address makes the change', async () => {
      const { v, email } = await signedUp();
      const newEmail = `moved-${people}@example.org`;
      const wrong = await v.submit('/account/email', {
        email: newEmail,
        password: 'not-it-at-all',
      });
      assert.equal(wrong.status, 400);
      const wrongPage = await wrong.text();
      assert.match(wrongPage, /id="email-password"[^>]*aria-invalid="true"/);
      assert.ok(wrongPage.includes(`value="${newEmail}"`), 'the typed address is kept');

      const mark = smtp.messages.length;
      const res = await v.submit('/account/email', { email: newEmail, password });
      assert.equal(res.status, 303);
      assert.equal(res.headers.get('location'), '/account?done=email');
      assert.ok(
        (await (await v.get('/account')).text()).includes(email),
        'unchanged until confirmed',
      );

      const link = linkIn((await mail(newEmail, mark, /account\/email/)).text, '/account/email');
      const confirmed = await v.get(link);
      assert.equal(confirmed.status, 200);
      assert.ok((await confirmed.text()).includes(newEmail));
      assert.ok((await (await v.get('/account')).text()).includes(newEmail));
      await mail(email, mark, /is now/); // the old address is told
      assert.equal((await visitor().signIn(newEmail)).status, 303);
    });

    test('the resend button sends another verification mail', async () => {
      const { v, email } = await signedUp();
      const first = await mail(email, 0, /account\/verify/);
      const res = await v.submit('/account/verify/resend');
      assert.equal(res.status, 303);
      assert.equal(res.headers.get('location'), '/account?done=verification-sent');
      const second = await mail(email, smtp.messages.indexOf(first) + 1, /account\/verify/);
      assert.notEqual(
        linkIn(second.text, '/account/verify'),
        linkIn(first.text, '/account/verify'),
      );
    });

    test('sign out everywhere ends every session', async () => {
      const { v, email } = await signedUp();
      const elsewhere = visitor();
      await elsewhere.signIn(email);
      const res = await v.submit('/account/signout-everywhere');
      assert.equal(res.status, 303);
      assert.equal(res.headers.get('location'), '/signin?done=signed-out-everywhere');
      assert.equal((await elsewhere.get('/account')).status, 303);
    });

    test('forms of a signed-in person without their token, or from another site, get 403', async () => {
      const { v } = await signedUp();
      const token = await v.csrf();
      const fields = { current: password, password: 'x-new-password-2' };
      assert.equal((await v.post('/account/password', fields)).status, 403, 'no token');
      assert.equal(
        (await v.post('/account/password', { ...fields, _csrf: 'x'.repeat(32) })).status,
        403,
      );
      const crossSite = await v.post(
        '/account/password',
        { ...fields, _csrf: token },
        {
          origin: 'https://evil.example',
        },
      );
      assert.equal(crossSite.status, 403, 'another Origin');
      const fetchSite = await v.post(
        '/account/password',
        { ...fields, _csrf: token },
        {
          'sec-fetch-site': 'cross-site',
        },
      );
      assert.equal(fetchSite.status, 403, 'Sec-Fetch-Site: cross-site');
      assert.equal((await v.post('/signout', {})).status, 403, 'sign-out needs the token too');
      const anonymous = await visitor().post(
        '/signin',
        { email: 'a@example.com', password },
        {
          origin: 'https://evil.example',
        },
      );
      assert.equal(anonymous.status, 403, 'a cross-site sign-in is refused');
      assert.equal((await v.get('/account')).status, 200, 'still signed in, password unchanged');
    });

    test('the JSON API keeps refusing form bodies', async () => {
      const res = await visitor().post('/api/v1/session', { email: 'a@example.com', password });
      assert.equal(res.status, 415);
    });

    test('the masthead: "Sign in" for everyone anonymous, the name and Sign out when signed in', async () => {
      const [one, two] = [await visitor().get('/'), await visitor().get('/')];
      assert.match(one.headers.get('cache-control') ?? '', /^public/);
      const anonymous = await one.text();
      assert.equal(anonymous, await two.text(), 'identical bytes for every anonymous reader');
      assert.match(
        anonymous,
        /<nav class="account-nav" aria-label="Account">\s*<a href="\/signin">Sign in<\/a>/,
      );
      assert.doesNotMatch(anonymous, /_csrf/);

      const { v, name } = await signedUp('Ivo Strand');
      const res = await v.get('/');
      assert.equal(res.headers.get('cache-control'), 'private, no-store');
      const page = await res.text();
      assert.match(page, /<a href="\/account" class="account-nav__name">Ivo Strand<\/a>/);
      assert.match(
        page,
        /<form method="post" action="\/signout">\s*<input type="hidden" name="_csrf" value="[^"]+"/,
      );
      assert.doesNotMatch(page, /href="\/admin"/, 'no Admin link for a commenter');
      assert.ok(name);
      const { v: editor } = await staff('editor');
      assert.match(await (await editor.get('/')).text(), /<a href="\/admin">Admin<\/a>/);
    });

    test('the setup link creates the first admin, then refuses', async () => {
      // What the server prints on its first start (this test runs before any admin exists).
      const printed: string[] = [];
      await prepare(app.config, db.store, (line) => printed.push(line));
      const output = printed.join('\n');
      assert.match(output, /Open this link within an hour to create the first admin/);
      assert.match(output, /npx broadsheet user create/, 'the CLI stays the other way');
      const link = /(http:\/\/broadsheet\.test\/setup\?token=\S+)/.exec(output)?.[1];
      assert.ok(link, 'no admin yet, so there is a link');
      const path = new URL(link).pathname + new URL(link).search;
      const v = visitor();
      const form = await v.get(path);
      assert.equal(form.status, 200);
      assert.equal(form.headers.get('cache-control'), 'private, no-store');
      const token = /name="token" value="([^"]+)"/.exec(await form.text())?.[1];
      assert.ok(token);
      const bad = await v.post('/setup', {
        token,
        name: 'Ada Admin',
        email: 'not-an-email',
        password,
      });
      assert.equal(bad.status, 400);
      assert.match(await bad.text(), /<a href="#email">Enter a valid email address/);

      const res = await v.post('/setup', {
        token,
        name: 'Ada Admin',
        email: 'ada@example.com',
        password,
      });
      assert.equal(res.status, 303);
      assert.equal(res.headers.get('location'), '/setup/site', 'signed in, on to the wizard');
      const home = await v.get('/admin?done=setup');
      assert.equal(home.status, 200);
      assert.match(await home.text(), /href="\/admin\/users"/);

      assert.equal((await visitor().get(path)).status, 409, 'the link page now refuses');
      const again = await visitor().post('/setup', {
        token,
        name: 'Eve',
        email: 'eve@example.com',
        password,
      });
      assert.equal(again.status, 409);
      assert.equal(await app.services.accounts.createSetupLink(), null);
      const later: string[] = [];
      await prepare(app.config, db.store, (line) => later.push(line));
      assert.doesNotMatch(later.join('\n'), /setup/, 'with an admin, no link is printed');
    });

    test('staff pages: anonymous readers are sent to sign in, commenters refused, staff let in', async () => {
      const anonymous = await visitor().get('/admin/users');
      assert.equal(anonymous.status, 303);
      assert.equal(anonymous.headers.get('location'), '/signin?next=%2Fadmin%2Fusers');
      const { v } = await signedUp();
      assert.equal((await v.get('/admin')).status, 403);
      const { v: author } = await staff('author');
      const home = await author.get('/admin');
      assert.equal(home.status, 200);
      assert.doesNotMatch(await home.text(), /href="\/admin\/users"/);
      for (const path of ['/admin/users', '/admin/outbox', '/admin/tokens'])
        assert.equal((await author.get(path)).status, 403, path);
      const { v: admin } = await staff('admin');
      for (const path of ['/admin', '/admin/users', '/admin/outbox', '/admin/tokens']) {
        const res = await admin.get(path);
        assert.equal(res.status, 200, path);
        assert.equal(res.headers.get('cache-control'), 'private, no-store');
      }
    });

    test('a role change on /admin/users applies to the very next request', async () => {
      const { v: admin } = await staff('admin');
      const { v: person, email } = await signedUp('Rolf Change');
      const [found] = await app.services.people.search({ text: email, page: 1 });
      assert.ok(found);
      assert.equal((await person.get('/admin')).status, 403);

      const list = await (await admin.get(`/admin/users?q=${encodeURIComponent(email)}`)).text();
      assert.ok(list.includes(`action="/admin/users/${found.id}/role"`), 'a role form for them');
      assert.match(list, /<label for="role-[^"]+">Role<\/label>/);

      const back = `/admin/users?q=${encodeURIComponent(email)}`;
      const res = await admin.submit(`/admin/users/${found.id}/role`, { role: 'editor', back });
      assert.equal(res.status, 303);
      assert.equal(res.headers.get('location'), `${back}&done=role`);
      assert.equal((await person.get('/admin')).status, 200, 'editors may open the staff home');
      assert.equal((await person.get('/admin/users')).status, 403, 'but not people admin');

      await admin.submit(`/admin/users/${found.id}/role`, { role: 'admin' });
      assert.equal((await person.get('/admin/users')).status, 200, 'now an admin');
      await admin.submit(`/admin/users/${found.id}/role`, { role: 'commenter' });
      assert.equal((await person.get('/admin')).status, 403, 'and back');
    });

    test('search by text and role, and the rules of the service show on the page', async () => {
      const { v: admin, user: self } = await staff('admin');
      const { email } = await signedUp('Quentin Searchable');
      // Addresses may break after a dot or before the @ (<wbr>), so read the page without them.
      const page = async (url: string) =>
        (await (await admin.get(url)).text()).replace(/<wbr ?\/?>/g, '');
      const byText = await page('/admin/users?q=Quentin');
      assert.ok(byText.includes(email));
      assert.ok(!byText.includes(self.email));
      const byRole = await page('/admin/users?role=admin');
      assert.ok(byRole.includes(self.email));
      assert.ok(!byRole.includes(email));

      const own = await admin.submit(`/admin/users/${self.id}/role`, { role: 'commenter' });
      assert.equal(own.status, 400);
      assert.match(await own.text(), /You cannot change your own role or sanctions/);
      const bogus = await admin.submit(`/admin/users/${self.id}/suspend`, {
        hours: '5',
        reason: '',
      });
      assert.equal(bogus.status, 400);
    });

    test('suspend, ban and lift: a ban ends their sessions at once', async () => {
      const { v: admin } = await staff('admin');
      const { v: person, email } = await signedUp('Bram Banned');
      const [found] = await app.services.people.search({ text: email, page: 1 });
      assert.ok(found);

      const suspended = await admin.submit(`/admin/users/${found.id}/suspend`, {
        hours: '24',
        reason: 'Cooling off',
      });
      assert.equal(suspended.status, 303);
      const list = await (await admin.get(`/admin/users?q=${encodeURIComponent(email)}`)).text();
      assert.match(list, /suspended until/);
      assert.match(list, /Reason: Cooling off/);
      assert.equal(
        (await person.get('/account')).status,
        200,
        'a suspended person can still sign in',
      );

      const banned = await admin.submit(`/admin/users/${found.id}/ban`, { reason: 'Spam' });
      assert.equal(banned.status, 303);
      assert.equal((await person.get('/account')).status, 303, 'signed out at once');
      const refused = await visitor().signIn(email);
      assert.equal(refused.status, 403);
      assert.match(await refused.text(), /banned/);

      const lifted = await admin.submit(`/admin/users/${found.id}/lift`);
      assert.equal(lifted.status, 303);
      assert.equal((await visitor().signIn(email)).status, 303);
    });

    test('API tokens: created for a person and shown once, work as Bearer, stop when revoked', async () => {
      const { v: admin } = await staff('admin');
      const { email } = await signedUp('Tomas Token');
      const missing = await admin.submit('/admin/tokens', {
        email: 'nobody@example.com',
        label: 'x',
      });
      assert.equal(missing.status, 404);
      assert.match(await missing.text(), /<a href="#token-email">No user has the email/);

      const created = await admin.submit('/admin/tokens', { email, label: 'nightly import' });
      assert.equal(created.status, 200);
      assert.equal(created.headers.get('cache-control'), 'private, no-store');
      const page = await created.text();
      const token = /<code class="secret" id="new-token">(bst_[A-Za-z0-9_-]+)<\/code>/.exec(
        page,
      )?.[1];
      assert.ok(token, 'the new token is on the result page');

      const me = await fetch(`${app.url}/api/v1/me`, {
        headers: { authorization: `Bearer ${token}` },
      });
      assert.equal(me.status, 200);
      assert.equal((await json(me)).user.email, email);

      const list = await (await admin.get('/admin/tokens')).text();
      assert.ok(!list.includes(token), 'the list never shows a token again');
      assert.match(list, /nightly import/);
      const revoke = new RegExp(
        `<th scope="row">nightly import</th>[\\s\\S]*?action="(/admin/tokens/[^"]+/revoke)"`,
      ).exec(list)?.[1];
      assert.ok(revoke, 'a revoke button for it');
      const res = await admin.submit(revoke);
      assert.equal(res.status, 303);
      const revoked = await fetch(`${app.url}/api/v1/me`, {
        headers: { authorization: `Bearer ${token}` },
      });
      assert.equal(revoked.status, 401);
    });

    test('the outbox lists sent mail, newest first, with its body', async () => {
      const { v: admin } = await staff('admin');
      const { email } = await signedUp('Olga Outbox');
      await smtp.next(email);
      await app.services.mail.drain();
      const page = mainOf(await (await admin.get('/admin/outbox')).text());
      const at = page.indexOf(`To ${email}`);
      assert.ok(at > 0, 'the verification mail is listed');
      assert.match(page.slice(at), /sent <time|class="tag tag--ok">sent/);
      assert.match(page, /\/account\/verify\?token=/);
    });
  });
}

describe('without SMTP_URL', () => {
  let db: OpenedStore;
  let app: RunningApp;
  before(async () => {
    assert.ok(sqlite);
    db = await sqlite.open();
    app = await startApp(db, {}, limits);
  });
  after(async () => {
    await app?.close();
    await db?.dispose();
  });

  test('mail stays in the outbox, where admins read it', async () => {
    const reader = new Visitor(app.url);
    assert.equal(
      (await reader.post('/signup', { name: 'Kept Mail', email: 'kept@example.com', password }))
        .status,
      303,
    );
    await app.services.users.create({
      email: 'boss@example.com',
      name: 'Boss',
      role: 'admin',
      password,
    });
    const admin = new Visitor(app.url);
    assert.equal((await admin.signIn('boss@example.com')).status, 303);
    const page = mainOf(await (await admin.get('/admin/outbox')).text());
    assert.match(page, /To kept@example.com/);
    assert.match(page, /Confirm your email/);
    assert.match(page, /kept in the outbox/);
    const link = linkIn(page.replace(/&amp;/g, '&'), '/account/verify');
    assert.equal((await reader.get(link)).status, 200, 'the link from the outbox works');
  });
});

describe('rate limits shared by the form and the API', () => {
  let db: OpenedStore;
  let app: RunningApp;
  before(async () => {
    assert.ok(sqlite);
    db = await sqlite.open();
    app = await startApp(db, {}, { signInPerAccountAddress: { max: 3, windowMs: 60_000 } });
  });
  after(async () => {
    await app?.close();
    await db?.dispose();
  });

  test('sign-in attempts on one account count across the form and the JSON API', async () => {
    const email = 'guessed@example.com';
    const api = () =>
      fetch(`${app.url}/api/v1/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin },
        body: JSON.stringify({ email, password: 'wrong-guess-123' }),
      });
    const form = () => new Visitor(app.url).signIn(email, 'wrong-guess-123');
    assert.equal((await api()).status, 401);
    assert.equal((await form()).status, 401);
    assert.equal((await api()).status, 401);
    const limited = await form();
    assert.equal(limited.status, 429);
    assert.ok(Number(limited.headers.get('retry-after')) > 0);
    assert.equal(
      (await new Visitor(app.url).signIn('other@example.com', 'x-x-x-x-x-x')).status,
      401,
    );
  });
});
