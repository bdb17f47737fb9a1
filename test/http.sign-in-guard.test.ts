/**
 * Sign-in protection that an attacker cannot turn against the owner (issue #25 §3): failures are
 * counted per account and address, and per account from places it was never used from; the owner
 * is told by email; the reset link always works. Over HTTP, on both databases, with client
 * addresses set through X-Forwarded-For from the trusted proxy.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { hashPassword } from '../src/services/passwords.js';
import { startApp, type RunningApp } from './helpers/app.js';
import { databases, type OpenedStore } from './helpers/databases.js';
import { storedPerson } from './helpers/fixtures.js';
import { json } from './helpers/http.js';

const password = 'lanterns-over-the-harbour';
const generous = { max: 100_000, windowMs: 60_000 };

for (const database of databases()) {
  describe(`sign-in without lockout (${database.name})`, () => {
    let db: OpenedStore;
    let app: RunningApp;
    let email: string;

    before(async () => {
      db = await database.open();
      app = await startApp(
        db,
        { TRUST_PROXY: '127.0.0.1' },
        {
          signInPerIp: generous,
          signInPerAccountAddress: { max: 10, windowMs: 15 * 60_000 },
          signInPerAccountUnknown: { max: 60, windowMs: 15 * 60_000 },
          signInAlertAfter: 10,
        },
      );
    });
    after(async () => {
      await app?.close();
      await db?.dispose();
    });

    const owner = async (slug: string) => {
      const user = await storedPerson(db.store, {
        slug,
        passwordHash: await hashPassword(password),
      });
      email = user.email;
      return user;
    };
    const signIn = (from: string, attempt: string, who = email) =>
      fetch(`${app.url}/api/v1/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
        body: JSON.stringify({ email: who, password: attempt }),
      });
    const alerts = async (to: string) =>
      (await db.store.outbox.list(200)).filter(
        (m) => m.to === to && /trying to sign in/.test(m.subject),
      );

    test("an attacker's 50 wrong tries from other addresses do not stop the owner", async () => {
      const user = await owner('harbour-master');
      for (let i = 1; i <= 50; i++) {
        const res = await signIn(`198.51.100.${i}`, `guess-number-${i}`);
        assert.equal(res.status, 401, `attempt ${i}`);
      }
      // From their own address, never used before either, the owner gets in.
      const mine = await signIn('203.0.113.7', password);
      assert.equal(mine.status, 200);
      assert.equal((await json(mine)).user.email, user.email);
      // The owner was told once, with the way in that no limit stops.
      const sent = await alerts(user.email);
      assert.equal(sent.length, 1);
      assert.match(sent[0]!.text, /50|1\d attempts/);
      assert.match(sent[0]!.text, /http:\/\/broadsheet\.test\/account\/forgot/);
    });

    test('ten failures from one address pause that address only, and say how to get in', async () => {
      const user = await owner('ferry-clerk');
      for (let i = 0; i < 10; i++) assert.equal((await signIn('192.0.2.66', 'wrong')).status, 401);
      const paused = await signIn('192.0.2.66', password);
      assert.equal(paused.status, 429, 'even the right password waits at that address');
      assert.match(paused.headers.get('retry-after') ?? '', /^\d+$/);
      const body = await json(paused);
      assert.equal(body.error.condition, 'sign_in_paused_here');
      assert.match(body.error.message, /Forgotten your password/);
      // Anyone else, at any other address, is not affected.
      assert.equal((await signIn('192.0.2.67', password)).status, 200);
      const other = await owner('net-mender');
      assert.equal((await signIn('192.0.2.66', password, other.email)).status, 200);
      // The reset link is still there for the paused owner.
      const reset = await fetch(`${app.url}/api/v1/password-resets`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': '192.0.2.66' },
        body: JSON.stringify({ email: user.email }),
      });
      assert.ok(reset.status < 300, `reset request answered ${reset.status}`);
    });

    test('a correct password starts the address’s count again', async () => {
      await owner('lock-keeper');
      for (let round = 0; round < 3; round++) {
        for (let i = 0; i < 9; i++) assert.equal((await signIn('192.0.2.80', 'wrong')).status, 401);
        assert.equal((await signIn('192.0.2.80', password)).status, 200, `round ${round}`);
      }
    });

    test('past the cap, only places the account was used from may try', async () => {
      const user = await owner('pilot-boat');
      assert.equal((await signIn('203.0.113.50', password)).status, 200, 'home, known from now');
      for (let i = 1; i <= 60; i++) {
        assert.equal((await signIn(`198.18.0.${i}`, 'wrong')).status, 401, `attempt ${i}`);
      }
      const stranger = await signIn('198.18.1.1', password);
      assert.equal(stranger.status, 429);
      assert.equal((await json(stranger)).error.condition, 'sign_in_paused_elsewhere');
      // At home the owner still gets in, and a typo there is an ordinary 401.
      assert.equal((await signIn('203.0.113.50', 'typo')).status, 401);
      assert.equal((await signIn('203.0.113.50', password)).status, 200);
      assert.equal((await alerts(user.email)).length, 1, 'one alert an hour');
    });

    test('a burst of wrong tries at once stops at the limit', async () => {
      await owner('night-watch');
      const answers = await Promise.all(
        Array.from({ length: 25 }, () => signIn('192.0.2.99', 'wrong-at-once')),
      );
      const statuses = answers.map((r) => r.status).sort();
      assert.equal(statuses.filter((s) => s === 401).length, 10, statuses.join(' '));
      assert.equal(statuses.filter((s) => s === 429).length, 15, statuses.join(' '));
    });
  });
}
