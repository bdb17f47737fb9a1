/**
 * The security baseline, each rule proven by a test that fails when the rule is removed:
 * CSRF and same-origin checks, content types, malformed and oversized bodies, rate limits that
 * a spoofed X-Forwarded-For cannot bypass, and a server that cuts off trickling clients.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { databases, type OpenedStore } from './helpers/databases.js';
import { startApp, type RunningApp } from './helpers/app.js';
import { signedInPerson } from './helpers/fixtures.js';
import { json } from './helpers/http.js';
import { loadDemoIfEmpty } from '../src/services/demo.js';
import { withDeadline } from './helpers/wait.js';

const password = 'quay-lamps-in-the-rain';
const [database] = databases();
assert.ok(database);

async function withApp(
  limits: Parameters<typeof startApp>[2],
  env: Record<string, string>,
  work: (app: RunningApp, db: OpenedStore) => Promise<void>,
) {
  const db = await database!.open();
  const app = await startApp(db, env, limits);
  try {
    await work(app, db);
  } finally {
    await app.close();
    await db.dispose();
  }
}

describe('CSRF and same-origin checks', () => {
  let db: OpenedStore;
  let app: RunningApp;
  let cookie: string;
  before(async () => {
    db = await database.open();
    app = await startApp(db);
    await app.services.accounts.signUp({ email: 'cs@example.com', name: 'Cee Ess', password });
    const { sessionId } = await app.services.accounts.signIn('cs@example.com', password);
    cookie = `bs_session=${sessionId}`;
  });
  after(async () => {
    await app?.close();
    await db?.dispose();
  });

  const signOut = (headers: Record<string, string>) =>
    fetch(`${app.url}/api/v1/session`, { method: 'DELETE', headers: { cookie, ...headers } });
  const stillSignedIn = async () =>
    (await fetch(`${app.url}/api/v1/me`, { headers: { cookie } })).status === 200;

  test('a cookie-authenticated change from another site is refused', async () => {
    const res = await signOut({ origin: 'https://evil.example' });
    assert.equal(res.status, 403);
    assert.equal((await json(res)).error.code, 'forbidden');
    assert.equal((await signOut({ 'sec-fetch-site': 'cross-site' })).status, 403);
    assert.equal((await signOut({ origin: 'null' })).status, 403);
    assert.ok(await stillSignedIn());
  });

  test('a cookie-authenticated JSON change without Origin or Sec-Fetch-Site is refused', async () => {
    assert.equal((await signOut({})).status, 403);
    assert.ok(await stillSignedIn());
  });

  test('GET never changes state', async () => {
    for (const path of ['/api/v1/session', '/signout']) {
      const res = await fetch(app.url + path, { headers: { cookie }, redirect: 'manual' });
      assert.ok(res.status === 404 || res.status === 405, `${path}: ${res.status}`);
    }
    assert.ok(await stillSignedIn());
  });

  test('the same change from this site goes through', async () => {
    assert.equal((await signOut({ origin: 'http://broadsheet.test' })).status, 204);
    assert.equal(await stillSignedIn(), false);
  });
});

describe('bodies that never reach a JSON handler', () => {
  let db: OpenedStore;
  let app: RunningApp;
  before(async () => {
    db = await database.open();
    app = await startApp(db);
  });
  after(async () => {
    await app?.close();
    await db?.dispose();
  });

  const post = (body: string, type: string) =>
    fetch(`${app.url}/api/v1/session`, { method: 'POST', headers: { 'content-type': type }, body });

  test('text/plain and form-encoded bodies get 415', async () => {
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
    ]) {
      const res = await post('email=a@example.com&password=x', type);
      assert.equal(res.status, 415, type);
      assert.equal((await json(res)).error.code, 'unsupported_media_type');
    }
  });

  test('malformed JSON is a 400 in the error model', async () => {
    const res = await post('{"email": "a@example.com", ', 'application/json');
    assert.equal(res.status, 400);
    const body = await json(res);
    assert.equal(body.error.code, 'bad_request');
    assert.match(body.error.message, /JSON/);
  });

  test('a wrong type is a 400 that names the field', async () => {
    const res = await post(JSON.stringify({ email: ['a'], password: 'x' }), 'application/json');
    assert.equal(res.status, 400);
    assert.match((await json(res)).error.message, /email/);
  });

  test('a body over the limit is a 413 in the error model', async () => {
    const res = await post(
      JSON.stringify({ email: 'a@example.com', password: 'x'.repeat(1024 * 1024 + 10) }),
      'application/json',
    );
    assert.equal(res.status, 413);
    assert.equal((await json(res)).error.code, 'payload_too_large');
  });
});

describe('server errors', () => {
  test('a 5xx says something went wrong and leaks nothing', async () => {
    await withApp({}, {}, async (app, db) => {
      await db.store.close(); // every query now fails inside the driver
      for (const path of ['/api/v1/articles', '/']) {
        const res = await fetch(app.url + path);
        assert.equal(res.status, 500, path);
        const text = await res.text();
        assert.match(text, /Something went wrong on our side/);
        assert.doesNotMatch(text, /destroyed|kysely|sqlite|Error:|at .*\.ts|node_modules|stack/i);
      }
      assert.equal((await fetch(`${app.url}/readyz`)).status, 503);
    });
  });
});

describe('rate limits', () => {
  const signIn = (app: RunningApp, email: string, headers: Record<string, string> = {}) =>
    fetch(`${app.url}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ email, password: 'wrong-password-here' }),
    });

  test('sign-in per address: 429 with Retry-After, and a spoofed X-Forwarded-For does not help', async () => {
    await withApp({ signInPerIp: { max: 3, windowMs: 60_000 } }, {}, async (app) => {
      for (let i = 0; i < 3; i++)
        assert.equal((await signIn(app, `u${i}@example.com`)).status, 401);
      const limited = await signIn(app, 'u9@example.com', {
        'x-forwarded-for': `203.0.113.${Math.floor(Math.random() * 200)}`,
      });
      assert.equal(limited.status, 429);
      assert.match(limited.headers.get('retry-after') ?? '', /^\d+$/);
      const body = await json(limited);
      assert.equal(body.error.code, 'rate_limited');
      assert.match(body.error.message, /Try again in \d+ seconds/);
    });
  });

  test('with TRUST_PROXY naming the proxy, each forwarded client has its own allowance', async () => {
    await withApp(
      { signInPerIp: { max: 2, windowMs: 60_000 } },
      { TRUST_PROXY: '127.0.0.1' },
      async (app) => {
        for (let i = 0; i < 2; i++) {
          assert.equal(
            (await signIn(app, 'a@example.com', { 'x-forwarded-for': '198.51.100.1' })).status,
            401,
          );
        }
        assert.equal(
          (await signIn(app, 'a@example.com', { 'x-forwarded-for': '198.51.100.1' })).status,
          429,
        );
        assert.equal(
          (await signIn(app, 'a@example.com', { 'x-forwarded-for': '198.51.100.2' })).status,
          401,
        );
      },
    );
  });

  test('sign-in per account and address: guessing one account is limited, others still work', async () => {
    await withApp({ signInPerAccountAddress: { max: 2, windowMs: 60_000 } }, {}, async (app) => {
      assert.equal((await signIn(app, 'target@example.com')).status, 401);
      assert.equal((await signIn(app, 'TARGET@example.com')).status, 401);
      assert.equal((await signIn(app, 'target@example.com')).status, 429);
      assert.equal((await signIn(app, 'someone-else@example.com')).status, 401);
    });
  });

  test('sign-up per address', async () => {
    await withApp({ signUpPerIp: { max: 1, windowMs: 60_000 } }, {}, async (app) => {
      const signUp = (email: string) =>
        fetch(`${app.url}/api/v1/users`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email, name: 'N', password }),
        });
      assert.equal((await signUp('one@example.com')).status, 201);
      assert.equal((await signUp('two@example.com')).status, 429);
    });
  });

  test('posting comments per person, with staff exempt', async () => {
    await withApp({ commentPostsPerPerson: { max: 2, windowMs: 60_000 } }, {}, async (app, db) => {
      await loadDemoIfEmpty(db.store);
      const [article] = (await app.services.reading.published({}, undefined, 1)).items;
      assert.ok(article);
      const person = async (role: 'commenter' | 'editor') =>
        (await signedInPerson(db.store, app, { role })).cookie;
      const post = (cookie: string, n: number) =>
        fetch(`${app.url}/api/v1/articles/${article.id}/comments`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: 'http://broadsheet.test', cookie },
          body: JSON.stringify({ body: `Comment number ${n} from the quay.` }),
        });
      const commenter = await person('commenter');
      assert.equal((await post(commenter, 1)).status, 201);
      assert.equal((await post(commenter, 2)).status, 201);
      const limited = await post(commenter, 3);
      assert.equal(limited.status, 429);
      assert.match(limited.headers.get('retry-after') ?? '', /^\d+$/);
      const editor = await person('editor');
      for (let n = 1; n <= 4; n++)
        assert.equal((await post(editor, n)).status, 201, `editor post ${n}`);
    });
  });

  test('password reset per address', async () => {
    await withApp({ passwordResetPerIp: { max: 1, windowMs: 60_000 } }, {}, async (app) => {
      const reset = () =>
        fetch(`${app.url}/api/v1/password-resets`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: 'x@example.com' }),
        });
      assert.equal((await reset()).status, 202);
      assert.equal((await reset()).status, 429);
    });
  });
});

describe('slow clients', () => {
  test('a client that trickles its request in is cut off', async () => {
    await withApp({ requestTimeoutMs: 1000, headersTimeoutMs: 1000 }, {}, async (app) => {
      const { port } = new URL(app.url);
      const socket = net.connect(Number(port), '127.0.0.1');
      const closed = new Promise<{ at: number; data: string }>((resolve) => {
        let data = '';
        socket.on('data', (d) => (data += d.toString()));
        socket.on('close', () => resolve({ at: Date.now(), data }));
      });
      await withDeadline(
        new Promise<void>((resolve) => socket.once('connect', () => resolve())),
        5_000,
        'the connection',
      );
      const started = Date.now();
      const request =
        'POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{';
      let i = 0;
      const trickle = setInterval(() => {
        if (socket.destroyed || i >= request.length) return clearInterval(trickle);
        socket.write(request[i++] ?? '');
      }, 200);
      const { at, data } = await withDeadline(closed, 15_000, 'the server to hang up').finally(
        () => {
          clearInterval(trickle);
          socket.destroy();
        },
      );
      assert.ok(at - started < 15_000, `closed after ${at - started} ms`);
      assert.ok(i < request.length, 'the server hung up before the request was complete');
      assert.ok(data === '' || /^HTTP\/1\.1 408/.test(data), data);
    });
  });
});
