/**
 * The masthead's and the footer's menus through the whole app, on both databases: the defaults
 * are the navigation and footer as they always were; custom menus show on every page at once
 * (the page cache emptied); a renamed section's entry follows it; an unpublished page's or a
 * removed section's entry leaves silently; the admin forms without JavaScript and the API, each
 * refusal with its status and field and nothing changed.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { articlePath, type Article } from '../src/domain/article.js';
import type { Page } from '../src/domain/page.js';
import { databases, type OpenedStore } from './helpers/databases.js';
import { startApp, type RunningApp } from './helpers/app.js';
import { publishedArticle, signedInPerson, type Person } from './helpers/fixtures.js';
import { json, type Json, postForm } from './helpers/http.js';

for (const database of databases()) {
  describe(`menus on ${database.name}`, () => {
    let db: OpenedStore;
    let app: RunningApp;
    let admin: Person;
    let editor: Person;
    let story: Article;
    let about: Page;
    let privacy: Page;

    const get = (path: string, who: Person | null = null) =>
      fetch(app.url + path, { headers: who ? { cookie: who.cookie } : {}, redirect: 'manual' });
    const post = (path: string, who: Person, fields: Record<string, string>) =>
      postForm(app.url + path, fields, who);
    const put = (menu: string, who: Person | null, entries: unknown) =>
      fetch(`${app.url}/api/v1/menus/${menu}`, {
        method: 'PUT',
        headers: {
          origin: 'http://broadsheet.test',
          'content-type': 'application/json',
          ...(who ? { cookie: who.cookie } : {}),
        },
        body: JSON.stringify({ entries }),
      });
    const menusJson = async (who: Person | null = null): Promise<Json> =>
      (await json(await get('/api/v1/menus', who))).items;

    /** The masthead's and the footer's navigation of a page, as anonymous readers get it. */
    const navs = async (path = '/') => {
      const res = await get(path);
      const page = await res.text();
      return {
        status: res.status,
        cache: res.headers.get('x-cache'),
        masthead: /<nav class="sections"[\s\S]*?<\/nav>/.exec(page)?.[0] ?? '',
        footer: /<nav class="footer-links"[\s\S]*?<\/nav>/.exec(page)?.[0] ?? '',
      };
    };
    const links = (nav: string) =>
      [...nav.matchAll(/<a href="([^"]*)"[^>]*>([^<]*)</g)].map((m) => `${m[2]!.trim()} ${m[1]}`);

    before(async () => {
      db = await database.open();
      app = await startApp(db);
      admin = await signedInPerson(db.store, app, { slug: 'the-admin', role: 'admin' });
      editor = await signedInPerson(db.store, app, { slug: 'the-editor', role: 'editor' });
      await app.services.sections.create({ name: 'News' });
      await app.services.sections.create({ name: 'Sport' });
      await app.services.sections.create({ name: 'Archive', hidden: true });
      await app.services.sections.create({ name: 'Arts' });
      story = await publishedArticle(db.store, { sectionSlug: 'sport', headline: 'Cup final' });
      const pages = app.services.pages;
      about = await pages.create(admin.user, { title: 'About us', body: 'Who we are.' });
      about = await pages.publish(admin.user, about.id);
      privacy = await pages.create(admin.user, { title: 'Privacy', body: 'What we keep.' });
    });
    after(async () => {
      await app?.close();
      await db?.dispose();
    });

    test('never saved: Home and the visible sections; Corrections and the feeds', async () => {
      const { masthead, footer } = await navs();
      assert.match(masthead, /aria-label="Sections"/);
      assert.deepEqual(links(masthead), ['Home /', 'News /news', 'Sport /sport', 'Arts /arts']);
      assert.match(footer, /aria-label="Footer"/);
      assert.deepEqual(links(footer), [
        'Corrections /corrections',
        'RSS feed /feed.xml',
        'Atom feed /atom.xml',
      ]);
      const [mast, foot] = await menusJson();
      assert.equal(mast.name, 'masthead');
      assert.equal(mast.saved, false);
      assert.deepEqual(
        mast.entries.map((e: Json) => e.section),
        ['news', 'sport', 'arts'],
      );
      assert.equal(foot.saved, false);
      // A section's page marks its own entry.
      assert.match((await navs('/sport')).masthead, /href="\/sport"\s+aria-current="page"/);
    });

    test('only admins open /admin/menus; the staff tools link it for them', async () => {
      const page = await get('/admin/menus', admin);
      assert.equal(page.status, 200);
      const text = await page.text();
      assert.match(text, /<h1>Menus<\/h1>/);
      assert.match(text, /<h2 id="masthead-heading">Masthead<\/h2>/);
      assert.match(text, /<label for="masthead-kind">Kind<\/label>/);
      assert.equal((await get('/admin/menus', editor)).status, 403);
      assert.match((await get('/admin/menus')).headers.get('location') ?? '', /^\/signin/);
      assert.match(await (await get('/admin', admin)).text(), /href="\/admin\/menus"/);
      assert.doesNotMatch(await (await get('/admin', editor)).text(), /href="\/admin\/menus"/);
    });

    test('added, moved and removed from the forms: every page shows it at once', async () => {
      // Cached pages first, so the test proves they are dropped.
      for (const path of ['/', '/news', articlePath(story), '/about-us']) {
        assert.equal((await get(path)).status, 200);
        assert.equal((await get(path)).headers.get('x-cache'), 'hit', path);
      }
      const added = await post('/admin/menus/masthead', admin, {
        kind: 'page',
        page: about.id,
        label: '',
      });
      assert.equal(added.status, 303);
      assert.equal(added.headers.get('location'), '/admin/menus?done=added');
      for (const path of ['/', '/news', articlePath(story), '/about-us']) {
        const { masthead, cache } = await navs(path);
        assert.equal(cache, 'miss', path);
        assert.deepEqual(links(masthead).at(-1), 'About us /about-us', path);
        assert.match(masthead, /aria-label="Site"/, 'not only sections any more');
      }
      assert.match((await navs('/about-us')).masthead, /href="\/about-us"\s+aria-current="page"/);

      await post('/admin/menus/masthead', admin, {
        kind: 'link',
        url: 'https://example.org/listen',
        label: 'Podcast',
      });
      // The podcast is 5th (index 4): up once, then the page (index 3) down: [.., Podcast, About us]
      const moved = await post('/admin/menus/masthead/move', admin, {
        index: '4',
        direction: 'up',
      });
      assert.equal(moved.status, 303);
      assert.equal(
        moved.headers.get('location'),
        '/admin/menus?done=moved&menu=masthead&focus=3&direction=up',
      );
      const list = await (await get(moved.headers.get('location')!, admin)).text();
      assert.match(list, /The order has been changed\./);
      // The pressed button has the focus again, on the entry's new row.
      assert.match(
        list,
        /value="up"[^>]*autofocus[^>]*>\s*Move up<span class="visually-hidden"> Podcast</,
      );
      assert.deepEqual(links((await navs()).masthead), [
        'Home /',
        'News /news',
        'Sport /sport',
        'Arts /arts',
        'Podcast https://example.org/listen',
        'About us /about-us',
      ]);
      await post('/admin/menus/masthead/remove', admin, { index: '0' });
      assert.deepEqual(links((await navs()).masthead).slice(0, 2), ['Home /', 'Sport /sport']);

      // The footer: its defaults plus a page with its own label.
      await post('/admin/menus/footer', admin, {
        kind: 'page',
        page: about.id,
        label: 'Who we are',
      });
      const { footer } = await navs(articlePath(story));
      assert.deepEqual(links(footer), [
        'Corrections /corrections',
        'RSS feed /feed.xml',
        'Atom feed /atom.xml',
        'Who we are /about-us',
      ]);
    });

    test('a renamed section’s entry follows it; a removed one’s leaves silently', async () => {
      assert.equal(
        (
          await put('masthead', admin, [
            { kind: 'section', section: 'sport', label: 'Games' },
            { kind: 'section', section: 'arts' },
            { kind: 'page', page: about.id },
          ])
        ).status,
        200,
      );
      assert.equal((await get('/')).headers.get('x-cache'), 'miss');
      assert.equal((await get('/')).headers.get('x-cache'), 'hit');
      await app.services.sections.update('sport', { slug: 'sports', name: 'Sports' });
      const { masthead, cache } = await navs();
      assert.equal(cache, 'miss');
      assert.deepEqual(links(masthead), [
        'Home /',
        'Games /sports',
        'Arts /arts',
        'About us /about-us',
      ]);
      const [mast] = await menusJson(admin);
      assert.equal(mast.entries[0].section, 'sports', 'stored under its new slug');
      assert.match(
        (await navs(articlePath({ ...story, section: { slug: 'sports', name: '' } }))).masthead,
        /href="\/sports"\s+aria-current="page"/,
      );

      await app.services.sections.remove('arts');
      assert.deepEqual(links((await navs()).masthead), [
        'Home /',
        'Games /sports',
        'About us /about-us',
      ]);
      const [after] = await menusJson(admin);
      assert.equal(after.entries[1].shown, false);
      assert.equal(after.entries[1].hiddenBecause, 'the section was removed');
    });

    test('an unpublished page leaves every page at once, and comes back when published', async () => {
      assert.equal((await get('/news')).status, 200);
      assert.equal((await get('/news')).headers.get('x-cache'), 'hit');
      await app.services.pages.unpublish(admin.user, about.id);
      const gone = await navs('/news');
      assert.equal(gone.cache, 'miss');
      assert.doesNotMatch(gone.masthead, /about-us/);
      assert.doesNotMatch(gone.footer, /about-us/);
      // Readers of the API see only what is shown; admins see why the rest is not.
      assert.ok(!(await menusJson())[0].entries.some((e: Json) => e.page === about.id));
      const [mast] = await menusJson(admin);
      const entry = mast.entries.find((e: Json) => e.page === about.id);
      assert.equal(entry.hiddenBecause, 'the page is not published');
      await app.services.pages.publish(admin.user, about.id);
      assert.match((await navs('/news')).masthead, /href="\/about-us"\s*>About us</);
      // Retitled while published: every page shows the new title.
      await app.services.pages.edit(admin.user, about.id, {
        version: (await app.services.pages.page(admin.user, about.id)).version,
        title: 'About the Courier',
      });
      assert.match((await navs('/news')).masthead, />About the Courier</);
    });

    test('refusals: status, condition and field, and nothing changes', async () => {
      const before = await menusJson(admin);
      const refused = async (
        entries: unknown,
        status: number,
        condition: string,
        field: string,
      ) => {
        const res = await put('masthead', admin, entries);
        const body: Json = await json(res);
        assert.equal(res.status, status, JSON.stringify(body));
        assert.equal(body.error.condition, condition);
        assert.equal(body.error.field, field);
      };
      const ok = { kind: 'section', section: 'news' };
      await refused(
        [ok, { kind: 'link', url: 'javascript:alert(1)', label: 'X' }],
        400,
        'invalid_url',
        'url',
      );
      await refused(
        [{ kind: 'link', url: 'ftp://example.org/', label: 'X' }],
        400,
        'invalid_url',
        'url',
      );
      await refused(
        [{ kind: 'link', url: '//evil.example/', label: 'X' }],
        400,
        'invalid_url',
        'url',
      );
      await refused(
        [{ kind: 'link', url: 'https://example.org/', label: '  ' }],
        422,
        'menu_label_required',
        'label',
      );
      await refused(
        [ok, { kind: 'section', section: 'no-such' }],
        422,
        'menu_target_unknown',
        'section',
      );
      await refused([{ kind: 'page', page: 'no-such-page' }], 422, 'menu_target_unknown', 'page');
      await refused(
        Array.from({ length: 31 }, () => ok),
        422,
        'menu_full',
        'entries',
      );
      // Longer than the schema allows: refused before the service sees it.
      const long = await put('masthead', admin, [{ ...ok, label: 'x'.repeat(81) }]);
      assert.equal(long.status, 400);
      assert.equal((await put('masthead', editor, [ok])).status, 403);
      assert.equal((await put('masthead', null, [ok])).status, 401);
      assert.equal((await put('sidebar', admin, [ok])).status, 400);
      assert.deepEqual(await menusJson(admin), before);

      // The form: the message beside the input, the values kept, the refusal's status.
      const form = await post('/admin/menus/footer', admin, {
        kind: 'link',
        url: 'javascript:alert(1)',
        label: 'Bad',
      });
      assert.equal(form.status, 400);
      const page = await form.text();
      assert.match(page, /<title>Error: Menus/);
      assert.match(page, /<a href="#footer-url">/);
      assert.match(page, /id="footer-url-error"/);
      assert.match(
        page,
        /id="footer-url"[^>]*value="javascript:alert\(1\)"[^>]*aria-invalid="true"/,
      );
      const noLabel = await post('/admin/menus/footer', admin, {
        kind: 'link',
        url: 'https://example.org/',
        label: '',
      });
      assert.equal(noLabel.status, 422);
      assert.match(await noLabel.text(), /id="footer-label-error"/);
      const longLabel = await post('/admin/menus/masthead', admin, {
        kind: 'section',
        section: 'news',
        label: 'x'.repeat(81),
      });
      assert.equal(longLabel.status, 400);
      assert.match(await longLabel.text(), /id="masthead-label-error"/);
      const noPage = await post('/admin/menus/masthead', admin, { kind: 'page', page: '' });
      assert.equal(noPage.status, 422);
      assert.match(await noPage.text(), /id="masthead-page-error"/);
      assert.equal((await post('/admin/menus/sidebar', admin, { kind: 'page' })).status, 404);
      assert.equal(
        (await post('/admin/menus/masthead/remove', admin, { index: '99' })).status,
        404,
      );
      assert.deepEqual(await menusJson(admin), before);
    });

    test('a draft page may be added; it shows once published', async () => {
      const res = await put('footer', admin, [
        { kind: 'page', page: privacy.id, label: 'Privacy' },
      ]);
      assert.equal(res.status, 200);
      const body: Json = await json(res);
      assert.equal(body.entries[0].shown, false);
      assert.deepEqual(links((await navs()).footer), []);
      await app.services.pages.publish(admin.user, privacy.id);
      assert.deepEqual(links((await navs()).footer), ['Privacy /privacy']);
      const doc: Json = await json(await get('/api/v1/openapi.json'));
      assert.ok(doc.paths['/api/v1/menus'].get);
      assert.ok(doc.paths['/api/v1/menus/{menu}'].put);
    });
  });
}
