/**
 * The admin area in other languages, on every database: the staff home, /admin/site, the API
 * tokens, the outbox, the import form and an import's report, and the demo's removal page drawn
 * in the pseudo-language en-XA show no text of their own outside the catalogue; switching
 * /admin/site to Deutsch makes them German, the import report's reasons included.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { timeZoneNames } from '../src/domain/site.js';
import { demoContent } from '../src/demo/content.js';
import { shippedLanguages } from '../src/i18n/languages.js';
import { startApp, type RunningApp } from './helpers/app.js';
import { databases, type OpenedStore } from './helpers/databases.js';
import { signedInPerson, type Person } from './helpers/fixtures.js';
import { pseudoCookie, untranslated } from './helpers/pseudo.js';

const wxr = readFileSync('test/fixtures/wordpress-export.xml');
const origin = 'http://broadsheet.test';

/**
 * What a page shows: all of it, masthead, staff navigation and footer included. Times are the
 * translator's formatting of a value, not catalogue text: they are left out.
 */
function ownText(page: string): string {
  return page.replace(/<time\b[^>]*>[\s\S]*?<\/time\s*>/g, ' ');
}

for (const database of databases()) {
  describe(`the admin area in other languages on ${database.name}`, () => {
    let db: OpenedStore;
    let app: RunningApp;
    let admin: Person;
    let jobPath = '';

    const get = async (path: string, pseudo = false) => {
      const res = await fetch(`${app.url}${path}`, {
        headers: { cookie: pseudo ? `${admin.cookie}; ${pseudoCookie}` : admin.cookie },
        redirect: 'manual',
      });
      assert.equal(res.status, 200, path);
      return res.text();
    };

    before(async () => {
      db = await database.open();
      app = await startApp(db);
      assert.equal(await app.services.demo.loadIfEmpty(), true);
      admin = await signedInPerson(db.store, app, {
        slug: `admin-i18n-${database.name}`,
        name: 'Ada Lindqvist',
        role: 'admin',
      });
      await app.services.tokens.create(admin.user.email, 'nightly import');
      await app.services.tokens.create(admin.user.email, 'old laptop');
      const [, old] = await app.services.tokens.list();
      assert.ok(old);
      await app.services.tokens.revoke(old.id);
      await app.services.mail.send({
        to: 'kept@example.com',
        subject: 'Your weekly digest',
        text: 'Hello.',
      });

      const form = new FormData();
      form.set('_csrf', admin.csrf);
      form.set('format', 'wxr');
      form.set('file', new Blob([wxr], { type: 'text/xml' }), 'ledger.xml');
      const res = await fetch(`${app.url}/admin/import`, {
        method: 'POST',
        headers: { cookie: admin.cookie, origin },
        body: form,
        redirect: 'manual',
      });
      assert.equal(res.status, 303);
      jobPath = res.headers.get('location') ?? '';
      await app.services.imports.idle();
    });
    after(async () => {
      await app?.services.imports.idle();
      await app?.close();
      await db?.dispose();
    });

    const pages = [
      '/admin',
      '/admin/site',
      '/admin/tokens',
      '/admin/outbox',
      '/admin/import',
      'the import job',
      '/admin/site/demo/remove',
    ];
    const path = (page: string) => (page === 'the import job' ? jobPath : page);

    test('drawn in en-XA, the admin pages show only catalogue text and people’s own words', async () => {
      const identity = await app.services.site.identity();
      const job = await app.services.imports.job(jobPath.split('/').pop()!);
      assert.equal(job.status, 'done');
      const allowed = [
        identity.name,
        identity.tagline,
        identity.description,
        identity.footerText,
        identity.publisherName,
        admin.user.name,
        admin.user.email,
        'nightly import',
        'old laptop',
        'kept@example.com',
        'Your weekly digest',
        'ledger.xml',
        job.parsedReport?.source ?? '',
        ...shippedLanguages.map((l) => l.name),
        ...timeZoneNames().map((z) => z.replaceAll('_', ' ')),
        ...demoContent.sections.map((s) => s.name),
        // The sections the import made: the site's words, in its menus.
        ...(await db.store.sectionAdmin.listWithCounts()).map((s) => s.name),
        ...demoContent.people.map((p) => p.name),
      ];
      for (const page of pages) {
        const body = await get(path(page), true);
        assert.match(body, /<html lang="en-XA"/, page);
        assert.deepEqual(untranslated(ownText(body), allowed), [], page);
      }
      // The check can fail: the same pages in English are all "untranslated".
      const english = await get('/admin/tokens');
      assert.ok(untranslated(ownText(english), allowed).includes('Create a token'));
    });

    test('switching /admin/site to Deutsch makes the admin pages German', async () => {
      const site = await get('/admin/site');
      assert.match(site, /<option value="de-DE" lang="de-DE">Deutsch<\/option>/);
      assert.match(site, /<option value="en-GB" lang="en-GB" selected>English<\/option>/);
      const identity = await app.services.site.identity();
      const res = await fetch(`${app.url}/admin/site`, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          cookie: admin.cookie,
          origin,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({
          _csrf: admin.csrf,
          name: identity.name,
          tagline: identity.tagline,
          description: identity.description,
          publisherName: identity.publisherName,
          publisherUrl: identity.publisherUrl,
          publisherEmail: identity.publisherEmail,
          footerText: identity.footerText,
          timeZone: 'Europe/Berlin',
          language: 'de-DE',
        }).toString(),
      });
      assert.equal(res.status, 303);
      assert.equal(res.headers.get('location'), '/admin/site?done=saved');

      const saved = await get('/admin/site?done=saved');
      assert.match(saved, /<html lang="de-DE"/);
      assert.match(saved, /Die Angaben zur Website sind gespeichert/);
      assert.match(saved, /<option value="de-DE" lang="de-DE" selected>Deutsch<\/option>/);
      assert.match(saved, /<label for="timeZone">Zeitzone<\/label>/);

      const expected: Record<string, RegExp[]> = {
        '/admin': [/<h1>Redaktion<\/h1>/, /Angemeldet als Ada Lindqvist \(Administrator\/in\)/],
        '/admin/site': [/<h2 id="logo-heading">Logo<\/h2>/, /Demo-Inhalte prüfen und entfernen/],
        '/admin/tokens': [
          /<h1>API-Schlüssel<\/h1>/,
          /<th scope="col">Zuletzt benutzt<\/th>/,
          /Widerrufen <time datetime="[^"]+">\d+\. [A-Za-zä]+ \d{4}, \d\d:\d\d\u00a0MES?Z<\/time>/,
          /<span class="visually-hidden">: Schlüssel „(old laptop|nightly import)“ von Ada Lindqvist<\/span>/,
        ],
        '/admin/outbox': [/An kept@example.com/, /im Postausgang aufbewahrt/],
        '/admin/import': [/Letzte Importe/, /<td>Importiert<\/td>/, /WordPress-Export \(WXR\)/],
        'the import job': [
          /Importiert, abgeschlossen/,
          /3 veröffentlichte Artikel, 1 Entwurf/,
          /WordPress-Seiten sind keine Artikel/,
          /<th scope="col" class="num">Anzahl<\/th>/,
        ],
        '/admin/site/demo/remove': [/Was entfernt wird/, /Was bleibt/],
      };
      for (const page of pages) {
        const body = await get(path(page));
        assert.match(body, /<html lang="de-DE"/, page);
        for (const want of expected[page] ?? []) assert.match(body, want, page);
      }
      const job = await get(jobPath);
      assert.doesNotMatch(job, /are not articles|Skipped|How many/, 'no English in the report');
    });
  });
}
