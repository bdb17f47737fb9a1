/**
 * Staff invitations, names and bylines, and author photos through the whole app: the JSON API
 * and the HTML forms (as a browser without JavaScript posts them), with the invitation mail
 * received by a real SMTP server whose link is followed.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { articlePath } from '../src/domain/article.js';
import { newId } from '../src/domain/ids.js';
import type { User } from '../src/domain/user.js';
import { databases, type OpenedStore } from './helpers/databases.js';
import { startApp, type RunningApp } from './helpers/app.js';
import { publishedArticle, signedInPerson, storedPerson, type Person } from './helpers/fixtures.js';
import { json } from './helpers/http.js';
import { jpeg } from './helpers/images.js';
import { startSmtp, type TestSmtp } from './helpers/smtp.js';
import { hashPassword } from '../src/services/passwords.js';

const origin = 'http://broadsheet.test';
const password = 'harbour-lights-at-dusk';
const generous = { max: 1000, windowMs: 60_000 };

/** One browser: its session cookie, and forms posted the way a browser posts them. */
class Visitor {
  cookie: string | null = null;
  constructor(private readonly base: string) {}

  private keep(res: Response): Response {
    for (const line of res.headers.getSetCookie()) {
      const pair = line.split(';')[0] ?? '';
      if (/^(__Host-)?bs_session=/.test(pair)) this.cookie = pair.endsWith('=') ? null : pair;
    }
    return res;
  }

  async get(path: string): Promise<Response> {
    const headers: Record<string, string> = this.cookie ? { cookie: this.cookie } : {};
    return this.keep(await fetch(this.base + path, { redirect: 'manual', headers }));
  }

  async post(path: string, fields: Record<string, string>): Promise<Response> {
    const res = await fetch(this.base + path, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        origin,
        'content-type': 'application/x-www-form-urlencoded',
        ...(this.cookie ? { cookie: this.cookie } : {}),
      },
      body: new URLSearchParams(fields).toString(),
    });
    return this.keep(res);
  }
}

const tokenOf = (link: string) => new URL(link, origin).searchParams.get('token') ?? '';

for (const database of databases()) {
  describe(`staff invitations, names and photos on ${database.name}`, () => {
    let db: OpenedStore;
    let app: RunningApp;
    let smtp: TestSmtp;
    let admin: Person;
    let editor: Person;

    before(async () => {
      smtp = await startSmtp();
      db = await database.open();
      app = await startApp(
        db,
        { SMTP_URL: smtp.url },
        {
          signInPerIp: generous,
          signInPerAccountAddress: generous,
          invitationsPerAdmin: generous,
        },
      );
      admin = await signedInPerson(db.store, app, {
        slug: 'ada',
        name: 'Ada Admin',
        role: 'admin',
      });
      editor = await signedInPerson(db.store, app, { slug: 'eli', role: 'editor' });
    });
    after(async () => {
      await app?.close();
      await db?.dispose();
      await smtp?.close();
    });

    const api = (method: string, path: string, as: Person | null, body?: unknown) =>
      fetch(app.url + path, {
        method,
        headers: {
          origin,
          ...(as ? { cookie: as.cookie } : {}),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });

    /** Invites through the API and answers the link from the mail. */
    async function invite(email: string, role: string): Promise<{ id: string; link: string }> {
      const before = smtp.messages.length;
      const res = await api('POST', '/api/v1/invitations', admin, { email, role });
      assert.equal(res.status, 201, await res.clone().text());
      const { invitation } = await json(res);
      const mail = await smtp.next(email.toLowerCase(), before);
      const link = new RegExp(`${origin}(/invitation\\?token=[A-Za-z0-9_-]{40,})`).exec(
        mail.text,
      )?.[1];
      assert.ok(link, `the mail has the link:\n${mail.text}`);
      return { id: invitation.id, link };
    }

    test('an admin invites by email; the link makes an account with that role and signs in', async () => {
      const { id, link } = await invite('New.Hire@Example.com', 'editor');
      const listed = await json(await api('GET', '/api/v1/invitations', admin));
      const item = listed.items.find((i: { id: string }) => i.id === id);
      assert.equal(item.email, 'new.hire@example.com');
      assert.equal(item.role, 'editor');
      assert.equal(item.state, 'pending');
      assert.equal(item.invitedBy.name, 'Ada Admin');
      assert.ok(!JSON.stringify(listed).includes(tokenOf(link)), 'the token is never listed');

      const invitee = new Visitor(app.url);
      const page = await invitee.get(link);
      assert.equal(page.status, 200);
      assert.match(page.headers.get('cache-control') ?? '', /private|no-store/);
      const text = await page.text();
      assert.match(text, /Ada Admin invites you/);
      assert.match(text, /new\.hire@example\.com/);

      const empty = await invitee.post('/invitation', {
        token: tokenOf(link),
        name: ' ',
        password,
      });
      assert.equal(empty.status, 400);
      const emptyText = await empty.text();
      assert.match(emptyText, /id="name-error"/);
      assert.match(emptyText, /aria-invalid="true"/);
      const weak = await invitee.post('/invitation', {
        token: tokenOf(link),
        name: 'Nia Hire',
        password: 'short',
      });
      assert.equal(weak.status, 400);
      assert.match(await weak.text(), /id="password-error"/);
      assert.equal(await db.store.users.byEmail('new.hire@example.com'), null);

      const done = await invitee.post('/invitation', {
        token: tokenOf(link),
        name: 'Nia Hire',
        password,
      });
      assert.equal(done.status, 303);
      assert.equal(done.headers.get('location'), '/admin/articles');
      assert.ok(invitee.cookie, 'signed in');
      const me = await json(
        await fetch(`${app.url}/api/v1/me`, { headers: { cookie: invitee.cookie ?? '' } }),
      );
      assert.equal(me.user.role, 'editor');
      assert.equal(me.user.name, 'Nia Hire');
      assert.equal(me.user.emailVerified, true);
      assert.equal((await invitee.get('/admin/articles')).status, 200, 'sees the newsroom');

      const again = await new Visitor(app.url).get(link);
      assert.equal(again.status, 410);
      assert.match(await again.text(), /already been accepted/);
      const reused = await new Visitor(app.url).post('/invitation', {
        token: tokenOf(link),
        name: 'Someone Else',
        password,
      });
      assert.equal(reused.status, 410);
      const after = await json(await api('GET', '/api/v1/invitations', admin));
      assert.equal(after.items.find((i: { id: string }) => i.id === id).state, 'accepted');
    });

    test('bad invitations: address, role, a pending one, and who may invite', async () => {
      const cases: [unknown, number, string, string | undefined][] = [
        [{ email: 'not-an-email', role: 'author' }, 400, 'invalid_email', 'email'],
        [{ email: 'x@example.com', role: 'commenter' }, 422, 'role_not_invitable', 'role'],
        [{ email: 'x@example.com', role: 'wizard' }, 422, 'role_not_invitable', 'role'],
        [{ email: 'ada@example.com', role: 'admin' }, 409, 'already_has_role', 'email'],
      ];
      for (const [body, status, condition, field] of cases) {
        const res = await api('POST', '/api/v1/invitations', admin, body);
        assert.equal(res.status, status, JSON.stringify(body));
        const { error } = await json(res);
        assert.equal(error.condition, condition);
        assert.equal(error.field, field);
      }
      await invite('twice@example.com', 'author');
      const second = await api('POST', '/api/v1/invitations', admin, {
        email: 'TWICE@example.com',
        role: 'editor',
      });
      assert.equal(second.status, 409);
      const { error } = await json(second);
      assert.equal(error.condition, 'invitation_pending');
      assert.equal(error.field, 'email');
      const byEditor = await api('POST', '/api/v1/invitations', editor, {
        email: 'y@example.com',
        role: 'author',
      });
      assert.equal(byEditor.status, 403);
      assert.equal((await api('GET', '/api/v1/invitations', editor)).status, 403);
      assert.equal((await api('GET', '/api/v1/invitations', null)).status, 401);
    });

    test('a revoked, an expired and an unknown link each say so', async () => {
      const { id, link } = await invite('revoked@example.com', 'moderator');
      const revoked = await api('DELETE', `/api/v1/invitations/${id}`, admin);
      assert.equal(revoked.status, 200);
      assert.equal((await json(revoked)).invitation.state, 'revoked');
      const page = await new Visitor(app.url).get(link);
      assert.equal(page.status, 410);
      assert.match(await page.text(), /withdrawn/);
      const twice = await api('DELETE', `/api/v1/invitations/${id}`, admin);
      assert.equal(twice.status, 409);
      assert.equal((await api('DELETE', '/api/v1/invitations/nothing', admin)).status, 404);
      // A new invitation may go to the address once the old one is closed.
      await invite('revoked@example.com', 'moderator');

      const token = 'an-expired-invitation-token-of-some-length';
      const long = Date.now() - 8 * 24 * 3600_000;
      await db.store.invitations.create({
        id: newId(long),
        email: 'late@example.com',
        role: 'author',
        tokenHash: createHash('sha256').update(token).digest('base64url'),
        invitedBy: admin.user.id,
        createdAt: new Date(long).toISOString(),
        expiresAt: new Date(long + 7 * 24 * 3600_000).toISOString(),
      });
      const expired = await new Visitor(app.url).get(`/invitation?token=${token}`);
      assert.equal(expired.status, 410);
      assert.match(await expired.text(), /expired/);
      const unknown = await new Visitor(app.url).get(
        '/invitation?token=not-a-token-we-ever-sent-x',
      );
      assert.equal(unknown.status, 404);
      assert.match(await unknown.text(), /not complete or not genuine/);
    });

    test('an address with an account: its owner signs in and accepts; the role changes', async () => {
      const reader = await storedPerson(db.store, {
        slug: 'rhea',
        role: 'commenter',
        passwordHash: await hashPassword(password),
      });
      const { link } = await invite(reader.email, 'author');
      const browser = new Visitor(app.url);
      const anonymous = await (await browser.get(link)).text();
      assert.match(anonymous, /already has an account here/);
      assert.match(anonymous, /Sign in to accept/);

      const stranger = new Visitor(app.url);
      stranger.cookie = editor.cookie;
      const refused = await stranger.post('/invitation/accept', {
        _csrf: editor.csrf,
        token: tokenOf(link),
      });
      assert.equal(refused.status, 403);
      assert.match(await refused.text(), /signed in as/);

      const signedIn = await browser.post('/signin', { email: reader.email, password, next: link });
      assert.equal(signedIn.headers.get('location'), link);
      const page = await (await browser.get(link)).text();
      assert.match(page, /from commenter to author/);
      const csrf = /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';
      const accepted = await browser.post('/invitation/accept', {
        _csrf: csrf,
        token: tokenOf(link),
      });
      assert.equal(accepted.status, 303);
      assert.equal(accepted.headers.get('location'), '/admin/articles');
      assert.equal((await db.store.users.byId(reader.id))?.role, 'author');
    });

    test('names and bylines: admins change anyone’s, people their own; pages follow at once', async () => {
      const writer = await signedInPerson(db.store, app, {
        slug: 'wren',
        name: 'Wren Writer',
        role: 'author',
      });
      const article = await publishedArticle(db.store, {
        headline: 'Tide tables revised',
        authorIds: [writer.user.id],
      });
      const path = articlePath(article);
      const read = async (p: string) => (await fetch(app.url + p)).text();
      assert.match(await read(path), /Wren Writer/);
      await read(path); // now cached

      const renamed = await api('PATCH', `/api/v1/users/${writer.user.id}`, admin, {
        byline: 'W. R. Writer',
      });
      assert.equal(renamed.status, 200);
      const { user } = await json(renamed);
      assert.equal(user.byline, 'W. R. Writer');
      assert.equal(user.name, 'Wren Writer');
      assert.match(await read(path), /W\. R\. Writer/, 'the cached page was dropped');
      assert.match(await read('/author/wren'), /<h1[^>]*>W\. R\. Writer<\/h1>/);

      const own = await api('PATCH', `/api/v1/users/${writer.user.id}`, writer, { name: 'Wren' });
      assert.equal(own.status, 200);
      const empty = await api('PATCH', `/api/v1/users/${writer.user.id}`, writer, { name: '  ' });
      assert.equal(empty.status, 400);
      const { error } = await json(empty);
      assert.equal(error.condition, 'invalid_name');
      assert.equal(error.field, 'name');
      const other = await api('PATCH', `/api/v1/users/${admin.user.id}`, writer, { name: 'Eve' });
      assert.equal(other.status, 403);
      const missing = await api('PATCH', '/api/v1/users/nobody', admin, { name: 'Nobody' });
      assert.equal(missing.status, 404);

      // The forms: /account for oneself, /admin/users for an admin.
      const browser = new Visitor(app.url);
      browser.cookie = writer.cookie;
      const form = await browser.post('/account/names', {
        _csrf: writer.csrf,
        name: '',
        byline: 'W. Writer',
      });
      assert.equal(form.status, 400);
      assert.match(await form.text(), /id="names-name-error"/);
      const saved = await browser.post('/account/names', {
        _csrf: writer.csrf,
        name: 'Wren W.',
        byline: '',
      });
      assert.equal(saved.status, 303);
      assert.match(await read(path), /Wren W\./);
      const adminBrowser = new Visitor(app.url);
      adminBrowser.cookie = admin.cookie;
      const byAdmin = await adminBrowser.post(`/admin/users/${writer.user.id}/names`, {
        _csrf: admin.csrf,
        name: 'Wren Writer',
        byline: 'Wren, Harbour Desk',
      });
      assert.equal(byAdmin.status, 303);
      const after: User | null = await db.store.users.byId(writer.user.id);
      assert.equal(after?.byline, 'Wren, Harbour Desk');
    });

    test('/admin/users: invite with the form, see the list, revoke', async () => {
      const browser = new Visitor(app.url);
      browser.cookie = admin.cookie;
      const bad = await browser.post('/admin/users/invitations', {
        _csrf: admin.csrf,
        email: 'nope',
        role: 'author',
      });
      assert.equal(bad.status, 400);
      const badText = await bad.text();
      assert.match(badText, /id="invite-email-error"/);
      assert.match(badText, /value="nope"/);
      const sent = await browser.post('/admin/users/invitations', {
        _csrf: admin.csrf,
        email: 'form.hire@example.com',
        role: 'moderator',
      });
      assert.equal(sent.status, 303);
      assert.equal(sent.headers.get('location'), '/admin/users?done=invited');
      await smtp.next('form.hire@example.com');
      const list = await (await browser.get('/admin/users?done=invited')).text();
      assert.match(list, /The invitation has been sent/);
      const id = /action="\/admin\/users\/invitations\/([^/]+)\/revoke"/.exec(list)?.[1];
      assert.ok(id);
      assert.match(list, /form\.hire@example\.com/);
      const revoked = await browser.post(`/admin/users/invitations/${id}/revoke`, {
        _csrf: admin.csrf,
      });
      assert.equal(revoked.status, 303);
      const again = await browser.post(`/admin/users/invitations/${id}/revoke`, {
        _csrf: admin.csrf,
      });
      assert.equal(again.status, 409);
    });

    test('staff upload their author photo from /account; it shows on their author page', async () => {
      const writer = await signedInPerson(db.store, app, {
        slug: 'pia',
        name: 'Pia',
        role: 'author',
      });
      const send = async (file: Blob | null) => {
        const form = new FormData();
        form.set('_csrf', writer.csrf);
        if (file) form.set('file', file, 'me.jpg');
        return fetch(`${app.url}/account/photo`, {
          method: 'POST',
          redirect: 'manual',
          headers: { origin, cookie: writer.cookie },
          body: form,
        });
      };
      const none = await send(null);
      assert.equal(none.status, 400);
      assert.match(await none.text(), /id="photo-file-error"/);
      const notImage = await send(new Blob(['just text'], { type: 'image/jpeg' }));
      assert.equal(notImage.status, 415);
      const ok = await send(new Blob([await jpeg(400, 300)], { type: 'image/jpeg' }));
      assert.equal(ok.status, 303);
      assert.equal(ok.headers.get('location'), '/account?done=photo');
      const photo = (await db.store.users.byId(writer.user.id))?.photoUrl ?? '';
      assert.match(photo, /^\/images\/[0-9a-f]{32}\.jpg$/);
      const image = await fetch(app.url + photo);
      assert.equal(image.status, 200);
      const page = await (await fetch(`${app.url}/author/pia`)).text();
      assert.ok(page.includes(`src="${photo}"`), 'the author page shows it');
      const commenter = await signedInPerson(db.store, app, { role: 'commenter' });
      const form = new FormData();
      form.set('_csrf', commenter.csrf);
      form.set('file', new Blob([await jpeg(50, 50)], { type: 'image/jpeg' }), 'x.jpg');
      const refused = await fetch(`${app.url}/account/photo`, {
        method: 'POST',
        redirect: 'manual',
        headers: { origin, cookie: commenter.cookie },
        body: form,
      });
      assert.equal(refused.status, 403);
    });
  });
}
