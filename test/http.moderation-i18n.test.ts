/**
 * The moderators' and admins' pages in the reader's language (issue 17): the queue, the log, the
 * settings and people, drawn in the pseudo-language en-XA, show no English of their own: what is
 * left is the people's and the site's words (names, headlines, comment bodies, reasons typed by
 * moderators). In German they read as German. The staff frame around them (navigation, masthead)
 * is another page's and is left out here.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Article } from '../src/domain/article.js';
import { settingDefinitions } from '../src/domain/moderation/policy.js';
import type { Role } from '../src/domain/user.js';
import { allCatalogues } from '../src/i18n/translator.js';
import en from '../src/i18n/messages/en/moderation.js';
import { databases, type OpenedStore } from './helpers/databases.js';
import { startApp, type RunningApp } from './helpers/app.js';
import { publishedArticle, signedInPerson, type Person } from './helpers/fixtures.js';
import { json } from './helpers/http.js';
import { pseudoCookie, untranslated } from './helpers/pseudo.js';

const origin = 'http://broadsheet.test';

/**
 * The part of a staff page that the page itself draws: not the staff frame around it, not the
 * thread's settings form the queue borrows from the article page (thread-settings.ts, checked
 * with the comments), and not the times, which the translator formats (a pseudo-language keeps
 * English's formats).
 */
function ownPart(page: string): string {
  const start = page.indexOf('<div class="admin-page">');
  const end = page.indexOf('</main>');
  assert.ok(start > 0 && end > start, 'a staff page');
  return page
    .slice(start, end)
    .replace(/<form[^>]*class="form form--row thread-settings"[\s\S]*?<\/form>/g, ' ')
    .replace(/(<time[^>]*>)[^<]*(<\/time>)/g, '$1$2')
    .replace(/<wbr \/>/g, '');
}

/** A message inside a message (a setting’s name in its problem, an action in a past action) is marked twice: once will do. */
function flattened(page: string): string {
  let out = page;
  for (let before = ''; before !== out;) {
    before = out;
    out = out.replace(/(⟦[^⟦⟧]*)⟦([^⟦⟧]*)⟧/g, '$1$2');
  }
  return out;
}

describe('every setting has its words in the catalogue', () => {
  test('label, hint and choices; the English label is the one the policy keeps', () => {
    const messages = en as Record<string, string>;
    for (const def of settingDefinitions) {
      assert.equal(messages[`setting.${def.key}`], def.label, def.key);
      assert.equal(messages[`hint.${def.key}`], def.hint, def.key);
      if (def.kind === 'choice') {
        for (const c of def.choices) assert.equal(messages[`choice.${def.key}.${c.value}`], c.text);
      }
    }
    for (const [language, catalogue] of Object.entries(allCatalogues)) {
      assert.deepEqual(
        Object.keys(catalogue.moderation).sort(),
        Object.keys(en).sort(),
        `${language} has every moderation message`,
      );
    }
  });
});

for (const database of databases()) {
  describe(`moderation pages in other languages on ${database.name}`, () => {
    let db: OpenedStore;
    let app: RunningApp;
    let admin: Person;
    let commenter: Person;
    let other: Person;
    let story: Article;
    /** The people's and the site's own words, allowed on a pseudo-translated page. */
    const theirs: string[] = [];

    const person = async (role: Role, name: string) => {
      const p = await signedInPerson(db.store, app, {
        role,
        name,
        createdAt: new Date(Date.now() - 3 * 86_400_000).toISOString(),
      });
      theirs.push(name, p.user.email);
      return p;
    };

    const api = (path: string, who: Person, payload: unknown) =>
      fetch(`${app.url}${path}`, {
        method: 'POST',
        headers: { origin, 'content-type': 'application/json', cookie: who.cookie },
        body: JSON.stringify(payload),
      });

    const form = (path: string, fields: Record<string, string>, who: Person, lang = '') =>
      fetch(`${app.url}${path}`, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          origin,
          cookie: `${who.cookie}${lang ? `; bs-lang=${lang}` : ''}`,
        },
        body: new URLSearchParams({ _csrf: who.csrf, ...fields }).toString(),
      });

    const page = async (path: string, cookie: string) => {
      const res = await fetch(app.url + path, {
        headers: { cookie: `${admin.cookie}; ${cookie}` },
      });
      return { status: res.status, text: await res.text() };
    };

    before(async () => {
      db = await database.open();
      app = await startApp(
        db,
        {},
        {
          commentPostsPerPerson: { max: 10_000, windowMs: 60_000 },
          commentPostsPerAddress: { max: 10_000, windowMs: 60_000 },
        },
      );
      admin = await person('admin', 'Ada Quill');
      commenter = await person('commenter', 'Wendell Brook');
      other = await person('commenter', 'Tamsin Reed');
      await db.store.settings.set('moderation.suspectWords', 'scam');
      theirs.push('scam');
      story = await publishedArticle(db.store, {
        headline: 'Harbour wall repairs begin',
        authorIds: [admin.user.id],
      });
      theirs.push(story.headline);

      const write = async (body: string, who: Person, parentId?: string) => {
        theirs.push(body);
        return json(
          await api(`/api/v1/articles/${story.id}/comments`, who, {
            body,
            ...(parentId ? { parentId } : {}),
          }),
        );
      };
      // One published and reported, one held by a word, one reply held for its link and then
      // rejected with a reason, and the commenter suspended: every part of a queue item.
      const first = await write('The wall has needed this for years.', other);
      assert.equal(first.status, 'published');
      const report = await api(`/api/v1/comments/${first.id}/reports`, commenter, {
        reason: 'spam',
        text: 'Reads like an advert',
      });
      assert.equal(report.status, 201);
      theirs.push('Reads like an advert');
      const held = await write('This looks like a scam to me.', commenter);
      assert.equal(held.status, 'pending', JSON.stringify(held));
      const reply = await write('See https://harbour.example/plan', commenter, first.id);
      assert.equal(reply.status, 'pending', JSON.stringify(reply));
      const back = `/admin/moderation?status=all`;
      const feature = await form(
        '/admin/moderation/act',
        { ids: first.id, action: 'feature', back },
        admin,
      );
      assert.equal(feature.status, 303);
      const rejected = await form(
        '/admin/moderation/act',
        { ids: reply.id, action: 'reject', reason: 'No adverts', back },
        admin,
      );
      assert.equal(rejected.status, 303);
      const suspend = await form(
        '/admin/moderation/sanction',
        {
          userId: commenter.user.id,
          choice: '24h',
          reason: 'Spam links',
          commentId: reply.id,
          back,
        },
        admin,
      );
      assert.equal(suspend.status, 303);
      // The link in a comment is drawn apart from the text around it. The service writes a
      // suspension's length into the reason it logs ("24 hours: …"), stored as written then.
      theirs.push('No adverts', '24 hours: Spam links', 'https://harbour.example/plan', 'See');
      const invited = await form(
        '/admin/users/invitations',
        { email: 'new.desk@example.org', role: 'editor' },
        admin,
      );
      assert.equal(invited.status, 303);
      theirs.push('new.desk@example.org');
      // The pipeline's own notes on why a comment was held (stored with it, as written then).
      for (const c of [held, reply]) {
        const stored = await db.store.moderation.moderated(c.id);
        for (const r of stored?.reasons ?? []) theirs.push(r.detail);
      }
    });
    after(async () => {
      await app?.close();
      await db?.dispose();
    });

    for (const path of [
      '/admin/moderation?status=all',
      '/admin/moderation?status=pending',
      '/admin/moderation?status=reported',
      '/admin/moderation/log',
      `/admin/moderation/log?action=suspend`,
      '/admin/users',
      '/admin/settings',
    ]) {
      test(`${path} in en-XA has no English of its own`, async () => {
        const shown = await page(path, pseudoCookie);
        assert.equal(shown.status, 200);
        assert.match(shown.text, /<html lang="en-XA"/);
        const body = ownPart(shown.text);
        assert.match(body, /⟦/, 'the pseudo-language is drawn');
        assert.deepEqual(untranslated(flattened(body), theirs), []);
      });
    }

    test('right to left (ar-XB): the queue and the log are drawn rtl, all from the catalogue', async () => {
      for (const path of ['/admin/moderation?status=all', '/admin/moderation/log']) {
        const shown = await page(path, 'bs-lang=ar-XB');
        assert.equal(shown.status, 200);
        assert.match(shown.text, /<html lang="ar-XB" dir="rtl"/);
        assert.deepEqual(untranslated(flattened(ownPart(shown.text)), theirs), [], path);
      }
    });

    test('the queue carries the script’s words in the page’s language', async () => {
      const shown = await page('/admin/moderation?status=all', 'bs-lang=de-DE');
      const strings = /<script type="application\/json" id="mod-strings">([^<]*)<\/script>/.exec(
        shown.text,
      );
      const words = JSON.parse(strings?.[1] ?? '{}');
      assert.equal(words.refresh, 'Warteschlange neu laden');
      assert.match(
        words.changedMany,
        /^Seit dem Laden dieser Seite haben sich \{count\} Kommentare/,
      );
      assert.match(words.stale.moderated, /andere Person aus der Moderation/);
      const english = await page('/admin/moderation?status=all', 'bs-lang=en-GB');
      assert.match(english.text, /"changedOne":"1 comment has changed since this page loaded\."/);
    });

    test('in German: the queue, the log and people read as German', async () => {
      const queue = await page('/admin/moderation?status=all', 'bs-lang=de-DE');
      assert.match(queue.text, /<h1>Moderation<\/h1>/);
      assert.match(queue.text, /Tastatur: <kbd>j<\/kbd> nächster/);
      assert.match(queue.text, /Zurückgehalten wegen|War zurückgehalten wegen/);
      assert.match(queue.text, /<strong>Spam<\/strong>\s*: „Reads like an advert“/);
      assert.match(queue.text, /gesperrt bis \d{1,2}\. [A-Za-zä]+ \d{4}, \d\d:\d\d/);
      assert.match(queue.text, /Gesperrt von Ada Quill|Hervorgehoben von Ada Quill/);
      const log = await page('/admin/moderation/log', 'bs-lang=de-DE');
      assert.match(log.text, /<h1>Moderationsprotokoll<\/h1>/);
      assert.match(log.text, /data-label="Wann"/);
      assert.match(log.text, /zu <a href="[^"]+">Harbour wall repairs begin<\/a>/);
      const people = await page('/admin/users', 'bs-lang=de-DE');
      assert.match(people.text, /<h1>Personen<\/h1>/);
      assert.match(
        people.text,
        /new\.<wbr \/>desk<wbr \/>@example\.<wbr \/>org<\/strong> · Redakteur/,
      );
      assert.match(people.text, /<option value="168">7 Tage<\/option>/);
    });

    test('refused values are worded in the page’s language, the typed values kept', async () => {
      const bad = await form(
        '/admin/settings',
        { 'moderation.reportThreshold': 'viele', 'comments.autoCloseHours': '200000' },
        admin,
        'de-DE',
      );
      assert.equal(bad.status, 400);
      const text = await bad.text();
      assert.match(
        text,
        /Meldungen, nach denen ein Kommentar erneut geprüft wird: Bitte geben Sie eine ganze Zahl ein\./,
      );
      assert.match(text, /: Bitte geben Sie eine Zahl von 0 bis 100\.000 ein\./);
      assert.match(text, /name="moderation.reportThreshold"[^>]*value="viele"/);
      const pseudo = await form(
        '/admin/settings',
        { 'moderation.suspectWords': '!!!' },
        admin,
        'en-XA',
      );
      assert.equal(pseudo.status, 400);
      const refused = ownPart(await pseudo.text());
      assert.match(refused, /⟦⟦Šüšpéçt wördš⟧: &quot;!!!&quot; hàš ñö léttérš ör dîgîtš\.⟧/);
      assert.deepEqual(untranslated(flattened(refused), ['!!!']), []);
      const log = await page('/admin/moderation/log?from=tomorrow', 'bs-lang=de-DE');
      assert.equal(log.status, 422);
      assert.match(log.text, /Geben Sie den ersten Tag als Datum an/);
    });
  });
}
