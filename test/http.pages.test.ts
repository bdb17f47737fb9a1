/**
 * Static pages through the whole app: the API and the admin forms, a draft nobody else can read,
 * the published page at /{slug} (Markdown rendered, raw HTML escaped), a slug change's 301, the
 * sitemap but never the feeds, and the page cache dropping exactly the page that changed.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Role } from '../src/domain/user.js';
import { databases, type OpenedStore } from './helpers/databases.js';
import { startApp, type RunningApp } from './helpers/app.js';
import { publishedArticle, signedInPerson, type Person } from './helpers/fixtures.js';
import { json, postForm } from './helpers/http.js';

let serial = 0;

for (const database of databases()) {
  describe(`static pages on ${database.name}`, () => {
    let db: OpenedStore;
    let app: RunningApp;
    let editor: Person;

    const person = (role: Role): Promise<Person> => {
      const slug = `${role}-${++serial}`;
      return signedInPerson(db.store, app, { slug, role, name: `The ${slug}` });
    };

    // A POST sends a JSON body, empty when the call takes none.
    const api = (
      method: string,
      path: string,
      who: Person,
      body: unknown = method === 'POST' ? {} : undefined,
    ) =>
      fetch(app.url + path, {
        method,
        headers: {
          cookie: who.cookie,
          origin: 'http://broadsheet.test',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    const form = (path: string, who: Person, fields: Record<string, string>) =>
      postForm(app.url + path, fields, who);
    const staff = (path: string, who: Person) =>
      fetch(app.url + path, { headers: { cookie: who.cookie }, redirect: 'manual' });
    const reader = async (path: string) => {
      const res = await fetch(app.url + path, { redirect: 'manual' });
      return { res, text: await res.text(), cache: res.headers.get('x-cache') };
    };

    before(async () => {
      db = await database.open();
      app = await startApp(db);
      await db.store.sections.upsert({ slug: 'news', name: 'News', description: '', position: 0 });
      await publishedArticle(db.store, { headline: 'Harbour wall rebuilt' });
      editor = await person('editor');
    });
    after(async () => {
      await app?.close();
      await db?.dispose();
    });

    test('a draft is for editors only; published, readers get its rendered Markdown', async () => {
      const created = await api('POST', '/api/v1/pages', editor, {
        title: 'About us',
        description: 'Who writes this paper',
        body: '## Our desk\n\nWe *report* the harbour.\n\n<script>alert(1)</script>\n\n[Mail us](mailto:desk@example.com) [bad](javascript:alert(1))',
      });
      assert.equal(created.status, 201);
      const page = await json(created);
      assert.equal(page.slug, 'about-us');
      assert.equal(page.status, 'draft');
      assert.equal(page.url, 'http://broadsheet.test/about-us');
      assert.equal((await reader('/about-us')).res.status, 404);
      const fetched = await json(await api('GET', `/api/v1/pages/${page.id}`, editor));
      assert.equal(fetched.title, 'About us');

      const published = await api('POST', `/api/v1/pages/${page.id}/publish`, editor);
      assert.equal(published.status, 200);
      assert.equal((await json(published)).status, 'published');
      const { res, text } = await reader('/about-us');
      assert.equal(res.status, 200);
      assert.match(text, /<h1>About us<\/h1>/);
      assert.match(text, /<p class="standfirst">Who writes this paper<\/p>/);
      assert.match(text, /<h2>Our desk<\/h2>/);
      assert.match(text, /We <em>report<\/em> the harbour\./);
      assert.match(text, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
      assert.doesNotMatch(text, /<script>alert/);
      assert.match(text, /<a href="mailto:desk@example.com">Mail us<\/a>/);
      assert.doesNotMatch(text, /href="javascript:/);
      assert.match(text, /<link rel="canonical" href="http:\/\/broadsheet.test\/about-us" \/>/);
      assert.match(text, /<meta name="description" content="Who writes this paper" \/>/);
      // Sections still answer at their own address.
      assert.equal((await reader('/news')).res.status, 200);
      assert.equal((await reader('/no-such-thing')).res.status, 404);
    });

    test('in the sitemap, never in feeds, the news sitemap or search', async () => {
      const page = await json(
        await api('POST', '/api/v1/pages', editor, { title: 'Privacy', body: 'We keep little.' }),
      );
      await api('POST', `/api/v1/pages/${page.id}/publish`, editor);
      const sitemap = await (await fetch(`${app.url}/sitemap.xml`)).text();
      assert.match(sitemap, /<loc>http:\/\/broadsheet.test\/privacy<\/loc><lastmod>/);
      for (const path of ['/feed.xml', '/atom.xml', '/news-sitemap.xml', '/', '/news']) {
        const text = await (await fetch(app.url + path)).text();
        assert.doesNotMatch(text, /\/privacy\b/, `${path} lists no static page`);
      }
      const search = await (await fetch(`${app.url}/search?q=little`)).text();
      assert.doesNotMatch(search, /\/privacy\b/);
      // The sitemap changes when the page goes.
      await api('POST', `/api/v1/pages/${page.id}/unpublish`, editor);
      assert.doesNotMatch(await (await fetch(`${app.url}/sitemap.xml`)).text(), /\/privacy</);
      assert.equal((await reader('/privacy')).res.status, 404);
    });

    test('the page cache keeps a page until it is edited or unpublished', async () => {
      const page = await json(
        await api('POST', '/api/v1/pages', editor, { title: 'Contact', body: 'Call 0100.' }),
      );
      await api('POST', `/api/v1/pages/${page.id}/publish`, editor);
      assert.equal((await reader('/contact')).cache, 'miss');
      const hit = await reader('/contact');
      assert.equal(hit.cache, 'hit');
      assert.match(hit.text, /Call 0100\./);
      await reader('/news');
      assert.equal((await reader('/news')).cache, 'hit');

      const edited = await api('PATCH', `/api/v1/pages/${page.id}`, editor, {
        version: 1,
        body: 'Call 0199.',
      });
      assert.equal(edited.status, 200);
      const after = await reader('/contact');
      assert.equal(after.cache, 'miss');
      assert.match(after.text, /Call 0199\./);
      assert.equal((await reader('/news')).cache, 'hit', 'other pages stay cached');

      const stale = await api('PATCH', `/api/v1/pages/${page.id}`, editor, {
        version: 1,
        body: 'From an old tab.',
      });
      assert.equal(stale.status, 409);
      const conflict = await json(stale);
      assert.equal(conflict.error.condition, 'stale_version');
      assert.equal(conflict.current.body, 'Call 0199.');

      assert.equal((await reader('/contact')).cache, 'hit');
      await api('POST', `/api/v1/pages/${page.id}/unpublish`, editor);
      assert.equal((await reader('/contact')).res.status, 404);
    });

    test('a slug change answers 301 from the old address', async () => {
      const page = await json(
        await api('POST', '/api/v1/pages', editor, {
          title: 'Corrections policy',
          slug: 'policy',
          body: 'We correct.',
        }),
      );
      await api('POST', `/api/v1/pages/${page.id}/publish`, editor);
      assert.equal((await reader('/policy')).res.status, 200);
      const moved = await api('PATCH', `/api/v1/pages/${page.id}`, editor, {
        version: page.version,
        slug: 'corrections-policy',
      });
      assert.equal(moved.status, 200);
      const old = await reader('/policy');
      assert.equal(old.res.status, 301);
      assert.equal(old.res.headers.get('location'), '/corrections-policy');
      assert.equal((await reader('/corrections-policy')).res.status, 200);
      const revisions = await json(await api('GET', `/api/v1/pages/${page.id}/revisions`, editor));
      assert.deepEqual(
        revisions.items.map((r: { version: number }) => r.version),
        [2, 1],
      );
    });

    test('the API refuses bad input by field and other roles by status', async () => {
      const refusal = async (res: Response) => {
        const body = await json(res);
        return [res.status, body.error.condition, body.error.field];
      };
      const post = (body: unknown) => api('POST', '/api/v1/pages', editor, body);
      assert.deepEqual(await refusal(await post({ title: ' ' })), [422, 'title_required', 'title']);
      assert.deepEqual(await refusal(await post({ title: 'A', slug: 'admin' })), [
        422,
        'reserved_slug',
        'slug',
      ]);
      assert.deepEqual(await refusal(await post({ title: 'A', slug: 'news' })), [
        409,
        'slug_taken',
        'slug',
      ]);
      await post({ title: 'Jobs', slug: 'jobs' });
      assert.deepEqual(await refusal(await post({ title: 'A', slug: 'jobs' })), [
        409,
        'slug_taken',
        'slug',
      ]);
      assert.deepEqual(await refusal(await post({ title: 'A', slug: 'Not A Slug' })), [
        400,
        'invalid_slug',
        'slug',
      ]);
      assert.deepEqual(await refusal(await post({ title: 'A', body: 'x'.repeat(100_001) })), [
        400,
        'invalid_request',
        'body',
      ]);
      for (const role of ['author', 'commenter'] as const) {
        const someone = await person(role);
        assert.equal((await api('GET', '/api/v1/pages', someone)).status, 403);
        assert.equal((await staff('/admin/pages', someone)).status, 403);
      }
      assert.equal((await fetch(`${app.url}/api/v1/pages`)).status, 401);
      const openapi = await json(await fetch(`${app.url}/api/v1/openapi.json`));
      for (const path of [
        '/api/v1/pages',
        '/api/v1/pages/{id}',
        '/api/v1/pages/{id}/publish',
        '/api/v1/pages/{id}/unpublish',
        '/api/v1/pages/{id}/revisions',
      ]) {
        assert.ok(openapi.paths[path], `${path} is in the OpenAPI document`);
      }
    });

    test('the admin forms: preview, errors beside the field, save, publish, restore', async () => {
      const list = await staff('/admin/pages', editor);
      assert.equal(list.status, 200);
      assert.match(await list.text(), /Write a new page/);
      const admin = await person('admin');
      assert.match(await (await staff('/admin', admin)).text(), /href="\/admin\/pages"/);

      const preview = await form('/admin/pages', editor, {
        title: 'Masthead',
        body: 'Editor: *Ann*',
        intent: 'preview',
      });
      assert.equal(preview.status, 200);
      assert.match(await preview.text(), /Editor: <em>Ann<\/em>/);

      const empty = await form('/admin/pages', editor, { title: '', body: 'x', intent: 'save' });
      assert.equal(empty.status, 422);
      const emptyText = await empty.text();
      assert.match(emptyText, /<p class="field-error" id="title-error">/);
      assert.match(emptyText, /aria-invalid="true"/);
      const reserved = await form('/admin/pages', editor, {
        title: 'Search',
        slug: 'search',
        intent: 'save',
      });
      assert.equal(reserved.status, 422);
      assert.match(await reserved.text(), /id="slug-error"/);

      const created = await form('/admin/pages', editor, {
        title: 'Masthead',
        body: 'Editor: Ann',
        intent: 'save',
      });
      assert.equal(created.status, 303);
      const location = created.headers.get('location') ?? '';
      assert.match(location, /^\/admin\/pages\/[0-9a-z]+\?done=created$/);
      const id = location.split('/')[3]?.split('?')[0] ?? '';
      const saved = await form(`/admin/pages/${id}`, editor, {
        title: 'Masthead',
        body: 'Editor: Bea',
        version: '1',
        intent: 'save',
      });
      assert.equal(saved.status, 303);
      const stale = await form(`/admin/pages/${id}`, editor, {
        title: 'Masthead',
        body: 'Editor: Cy',
        version: '1',
        intent: 'save',
      });
      assert.equal(stale.status, 409);
      assert.match(await stale.text(), /Someone else saved this page/);

      assert.equal((await form(`/admin/pages/${id}/publish`, editor, {})).status, 303);
      assert.match((await reader('/masthead')).text, /Editor: Bea/);
      const twice = await form(`/admin/pages/${id}/publish`, editor, {});
      assert.equal(twice.status, 409);

      const revisions = await staff(`/admin/pages/${id}/revisions/compare?a=1&b=2`, editor);
      assert.equal(revisions.status, 200);
      assert.match(await revisions.text(), /<del class="diff__removed">/);
      const restored = await form(`/admin/pages/${id}/revisions/1/restore`, editor, {
        version: '2',
      });
      assert.equal(restored.status, 303);
      assert.match((await reader('/masthead')).text, /Editor: Ann/);
      assert.equal((await form(`/admin/pages/${id}/unpublish`, editor, {})).status, 303);
      assert.equal((await reader('/masthead')).res.status, 404);
      assert.equal((await staff('/admin/pages/nope', editor)).status, 404);
    });
  });
}
