/**
 * Passkeys through the whole app, on every database, with a software authenticator that makes
 * real keys and signatures (helpers/webauthn.ts): signing up with a passkey and no password,
 * signing in with one (a new session each time), adding and removing them on /account, the last
 * way in kept; challenges single use; one answer for every failed sign-in; CSRF on every POST;
 * the sign-in record on /account, in the download and gone with the account.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { databases, type OpenedStore } from './helpers/databases.js';
import { startApp, type RunningApp } from './helpers/app.js';
import { json } from './helpers/http.js';
import { createCredential, signInWith, type SoftCredential } from './helpers/webauthn.js';

const origin = 'http://broadsheet.test';
const generous = { max: 1000, windowMs: 60_000 };
const limits = {
  signInPerIp: generous,
  signInPerAccountAddress: generous,
  signUpPerIp: generous,
};

/** One browser: its session cookie, JSON and forms sent as the page's script and forms send them. */
class Browser {
  cookie: string | null = null;
  constructor(private readonly base: string) {}

  private keep(res: Response): Response {
    for (const line of res.headers.getSetCookie()) {
      const pair = line.split(';')[0] ?? '';
      if (!/^(__Host-)?bs_session=/.test(pair)) continue;
      this.cookie = pair.endsWith('=') ? null : pair;
    }
    return res;
  }

  private headers(extra: Record<string, string>): Record<string, string> {
    return { ...(this.cookie ? { cookie: this.cookie } : {}), ...extra };
  }

  async get(path: string): Promise<Response> {
    return this.keep(
      await fetch(this.base + path, { redirect: 'manual', headers: this.headers({}) }),
    );
  }

  async page(path: string): Promise<string> {
    const res = await this.get(path);
    assert.equal(res.status, 200, path);
    return res.text();
  }

  async postJson(path: string, body: unknown, from: string | null = origin): Promise<Response> {
    const res = await fetch(this.base + path, {
      method: 'POST',
      redirect: 'manual',
      headers: this.headers({
        'content-type': 'application/json',
        accept: 'application/json',
        ...(from ? { origin: from } : {}),
      }),
      body: JSON.stringify(body),
    });
    return this.keep(res);
  }

  async form(path: string, fields: Record<string, string> = {}): Promise<Response> {
    const page = await this.page('/account');
    const token = /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';
    const res = await fetch(this.base + path, {
      method: 'POST',
      redirect: 'manual',
      headers: this.headers({ 'content-type': 'application/x-www-form-urlencoded', origin }),
      body: new URLSearchParams({ _csrf: token, ...fields }).toString(),
    });
    return this.keep(res);
  }
}

function mainOf(page: string): string {
  return page.slice(page.indexOf('<main'), page.indexOf('</main>'));
}

for (const database of databases()) {
  describe(`passkeys over HTTP on ${database.name}`, () => {
    let db: OpenedStore;
    let app: RunningApp;
    before(async () => {
      db = await database.open();
      app = await startApp(db, {}, limits);
    });
    after(async () => {
      await app?.close();
      await db?.dispose();
    });

    let people = 0;
    /** A new person signed up with a passkey alone; their browser is signed in. */
    async function signedUpWithPasskey(name = `Reader ${++people}`) {
      const browser = new Browser(app.url);
      const email = `passkey-${people}-${Date.now()}@example.com`;
      const optionsRes = await browser.postJson('/signup/passkey/options', { name, email });
      assert.equal(optionsRes.status, 200, await optionsRes.clone().text());
      const options = await json(optionsRes);
      const { credential, response } = createCredential(options, origin);
      const res = await browser.postJson('/signup/passkey', { name: 'Laptop', response });
      assert.equal(res.status, 200, await res.clone().text());
      assert.deepEqual(await json(res), { redirect: '/account?done=welcome' });
      assert.ok(browser.cookie, 'signed in');
      return { browser, email, name, credential, response };
    }

    async function signIn(browser: Browser, credential: SoftCredential, from = origin) {
      const options = await json(await browser.postJson('/signin/passkey/options', {}));
      const response = signInWith(credential, options, from);
      return {
        res: await browser.postJson('/signin/passkey', { response, next: '/account' }),
        response,
      };
    }

    test('signing up with a passkey makes an account with no password, signed in', async () => {
      const browser = new Browser(app.url);
      const email = `only-passkey-${Date.now()}@example.com`;
      const optionsRes = await browser.postJson('/signup/passkey/options', {
        name: 'Pat Passkey',
        email,
      });
      assert.equal(optionsRes.status, 200);
      assert.equal(optionsRes.headers.get('cache-control'), 'no-store');
      const options = await json(optionsRes);
      assert.equal(options.rp.id, 'broadsheet.test');
      assert.equal(options.authenticatorSelection.residentKey, 'required');
      assert.equal(options.authenticatorSelection.userVerification, 'required');
      const { response } = createCredential(options, origin);
      const res = await browser.postJson('/signup/passkey', { name: 'Laptop', response });
      assert.equal(res.status, 200);
      const user = await db.store.users.byEmail(email);
      assert.ok(user);
      assert.equal(await db.store.users.passwordHash(user.id), null, 'no password');
      assert.equal(user.emailVerifiedAt, null, 'the address is confirmed by its link, as before');
      const outbox = await db.store.outbox.list(50);
      assert.ok(outbox.some((m) => m.to === email && m.text.includes('/account/verify?token=')));
      const page = mainOf(await browser.page('/account'));
      assert.match(page, /Pat Passkey/);
      assert.match(page, /<strong>Laptop<\/strong>/);
      assert.match(page, /Signed in with passkey “Laptop” on \d{1,2} \w+ \d{4}, \d\d:\d\d/);
      // Its only way in: no button removes it.
      assert.match(page, /This passkey is your only way to sign in/);
      assert.doesNotMatch(page, /Remove “Laptop”/);

      // The same answer sent again finds its challenge used.
      const again = await new Browser(app.url).postJson('/signup/passkey', {
        name: 'Laptop',
        response,
      });
      assert.equal(again.status, 400);
      assert.equal((await json(again)).error.condition, 'passkey_not_saved');
    });

    test('sign-up with a passkey checks the name and address as the password form does', async () => {
      const { email } = await signedUpWithPasskey();
      const browser = new Browser(app.url);
      const taken = await browser.postJson('/signup/passkey/options', { name: 'Someone', email });
      assert.equal(taken.status, 409);
      assert.equal((await json(taken)).error.condition, 'email_taken');
      const bad = await browser.postJson('/signup/passkey/options', {
        name: 'Someone',
        email: 'not-an-address',
      });
      assert.equal(bad.status, 400);
      const body = await json(bad);
      assert.equal(body.error.condition, 'invalid_email');
      assert.equal(body.error.field, 'email');
    });

    test('signing in with a passkey starts a new session and is recorded', async () => {
      const { credential, browser: first } = await signedUpWithPasskey('Sam Signer');
      const browser = new Browser(app.url);
      const { res, response } = await signIn(browser, credential);
      assert.equal(res.status, 200, await res.clone().text());
      assert.deepEqual(await json(res), { redirect: '/account' });
      assert.ok(browser.cookie);
      assert.notEqual(browser.cookie, first.cookie, 'a session of its own');
      const page = mainOf(await browser.page('/account'));
      assert.match(page, /Sam Signer/);
      assert.equal(page.match(/Signed in with passkey “Laptop” on/g)?.length, 2);
      assert.match(page, /last used \d{1,2} \w+ \d{4}, \d\d:\d\d/);

      // The answer sent again: its challenge is gone.
      const replay = await browser.postJson('/signin/passkey', { response });
      assert.equal(replay.status, 401);
      assert.equal((await json(replay)).error.condition, 'passkey_failed');
    });

    test('every failed passkey sign-in gets the same answer', async () => {
      const { credential } = await signedUpWithPasskey();
      const browser = new Browser(app.url);
      const answers: unknown[] = [];
      // A passkey nobody registered.
      const stranger = createCredential(
        { challenge: 'x', rp: { id: 'broadsheet.test' }, user: { id: 'x' } },
        origin,
      ).credential;
      // A phishing site's origin; a signature by the wrong key; an unknown challenge.
      const phished = await signIn(browser, credential, 'http://broadsheet-login.example');
      answers.push([phished.res.status, await json(phished.res)]);
      const unknown = await signIn(browser, stranger);
      answers.push([unknown.res.status, await json(unknown.res)]);
      const options = await json(await browser.postJson('/signin/passkey/options', {}));
      const forged = signInWith(credential, options, origin);
      forged.id = stranger.id;
      forged.rawId = stranger.id;
      const wrongKey = await browser.postJson('/signin/passkey', { response: forged });
      answers.push([wrongKey.status, await json(wrongKey)]);
      const made = signInWith(
        credential,
        { challenge: 'bm90LWEtY2hhbGxlbmdl', rpId: 'broadsheet.test' },
        origin,
      );
      const noChallenge = await browser.postJson('/signin/passkey', { response: made });
      answers.push([noChallenge.status, await json(noChallenge)]);
      for (const answer of answers) {
        assert.deepEqual(answer, [
          401,
          {
            error: {
              condition: 'passkey_failed',
              message: 'That passkey could not sign you in. Try again, or sign in another way.',
            },
          },
        ]);
      }
      assert.equal(browser.cookie, null, 'nobody was signed in');
    });

    test('a second passkey is added on /account, the first removed, the last kept', async () => {
      const { browser, credential } = await signedUpWithPasskey();
      const badName = await browser.postJson('/account/passkeys/options', { name: '   ' });
      assert.equal(badName.status, 400);
      assert.equal((await json(badName)).error.condition, 'invalid_passkey_name');

      const options = await json(
        await browser.postJson('/account/passkeys/options', { name: 'Phone' }),
      );
      assert.deepEqual(
        options.excludeCredentials.map((c: { id: string }) => c.id),
        [credential.id],
        'the browser is told not to make a second one on the same authenticator',
      );
      const second = createCredential(options, origin);
      const added = await browser.postJson('/account/passkeys', {
        name: 'Phone',
        response: second.response,
      });
      assert.equal(added.status, 200, await added.clone().text());
      assert.deepEqual(await json(added), { redirect: '/account?done=passkey-added#passkeys' });
      let page = mainOf(await browser.page('/account?done=passkey-added'));
      assert.match(page, /The passkey was added/);
      assert.match(page, /Remove “Laptop”/);
      assert.match(page, /Remove “Phone”/);

      // Renamed, then removed.
      const renamed = await browser.form(`/account/passkeys/${credential.id}/rename`, {
        name: 'Old laptop',
      });
      assert.equal(renamed.status, 303);
      const removed = await browser.form(`/account/passkeys/${credential.id}/remove`);
      assert.equal(removed.status, 303);
      assert.equal(removed.headers.get('location'), '/account?done=passkey-removed#passkeys');
      page = mainOf(await browser.page('/account'));
      assert.doesNotMatch(page, /Old laptop<\/strong>/);
      assert.match(page, /This passkey is your only way to sign in/);

      // The removed one no longer signs in; the new one does.
      assert.equal((await signIn(new Browser(app.url), credential)).res.status, 401);
      assert.equal((await signIn(new Browser(app.url), second.credential)).res.status, 200);

      // The last one stays, even when asked directly.
      const last = await browser.form(`/account/passkeys/${second.credential.id}/remove`);
      assert.equal(last.status, 409);
      assert.match(await last.text(), /This is your last way to sign in, so it cannot be removed/);
      assert.equal((await app.services.passkeys.list((await whoIs(browser))!)).length, 1);
    });

    async function whoIs(browser: Browser) {
      const page = await browser.page('/account');
      const email = /(passkey-\d+-\d+@example\.com)/.exec(page)?.[1];
      return email ? db.store.users.byEmail(email) : null;
    }

    test('someone else’s passkey cannot be renamed or removed', async () => {
      const owner = await signedUpWithPasskey();
      const other = await signedUpWithPasskey();
      const res = await other.browser.form(`/account/passkeys/${owner.credential.id}/rename`, {
        name: 'Mine now',
      });
      assert.equal(res.status, 404);
      const remove = await other.browser.form(`/account/passkeys/${owner.credential.id}/remove`);
      assert.equal(remove.status, 404);
    });

    test('a person with a password may remove their only passkey; sign-ins say how', async () => {
      const email = `pw-${Date.now()}@example.com`;
      const browser = new Browser(app.url);
      await app.services.accounts.signUp({
        email,
        name: 'Paula Password',
        password: 'quiet-harbour-lamps',
      });
      const res = await fetch(`${app.url}/signin`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
        body: new URLSearchParams({ email, password: 'quiet-harbour-lamps' }).toString(),
      });
      assert.equal(res.status, 303);
      browser.cookie = res.headers.getSetCookie()[0]!.split(';')[0]!;
      const options = await json(
        await browser.postJson('/account/passkeys/options', { name: 'Key' }),
      );
      const { credential, response } = createCredential(options, origin);
      assert.equal(
        (await browser.postJson('/account/passkeys', { name: 'Key', response })).status,
        200,
      );
      const page = mainOf(await browser.page('/account'));
      assert.match(page, /Signed in with a password on/);
      assert.match(page, /Remove “Key”/);

      // Their data download names the passkey (no key) and the sign-ins.
      const data = await json(await browser.get('/account/data'));
      assert.deepEqual(
        data.passkeys.map((p: { name: string }) => p.name),
        ['Key'],
      );
      assert.equal(JSON.stringify(data).includes(credential.id), false, 'no credential id');
      assert.deepEqual(
        data.signIns.map((s: { method: string }) => s.method),
        ['password'],
      );

      assert.equal((await browser.form(`/account/passkeys/${credential.id}/remove`)).status, 303);

      // Deleting the account takes the passkeys and the sign-in record with it.
      const user = (await db.store.users.byEmail(email))!;
      const options2 = await json(
        await browser.postJson('/account/passkeys/options', { name: 'Key 2' }),
      );
      const again = createCredential(options2, origin);
      await browser.postJson('/account/passkeys', { name: 'Key 2', response: again.response });
      assert.equal(await db.store.passkeys.countForUser(user.id), 1);
      const deleted = await browser.form('/account/delete', { password: 'quiet-harbour-lamps' });
      assert.equal(deleted.status, 303);
      assert.equal(await db.store.passkeys.countForUser(user.id), 0);
      assert.deepEqual(
        await db.store.signInEvents.forUser(user.id, '2000-01-01T00:00:00Z', 10),
        [],
      );
    });

    test('every passkey POST is refused from another site, or without a session where one is needed', async () => {
      const { browser } = await signedUpWithPasskey();
      const evil = 'http://evil.example';
      for (const path of [
        '/signin/passkey/options',
        '/signup/passkey/options',
        '/account/passkeys/options',
      ]) {
        const res = await browser.postJson(path, { name: 'x', email: 'x@example.com' }, evil);
        assert.equal(res.status, 403, path);
        assert.equal((await json(res)).error.condition, 'cross_site_request');
      }
      // JSON with the session cookie and neither Origin nor Sec-Fetch-Site: not from our page.
      const bare = await browser.postJson('/account/passkeys/options', { name: 'x' }, null);
      assert.equal(bare.status, 403);
      const anonymous = await new Browser(app.url).postJson('/account/passkeys/options', {
        name: 'x',
      });
      assert.equal(anonymous.status, 401);
      assert.equal((await json(anonymous)).error.condition, 'sign_in_required');
    });
  });
}

describe('passkey sign-ins are rate limited like password sign-ins', () => {
  let db: OpenedStore;
  let app: RunningApp;
  before(async () => {
    db = await databases()[0]!.open();
    app = await startApp(db, {}, { signInPerIp: { max: 3, windowMs: 60_000 } });
  });
  after(async () => {
    await app?.close();
    await db?.dispose();
  });

  test('the password form and the passkey options share one counter per address', async () => {
    const browser = new Browser(app.url);
    const statuses: number[] = [];
    for (let i = 0; i < 2; i++) {
      statuses.push((await browser.postJson('/signin/passkey/options', {})).status);
    }
    const form = await fetch(`${app.url}/signin`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
      body: new URLSearchParams({ email: 'a@example.com', password: 'nope-nope-nope' }).toString(),
    });
    statuses.push(form.status);
    const refused = await browser.postJson('/signin/passkey/options', {});
    statuses.push(refused.status);
    assert.deepEqual(statuses, [200, 200, 401, 429]);
    assert.ok(Number(refused.headers.get('retry-after')) > 0);
  });
});
