/**
 * The first-run wizard through the whole app, on every database: the setup link makes the first
 * admin, who is led through the site's name and zone (with the public address checked), what it
 * starts with (the demo loaded and then removed again) and its first sections; bad input comes
 * back beside its field and changes nothing; once finished, the wizard leads to Admin → Site.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SetupService } from '../src/services/setup.js';
import { databases, type OpenedStore } from './helpers/databases.js';
import { startApp, type RunningApp } from './helpers/app.js';
import { freePort } from './helpers/server-process.js';
import { signedInPerson } from './helpers/fixtures.js';

const base = 'http://broadsheet.test';
const password = 'a long and unusual passphrase';

for (const database of databases()) {
  describe(`the setup wizard on ${database.name}`, () => {
    let db: OpenedStore;
    let app: RunningApp;
    let cookie = '';
    let csrf = '';

    const get = (path: string, who = cookie) =>
      fetch(app.url + path, { redirect: 'manual', headers: who ? { cookie: who } : {} });
    const post = (path: string, fields: Record<string, string | string[]>, who = cookie) => {
      const body = new URLSearchParams();
      if (csrf) body.append('_csrf', csrf);
      for (const [key, value] of Object.entries(fields))
        for (const v of [value].flat()) body.append(key, v);
      return fetch(app.url + path, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          origin: base,
          'content-type': 'application/x-www-form-urlencoded',
          ...(who ? { cookie: who } : {}),
        },
        body,
      });
    };

    before(async () => {
      db = await database.open();
      app = await startApp(db);
    });
    after(async () => {
      await app?.close();
      await db?.dispose();
    });

    test('the setup link makes the first admin and leads into the wizard', async () => {
      const link = new URL((await app.services.accounts.createSetupLink()) ?? '');
      const form = await (await get(link.pathname + link.search, '')).text();
      assert.match(form, /<li[^>]*aria-current="step"[^>]*>\s*Your admin account/);
      const res = await post(
        '/setup',
        {
          token: link.searchParams.get('token') ?? '',
          name: 'Noor Admin',
          email: 'noor@example.com',
          password,
        },
        '',
      );
      assert.equal(res.status, 303);
      assert.equal(res.headers.get('location'), '/setup/site');
      cookie = /bs_session=[^;]+/.exec(res.headers.getSetCookie().join('\n'))?.[0] ?? '';
      assert.ok(cookie);
      const page = await (await get('/setup/site')).text();
      csrf = /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';
      assert.ok(csrf);
    });

    test('step 2 checks the public address, and takes the name, tagline, zone and language', async () => {
      const page = await (await get('/setup/site')).text();
      assert.match(page, /<li[^>]*aria-current="step"[^>]*>\s*The site/);
      assert.match(
        page,
        /Links in emails, feeds and search results use\s*<strong>http:\/\/broadsheet\.test<\/strong>/,
      );
      // The test opens it at 127.0.0.1:port, not at BASE_URL: the admin is told how to fix it.
      assert.match(page, /You opened this page at <strong>http:\/\/127\.0\.0\.1:\d+<\/strong>/);
      assert.match(page, /<option value="America\/New_York"/);

      const bad = await post('/setup/site', {
        name: 'The Quarry Post',
        tagline: 'Stonebridge news',
        timeZone: 'Atlantis/Central',
        language: 'en-GB',
      });
      assert.equal(bad.status, 400);
      const refused = await bad.text();
      assert.match(refused, /<a href="#timeZone">Choose a time zone from the list/);
      assert.match(refused, /value="The Quarry Post"/, 'what was typed comes back');
      assert.equal((await app.services.site.identity()).name, 'Broadsheet', 'nothing saved');

      const ok = await post('/setup/site', {
        name: 'The Quarry Post',
        tagline: 'Stonebridge news',
        timeZone: 'America/New_York',
        language: 'en-GB',
      });
      assert.equal(ok.status, 303);
      assert.equal(ok.headers.get('location'), '/setup/content');
      const identity = await app.services.site.identity();
      assert.deepEqual(
        [identity.name, identity.tagline, identity.timeZone],
        ['The Quarry Post', 'Stonebridge news', 'America/New_York'],
      );
    });

    test('step 3 loads the demo to explore, or starts empty (removing it again)', async () => {
      const empty = await (await get('/setup/content')).text();
      assert.match(empty, /Start with the demo site to explore/);
      assert.equal((await post('/setup/content', {})).status, 400, 'a choice is needed');

      const demo = await post('/setup/content', { start: 'demo' });
      assert.equal(demo.status, 303);
      assert.equal(demo.headers.get('location'), '/setup/sections');
      assert.ok(await app.services.demo.isLoaded());
      assert.equal(
        (await app.services.site.identity()).name,
        'The Quarry Post',
        'the demo does not take over the name the admin chose',
      );

      // Back a step: with the demo loaded the choice is to keep it or start empty.
      const again = await (await get('/setup/content')).text();
      assert.match(again, /Keep the demo site to explore/);
      const cleared = await post('/setup/content', { start: 'empty' });
      assert.equal(cleared.status, 303);
      assert.equal(await app.services.demo.isLoaded(), false);
      assert.deepEqual(await app.services.sections.list(), []);
      assert.equal(await app.services.users.hasAdmin(), true, 'the real admin stays');
    });

    test('step 4 makes the first sections, all or none, and finishes', async () => {
      const none = await post('/setup/sections', { section: ['', '', ''] });
      assert.equal(none.status, 422);
      assert.match(await none.text(), /<a href="#section1">Give the site at least one section/);

      const clash = await post('/setup/sections', { section: ['Quarry news', 'Quarry News', ''] });
      assert.equal(clash.status, 409);
      const refused = await clash.text();
      assert.match(refused, /<a href="#section2">There is already a section at \/quarry-news/);
      assert.match(refused, /id="section1"[^>]*value="Quarry news"/);
      assert.deepEqual(await app.services.sections.list(), [], 'none was made');

      const reserved = await post('/setup/sections', { section: ['Town', 'Admin'] });
      assert.ok(reserved.status >= 400 && reserved.status < 500);
      assert.match(await reserved.text(), /<a href="#section2">“Admin” cannot be a section/);
      assert.deepEqual(await app.services.sections.list(), [], 'Town was not made either');

      const done = await post('/setup/sections', { section: ['Town', 'Sport', 'Letters', ''] });
      assert.equal(done.status, 303);
      assert.equal(done.headers.get('location'), '/admin?done=setup');
      const names = (await app.services.sections.list()).map((s) => s.name);
      assert.ok(
        ['Town', 'Sport', 'Letters'].every((n) => names.includes(n)),
        names.join(),
      );
      assert.equal(await app.services.setup.completed(), true);
      const home = await (await get('/admin?done=setup')).text();
      assert.match(home, /The site is set up/);

      const front = await (await get('/', '')).text();
      assert.match(front, /<title>The Quarry Post<\/title>/);
      assert.match(front, /href="\/sport"/);
    });

    test('a finished wizard leads to Admin → Site; only admins may use it', async () => {
      for (const step of ['/setup/site', '/setup/content', '/setup/sections']) {
        const res = await get(step);
        assert.equal(res.status, 303, step);
        assert.equal(res.headers.get('location'), '/admin/site');
      }
      const editor = await signedInPerson(db.store, app, { role: 'editor', slug: 'wizard-editor' });
      assert.equal((await get('/setup/site', editor.cookie)).status, 403);
      const anonymous = await get('/setup/site', '');
      assert.equal(anonymous.status, 303);
      assert.match(anonymous.headers.get('location') ?? '', /^\/signin\?next=/);
    });
  });
}

describe('the public address check', () => {
  let db: OpenedStore;
  let app: RunningApp;
  before(async () => {
    db = await databases()[0]!.open();
    app = await startApp(db);
  });
  after(async () => {
    await app?.close();
    await db?.dispose();
  });

  test('a BASE_URL that answers /healthz is reachable; a closed port is not, and says why', async () => {
    const store = db.store;
    const here = await new SetupService({ store, baseUrl: app.url }).checkAddress(app.url);
    assert.deepEqual(here, {
      publicUrl: app.url,
      openedAt: app.url,
      sameOrigin: true,
      reachable: { ok: true },
    });
    const closed = `http://127.0.0.1:${await freePort()}`;
    const there = await new SetupService({ store, baseUrl: closed }).checkAddress(app.url);
    assert.equal(there.sameOrigin, false);
    assert.deepEqual(there.reachable, {
      ok: false,
      reason: 'the connection failed (ECONNREFUSED)',
    });
  });
});
