/** Reader pages and the public API through the whole app, on every database. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadDemoIfEmpty } from '../src/services/demo.js';
import { databases, type OpenedStore } from './helpers/databases.js';
import { startApp, type RunningApp } from './helpers/app.js';
import { storedPerson } from './helpers/fixtures.js';
import { json } from './helpers/http.js';

for (const database of databases()) {
  describe(`reader pages and API on ${database.name}`, () => {
    let db: OpenedStore;
    let app: RunningApp;
    before(async () => {
      db = await database.open();
      await loadDemoIfEmpty(db.store);
      app = await startApp(db);
    });
    after(async () => {
      await app?.close();
      await db?.dispose();
    });

    const get = (path: string, init?: RequestInit) =>
      fetch(app.url + path, { redirect: 'manual', ...init });

    test('the front page leads with the newest article and links to every section', async () => {
      const res = await get('/');
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /text\/html/);
      const body = await res.text();
      const newest = (await app.services.reading.published({}, undefined, 1)).items[0];
      assert.ok(newest);
      const lead = body.slice(body.indexOf('class="lead"'));
      assert.ok(lead.includes(newest.headline.replace(/’/g, '’')), 'lead headline');
      for (const slug of ['news', 'politics', 'business', 'culture'])
        assert.ok(body.includes(`href="/${slug}"`), slug);
    });

    test('an article page has the whole anatomy', async () => {
      const list = await json(await get('/api/v1/articles?limit=50'));
      const withInline = list.items.find((a: { body: string }) => a.body.includes('[[related:'));
      assert.ok(withInline, 'demo has an article with an inline related headline');
      const res = await get(new URL(withInline.url).pathname);
      assert.equal(res.status, 200);
      const page = await res.text();
      assert.equal(page.match(/<h1[\s>]/g)?.length, 1, 'exactly one h1');
      assert.match(page, /<summary[^>]*>[\s\S]*?<span>Adjust<\/span>/);
      assert.match(
        page,
        new RegExp(
          `<a class="tool" href="#comments">[\\s\\S]*?Comment[\\s\\S]*?, ${withInline.commentCount} comments?<`,
        ),
      );
      assert.match(page, /data-print>[\s\S]*?<span>Print<\/span>/);
      assert.match(page, /class="byline">By <a rel="author" href="\/author\//);
      assert.match(page, new RegExp(`<span class="dateline">${withInline.dateline}</span>`));
      assert.match(page, new RegExp(`<time datetime="${withInline.publishedAt}">`));
      assert.match(page, /<aside class="inline-related" aria-label="Related story">/);
      assert.ok(!page.includes('[[related:'), 'the marker itself is not shown');
      assert.match(page, /<section\s+class="comments"\s+id="comments"/);
      assert.match(page, /<h2 id="comments-heading">\s*Comments/);
      assert.match(page, /<blockquote>|“/);
      assert.match(page, /<link rel="canonical" href="http:\/\/broadsheet\.test\//);
    });

    test('a right slug under a wrong date or section redirects to the canonical address', async () => {
      const [a] = (await app.services.reading.published({}, undefined, 1)).items;
      assert.ok(a);
      const res = await get(`/politics/1999/01/01/${a.slug}`);
      assert.equal(res.status, 301);
      assert.match(
        res.headers.get('location') ?? '',
        new RegExp(`/${a.section.slug}/\\d{4}/\\d{2}/\\d{2}/${a.slug}$`),
      );
    });

    test('a byline leads to the author page with their bio and articles', async () => {
      const [a] = (await app.services.reading.published({}, undefined, 1)).items;
      const author = a?.authors[0];
      assert.ok(author);
      const res = await get(`/author/${author.slug}`);
      assert.equal(res.status, 200);
      const page = await res.text();
      assert.match(page, new RegExp(`<h1 class="page-title">${author.name}</h1>`));
      const person = await db.store.users.bySlug(author.slug);
      assert.ok(person?.bio && page.includes(person.bio.slice(0, 40).replace(/'/g, '&#39;')));
      assert.ok(
        page.includes(
          `href="${new URL((await json(await get(`/api/v1/articles/${a.id}`))).url).pathname}"`,
        ),
      );
      const commenter = await storedPerson(db.store);
      assert.equal((await get(`/author/${commenter.slug}`)).status, 404);
      assert.equal((await get('/author/nobody-at-all')).status, 404);
    });

    test('unknown pages are a 404 page with a way home', async () => {
      for (const path of ['/no-such-section', '/news/2026/01/01/no-such-article', '/a/b/c']) {
        const res = await get(path);
        assert.equal(res.status, 404, path);
        const body = await res.text();
        assert.match(body, /<h1>Page not found<\/h1>/);
        assert.match(body, /href="\/"/);
      }
    });

    test('anonymous readers get identical bytes, an ETag and a 304 on revalidation', async () => {
      const first = await get('/');
      const second = await get('/');
      const a = await first.text();
      const b = await second.text();
      assert.equal(a, b);
      const etag = first.headers.get('etag');
      assert.ok(etag);
      assert.match(first.headers.get('cache-control') ?? '', /public/);
      const again = await get('/', { headers: { 'If-None-Match': etag } });
      assert.equal(again.status, 304);
    });

    test('every page carries a strict CSP that allows the inline script by hash only', async () => {
      const res = await get('/');
      const csp = res.headers.get('content-security-policy') ?? '';
      assert.match(csp, /script-src 'self' 'sha256-[A-Za-z0-9+/=]+'/);
      assert.ok(!csp.includes('unsafe-inline'));
      assert.ok(!csp.includes('nonce-'));
      assert.match(csp, /object-src 'none'/);
      assert.match(csp, /base-uri 'none'/);
      assert.match(csp, /frame-ancestors 'none'/);
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(res.headers.get('x-powered-by'), null);
      const { createHash } = await import('node:crypto');
      const page = await res.text();
      const inline = /<script>([\s\S]*?)<\/script>/.exec(page)?.[1] ?? '';
      const hash = createHash('sha256').update(inline).digest('base64');
      assert.ok(csp.includes(`'sha256-${hash}'`), 'the hash matches the inline script');
    });

    test('assets have content-hashed names, immutable caching and precompression', async () => {
      const page = await (await get('/')).text();
      const css = /href="(\/assets\/site\.[0-9a-f]{12}\.css)"/.exec(page)?.[1];
      assert.ok(css);
      const res = await get(css, { headers: { 'Accept-Encoding': 'br' } });
      assert.equal(res.status, 200);
      assert.match(res.headers.get('cache-control') ?? '', /immutable/);
      assert.equal(res.headers.get('content-encoding'), 'br');
      assert.equal((await get('/assets/site.000000000000.css')).status, 404);
    });

    test('pages are compressed for clients that accept it', async () => {
      const res = await get('/', { headers: { 'Accept-Encoding': 'gzip' } });
      assert.equal(res.headers.get('content-encoding'), 'gzip');
    });

    test('health, readiness and metrics answer', async () => {
      assert.deepEqual(await json(await get('/healthz')), { status: 'ok' });
      const ready = await get('/readyz');
      assert.equal(ready.status, 200);
      assert.equal((await json(ready)).database, database.name);
      await get('/');
      const metrics = await (await get('/metrics')).text();
      assert.match(
        metrics,
        /broadsheet_http_requests_total\{method="GET",route="\/",status="200"\} \d+/,
      );
      assert.match(metrics, /broadsheet_http_request_duration_seconds_bucket/);
      assert.match(metrics, /broadsheet_process_resident_memory_bytes/);
      assert.match(metrics, /broadsheet_db_query_duration_seconds_count\{outcome="ok"\} [1-9]/);
    });

    test('the API lists published articles with cursor paging and SPEC field names', async () => {
      const seen = new Set<string>();
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res: Response = await get(
          `/api/v1/articles?limit=3${cursor ? `&cursor=${cursor}` : ''}`,
        );
        assert.equal(res.status, 200);
        const body = (await json(res)) as {
          items: Record<string, unknown>[];
          nextCursor: string | null;
        };
        for (const item of body.items) {
          for (const field of [
            'id',
            'slug',
            'url',
            'headline',
            'standfirst',
            'body',
            'section',
            'tags',
            'authors',
            'dateline',
            'status',
            'publishedAt',
            'updatedAt',
            'version',
            'commentCount',
          ]) {
            assert.ok(field in item, `field ${field}`);
          }
          assert.equal(typeof item.id, 'string');
          assert.equal(item.status, 'published');
          assert.ok(!seen.has(item.id as string), 'no duplicates across pages');
          seen.add(item.id as string);
        }
        cursor = body.nextCursor;
        pages++;
      } while (cursor && pages < 20);
      assert.equal(seen.size, await db.store.reader.countPublished());
      assert.ok(pages >= 3);
    });

    test('the API gets one article by id or by slug', async () => {
      const [a] = (await app.services.reading.published({}, undefined, 1)).items;
      assert.ok(a);
      const byId = await json(await get(`/api/v1/articles/${a.id}`));
      const bySlug = await json(await get(`/api/v1/articles/${a.slug}`));
      assert.deepEqual(byId, bySlug);
      assert.equal(byId.url, `http://broadsheet.test${new URL(byId.url).pathname}`);
      assert.deepEqual(Object.keys(byId.section).sort(), ['name', 'slug']);
      assert.deepEqual(Object.keys(byId.authors[0]).sort(), ['id', 'name', 'slug']);
    });

    test('API errors use the error model with the right status', async () => {
      const missing = await get('/api/v1/articles/nope');
      assert.equal(missing.status, 404);
      const body = await json(missing);
      assert.equal(body.error.code, 'not_found');
      assert.equal(typeof body.error.message, 'string');
      const badCursor = await get('/api/v1/articles?cursor=garbage');
      assert.equal(badCursor.status, 400);
      assert.equal((await json(badCursor)).error.code, 'bad_request');
      const badLimit = await get('/api/v1/articles?limit=0');
      assert.equal(badLimit.status, 400);
      assert.match((await json(badLimit)).error.message, /limit/);
      const noRoute = await get('/api/v1/nothing-here');
      assert.equal(noRoute.status, 404);
      assert.equal((await json(noRoute)).error.code, 'not_found');
    });

    test('the OpenAPI document describes the article calls', async () => {
      const res = await get('/api/v1/openapi.json');
      assert.equal(res.status, 200);
      const doc = await json(res);
      assert.match(doc.openapi, /^3\./);
      assert.ok(doc.paths['/api/v1/articles'].get);
      assert.ok(doc.paths['/api/v1/articles/{id}'].get);
      const article = doc.components.schemas.Article;
      for (const field of ['id', 'slug', 'url', 'headline', 'body', 'commentCount', 'version']) {
        assert.ok(article.properties[field], field);
      }
    });
  });
}
