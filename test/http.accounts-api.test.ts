/** The accounts API through the whole app, with mail received by a real SMTP server. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { databases, type OpenedStore } from './helpers/databases.js';
import { startApp, type RunningApp } from './helpers/app.js';
import { json } from './helpers/http.js';
import { startSmtp, type TestSmtp } from './helpers/smtp.js';

const password = 'harbour-lights-at-dusk';

function sessionCookie(res: Response): string {
  const header = res.headers.getSetCookie().find((c) => /^(__Host-)?bs_session=/.test(c));
  assert.ok(header, 'a session cookie is set');
  return header.split(';')[0] as string;
}

for (const database of databases()) {
  describe(`accounts API on ${database.name}`, () => {
    let db: OpenedStore;
    let app: RunningApp;
    let smtp: TestSmtp;
    before(async () => {
      smtp = await startSmtp();
      db = await database.open();
      app = await startApp(db, { SMTP_URL: smtp.url });
    });
    after(async () => {
      await app?.close();
      await db?.dispose();
      await smtp?.close();
    });

    const call = (
      method: string,
      path: string,
      body?: unknown,
      headers: Record<string, string> = {},
    ) =>
      fetch(app.url + path, {
        method,
        redirect: 'manual',
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          origin: 'http://broadsheet.test',
          ...headers,
        },
        ...(body === undefined
          ? {}
          : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      });

    test('sign up makes a commenter, signs them in and emails a verification link', async () => {
      const res = await call('POST', '/api/v1/users', {
        email: 'Mara@Example.com',
        name: 'Mara Quill',
        password,
      });
      assert.equal(res.status, 201);
      const { user } = await json(res);
      assert.equal(user.email, 'mara@example.com');
      assert.equal(user.role, 'commenter');
      assert.equal(user.emailVerified, false);
      const setCookie = res.headers.getSetCookie().join('\n');
      assert.match(setCookie, /bs_session=[A-Za-z0-9_-]{40,}/);
      assert.match(setCookie, /HttpOnly/i);
      assert.match(setCookie, /SameSite=Lax/i);
      assert.match(setCookie, /Path=\//);
      const me = await json(
        await call('GET', '/api/v1/me', undefined, { cookie: sessionCookie(res) }),
      );
      assert.equal(me.user.id, user.id);
      const mail = await smtp.next('mara@example.com');
      assert.match(mail.subject, /Confirm your email/);
      assert.match(
        mail.text,
        /http:\/\/broadsheet\.test\/account\/verify\?token=[A-Za-z0-9_-]{40,}/,
      );
    });

    test('sign-up input is checked and nothing extra is assigned', async () => {
      const cases: [unknown, number, RegExp][] = [
        [
          { email: 'short@example.com', name: 'Short', password: 'abc12345' },
          400,
          /at least 10 characters/,
        ],
        [
          { email: 'common@example.com', name: 'Common', password: '1234567890' },
          400,
          /most common/,
        ],
        [{ email: 'not-an-email', name: 'X', password }, 400, /valid email/],
        [{ email: 'mara@example.com', name: 'Again', password }, 409, /already exists/],
        [
          { email: 'admin-wannabe@example.com', name: 'Eve', password, role: 'admin' },
          400,
          /additional properties|must NOT have/i,
        ],
        [{ email: 'types@example.com', name: 42, password }, 400, /name/],
      ];
      for (const [body, status, message] of cases) {
        const res = await call('POST', '/api/v1/users', body);
        assert.equal(res.status, status, JSON.stringify(body));
        const error = (await json(res)).error;
        assert.match(error.message, message, JSON.stringify(body));
      }
      assert.equal(await db.store.users.byEmail('admin-wannabe@example.com'), null);
      const proto = await call(
        'POST',
        '/api/v1/users',
        '{"email":"p@example.com","name":"P","password":"harbour-lights-at-dusk","__proto__":{"role":"admin"}}',
      );
      assert.equal(proto.status, 400);
      assert.equal(await db.store.users.byEmail('p@example.com'), null);
    });

    test('sign-in answers the same for an unknown account and a wrong password', async () => {
      const unknown = await call('POST', '/api/v1/session', {
        email: 'nobody@example.com',
        password,
      });
      const wrong = await call('POST', '/api/v1/session', {
        email: 'mara@example.com',
        password: 'not-the-password',
      });
      assert.equal(unknown.status, 401);
      assert.equal(wrong.status, 401);
      assert.equal(await unknown.text(), await wrong.text());
      assert.equal(unknown.headers.get('set-cookie'), null);
    });

    test('signing in issues a new session id every time, and signing out ends all of them', async () => {
      const first = sessionCookie(
        await call('POST', '/api/v1/session', { email: 'mara@example.com', password }),
      );
      const second = sessionCookie(
        await call('POST', '/api/v1/session', { email: 'MARA@example.com', password }),
      );
      assert.notEqual(first, second);
      assert.equal((await call('GET', '/api/v1/me', undefined, { cookie: first })).status, 200);
      const out = await call('DELETE', '/api/v1/session', undefined, { cookie: first });
      assert.equal(out.status, 204);
      assert.match(out.headers.getSetCookie().join(''), /bs_session=;/);
      assert.equal((await call('GET', '/api/v1/me', undefined, { cookie: first })).status, 401);
      assert.equal((await call('GET', '/api/v1/me', undefined, { cookie: second })).status, 401);
      assert.equal((await call('GET', '/api/v1/me')).status, 401);
    });

    test('the session id is stored only as a hash', async () => {
      const cookie = sessionCookie(
        await call('POST', '/api/v1/session', { email: 'mara@example.com', password }),
      );
      const raw = cookie.split('=')[1] as string;
      assert.ok(raw.length >= 43, 'at least 256 bits');
      const { hashSessionId } = await import('../src/services/sessions.js');
      assert.ok(await db.store.sessions.find(hashSessionId(raw), new Date().toISOString()));
      assert.equal(await db.store.sessions.find(raw, new Date().toISOString()), null);
    });

    test('API tokens authenticate as Bearer until revoked', async () => {
      const { token } = await app.services.tokens.create('mara@example.com', 'test');
      const me = await call('GET', '/api/v1/me', undefined, { authorization: `Bearer ${token}` });
      assert.equal(me.status, 200);
      assert.equal((await json(me)).user.email, 'mara@example.com');
      const [info] = (await app.services.tokens.list()).filter((t) => t.label === 'test');
      assert.ok(info);
      await app.services.tokens.revoke(info.id);
      assert.equal(
        (await call('GET', '/api/v1/me', undefined, { authorization: `Bearer ${token}` })).status,
        401,
      );
      assert.equal(
        (await call('GET', '/api/v1/me', undefined, { authorization: 'Bearer bst_nonsense' }))
          .status,
        401,
      );
    });

    test('a password reset request answers the same whether or not the account exists, and mails only real ones', async () => {
      const before = smtp.messages.length;
      const known = await call('POST', '/api/v1/password-resets', { email: 'mara@example.com' });
      const unknown = await call('POST', '/api/v1/password-resets', { email: 'ghost@example.com' });
      assert.equal(known.status, 202);
      assert.equal(unknown.status, 202);
      assert.equal(await known.text(), await unknown.text());
      const mail = await smtp.next('mara@example.com', before);
      assert.match(mail.text, /\/account\/reset\?token=[A-Za-z0-9_-]{40,}/);
      // Every delivery either request started has reached the SMTP server by now.
      await app.services.mail.drain();
      assert.ok(!smtp.messages.some((m) => m.to.includes('ghost@example.com')));
    });
  });
}

describe('accounts API under https', () => {
  test('the session cookie is Secure with the __Host- prefix, and HSTS is sent', async () => {
    const [database] = databases();
    assert.ok(database);
    const db = await database.open();
    const app = await startApp(db, { BASE_URL: 'https://news.example' });
    try {
      const res = await fetch(`${app.url}/api/v1/users`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'https://news.example' },
        body: JSON.stringify({ email: 'sec@example.com', name: 'Sec', password }),
      });
      assert.equal(res.status, 201);
      const cookie = res.headers.getSetCookie().join('\n');
      assert.match(cookie, /^__Host-bs_session=/m);
      assert.match(cookie, /; Secure/i);
      assert.doesNotMatch(cookie, /Domain=/i);
      assert.match(res.headers.get('strict-transport-security') ?? '', /max-age=\d+/);
    } finally {
      await app.close();
      await db.dispose();
    }
  });
});
