/**
 * Section management through the whole app: the admin forms without JavaScript (create, order,
 * rename, hide, remove) and the API, each refusal with its status and field and nothing changed,
 * the masthead and front page, the page cache emptied, and the 301s from old addresses.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Article } from '../src/domain/article.js';
import { articlePath } from '../src/domain/article.js';
import type { Role } from '../src/domain/user.js';
import { openSqliteStore, type OpenedStore } from './helpers/databases.js';
import { startApp, type RunningApp } from './helpers/app.js';
import { draftArticle, publishedArticle, signedInPerson, type Person } from './helpers/fixtures.js';
import { json, type Json, postForm } from './helpers/http.js';

let serial = 0;

describe('section management', () => {
  let db: OpenedStore;
  let app: RunningApp;
  let admin: Person;
  let editor: Person;

  const person = (role: Role): Promise<Person> => {
    const slug = `${role}-${++serial}`;
    return signedInPerson(db.store, app, { slug, role, name: `The ${slug}` });
  };

  const get = (path: string, who: Person | null = null) =>
    fetch(app.url + path, { headers: who ? { cookie: who.cookie } : {}, redirect: 'manual' });
  const post = (path: string, who: Person, fields: Record<string, string>) =>
    postForm(app.url + path, fields, who);
  const call = (method: string, path: string, who: Person | null, body?: unknown) =>
    fetch(app.url + path, {
      method,
      redirect: 'manual',
      headers: {
        origin: 'http://broadsheet.test',
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(who ? { cookie: who.cookie } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  const refusal = async (res: Response, status: number, condition: string, field?: string) => {
    const body: Json = await json(res);
    assert.equal(res.status, status, JSON.stringify(body));
    assert.equal(body.error.condition, condition);
    if (field) assert.equal(body.error.field, field);
    return body.error as { message: string };
  };

  /** Everything a refused request must leave as it was. */
  const snapshot = async () => ({
    sections: await db.store.sections.list(),
    counts: (await app.services.sections.list()).map((s) => [s.slug, s.articleCount]),
  });

  const masthead = async () => {
    const page = await (await get('/')).text();
    const nav = /<nav class="sections"[\s\S]*?<\/nav>/.exec(page)?.[0] ?? '';
    return { page, nav };
  };

  const location = (res: Response) => res.headers.get('location') ?? '';

  before(async () => {
    db = await openSqliteStore();
    app = await startApp(db);
    admin = await person('admin');
    editor = await person('editor');
  });
  after(async () => {
    await app?.close();
    await db?.dispose();
  });

  describe('admin pages', () => {
    let story: Article;
    let draft: Article;

    test('only admins open them; the staff navigation links them for admins', async () => {
      const page = await get('/admin/sections', admin);
      assert.equal(page.status, 200);
      assert.match(await page.text(), /<h1>Sections<\/h1>/);
      assert.equal((await get('/admin/sections', editor)).status, 403);
      assert.match(location(await get('/admin/sections')), /^\/signin\?next=/);
      assert.match(await (await get('/admin', admin)).text(), /href="\/admin\/sections"/);
      assert.doesNotMatch(await (await get('/admin', editor)).text(), /href="\/admin\/sections"/);
    });

    test('create: the slug comes from the name; the masthead shows it at once', async () => {
      const created = await post('/admin/sections', admin, {
        name: 'Town & Country',
        slug: '',
        description: 'Round the county.',
      });
      assert.equal(created.status, 303);
      assert.equal(location(created), '/admin/sections?done=created');
      const list = await (await get(location(created), admin)).text();
      assert.match(list, /The section has been created\./);
      assert.match(list, /href="\/admin\/sections\/town-country"/);
      assert.equal((await post('/admin/sections', admin, { name: 'Sport' })).status, 303);
      assert.equal((await post('/admin/sections', admin, { name: 'Arts' })).status, 303);
      const { nav } = await masthead();
      assert.match(nav, /href="\/town-country"[^>]*>Town &amp; Country</);
      assert.ok(nav.indexOf('/town-country') < nav.indexOf('/sport'));
      // An editor's article editor offers it straight away.
      const editorPage = await (await get('/admin/articles/new', editor)).text();
      assert.match(editorPage, /<option value="town-country"/);
      story = await publishedArticle(db.store, { sectionSlug: 'town-country' });
      draft = await draftArticle(db.store, { sectionSlug: 'town-country' });
      await publishedArticle(db.store, { sectionSlug: 'sport' });
    });

    test('refused input is shown beside its field with its status, and nothing changes', async () => {
      const before = await snapshot();
      const cases: [Record<string, string>, number, string, RegExp][] = [
        [{ name: '   ' }, 422, 'new-name', /Enter a name for the section/],
        [{ name: 'Admin' }, 422, 'new-slug', /address the site uses/],
        [{ name: 'Games', slug: 'search' }, 422, 'new-slug', /address the site uses/],
        [{ name: 'Games', slug: 'Bad Slug' }, 422, 'new-slug', /is not a slug/],
        [{ name: '!!!' }, 422, 'new-slug', /enter a slug/],
        [{ name: 'Sport again', slug: 'sport' }, 409, 'new-slug', /already has the slug/],
      ];
      for (const [fields, status, id, message] of cases) {
        const res = await post('/admin/sections', admin, fields);
        const page = await res.text();
        assert.equal(res.status, status, JSON.stringify(fields));
        assert.match(page, new RegExp(`<p class="field-error" id="${id}-error">`));
        assert.match(page, new RegExp(`id="${id}"[^>]*aria-invalid="true"`));
        assert.match(page, message);
        assert.match(page, /<title>Error: Sections/);
        // What was typed is kept.
        assert.match(page, new RegExp(`value="${fields.name ?? ''}"`));
      }
      assert.deepEqual(await snapshot(), before);
    });

    test('Move up and Move down are forms; the moved button has the focus back', async () => {
      const order = async () => (await db.store.sections.list()).map((s) => s.slug);
      assert.deepEqual(await order(), ['town-country', 'sport', 'arts']);
      const moved = await post('/admin/sections/arts/move', admin, { direction: 'up' });
      assert.equal(moved.status, 303);
      assert.match(location(moved), /^\/admin\/sections\?done=moved&focus=arts&direction=up$/);
      assert.deepEqual(await order(), ['town-country', 'arts', 'sport']);
      const page = await (await get(location(moved), admin)).text();
      assert.match(
        page,
        /value="up"[^>]*autofocus[^>]*>\s*Move up<span class="visually-hidden"> Arts/,
      );
      // The first one cannot go higher: nothing changes.
      await post('/admin/sections/town-country/move', admin, { direction: 'up' });
      assert.deepEqual(await order(), ['town-country', 'arts', 'sport']);
      await post('/admin/sections/arts/move', admin, { direction: 'down' });
      assert.deepEqual(await order(), ['town-country', 'sport', 'arts']);
      assert.equal(
        (await post('/admin/sections/nowhere/move', admin, { direction: 'up' })).status,
        404,
      );
    });

    test('hidden: not in the masthead nor the front page blocks, but its pages still work', async () => {
      const shown = await masthead();
      assert.match(shown.page, /id="sec-town-country"/);
      const saved = await post('/admin/sections/town-country', admin, {
        name: 'Town & Country',
        slug: 'town-country',
        description: 'Round the county.',
        hidden: '1',
      });
      assert.equal(saved.status, 303);
      assert.equal(location(saved), '/admin/sections/town-country?done=saved');
      const hidden = await masthead();
      assert.doesNotMatch(hidden.nav, /town-country/);
      assert.doesNotMatch(hidden.page, /id="sec-town-country"/);
      assert.equal((await get('/town-country')).status, 200);
      assert.equal((await get(articlePath(story))).status, 200);
      const list = await (await get('/admin/sections', admin)).text();
      assert.match(list, /<span class="tag tag--warn">hidden<\/span>/);
      // Shown again (the checkbox left out).
      await post('/admin/sections/town-country', admin, {
        name: 'Town & Country',
        slug: 'town-country',
        description: 'Round the county.',
      });
      assert.match((await masthead()).nav, /town-country/);
    });

    test('rename: the page cache is emptied, and old addresses answer 301', async () => {
      const first = await get('/');
      assert.equal(first.status, 200);
      assert.equal((await get('/')).headers.get('x-cache'), 'hit');
      const oldArticle = articlePath(story);
      const renamed = await post('/admin/sections/town-country', admin, {
        name: 'County',
        slug: 'county',
        description: 'Round the county.',
      });
      assert.equal(renamed.status, 303);
      assert.equal(location(renamed), '/admin/sections/county?done=saved');
      const after = await get('/');
      assert.equal(after.headers.get('x-cache'), 'miss');
      assert.match(await after.text(), /href="\/county"[^>]*>County</);

      const moved = (await db.store.reader.getById(story.id))!;
      assert.equal(moved.section.slug, 'county');
      const newArticle = articlePath(moved);
      for (const [from, to] of [
        ['/town-country', '/county'],
        ['/town-country?cursor=abc', '/county?cursor=abc'],
        ['/town-country/feed.xml', '/county/feed.xml'],
        [oldArticle, newArticle],
        [`${oldArticle}/print`, `${newArticle}/print`],
      ] as const) {
        const res = await get(from);
        assert.equal(res.status, 301, from);
        assert.equal(location(res), to, from);
      }
      assert.equal((await get('/county')).status, 200);
      assert.equal((await db.store.reader.getById(draft.id))?.section.slug, 'county');
    });

    test('a rename refused changes nothing, not even the name sent with it', async () => {
      const before = await snapshot();
      const cases: [Record<string, string>, number, string][] = [
        [{ name: 'New name', slug: 'sport' }, 409, 'section-slug'],
        [{ name: 'New name', slug: 'admin' }, 422, 'section-slug'],
        [{ name: 'New name', slug: 'Not a slug' }, 422, 'section-slug'],
        [{ name: '', slug: 'county' }, 422, 'section-name'],
      ];
      for (const [fields, status, id] of cases) {
        const res = await post('/admin/sections/county', admin, fields);
        const page = await res.text();
        assert.equal(res.status, status, JSON.stringify(fields));
        assert.match(page, new RegExp(`id="${id}"[^>]*aria-invalid="true"`));
        assert.match(page, /<title>Error: Section: County/);
      }
      assert.deepEqual(await snapshot(), before);
      assert.equal((await get('/admin/sections/nowhere', admin)).status, 404);
      assert.equal(
        (await post('/admin/sections/nowhere', admin, { name: 'X', slug: 'nowhere' })).status,
        404,
      );
    });

    test('remove: refused while it has articles, or to itself or nowhere; then moved and redirected', async () => {
      const before = await snapshot();
      const empty = await post('/admin/sections/county/remove', admin, { moveTo: '' });
      const emptyPage = await empty.text();
      assert.equal(empty.status, 409);
      assert.match(emptyPage, /has 2 articles \(drafts included\)/);
      assert.match(emptyPage, /id="remove-move-to"[^>]*aria-invalid="true"/);
      const itself = await post('/admin/sections/county/remove', admin, { moveTo: 'county' });
      assert.equal(itself.status, 422);
      const missing = await post('/admin/sections/county/remove', admin, { moveTo: 'nowhere' });
      assert.equal(missing.status, 422);
      assert.match(await missing.text(), /There is no section/);
      assert.deepEqual(await snapshot(), before);

      const removed = await post('/admin/sections/county/remove', admin, { moveTo: 'sport' });
      assert.equal(removed.status, 303);
      assert.equal(location(removed), '/admin/sections?done=removed');
      assert.equal(await db.store.sections.get('county'), null);
      const moved = (await db.store.reader.getById(story.id))!;
      assert.equal(moved.section.slug, 'sport');
      assert.equal((await db.store.reader.getById(draft.id))?.section.slug, 'sport');
      for (const [from, to] of [
        ['/county', '/sport'],
        ['/town-country', '/sport'],
        [articlePath({ ...moved, section: { slug: 'county', name: '' } }), articlePath(moved)],
      ] as const) {
        const res = await get(from);
        assert.equal(res.status, 301, from);
        assert.equal(location(res), to, from);
      }
      assert.doesNotMatch((await masthead()).nav, /county/);
    });

    test('an empty section is removed without a target', async () => {
      const removed = await post('/admin/sections/arts/remove', admin, { moveTo: '' });
      assert.equal(removed.status, 303);
      assert.equal(await db.store.sections.get('arts'), null);
      assert.equal((await get('/arts')).status, 404);
    });
  });

  describe('API', () => {
    test('anyone lists and reads sections; only admins see the article counts', async () => {
      const anonymous: Json = await json(await call('GET', '/api/v1/sections', null));
      assert.deepEqual(
        anonymous.items.map((s: Json) => s.slug),
        (await db.store.sections.list()).map((s) => s.slug),
      );
      assert.equal(anonymous.nextCursor, null);
      assert.ok(!('articleCount' in anonymous.items[0]));
      assert.equal(anonymous.items[0].url, 'http://broadsheet.test/sport');
      const asAdmin: Json = await json(await call('GET', '/api/v1/sections/sport', admin));
      assert.equal(asAdmin.articleCount, 3);
      assert.equal((await call('GET', '/api/v1/sections/nowhere', null)).status, 404);
    });

    test('only admins write', async () => {
      assert.equal((await call('POST', '/api/v1/sections', null, { name: 'Opinion' })).status, 401);
      assert.equal(
        (await call('POST', '/api/v1/sections', editor, { name: 'Opinion' })).status,
        403,
      );
      assert.equal(
        (await call('PATCH', '/api/v1/sections/sport', editor, { name: 'Games' })).status,
        403,
      );
      assert.equal((await call('DELETE', '/api/v1/sections/sport', editor)).status, 403);
    });

    test('create, and each bad input with its status and field, changing nothing', async () => {
      const before = await snapshot();
      await refusal(
        await call('POST', '/api/v1/sections', admin, { name: '' }),
        422,
        'section_name_required',
        'name',
      );
      await refusal(
        await call('POST', '/api/v1/sections', admin, { name: 'Tag' }),
        422,
        'invalid_section_slug',
        'slug',
      );
      await refusal(
        await call('POST', '/api/v1/sections', admin, { name: 'X', slug: 'a--b' }),
        422,
        'invalid_section_slug',
        'slug',
      );
      await refusal(
        await call('POST', '/api/v1/sections', admin, { name: 'X', slug: 'sport' }),
        409,
        'section_slug_taken',
        'slug',
      );
      await refusal(
        await call('POST', '/api/v1/sections', admin, { name: 'X', extra: 1 }),
        400,
        'invalid_request',
      );
      assert.deepEqual(await snapshot(), before);

      const res = await call('POST', '/api/v1/sections', admin, {
        name: 'Opinion',
        description: 'Views',
        hidden: true,
      });
      const created: Json = await json(res);
      assert.equal(res.status, 201);
      assert.deepEqual(created, {
        slug: 'opinion',
        name: 'Opinion',
        description: 'Views',
        position: 2,
        hidden: true,
        url: 'http://broadsheet.test/opinion',
        articleCount: 0,
      });
    });

    test('PATCH renames with 301s from the old addresses; refusals change nothing', async () => {
      const story = await publishedArticle(db.store, { sectionSlug: 'opinion' });
      const before = await snapshot();
      await refusal(
        await call('PATCH', '/api/v1/sections/opinion', admin, { name: 'Comment', slug: 'sport' }),
        409,
        'section_slug_taken',
        'slug',
      );
      await refusal(
        await call('PATCH', '/api/v1/sections/opinion', admin, { slug: 'api' }),
        422,
        'invalid_section_slug',
        'slug',
      );
      await refusal(
        await call('PATCH', '/api/v1/sections/opinion', admin, { name: ' ' }),
        422,
        'section_name_required',
        'name',
      );
      await refusal(
        await call('PATCH', '/api/v1/sections/nowhere', admin, { name: 'X' }),
        404,
        'not_found',
      );
      assert.deepEqual(await snapshot(), before);

      const res = await call('PATCH', '/api/v1/sections/opinion', admin, {
        name: 'Comment',
        slug: 'comment-and-analysis',
        hidden: false,
      });
      const updated: Json = await json(res);
      assert.equal(res.status, 200, JSON.stringify(updated));
      assert.equal(updated.slug, 'comment-and-analysis');
      assert.equal(updated.name, 'Comment');
      assert.equal(updated.hidden, false);
      const moved = (await db.store.reader.getById(story.id))!;
      const old = await get(articlePath(story));
      assert.equal(old.status, 301);
      assert.equal(location(old), articlePath(moved));
      assert.equal(location(await get('/opinion')), '/comment-and-analysis');
    });

    test('POST order: every section once, or 422 and nothing changes', async () => {
      const slugs = (await db.store.sections.list()).map((s) => s.slug);
      assert.deepEqual(slugs, ['sport', 'comment-and-analysis']);
      const before = await snapshot();
      await refusal(
        await call('POST', '/api/v1/sections/order', admin, { slugs: ['sport'] }),
        422,
        'invalid_section_order',
        'slugs',
      );
      await refusal(
        await call('POST', '/api/v1/sections/order', admin, { slugs: ['sport', 'sport'] }),
        422,
        'invalid_section_order',
        'slugs',
      );
      await refusal(
        await call('POST', '/api/v1/sections/order', admin, { slugs: ['sport', 'nowhere'] }),
        422,
        'invalid_section_order',
        'slugs',
      );
      assert.deepEqual(await snapshot(), before);
      const res = await call('POST', '/api/v1/sections/order', admin, {
        slugs: ['comment-and-analysis', 'sport'],
      });
      const body: Json = await json(res);
      assert.equal(res.status, 200);
      assert.deepEqual(
        body.items.map((s: Json) => [s.slug, s.position]),
        [
          ['comment-and-analysis', 0],
          ['sport', 1],
        ],
      );
    });

    test('DELETE: 409 naming the count without moveTo, 422 for itself or a missing one; moveTo in the query or the body', async () => {
      const before = await snapshot();
      const error = await refusal(
        await call('DELETE', '/api/v1/sections/sport', admin),
        409,
        'section_not_empty',
        'moveTo',
      );
      assert.match(error.message, /has 3 articles/);
      await refusal(
        await call('DELETE', '/api/v1/sections/sport?moveTo=sport', admin),
        422,
        'invalid_move_target',
        'moveTo',
      );
      await refusal(
        await call('DELETE', '/api/v1/sections/sport', admin, { moveTo: 'nowhere' }),
        422,
        'invalid_move_target',
        'moveTo',
      );
      await refusal(await call('DELETE', '/api/v1/sections/nowhere', admin), 404, 'not_found');
      assert.deepEqual(await snapshot(), before);

      const res = await call('DELETE', '/api/v1/sections/sport?moveTo=comment-and-analysis', admin);
      assert.equal(res.status, 200);
      assert.deepEqual(await json(res), {
        removed: 'sport',
        movedTo: 'comment-and-analysis',
        moved: 3,
      });
      assert.equal(location(await get('/sport')), '/comment-and-analysis');
      assert.equal(location(await get('/county')), '/comment-and-analysis');

      await call('POST', '/api/v1/sections', admin, { name: 'Spare' });
      const body = await call('DELETE', '/api/v1/sections/spare', admin, {});
      assert.equal(body.status, 200);
      assert.deepEqual(await json(body), { removed: 'spare', movedTo: null, moved: 0 });
    });

    test('a static page’s address is not taken by a new or renamed section', async () => {
      const about = await app.services.pages.create(editor.user, {
        title: 'About the paper',
        body: 'Who we are.',
        slug: 'about-the-paper',
      });
      await app.services.pages.publish(editor.user, about.id);
      const before = await snapshot();
      await refusal(
        await call('POST', '/api/v1/sections', admin, { name: 'About the paper' }),
        409,
        'section_slug_taken',
        'slug',
      );
      const [first] = before.sections;
      assert.ok(first);
      await refusal(
        await call('PATCH', `/api/v1/sections/${first.slug}`, admin, { slug: 'about-the-paper' }),
        409,
        'section_slug_taken',
        'slug',
      );
      assert.deepEqual(await snapshot(), before);
      assert.equal((await get('/about-the-paper')).status, 200, 'the page still answers');
    });

    test('the OpenAPI document describes the calls', async () => {
      const doc: Json = await json(await get('/api/v1/openapi.json'));
      assert.ok(doc.paths['/api/v1/sections'].get);
      assert.ok(doc.paths['/api/v1/sections'].post);
      assert.ok(doc.paths['/api/v1/sections/{slug}'].patch);
      assert.ok(doc.paths['/api/v1/sections/{slug}'].delete);
      assert.ok(doc.paths['/api/v1/sections/order'].post);
    });
  });
});
