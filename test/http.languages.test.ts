/**
 * The reader's pages in the site's language and in the one a reader chose in Adjust: a site set
 * to German draws every reader page in German (words, dates, `<html lang>`); the pseudo-language
 * shows that no page writes English of its own; the choice is a cookie, set by a form without
 * JavaScript; feeds speak the site's language; and the page cache keeps each language's pages
 * apart, in the fast lane too.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { articlePath, type Article } from '../src/domain/article.js';
import { pagePath } from '../src/domain/page.js';
import type { User } from '../src/domain/user.js';
import { shippedLanguages } from '../src/i18n/languages.js';
import { translator } from '../src/i18n/translator.js';
import { databases, type OpenedStore } from './helpers/databases.js';
import { startApp, type RunningApp } from './helpers/app.js';
import { publishedArticle, storedComment, storedPerson } from './helpers/fixtures.js';
import { pseudoCookie, untranslated } from './helpers/pseudo.js';

const origin = 'http://broadsheet.test';

/**
 * An article page without its comment section, which its own views draw (the comments' tests
 * check their words): from the section's start to the end of <main>.
 */
function withoutComments(page: string): string {
  return page.replace(/<section\s+class="comments"[\s\S]*?(?=<\/main>)/, '');
}
const now = new Date('2026-12-04T10:00:00Z');
const publishedAt = '2026-12-03T08:52:00.000Z';

for (const database of databases()) {
  describe(`reader pages in the site's and the reader's language on ${database.name}`, () => {
    let db: OpenedStore;
    let app: RunningApp;
    let admin: User;
    let article: Article;
    let staticPath: string;
    const headline = 'Neue Fähre im Hafen';
    const standfirst = 'Ab Montag fährt sie stündlich.';
    const author = 'Anna Autorin';
    const correction = 'Die Fähre fährt ab Montag, nicht ab Dienstag.';

    const get = (path: string, cookie?: string) =>
      fetch(app.url + path, { headers: cookie ? { cookie } : {}, redirect: 'manual' });

    /** Every reader page the issue names, by what it is. */
    const pages = () => ({
      front: '/',
      article: articlePath(article),
      section: '/nachrichten',
      author: '/author/anna',
      tag: '/tag/hafen',
      search: '/search?q=F%C3%A4hre',
      corrections: '/corrections',
      'static page': staticPath,
    });

    before(async () => {
      db = await database.open();
      app = await startApp(db, {}, undefined, { clock: () => now });
      admin = await storedPerson(db.store, { role: 'admin', slug: 'the-admin' });
      await app.services.site.update(admin, { language: 'de-DE', timeZone: 'Europe/Berlin' });
      await db.store.sections.upsert({
        slug: 'nachrichten',
        name: 'Nachrichten',
        description: '',
        position: 0,
      });
      const anna = await storedPerson(db.store, { slug: 'anna', name: author, role: 'author' });
      article = await publishedArticle(db.store, {
        headline,
        standfirst,
        body: 'Die Fähre verbindet beide Ufer.',
        sectionSlug: 'nachrichten',
        authorIds: [anna.id],
        tags: [{ slug: 'hafen', name: 'Hafen' }],
        publishedAt,
        createdAt: '2026-12-03T08:00:00.000Z',
      });
      await db.store.newsroom.addCorrection({
        articleId: article.id,
        kind: 'correction',
        text: correction,
        createdAt: publishedAt,
      });
      await storedComment(db.store, { articleId: article.id, body: 'Endlich!' });
      const created = await app.services.pages.create(admin, {
        title: 'Impressum',
        body: 'Wer wir sind.',
      });
      staticPath = pagePath(await app.services.pages.publish(admin, created.id));
    });
    after(async () => {
      await app?.close();
      await db?.dispose();
    });

    test('a German site draws every reader page in German: lang, words and dates', async () => {
      const german = /3\. Dezember 2026, 09:52\u00a0MEZ/;
      const words: Record<string, RegExp[]> = {
        front: [/Neueste Artikel|Im Fokus|Nachrichten/, /Von Anna Autorin/, german],
        article: [
          /Von <a rel="author" href="\/author\/anna">Anna Autorin<\/a>/,
          /Veröffentlicht am <time datetime="[^"]+">3\. Dezember 2026, 09:52\u00a0MEZ<\/time>/,
          /Wichtige Korrektur|Korrekturen und Klarstellungen/,
          /Themen:/,
          /Anpassen/,
          /Drucken/,
        ],
        section: [/Von Anna Autorin/, german],
        author: [/<p class="kicker">Autor<\/p>/, german],
        tag: [/<p class="kicker">Thema<\/p>/, german],
        search: [/1 Artikel passt zu <strong>Fähre<\/strong>\./, /Artikel durchsuchen/, german],
        corrections: [/Korrekturen und Klarstellungen/, /<p class="kicker">Korrektur<\/p>/, german],
        'static page': [/Wer wir sind\./],
      };
      for (const [name, path] of Object.entries(pages())) {
        const res = await get(path);
        assert.equal(res.status, 200, name);
        const body = await res.text();
        assert.match(body, /<html lang="de-DE" dir="ltr"/, name);
        // The masthead: the day in German, and the layout's own words.
        assert.match(body, /Freitag, 4\. Dezember 2026/, name);
        assert.match(body, /Zum Inhalt springen/, name);
        assert.match(body, /<a class="masthead__search" href="\/search">Suche<\/a>/, name);
        assert.match(body, />Anmelden<\/a>/, name);
        for (const word of words[name] ?? []) assert.match(body, word, name);
        // The comment section is its own views' (test/http.comments*.test.ts checks them).
        const own = withoutComments(body);
        assert.equal(/Skip to content|December|Published |Sign in/.exec(own)?.[0], undefined, name);
      }
    });

    test('drawn in the pseudo-language, no reader page has text of its own', async () => {
      const site = await app.services.site.identity();
      const pseudo = translator('en-XA', site.timeZone);
      const allowed = [
        // The site's and the people's own words.
        site.name,
        site.tagline,
        site.footerText,
        headline,
        standfirst,
        'Die Fähre verbindet beide Ufer.',
        author,
        'Nachrichten',
        'Hafen',
        'Fähre',
        // Search results mark the words found, splitting the text around them.
        ...`${headline} Die Fähre verbindet beide Ufer.`.split(' '),
        correction,
        'Impressum',
        'Wer wir sind.',
        // Values: dates as Intl writes them, and the languages, each named in itself.
        pseudo.day(now),
        pseudo.dateTime(publishedAt),
        ...shippedLanguages.map((l) => l.name),
      ];
      for (const [name, path] of Object.entries(pages())) {
        const res = await get(path, pseudoCookie);
        assert.equal(res.status, 200, name);
        let body = await res.text();
        assert.match(body, /<html lang="en-XA"/, name);
        // The comment section is its own views' (test/http.comments*.test.ts checks them).
        if (name === 'article') body = withoutComments(body);
        assert.deepEqual(untranslated(body, allowed), [], name);
      }
    });

    test('Adjust lists the shipped languages, each in itself, and the site language first', async () => {
      const body = await (await get(articlePath(article))).text();
      const form = /<form class="adjust__language"[\s\S]*?<\/form>/.exec(body)?.[0] ?? '';
      assert.match(form, /method="post" action="\/language"/);
      assert.match(form, /<legend>Sprache<\/legend>/);
      assert.match(form, /name="return" value="\/nachrichten\/2026\/12\/03\/neue-fahre-im-hafen"/);
      assert.match(
        form,
        /value="" aria-pressed="true"\s*>\s*Sprache der Website\s*</,
        'no choice: the site language is the one pressed',
      );
      assert.match(form, /value="de-DE"\s+lang="de-DE"\s+aria-pressed="false"\s*>\s*Deutsch/);
      assert.match(form, /value="en-GB"\s+lang="en-GB"\s+aria-pressed="false"\s*>\s*English/);

      const chosen = await (await get(articlePath(article), 'bs-lang=en-GB')).text();
      assert.match(chosen, /<html lang="en-GB"/);
      assert.match(chosen, /value="en-GB"\s+lang="en-GB"\s+aria-pressed="true"/);
      assert.match(
        chosen,
        /Published <time datetime="[^"]+">3 December 2026, 09:52\u00a0CET<\/time>/,
      );
      // Article text is the site's, never translated.
      assert.match(chosen, /<h1 id="headline">Neue Fähre im Hafen<\/h1>/);
      assert.match(chosen, /"inLanguage":"de-DE"/);
    });

    test('without JavaScript the form sets the cookie and goes back; clearing returns to the site language', async () => {
      const post = (fields: Record<string, string>) =>
        fetch(`${app.url}/language`, {
          method: 'POST',
          redirect: 'manual',
          headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
          body: new URLSearchParams(fields).toString(),
        });
      const path = articlePath(article);
      const set = await post({ language: 'en-GB', return: path });
      assert.equal(set.status, 303);
      assert.equal(set.headers.get('location'), path);
      const cookie = set.headers.get('set-cookie') ?? '';
      assert.match(cookie, /^bs-lang=en-GB; Max-Age=31536000; Path=\/; SameSite=Lax$/i);
      const page = await (await get(path, cookie.split(';')[0])).text();
      assert.match(page, /<html lang="en-GB"/);

      const cleared = await post({ language: '', return: path });
      assert.equal(cleared.status, 303);
      assert.match(
        cleared.headers.get('set-cookie') ?? '',
        /^bs-lang=; .*Expires=Thu, 01 Jan 1970/i,
      );

      // Only this site's paths: anything else goes to the front page.
      for (const away of ['//evil.example/x', 'https://evil.example/', '/\\evil.example']) {
        const res = await post({ language: 'de-DE', return: away });
        assert.equal(res.headers.get('location'), '/', away);
      }
      const unknown = await post({ language: 'xx-XX', return: path });
      assert.equal(unknown.status, 400);
      // Said in the page's language (this reader's German), beside nothing stored.
      assert.match(await unknown.text(), /Bitte wählen Sie eine Sprache aus der Liste\./);
      assert.equal(unknown.headers.get('set-cookie'), null);
      assert.equal(unknown.headers.get('set-cookie'), null);
      // From another site: refused, like every form.
      const forged = await fetch(`${app.url}/language`, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          origin: 'https://evil.example',
        },
        body: 'language=de-DE',
      });
      assert.equal(forged.status, 403);
    });

    test('feeds speak the site language; RSS dates stay RFC 822', async () => {
      const rss = await (await get('/feed.xml')).text();
      assert.match(rss, /<language>de-DE<\/language>/);
      assert.match(rss, /<pubDate>Thu, 03 Dec 2026 08:52:00 GMT<\/pubDate>/);
      const corrections = await (await get('/corrections/feed.xml', 'bs-lang=en-GB')).text();
      assert.match(corrections, /Korrekturen und Klarstellungen/);
      assert.match(corrections, /Korrektur: Neue Fähre im Hafen/);
      const news = await (await get('/news-sitemap.xml')).text();
      assert.match(news, /<news:language>de<\/news:language>/);
    });
  });

  describe(`the page cache keeps each language apart on ${database.name}`, () => {
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

    const fastLaneHits = async () => {
      const metrics = await (await fetch(`${app.url}/metrics`)).text();
      return [
        ...metrics.matchAll(
          /broadsheet_http_requests_total\{[^}]*route="page cache \(fast lane\)"[^}]*\} (\d+)/g,
        ),
      ].reduce((n, m) => n + Number(m[1]), 0);
    };

    test('two readers, English and German, interleaved: each always gets their own language', async () => {
      const a = await publishedArticle(db.store, { headline: 'Harbour ferry returns' });
      const path = articlePath(a);
      const read = async (cookie?: string) => {
        const res = await fetch(app.url + path, { headers: cookie ? { cookie } : {} });
        const body = await res.text();
        return { cache: res.headers.get('x-cache'), lang: /<html lang="([^"]+)"/.exec(body)?.[1] };
      };
      const english = () => read();
      const german = () => read('theme=x; bs-lang=de-DE');

      assert.deepEqual(await english(), { cache: 'miss', lang: 'en-GB' });
      assert.deepEqual(await german(), { cache: 'miss', lang: 'de-DE' });
      const before = await fastLaneHits();
      for (let i = 0; i < 3; i++) {
        assert.deepEqual(await english(), { cache: 'hit', lang: 'en-GB' });
        assert.deepEqual(await german(), { cache: 'hit', lang: 'de-DE' });
      }
      // Those hits were answered by the fast lane, before routing.
      assert.equal((await fastLaneHits()) - before, 6);

      // A cookie naming no language Broadsheet has is ignored: the site's page, from the cache.
      assert.deepEqual(await read('bs-lang=xx-XX'), { cache: 'hit', lang: 'en-GB' });
      assert.deepEqual(await read('bs-lang=%3Cscript%3E'), { cache: 'hit', lang: 'en-GB' });
      // The German page, first seen through Fastify (another URL form), then the fast lane.
      assert.deepEqual(await read('bs-lang=de-DE; other=1'), { cache: 'hit', lang: 'de-DE' });

      // A change to the article drops every language's page.
      await app.services.changes.publish({ kind: 'article', articleId: a.id });
      assert.deepEqual(await german(), { cache: 'miss', lang: 'de-DE' });
      assert.deepEqual(await english(), { cache: 'miss', lang: 'en-GB' });
      assert.deepEqual(await german(), { cache: 'hit', lang: 'de-DE' });
    });
  });
}
