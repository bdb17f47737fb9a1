/**
 * Errors in the page's language (decisions/0049-translated-errors.md): a German site says a form's
 * problem in German beside the field it concerns, and its error pages in German; the
 * pseudo-language shows that an error page's words come from the catalogue; the JSON API keeps
 * the English message for developers beside the stable condition.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { User } from '../src/domain/user.js';
import { databases, type OpenedStore } from './helpers/databases.js';
import { startApp, type RunningApp } from './helpers/app.js';
import { storedPerson } from './helpers/fixtures.js';
import { pseudoCookie, untranslated } from './helpers/pseudo.js';

const origin = 'http://broadsheet.test';

/** The notice an error page draws: its heading and its message (the frame is the layout's). */
function notice(page: string): { title: string; message: string } {
  const found = /<div class="notice">\s*<h1>([^<]*)<\/h1>\s*<p>([^<]*)<\/p>/.exec(page);
  assert.ok(found, 'an error page draws a notice');
  return { title: found[1] ?? '', message: found[2] ?? '' };
}

for (const database of databases()) {
  describe(`errors in the page's language on ${database.name}`, () => {
    let db: OpenedStore;
    let app: RunningApp;
    let admin: User;

    const get = (path: string, headers: Record<string, string> = {}) =>
      fetch(app.url + path, { headers, redirect: 'manual' });
    const signUp = (fields: Record<string, string>, headers: Record<string, string> = {}) =>
      fetch(app.url + '/signup', {
        method: 'POST',
        redirect: 'manual',
        headers: { origin, 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body: new URLSearchParams(fields).toString(),
      });

    before(async () => {
      db = await database.open();
      app = await startApp(db);
      admin = await storedPerson(db.store, { role: 'admin', slug: 'the-admin' });
      await app.services.site.update(admin, { language: 'de-DE', timeZone: 'Europe/Berlin' });
    });
    after(async () => {
      await app?.close();
      await db?.dispose();
    });

    test('a German site’s sign-up form says a bad email address in German, beside the field', async () => {
      const res = await signUp({
        name: 'Nina Neu',
        email: 'keine-adresse',
        password: 'lange genug 123',
      });
      assert.equal(res.status, 400);
      const page = await res.text();
      const message = 'Bitte geben Sie eine gültige E-Mail-Adresse ein, etwa name@example.com.';
      // Beside the field: the input is marked invalid and described by the German message.
      assert.match(
        page,
        new RegExp(
          `<p class="field-error" id="email-error">\\s*<span class="visually-hidden">Fehler:</span>\\s*${message.replace(/\./g, '\\.')}\\s*</p>`,
        ),
      );
      assert.match(
        page,
        /id="email"[^>]*aria-describedby="[^"]*email-error"[^>]*aria-invalid="true"/,
      );
      // And in the summary at the top, whose link moves to the field.
      assert.match(page, /<h2 id="error-summary-title">Es gibt ein Problem<\/h2>/);
      assert.ok(page.includes(`<a href="#email">${message}</a>`), 'the summary links to the field');
      assert.match(page, /<title>Fehler: /);
      assert.doesNotMatch(page, /not an email address|Enter a valid email|There is a problem/);
      // What was typed comes back.
      assert.match(page, /value="Nina Neu"/);
      assert.match(page, /value="keine-adresse"/);
    });

    test('a German site’s password limit is said with its number', async () => {
      const res = await signUp({ name: 'Nina Neu', email: 'nina@example.com', password: 'kurz' });
      assert.equal(res.status, 400);
      assert.ok(
        (await res.text()).includes(
          '<a href="#password">Das Passwort muss mindestens 10 Zeichen lang sein.</a>',
        ),
      );
    });

    test('a 404 page on a German site is German, with <html lang="de-DE">', async () => {
      const res = await get('/gibt-es-nicht/wirklich');
      assert.equal(res.status, 404);
      const page = await res.text();
      assert.match(page, /<html lang="de-DE" dir="ltr"/);
      assert.match(page, /<title>Seite nicht gefunden/);
      assert.deepEqual(notice(page), {
        title: 'Seite nicht gefunden',
        message:
          'Unter dieser Adresse gibt es nichts. Vielleicht wurde die Seite verschoben, oder der Link enthält einen Tippfehler.',
      });
    });

    test('a missing article’s 404 (a service’s not_found) is German too', async () => {
      const res = await get('/news/2026/01/02/nothing-here');
      assert.equal(res.status, 404);
      const { title, message } = notice(await res.text());
      assert.equal(title, 'Seite nicht gefunden');
      assert.doesNotMatch(message, /was not found|There is nothing/);
    });

    test('a refused cross-site form answers a German 403 page', async () => {
      const res = await signUp(
        { name: 'Nina Neu', email: 'nina@example.com', password: 'lange genug 123' },
        { origin: 'http://elsewhere.example' },
      );
      assert.equal(res.status, 403);
      assert.deepEqual(notice(await res.text()), {
        title: 'Nicht erlaubt',
        message: 'Diese Anfrage kam nicht von dieser Website und wurde deshalb abgelehnt.',
      });
    });

    test('a 404 page in the pseudo-language: its words all come from the catalogue', async () => {
      const res = await get('/gibt-es-nicht', { cookie: pseudoCookie });
      assert.equal(res.status, 404);
      const page = await res.text();
      assert.match(page, /<html lang="en-XA"/);
      const { title, message } = notice(page);
      assert.match(title, /^⟦.+⟧$/);
      assert.match(message, /^⟦.+⟧$/);
      assert.deepEqual(untranslated(`<h1>${title}</h1><p>${message}</p>`), []);
      assert.deepEqual(
        untranslated(/<title>[^<]*<\/title>/.exec(page)?.[0] ?? '', ['Broadsheet']),
        [],
      );
    });

    test('a form’s problem in the pseudo-language is marked, summary and field alike', async () => {
      const res = await signUp(
        { name: 'Nina Neu', email: 'keine-adresse', password: 'lange genug 123' },
        { cookie: pseudoCookie },
      );
      assert.equal(res.status, 400);
      const page = await res.text();
      const summary = /<div class="error-summary"[\s\S]*?<\/div>/.exec(page)?.[0] ?? '';
      assert.ok(summary, 'a summary');
      assert.deepEqual(untranslated(summary), []);
      const beside = /<p class="field-error" id="email-error">[\s\S]*?<\/p>/.exec(page)?.[0] ?? '';
      assert.ok(beside, 'a message beside the field');
      assert.deepEqual(untranslated(beside), []);
    });

    test('the JSON API keeps the English message for developers, with the stable condition', async () => {
      const res = await fetch(app.url + '/api/v1/nothing-here');
      assert.equal(res.status, 404);
      const body = (await res.json()) as { error: { condition: string; message: string } };
      assert.equal(body.error.condition, 'not_found');
      assert.match(body.error.message, /^There is no GET \/api\/v1\/nothing-here\.$/);
    });
  });
}
