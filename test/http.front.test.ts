/**
 * Front-page curation through the whole app: pinning the lead and featured stories with the
 * plain form (the front and its cached copy change at once), a pin's expiry (the cached front
 * ends exactly then and the newest leads again), sections chosen and ordered, the preview that
 * saves nothing, refusals that change nothing, and the JSON API.
 */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Article } from '../src/domain/article.js';
import { startApp, type RunningApp } from './helpers/app.js';
import { openSqliteStore, type OpenedStore } from './helpers/databases.js';
import { hoursAgo, publishedArticle, signedInPerson, type Person } from './helpers/fixtures.js';
import { json, postForm } from './helpers/http.js';
import { waitFor } from './helpers/wait.js';

let serial = 0;

describe('front-page curation', () => {
  let db: OpenedStore;
  let app: RunningApp;
  let editor: Person;
  let author: Person;
  let token: string;
  /** Oldest first: stories[last] is the newest. */
  let stories: Article[];

  const front = async () => {
    const res = await fetch(`${app.url}/`);
    assert.equal(res.status, 200);
    return { text: await res.text(), cache: res.headers.get('x-cache') };
  };
  /** The lead's headline, from the page as readers get it. */
  const leadOf = (page: string) => /<h2 id="lead-headline"><a [^>]*>([^<]*)<\/a>/.exec(page)?.[1];
  const featuredOf = (page: string) => {
    const block = /<section class="section-block front-featured"[\s\S]*?<\/section>/.exec(page);
    return block ? [...block[0].matchAll(/<h3><a [^>]*>([^<]*)<\/a>/g)].map((m) => m[1]) : [];
  };
  const sectionBlocksOf = (page: string) =>
    [...page.matchAll(/<h2 id="sec-([a-z0-9-]+)">/g)].map((m) => m[1]);

  const post = (who: Person, fields: Record<string, string | string[]>) =>
    postForm(`${app.url}/admin/front`, fields, who);
  const api = (method: string, body?: unknown, bearer = token) =>
    fetch(`${app.url}/api/v1/front`, {
      method,
      headers: {
        authorization: `Bearer ${bearer}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const clear = () => api('PUT', { lead: null, featured: [], sections: ['news', 'sport', 'arts'] });

  before(async () => {
    db = await openSqliteStore();
    app = await startApp(db);
    for (const [i, slug] of ['news', 'sport', 'arts'].entries()) {
      await db.store.sections.upsert({
        slug,
        name: slug.toUpperCase(),
        description: '',
        position: i,
      });
    }
    editor = await signedInPerson(db.store, app, { slug: 'ed', role: 'editor', name: 'Ed' });
    author = await signedInPerson(db.store, app, { slug: 'au', role: 'author', name: 'Au' });
    token = (await app.services.tokens.create('ed@example.com', 'test')).token;
    stories = [];
    const sectionsInTurn = ['news', 'sport', 'arts'];
    for (let i = 0; i < 9; i++) {
      stories.push(
        await publishedArticle(db.store, {
          headline: `Story number ${i + 1}`,
          sectionSlug: sectionsInTurn[i % 3]!,
          publishedAt: hoursAgo(20 - i),
          authorIds: [author.user.id],
        }),
      );
    }
  });
  after(async () => {
    await app?.close();
    await db?.dispose();
  });
  beforeEach(async () => {
    assert.equal((await clear()).status, 200);
  });

  const newest = () => stories[stories.length - 1]!;

  test('without a pin the newest leads; a pin from the form leads at once, also from the cache', async () => {
    await front();
    const before = await front();
    assert.equal(before.cache, 'hit');
    assert.equal(leadOf(before.text), newest().headline);

    const pinned = stories[0]!;
    const saved = await post(editor, {
      lead: pinned.id,
      featured2: stories[1]!.id,
      featured4: stories[2]!.id,
      order: ['news', 'sport', 'arts'],
      show: ['news', 'sport', 'arts'],
      intent: 'save',
    });
    assert.equal(saved.status, 303);
    assert.equal(saved.headers.get('location'), '/admin/front?done=saved');

    const after = await front();
    assert.equal(after.cache, 'miss', 'the save dropped the cached front page');
    assert.equal(leadOf(after.text), pinned.headline);
    assert.deepEqual(featuredOf(after.text), [stories[1]!.headline, stories[2]!.headline]);
    // The latest beside the lead and the section blocks do not repeat the pinned stories.
    const latest = /<aside class="latest"[\s\S]*?<\/aside>/.exec(after.text)?.[0] ?? '';
    assert.ok(latest.includes(newest().headline));
    for (const s of stories.slice(0, 3)) {
      assert.equal(after.text.split(`>${s.headline}</a>`).length - 1, 1, `${s.headline} once`);
    }

    const page = await (
      await fetch(`${app.url}/admin/front?done=saved`, { headers: { cookie: editor.cookie } })
    ).text();
    assert.match(page, /The front page is saved/);
    assert.match(page, new RegExp(`<option value="${pinned.id}"\\s+selected`));
  });

  test('a pin ends at its expiry: the cached front expires then and the newest leads again', async () => {
    const pinned = stories[3]!;
    const expiresAt = new Date(Date.now() + 1_500).toISOString();
    const put = await api('PUT', {
      lead: { articleId: pinned.slug, expiresAt },
      featured: [],
      sections: ['news'],
    });
    assert.equal(put.status, 200);
    assert.deepEqual((await json(put)).lead, { articleId: pinned.id, expiresAt });

    assert.equal(leadOf((await front()).text), pinned.headline);
    const cached = await front();
    assert.equal(cached.cache, 'hit');
    assert.equal(leadOf(cached.text), pinned.headline);

    // Nothing is announced when the pin ends; the cached copy must end by itself.
    await waitFor(async () => leadOf((await front()).text) === newest().headline, {
      what: 'the newest story to lead again after the pin expired',
    });
    assert.ok(Date.now() >= Date.parse(expiresAt), 'not before the expiry');
    assert.equal((await json(await api('GET'))).lead, null);
  });

  test('an article unpublished after it was pinned drops out, and the front is redrawn', async () => {
    const pinned = await publishedArticle(db.store, {
      headline: 'Soon withdrawn',
      publishedAt: hoursAgo(30),
    });
    await api('PUT', { lead: { articleId: pinned.id }, featured: [], sections: [] });
    await front();
    assert.equal(leadOf((await front()).text), 'Soon withdrawn');
    await app.services.newsroom.unpublish(editor.user, pinned.id);
    const after = await front();
    assert.equal(after.cache, 'miss');
    assert.equal(leadOf(after.text), newest().headline);
  });

  test('sections: the editors choose which and in what order; a new section appears last', async () => {
    await front();
    const saved = await post(editor, {
      order: ['arts', 'news', 'sport'],
      show: ['arts', 'news'],
      intent: 'save',
    });
    assert.equal(saved.status, 303);
    assert.deepEqual(sectionBlocksOf((await front()).text), ['arts', 'news']);
    assert.deepEqual((await json(await api('GET'))).sections, ['arts', 'news']);

    await db.store.sections.upsert({
      slug: 'travel',
      name: 'TRAVEL',
      description: '',
      position: 9,
    });
    await publishedArticle(db.store, {
      headline: 'Trains',
      sectionSlug: 'travel',
      publishedAt: hoursAgo(40),
    });
    // What a new section's creation announces (it shows in every page's menu).
    app.services.changes.publish({ kind: 'site' });
    assert.deepEqual(sectionBlocksOf((await front()).text), ['arts', 'news', 'travel']);

    // Move buttons reorder the form and save nothing; the moved button keeps the focus.
    const moved = await post(editor, {
      order: ['arts', 'news', 'sport', 'travel'],
      show: ['arts', 'news'],
      intent: 'down:arts',
    });
    assert.equal(moved.status, 200);
    const form = await moved.text();
    const order = [...form.matchAll(/name="order" value="([a-z]+)"/g)].map((m) => m[1]);
    assert.deepEqual(order, ['news', 'arts', 'sport', 'travel']);
    assert.match(form, /value="down:arts"\s+autofocus/);
    assert.deepEqual((await json(await api('GET'))).sections, ['arts', 'news', 'travel']);
  });

  test('the preview draws the submitted arrangement, marked, noindex, private, and saves nothing', async () => {
    const pinned = stories[4]!;
    const res = await post(editor, {
      lead: pinned.id,
      order: ['sport', 'news', 'arts'],
      show: ['sport', 'news', 'arts'],
      intent: 'preview',
    });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('cache-control'), 'private, no-store');
    const page = await res.text();
    assert.match(page, /<meta name="robots" content="noindex"/);
    assert.match(page, /<strong>Preview<\/strong>/);
    assert.equal(leadOf(page), pinned.headline);
    // (A section the form does not name, created meanwhile, would follow them.)
    assert.deepEqual(sectionBlocksOf(page).slice(0, 3), ['sport', 'news', 'arts']);
    // The preview's own form carries the arrangement back (save it, or edit it further).
    assert.match(page, new RegExp(`name="lead" value="${pinned.id}"`));

    const front0 = await front();
    assert.equal(leadOf(front0.text), newest().headline, 'nothing was saved');
    assert.equal((await json(await api('GET'))).lead, null);
  });

  test('refusals show beside the field with 422 (400 for no time at all) and change nothing', async () => {
    const draft = await publishedArticle(db.store, {
      headline: 'Not out yet',
      status: 'draft',
      publishedAt: null,
    });
    const cases: [Record<string, string>, number, string, RegExp][] = [
      [{ lead: draft.id }, 422, 'front-lead', /Only a published article can be pinned/],
      [
        { lead: stories[0]!.id, featured3: stories[0]!.id },
        422,
        'front-featured-3',
        /already pinned in another slot/,
      ],
      [
        { featured2: stories[1]!.id, featured2Expires: '2020-01-01T10:00' },
        422,
        'front-featured-2-expires',
        /already passed/,
      ],
      [
        { lead: stories[1]!.id, leadExpires: 'next week' },
        400,
        'front-lead-expires',
        /date and time/,
      ],
    ];
    for (const [fields, status, id, message] of cases) {
      const res = await post(editor, {
        ...fields,
        order: ['news'],
        show: ['news'],
        intent: 'save',
      });
      assert.equal(res.status, status, JSON.stringify(fields));
      const page = await res.text();
      assert.match(page, message);
      assert.match(page, new RegExp(`<a href="#${id}">`), `the summary links to ${id}`);
      assert.match(page, new RegExp(`id="${id}"[^>]*aria-invalid="true"`));
    }
    const now = await json(await api('GET'));
    assert.deepEqual(now.lead, null);
    assert.deepEqual(now.featured, []);
    assert.deepEqual(now.sections, ['news', 'sport', 'arts']);
  });

  test('the API: read and replace, refusals with the field, editors only, in the OpenAPI document', async () => {
    const got = await json(await api('GET'));
    assert.deepEqual(got, {
      lead: null,
      featured: [],
      sections: ['news', 'sport', 'arts'],
      featuredSlots: 6,
    });

    const refused = async (body: unknown, status: number, condition: string, field: string) => {
      const res = await api('PUT', body);
      assert.equal(res.status, status, condition);
      const { error } = await json(res);
      assert.equal(error.condition, condition);
      assert.equal(error.field, field);
    };
    const seven = stories.slice(0, 7).map((s) => ({ articleId: s.id }));
    await refused({ lead: null, featured: seven, sections: [] }, 422, 'too_many_pins', 'featured');
    await refused(
      { lead: { articleId: 'no-such-story' }, featured: [], sections: [] },
      422,
      'pin_unavailable',
      'lead.articleId',
    );
    await refused(
      {
        lead: { articleId: stories[0]!.id },
        featured: [{ articleId: stories[0]!.slug }],
        sections: [],
      },
      422,
      'pin_repeated',
      'featured.0.articleId',
    );
    await refused(
      {
        lead: null,
        featured: [
          { articleId: stories[0]!.id, expiresAt: new Date(Date.now() - 1000).toISOString() },
        ],
        sections: [],
      },
      422,
      'pin_expired',
      'featured.0.expiresAt',
    );
    await refused(
      { lead: null, featured: [], sections: ['nowhere'] },
      400,
      'unknown_section',
      'sections',
    );
    await refused(
      { lead: null, featured: [], sections: ['news', 'news'] },
      422,
      'section_repeated',
      'sections',
    );
    assert.deepEqual(await json(await api('GET')), got, 'nothing changed');

    const put = await api('PUT', {
      lead: { articleId: stories[5]!.slug, expiresAt: '2999-01-01T09:30' },
      featured: [{ articleId: stories[6]!.id }, { articleId: stories[7]!.id, expiresAt: null }],
      sections: ['sport'],
    });
    assert.equal(put.status, 200);
    assert.deepEqual(await json(put), {
      lead: { articleId: stories[5]!.id, expiresAt: '2999-01-01T09:30:00.000Z' },
      featured: [
        { articleId: stories[6]!.id, expiresAt: null },
        { articleId: stories[7]!.id, expiresAt: null },
      ],
      sections: ['sport'],
      featuredSlots: 6,
    });

    const authorToken = (await app.services.tokens.create('au@example.com', 'test')).token;
    assert.equal((await api('GET', undefined, authorToken)).status, 403);
    assert.equal(
      (await api('PUT', { lead: null, featured: [], sections: [] }, authorToken)).status,
      403,
    );
    assert.equal((await fetch(`${app.url}/api/v1/front`)).status, 401);

    const openapi = await json(await fetch(`${app.url}/api/v1/openapi.json`));
    assert.ok(openapi.paths['/api/v1/front'].get);
    assert.ok(openapi.paths['/api/v1/front'].put);
  });

  test('the admin page is for editors and admins, and linked from their staff navigation', async () => {
    const page = await fetch(`${app.url}/admin/front`, { headers: { cookie: editor.cookie } });
    assert.equal(page.status, 200);
    const text = await page.text();
    assert.match(text, /<a href="\/admin\/front"\s+aria-current="page"/);
    assert.equal(text.match(/<select /g)?.length, 7, 'the lead and six featured slots');
    const admin = await signedInPerson(db.store, app, { slug: `admin-${++serial}`, role: 'admin' });
    assert.match(
      await (await fetch(`${app.url}/admin`, { headers: { cookie: admin.cookie } })).text(),
      /href="\/admin\/front"/,
    );
    const refused = await fetch(`${app.url}/admin/front`, { headers: { cookie: author.cookie } });
    assert.equal(refused.status, 403);
    assert.doesNotMatch(
      await (await fetch(`${app.url}/admin`, { headers: { cookie: author.cookie } })).text(),
      /href="\/admin\/front"/,
    );
    const posted = await post(author, { lead: stories[0]!.id, intent: 'save' });
    assert.equal(posted.status, 403);
  });
});
