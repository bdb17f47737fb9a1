/**
 * The newsroom's article pages in another language (issue #17): every page drawn in the
 * pseudo-language en-XA shows no text of its own outside the catalogue (only the articles' and
 * the people's own words), and with the site in German, scheduling an article says so in German
 * with a German date in the site's zone.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Article } from '../src/domain/article.js';
import type { Role } from '../src/domain/user.js';
import { translator } from '../src/i18n/translator.js';
import { databases, type OpenedStore } from './helpers/databases.js';
import { startApp, type RunningApp } from './helpers/app.js';
import { signedInPerson, type Person } from './helpers/fixtures.js';
import { jpeg, multipart } from './helpers/images.js';
import { pseudoCookie, untranslated } from './helpers/pseudo.js';

let serial = 0;

/**
 * The part of a page the newsroom's views draw: the admin page's own part of `<main>` and the
 * page's title. Around it, the page frame and the staff navigation belong to the reader and
 * admin areas, the error summary to the forms' (with the service's message), and the article's
 * notices (views/pages/corrections.ts) and the preview's article (views/pages/article-content.ts)
 * are drawn as readers see them: their own tests check those. Dates are values, drawn by the
 * translator in the language's format (a pseudo-language's are English's); a diff's words are
 * the article's, cut where they changed: only its words for screen readers are the newsroom's.
 */
function newsroomPart(page: string): string {
  const own = /<div class="admin-page">([\s\S]*)<\/main>/.exec(page)?.[1] ?? '';
  assert.ok(own, 'the page is an admin page');
  const title = /<title>([^<]*)<\/title>/.exec(page)?.[1] ?? '';
  return `<p>${title.split(' | ')[0]!.replace(/^Error: /, '')}</p>${own}`
    .replace(/<div class="error-summary"[\s\S]*?<\/div>/, ' ')
    .replace(/<p class="correction__(text|retraction)">[\s\S]*?<\/p>/g, ' ')
    .replace(/<div class="article preview__article">[\s\S]*?<\/section>/, '</section>')
    .replace(/(<time\b[^>]*>)[^<]*<\/time>/g, '$1</time>')
    .replace(/<dd class="diff">([\s\S]*?)<\/dd>/g, (_all, diff: string) =>
      [...diff.matchAll(/<span class="[^"]*">⟦[^<]*<\/span>/g)].map((m) => m[0]).join(' '),
    );
}

for (const database of databases()) {
  describe(`the newsroom's pages in other languages on ${database.name}`, () => {
    let db: OpenedStore;
    let app: RunningApp;
    let author: Person;
    let editor: Person;
    let admin: Person;
    let draft: Article;
    let published: Article;
    let returned: Article;
    let scheduled: Article;
    let doomed: Article;
    let inReview: Article;

    const person = (role: Role): Promise<Person> => {
      const slug = `${role}-${++serial}`;
      return signedInPerson(db.store, app, { slug, role, name: `Quill ${role} ${serial}` });
    };
    const get = (path: string, who: Person, cookie = pseudoCookie) =>
      fetch(app.url + path, {
        headers: { cookie: `${who.cookie}; ${cookie}` },
        redirect: 'manual',
      });
    const post = (path: string, who: Person, fields: Record<string, string>, cookie = '') =>
      fetch(app.url + path, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          origin: 'http://broadsheet.test',
          cookie: cookie ? `${who.cookie}; ${cookie}` : who.cookie,
        },
        body: new URLSearchParams({ _csrf: who.csrf, ...fields }).toString(),
      });

    /** The people's and the articles' own words: what may stay as it is on a pseudo page. */
    const theirWords = () => [
      ...[draft, published, returned, scheduled, doomed, inReview].flatMap((a) => [
        a.headline,
        a.standfirst,
        ...a.body.split('\n'),
        a.slug,
        a.dateline,
      ]),
      'Harbour wall to be rebuilt', // the first version's headline
      'Council tax draft', // deleted
      'The old wall is failing.',
      'The old wall is failing, and the council will vote.',
      'Rebuilt after the storm.',
      'The ferry stays in port.',
      'Harbour, Council',
      'Harbour',
      'Council',
      'council',
      'storm',
      'PENNOCK',
      'News',
      'news',
      author.user.name,
      editor.user.name,
      admin.user.name,
      author.user.slug,
      'Check the figures in paragraph two.',
      'The vote was on Thursday, not Friday.',
      'quay.jpg',
      'The quay at dawn',
      'Photo: Pennock Post',
      'JPEG',
      'PNG',
      'WebP',
      'Markdown',
      'MB',
      'UTC',
      'GMT',
    ];

    const noEnglishLeft = async (path: string, who: Person, status = 200) => {
      const res = await get(path, who);
      assert.equal(res.status, status, path);
      const page = await res.text();
      assert.match(page, /<html lang="en-XA"/, path);
      assert.deepEqual(untranslated(newsroomPart(page), theirWords()), [], path);
      return page;
    };

    before(async () => {
      db = await database.open();
      app = await startApp(db);
      await db.store.sections.upsert({ slug: 'news', name: 'News', description: '', position: 0 });
      author = await person('author');
      editor = await person('editor');
      admin = await person('admin');
      const newsroom = app.services.newsroom;
      const fields = {
        section: 'news',
        dateline: 'PENNOCK',
        authors: [author.user.slug],
        tags: ['Harbour', 'Council'],
        body: 'Rebuilt after the storm.',
      };

      // A draft with three versions, one picked related story and a main image.
      published = await newsroom.create(editor.user, {
        ...fields,
        headline: 'Storm closes the ferry',
        standfirst: 'Rebuilt after the storm.',
        body: 'The ferry stays in port.',
      });
      published = await newsroom.publish(editor.user, published.id);
      draft = await newsroom.create(author.user, {
        ...fields,
        headline: 'Harbour wall to be rebuilt',
        standfirst: 'The old wall is failing.',
        body: 'The old wall is failing.',
      });
      draft = await newsroom.edit(author.user, draft.id, {
        version: draft.version,
        headline: 'Harbour wall will be rebuilt',
        body: 'The old wall is failing, and the council will vote.',
        related: [published.slug],
      });
      draft = await newsroom.edit(author.user, draft.id, {
        version: draft.version,
        standfirst: 'The council votes on Friday.',
      });
      const form = multipart(
        {
          _csrf: editor.csrf,
          alt: 'The quay at dawn',
          caption: 'The quay at dawn',
          credit: 'Photo: Pennock Post',
        },
        { name: 'quay.jpg', type: 'image/jpeg', data: await jpeg(800, 500) },
      );
      const uploaded = await fetch(`${app.url}/admin/articles/${published.id}/image`, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          'content-type': form.contentType,
          origin: 'http://broadsheet.test',
          cookie: editor.cookie,
        },
        body: form.body,
      });
      assert.equal(uploaded.status, 303, await uploaded.text());
      // An image placed in the body, shown under "Images in the body".
      const inBody = multipart(
        { _csrf: editor.csrf, alt: 'The quay at dawn' },
        { name: 'quay.jpg', type: 'image/jpeg', data: await jpeg(600, 400) },
      );
      const placed = await fetch(`${app.url}/admin/articles/${published.id}/image?place=body`, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          'content-type': inBody.contentType,
          origin: 'http://broadsheet.test',
          cookie: editor.cookie,
        },
        body: inBody.body,
      });
      assert.equal(placed.status, 303, await placed.text());

      // A published article with a correction (and one retracted).
      const first = await newsroom.addCorrection(editor.user, published.id, {
        kind: 'correction',
        text: 'The vote was on Thursday, not Friday.',
      });
      await newsroom.addCorrection(editor.user, published.id, {
        kind: 'clarification',
        text: 'Check the figures in paragraph two.',
      });
      await newsroom.retractCorrection(
        editor.user,
        published.id,
        first.article.corrections[0]!.id,
        'Check the figures in paragraph two.',
      );
      published = await newsroom.article(editor.user, published.id);

      // Sent back from review with a note; scheduled; a draft to delete.
      returned = await newsroom.create(author.user, { ...fields, headline: 'Pier reopens' });
      await newsroom.submit(author.user, returned.id);
      returned = await newsroom.returnToDraft(
        editor.user,
        returned.id,
        'Check the figures in paragraph two.',
      );
      scheduled = await newsroom.create(editor.user, {
        ...fields,
        headline: 'Regatta moves to June',
      });
      scheduled = await newsroom.publish(editor.user, scheduled.id, '2099-06-01T09:00:00.000Z');
      inReview = await newsroom.create(author.user, { ...fields, headline: 'Ferry fares rise' });
      inReview = await newsroom.submit(author.user, inReview.id);
      doomed = await newsroom.create(author.user, { ...fields, headline: 'Lighthouse fund draft' });
      const gone = await newsroom.create(author.user, { ...fields, headline: 'Council tax draft' });
      await newsroom.deleteDraft(author.user, gone.id);
      doomed = await newsroom.article(author.user, doomed.id);
    });
    after(async () => {
      await app?.close();
      await db?.dispose();
    });

    test('the article list, its filters and a notice', async () => {
      const page = await noEnglishLeft('/admin/articles?done=deleted', author);
      assert.match(page, /⟦Ðràƒt⟧|⟦Dràft⟧/);
      await noEnglishLeft('/admin/articles?q=nothing-matches-this', editor);
    });

    test('the editor: new, a draft with its picks and autosave, a published article with every panel', async () => {
      await noEnglishLeft('/admin/articles/new', author);
      const mine = await noEnglishLeft(`/admin/articles/${draft.id}?done=saved`, author);
      assert.match(mine, /data-autosave=/);
      assert.match(mine, /<script type="application\/json" id="newsroom-text">/);
      const words = JSON.parse(
        /<script type="application\/json" id="newsroom-text">([^<]*)<\/script>/.exec(mine)![1]!,
      ) as Record<string, string | string[]>;
      const pseudo = translator('en-XA', 'UTC');
      assert.equal(
        words['added'],
        pseudo.t('newsroom.picker.added', {
          headline: '{headline}',
          position: '{position}',
          count: '{count}',
        }),
      );
      assert.deepEqual(
        words['matches'],
        Array.from({ length: 13 }, (_, count) => pseudo.t('newsroom.picker.matches', { count })),
      );
      for (const [key, text] of Object.entries(words)) {
        for (const one of Array.isArray(text) ? text : [text]) {
          assert.match(one, /^⟦[^⟧]*⟧$/, `newsroom.js's "${key}" comes from the catalogue`);
        }
      }
      const edited = await noEnglishLeft(`/admin/articles/${published.id}?done=corrected`, editor);
      for (const panel of [
        'notices-heading',
        'images-heading',
        'workflow-heading',
        'comment-settings-heading',
      ]) {
        assert.match(edited, new RegExp(`id="${panel}"`), panel);
      }
      assert.match(edited, /name="substantive"/);
      await noEnglishLeft(`/admin/articles/${returned.id}`, author);
      const review = await noEnglishLeft(`/admin/articles/${inReview.id}`, editor);
      assert.match(review, /id="return-note"/);
      assert.match(review, /id="publish-at"/);
      assert.match(edited, /<h3>⟦Îmàgéš îñ thé bödÿ⟧<\/h3>/);
      const later = await noEnglishLeft(`/admin/articles/${scheduled.id}?done=scheduled`, editor);
      assert.match(later, /⟦för ⟧<time datetime="2099-06-01T09:00:00.000Z">/);
    });

    test("the preview, the picker's search and a stale save", async () => {
      const form = {
        headline: draft.headline,
        standfirst: draft.standfirst,
        body: 'The old wall is failing.',
        section: 'news',
        dateline: 'PENNOCK',
        tags: 'Harbour, Council',
        authors: author.user.slug,
        related: published.slug,
        slug: draft.slug,
        version: '1',
      };
      const check = async (res: Response, status: number) => {
        assert.equal(res.status, status);
        const page = await res.text();
        assert.deepEqual(untranslated(newsroomPart(page), theirWords()), []);
        return page;
      };
      const preview = await check(
        await post(
          `/admin/articles/${draft.id}`,
          author,
          { ...form, intent: 'preview' },
          pseudoCookie,
        ),
        200,
      );
      assert.match(preview, /id="preview-heading">⟦Ƥrévîéw⟧|id="preview-heading">⟦Prévîéw⟧/);
      const searched = await check(
        await post(
          `/admin/articles/${draft.id}`,
          author,
          { ...form, related: '', relatedQuery: 'ferry', intent: 'related-search' },
          pseudoCookie,
        ),
        200,
      );
      assert.match(searched, /id="related-status" role="status">⟦/);
      const stale = await check(
        await post(
          `/admin/articles/${draft.id}`,
          author,
          { ...form, intent: 'save' },
          pseudoCookie,
        ),
        409,
      );
      assert.match(stale, /id="conflict-heading"/);
      assert.match(stale, /<span class="visually-hidden">⟦\[rémövéd: ⟧<\/span>/);
    });

    test('revisions and a comparison of two versions', async () => {
      await noEnglishLeft(`/admin/articles/${draft.id}/revisions`, author);
      const compared = await noEnglishLeft(
        `/admin/articles/${draft.id}/revisions/compare?a=1&b=3`,
        author,
      );
      assert.match(compared, /⟦\[rémövéd: ⟧/);
    });

    test('deleting a draft, and the deleted drafts', async () => {
      await noEnglishLeft(`/admin/articles/${doomed.id}/delete`, author);
      const list = await noEnglishLeft('/admin/articles/deleted', admin);
      assert.match(list, /Council tax draft/);
    });

    test('a site in German schedules in German, with a German date in its zone', async () => {
      await app.services.site.update(admin.user, { language: 'de-DE', timeZone: 'Europe/Berlin' });
      try {
        const a = await app.services.newsroom.create(editor.user, {
          headline: 'Hafenfest verschoben',
          section: 'news',
          body: 'Das Fest findet im Juli statt.',
        });
        const page = await (await get(`/admin/articles/${a.id}`, editor, '')).text();
        assert.match(page, /<html lang="de-DE"/);
        assert.match(
          page,
          /<label for="publish-at">Veröffentlichen am \(Europe\/Berlin\)<\/label>/,
        );
        assert.match(page, />Planen<\/button>/);
        // The date picker sends the ISO form; a browser without one sends what a German types.
        for (const [at, iso, shown] of [
          ['2099-12-24T18:00', '2099-12-24T17:00:00.000Z', '24. Dezember 2099, 18:00\u00a0MEZ'],
          ['1.7.2099, 9:30', '2099-07-01T07:30:00.000Z', '1. Juli 2099, 09:30\u00a0MESZ'],
        ] as const) {
          const res = await post(`/admin/articles/${a.id}/publish`, editor, { at });
          assert.equal(res.status, 303, at);
          const done = await (await get(res.headers.get('location')!, editor, '')).text();
          assert.match(done, /<p class="done-banner" role="status">Geplant\.<\/p>/);
          assert.match(
            done,
            new RegExp(`>Geplant</span> für den <time datetime="${iso}">${shown}</time>`),
          );
          assert.match(done, />Neu planen<\/button>/);
          assert.match(done, />Planung aufheben<\/button>/);
          assert.equal((await app.services.newsroom.article(editor.user, a.id)).publishAt, iso);
        }
        // 02:30 on 29 March 2099 does not happen in Berlin: the choices are named in German.
        const skipped = await post(`/admin/articles/${a.id}/publish`, editor, {
          at: '29.3.2099, 02:30',
        });
        assert.equal(skipped.status, 422);
        const choice = await skipped.text();
        assert.match(choice, /<legend>Welches 02:30 ist gemeint\?<\/legend>/);
        assert.match(choice, /value="2099-03-29T02:30"/);
        assert.match(choice, /02:30 MEZ \(UTC\+1\)|03:30 MESZ \(UTC\+2\)/);
        const list = await (await get('/admin/articles', editor, '')).text();
        assert.match(list, /<h1>Artikel<\/h1>/);
        assert.match(list, /Geplant<\/span> für den <time/);
      } finally {
        await app.services.site.update(admin.user, { language: 'en-GB', timeZone: 'UTC' });
      }
    });
  });
}
