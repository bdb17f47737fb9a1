/**
 * The site's identity through the whole app, on every database: /admin/site and the API set
 * the name, tagline, publisher, footer, logo and icons; every page, the feeds, the structured
 * data and the emails show them at once (the page cache is emptied); bad input is refused beside
 * its field and changes nothing.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { databases, type OpenedStore } from './helpers/databases.js';
import { startApp, type RunningApp } from './helpers/app.js';
import { json, type Json } from './helpers/http.js';
import { multipart, png } from './helpers/images.js';
import { publishedArticle, section, signedInPerson, type Person } from './helpers/fixtures.js';
import { startSmtp, type TestSmtp } from './helpers/smtp.js';

const base = 'http://broadsheet.test';

const jsonLdOf = (page: string): Json[] =>
  [...page.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map(
    (m) => JSON.parse(m[1] ?? '') as Json,
  );

/** The images inside an .ico file: each one's side in pixels (0 means 256). */
function icoSizes(ico: Buffer): number[] {
  assert.equal(ico.readUInt16LE(0), 0, 'reserved');
  assert.equal(ico.readUInt16LE(2), 1, 'an icon');
  const count = ico.readUInt16LE(4);
  return Array.from({ length: count }, (_, i) => ico.readUInt8(6 + 16 * i));
}

for (const database of databases()) {
  describe(`the site's identity on ${database.name}`, () => {
    let db: OpenedStore;
    let app: RunningApp;
    let smtp: TestSmtp;
    let admin: Person;
    let editor: Person;
    let articlePath: string;

    const form = (who: Person, fields: Record<string, string>) =>
      new URLSearchParams({ _csrf: who.csrf, ...fields }).toString();

    const post = (url: string, who: Person, fields: Record<string, string>) =>
      fetch(app.url + url, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          origin: base,
          cookie: who.cookie,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: form(who, fields),
      });

    const upload = (url: string, who: Person, data: Buffer, type = 'image/png') => {
      const body = multipart({ _csrf: who.csrf }, { name: 'picture.png', type, data });
      return fetch(app.url + url, {
        method: 'POST',
        redirect: 'manual',
        headers: { origin: base, cookie: who.cookie, 'content-type': body.contentType },
        body: new Uint8Array(body.body),
      });
    };

    const api = (method: string, url: string, who: Person | null, body?: unknown) =>
      fetch(app.url + url, {
        method,
        headers: {
          origin: base,
          ...(who ? { cookie: who.cookie } : {}),
          ...(body === undefined
            ? {}
            : Buffer.isBuffer(body)
              ? { 'content-type': 'application/octet-stream' }
              : { 'content-type': 'application/json' }),
        },
        ...(body === undefined
          ? {}
          : { body: Buffer.isBuffer(body) ? new Uint8Array(body) : JSON.stringify(body) }),
      });

    const page = async (url: string) => {
      const res = await fetch(app.url + url);
      assert.equal(res.status, 200, url);
      return res.text();
    };

    const fullForm = (overrides: Record<string, string> = {}) => ({
      name: 'The Lowmoor Gazette',
      tagline: 'News from the valley since 1892',
      description: 'Local news, sport and letters from Lowmoor and the valley villages.',
      publisherName: 'Lowmoor Community Media',
      publisherUrl: 'https://lowmoor.example',
      publisherEmail: 'desk@lowmoor.example',
      footerText: '© Lowmoor Community Media, 4 Mill Street, Lowmoor',
      credit: '1',
      timeZone: 'Europe/London',
      language: 'en-GB',
      ...overrides,
    });

    before(async () => {
      db = await database.open();
      smtp = await startSmtp();
      app = await startApp(db, { SMTP_URL: smtp.url });
      admin = await signedInPerson(db.store, app, { role: 'admin', slug: 'site-admin' });
      editor = await signedInPerson(db.store, app, { role: 'editor', slug: 'site-editor' });
      await section(db.store, 'news');
      const article = await publishedArticle(db.store, {
        slug: 'bridge-reopens',
        headline: 'The old bridge reopens',
        authorIds: [editor.user.id],
      });
      articlePath = `/news/${article.publishedAt!.slice(0, 10).replaceAll('-', '/')}/bridge-reopens`;
    });
    after(async () => {
      await app?.close();
      await smtp?.close();
      await db?.dispose();
    });

    test('a site nobody has set up has no tagline, no logo and no icons', async () => {
      const front = await page('/');
      assert.match(front, /<title>Broadsheet<\/title>/);
      assert.doesNotMatch(front, /masthead__motto/);
      assert.doesNotMatch(front, /Independent local journalism/);
      assert.doesNotMatch(front, /rel="icon"/);
      assert.equal((await fetch(`${app.url}/favicon.ico`)).status, 404);
      assert.equal((await fetch(`${app.url}/site.webmanifest`)).status, 404);
    });

    test('an admin sets the identity and every page, feed and the JSON-LD show it at once', async () => {
      // Cached first, so the change must empty the page cache to be seen.
      await page('/');
      await page(articlePath);
      const saved = await post('/admin/site', admin, fullForm());
      assert.equal(saved.status, 303);
      assert.equal(saved.headers.get('location'), '/admin/site?done=saved');

      const front = await page('/');
      assert.match(front, /<title>The Lowmoor Gazette<\/title>/);
      assert.match(front, /<span class="masthead__motto">News from the valley since 1892<\/span>/);
      assert.match(front, /<a href="\/">The Lowmoor Gazette<\/a>/);
      assert.match(front, /© Lowmoor Community Media, 4 Mill Street, Lowmoor/);
      assert.match(front, /The Lowmoor Gazette · Published with Broadsheet/);
      assert.match(
        front,
        /<meta name="description" content="Local news, sport and letters from Lowmoor and the valley villages." \/>/,
      );

      const article = await page(articlePath);
      assert.match(article, /<title>The old bridge reopens \| The Lowmoor Gazette<\/title>/);
      const [newsArticle, breadcrumbs] = jsonLdOf(article);
      assert.equal(newsArticle.publisher.name, 'Lowmoor Community Media');
      assert.equal(newsArticle.publisher.url, 'https://lowmoor.example');
      assert.equal(newsArticle.publisher.email, 'desk@lowmoor.example');
      assert.equal(breadcrumbs.itemListElement[0].name, 'The Lowmoor Gazette');
      assert.match(article, /<meta property="og:site_name" content="The Lowmoor Gazette" \/>/);

      const rss = await page('/feed.xml');
      assert.match(rss, /<title>The Lowmoor Gazette<\/title>/);
      assert.match(rss, /<copyright>© Lowmoor Community Media<\/copyright>/);
      const news = await page('/news-sitemap.xml');
      assert.match(news, /<news:name>The Lowmoor Gazette<\/news:name>/);

      const form = await (
        await fetch(`${app.url}/admin/site`, { headers: { cookie: admin.cookie } })
      ).text();
      assert.match(form, /value="Lowmoor Community Media"/);
    });

    test('the credit can be turned off', async () => {
      const withoutCredit: Record<string, string> = fullForm();
      delete withoutCredit.credit;
      assert.equal((await post('/admin/site', admin, withoutCredit)).status, 303);
      const front = await page('/');
      assert.doesNotMatch(front, /Broadsheet/);
      assert.equal((await post('/admin/site', admin, fullForm())).status, 303);
    });

    test('bad input comes back beside its field and changes nothing', async () => {
      const cases: [Record<string, string>, string, number][] = [
        [{ name: '   ' }, 'name', 400],
        [{ publisherUrl: 'javascript:alert(1)' }, 'publisherUrl', 400],
        [{ publisherEmail: 'not an address' }, 'publisherEmail', 400],
        [{ tagline: 'x'.repeat(151) }, 'tagline', 400],
        [{ timeZone: 'Mars/Olympus_Mons' }, 'timeZone', 400],
        [{ language: 'xx-YY' }, 'language', 400],
      ];
      for (const [change, fieldName, status] of cases) {
        const res = await post(
          '/admin/site',
          admin,
          fullForm({ ...change, tagline: change.tagline ?? 'Changed tagline' }),
        );
        assert.equal(res.status, status, fieldName);
        const body = await res.text();
        assert.match(body, /<title>Error: Site/);
        assert.match(body, new RegExp(`<a href="#${fieldName}">`), fieldName);
        assert.match(body, new RegExp(`id="${fieldName}-error"`), fieldName);
        assert.match(body, /value="Lowmoor Community Media"/, 'what was typed comes back');
      }
      const identity = await app.services.site.identity();
      assert.equal(identity.name, 'The Lowmoor Gazette');
      assert.equal(identity.tagline, 'News from the valley since 1892');
    });

    test('only admins change the site', async () => {
      assert.equal((await post('/admin/site', editor, fullForm({ name: 'Taken' }))).status, 403);
      assert.equal((await api('PATCH', '/api/v1/site', editor, { name: 'Taken' })).status, 403);
      assert.equal((await api('PATCH', '/api/v1/site', null, { name: 'Taken' })).status, 401);
      assert.equal((await app.services.site.identity()).name, 'The Lowmoor Gazette');
    });

    test('a logo is made from an upload and drawn in the masthead with its size', async () => {
      const notImage = await upload(
        '/admin/site/logo',
        admin,
        Buffer.from('just some words'),
        'text/plain',
      );
      assert.equal(notImage.status, 415);
      const refused = await notImage.text();
      assert.match(refused, /id="logo-error"/);
      assert.equal((await app.services.site.identity()).logo, null, 'nothing changed');

      const res = await upload('/admin/site/logo', admin, await png(600, 150));
      assert.equal(res.status, 303);
      const { logo } = await app.services.site.identity();
      assert.ok(logo);
      assert.deepEqual(
        [logo.width, logo.height],
        [384, 96],
        'twice the drawn height, in proportion',
      );
      const front = await page('/');
      assert.match(
        front,
        new RegExp(
          `<a href="/"><img\\s+class="masthead__logo"\\s+src="/images/${logo.file}"\\s+width="192"\\s+height="48"\\s+alt="The Lowmoor Gazette"\\s*/></a>`,
        ),
      );
      const file = await fetch(`${app.url}/images/${logo.file}`);
      assert.equal(file.status, 200);
      const meta = await sharp(Buffer.from(await file.arrayBuffer())).metadata();
      assert.deepEqual([meta.format, meta.width, meta.height], ['png', 384, 96]);
      const [newsArticle] = jsonLdOf(await page(articlePath));
      assert.equal(newsArticle.publisher.logo.url, `${base}/images/${logo.file}`);
      assert.equal(newsArticle.publisher.logo.width, 384);

      assert.equal((await post('/admin/site/logo/remove', admin, {})).status, 303);
      assert.match(await page('/'), /<a href="\/">The Lowmoor Gazette<\/a>/);
    });

    test('the favicon, touch icon and manifest are made from one square upload', async () => {
      const small = await upload('/admin/site/icon', admin, await png(20, 20));
      assert.equal(small.status, 422);
      assert.match(await small.text(), /at least 48 pixels/);

      assert.equal((await upload('/admin/site/icon', admin, await png(800, 600))).status, 303);
      const ico = await fetch(`${app.url}/favicon.ico`);
      assert.equal(ico.status, 200);
      assert.equal(ico.headers.get('content-type'), 'image/x-icon');
      assert.deepEqual(icoSizes(Buffer.from(await ico.arrayBuffer())), [16, 32, 48]);
      const etag = ico.headers.get('etag') ?? '';
      assert.equal(
        (await fetch(`${app.url}/favicon.ico`, { headers: { 'if-none-match': etag } })).status,
        304,
      );

      const touch = await fetch(`${app.url}/apple-touch-icon.png`);
      assert.equal(touch.status, 200);
      const meta = await sharp(Buffer.from(await touch.arrayBuffer())).metadata();
      assert.deepEqual([meta.width, meta.height], [180, 180], 'cropped square');

      const manifest = (await json(await fetch(`${app.url}/site.webmanifest`))) as Json;
      assert.equal(manifest.name, 'The Lowmoor Gazette');
      assert.deepEqual(
        manifest.icons.map((i: Json) => i.sizes),
        ['192x192', '512x512'],
      );
      for (const icon of manifest.icons) {
        assert.equal((await fetch(app.url + icon.src)).status, 200);
      }
      const front = await page('/');
      assert.match(front, /<link rel="icon" href="\/favicon.ico"/);
      assert.match(front, /<link rel="apple-touch-icon" href="\/apple-touch-icon.png" \/>/);
      assert.match(front, /<link rel="manifest" href="\/site.webmanifest" \/>/);
    });

    test('the API reads and changes the identity', async () => {
      const read = (await json(await api('GET', '/api/v1/site', null))) as Json;
      assert.equal(read.name, 'The Lowmoor Gazette');
      assert.equal(read.icons.favicon, `${base}/favicon.ico`);
      assert.equal(read.timeZone, 'Europe/London');
      assert.equal(read.language, 'en-GB');
      const zone = await api('PATCH', '/api/v1/site', admin, { timeZone: 'America/New_York' });
      assert.equal(((await json(zone)) as Json).timeZone, 'America/New_York');

      const bad = await api('PATCH', '/api/v1/site', admin, { publisherUrl: 'ftp://x' });
      assert.equal(bad.status, 400);
      assert.equal(((await json(bad)) as Json).error.field, 'publisherUrl');

      const changed = await api('PATCH', '/api/v1/site', admin, { tagline: 'Valley news' });
      assert.equal(changed.status, 200);
      const body = (await json(changed)) as Json;
      assert.equal(body.tagline, 'Valley news');
      assert.equal(body.name, 'The Lowmoor Gazette', 'fields not sent stay');
      assert.match(await page('/'), /Valley news/);

      const logo = await api('PUT', '/api/v1/site/logo', admin, await png(300, 100));
      assert.equal(logo.status, 200);
      assert.match(((await json(logo)) as Json).logo.url, /^http:\/\/broadsheet\.test\/images\//);
      const removed = await api('DELETE', '/api/v1/site/logo', admin);
      assert.equal(((await json(removed)) as Json).logo, null);
      const openapi = (await json(await api('GET', '/api/v1/openapi.json', null))) as Json;
      assert.ok(openapi.paths['/api/v1/site'].patch);
      assert.ok(openapi.paths['/api/v1/site/icon'].put);
    });

    test('emails name the site as it is now', async () => {
      const res = await fetch(`${app.url}/api/v1/users`, {
        method: 'POST',
        headers: { origin: base, 'content-type': 'application/json' },
        body: JSON.stringify({
          email: 'reader@example.com',
          name: 'A Reader',
          password: 'a long and unusual passphrase',
        }),
      });
      assert.equal(res.status, 201);
      const mail = await smtp.next('reader@example.com');
      assert.equal(mail.subject, 'Confirm your email for The Lowmoor Gazette');
    });
  });
}
