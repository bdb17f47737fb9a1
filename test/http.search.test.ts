/** The search page and API through the whole app, on every database. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadDemoIfEmpty } from '../src/services/demo.js';
import { databases, type OpenedStore } from './helpers/databases.js';
import { startApp, type RunningApp } from './helpers/app.js';
import { json } from './helpers/http.js';

for (const database of databases()) {
  describe(`search on ${database.name}`, () => {
    let db: OpenedStore;
    let app: RunningApp;
    before(async () => {
      db = await database.open();
      await loadDemoIfEmpty(db.store);
      const [author] = await db.store.users.search({ role: 'author', limit: 1, offset: 0 });
      assert.ok(author);
      await db.store.newsroom.create({
        slug: 'hostile-walrus',
        sectionSlug: 'news',
        headline: 'A <script>alert(1)</script> walrus & "friends"',
        standfirst: '',
        body: 'The walrus said <img src=x onerror=alert(2)> and </mark><b>bold</b> things.',
        dateline: 'QUAYSIDE',
        authorIds: [author.id],
        tags: [],
        status: 'published',
        publishedAt: new Date().toISOString(),
        createdAt: new Date().toISOString(),
      });
      for (let i = 1; i <= 12; i++) {
        await db.store.newsroom.create({
          slug: `regatta-report-${i}`,
          sectionSlug: 'news',
          headline: `Regatta report, day ${i}`,
          standfirst: 'Results from the harbour.',
          body: `Day ${i} of the regatta.`,
          dateline: 'HARWICK',
          authorIds: [author.id],
          tags: [],
          status: 'published',
          publishedAt: new Date(Date.now() - i * 60_000).toISOString(),
          createdAt: new Date(Date.now() - i * 60_000).toISOString(),
        });
      }
      app = await startApp(db);
    });
    after(async () => {
      await app?.close();
      await db?.dispose();
    });

    const get = (path: string, init?: RequestInit) =>
      fetch(app.url + path, { redirect: 'manual', ...init });
    const page = async (query: string) => {
      const res = await get(`/search?${query}`);
      assert.equal(res.status, 200, query.slice(0, 40));
      assert.match(res.headers.get('content-type') ?? '', /text\/html/);
      return res.text();
    };

    test('results: count, highlighted headlines and snippets, links to the articles', async () => {
      const body = await page('q=harbour');
      assert.match(body, /<h1 class="page-title">Search<\/h1>/);
      assert.match(body, /<form class="search-form" role="search" action="\/search" method="get">/);
      assert.match(body, /<label for="search-q">Search articles<\/label>/);
      assert.match(body, /<input id="search-q" type="search" name="q" value="harbour"/);
      const count = /<p class="search-summary">\s*([\d,]+) articles? match/.exec(body);
      assert.ok(count, 'a result count');
      const api = await json(await get('/api/v1/search?q=harbour'));
      assert.equal(Number(count[1]), api.total);
      assert.ok(api.total >= 2);
      assert.match(body, /<mark>[Hh]arbour<\/mark>/);
      const first = api.items[0];
      assert.ok(body.includes(`href="${new URL(first.url).pathname}"`));
      assert.match(body, /<meta name="robots" content="noindex, follow" \/>/);
    });

    test('markup in articles is escaped and only the highlight becomes a tag', async () => {
      const body = await page('q=walrus');
      const results = body.slice(body.indexOf('<ol class="stories search-results"'));
      assert.ok(!results.includes('<script>alert'), 'no script tag from the headline');
      assert.ok(!results.includes('<img'), 'no img tag from the body');
      assert.ok(!results.includes('<b>bold'), 'no b tag from the body');
      assert.ok(results.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
      // (PostgreSQL's ts_headline drops what looks like tags; FTS5 keeps them as text.)
      assert.match(results, /<mark>walrus<\/mark> said &lt;img src=x onerror=alert\(2\)/);
      // Every <mark> opened is closed, and none comes from the article's own "</mark>".
      const opened = results.match(/<mark>/g)?.length ?? 0;
      const closed = results.match(/<\/mark>/g)?.length ?? 0;
      assert.equal(opened, closed);
      const api = await json(await get('/api/v1/search?q=walrus'));
      assert.equal(api.items[0].headline, 'A <script>alert(1)</script> walrus & "friends"');
      assert.equal(
        api.items[0].highlight.headline,
        'A &lt;script&gt;alert(1)&lt;/script&gt; <mark>walrus</mark> &amp; &quot;friends&quot;',
      );
    });

    test('what is typed is escaped where it is shown again', async () => {
      const q = encodeURIComponent('"><script>alert(3)</script> walrus');
      const body = await page(`q=${q}`);
      assert.ok(!body.includes('<script>alert(3)'));
      assert.ok(body.includes('value="&quot;&gt;&lt;script&gt;alert(3)&lt;/script&gt;'));
      // Control characters are refused at the edge for every input (decisions/0046): a page
      // saying so, never the characters echoed back.
      const controls = await get(`/search?q=${encodeURIComponent('\u0002walrus\u0003')}`);
      assert.equal(controls.status, 400);
      assert.match(controls.headers.get('content-type') ?? '', /text\/html/);
      assert.ok(!(await controls.text()).includes('\u0002'));
    });

    test('an empty query shows the form and a hint; no match shows an empty state', async () => {
      for (const query of ['', 'q=', 'q=%20%20', 'q=***']) {
        const body = await page(query);
        assert.match(body, /<input id="search-q"/);
        assert.match(body, /Type one or more words/);
        assert.doesNotMatch(body, /search-results/);
      }
      const none = await page('q=zyzzyvaxqq');
      assert.match(none, /No articles match <strong>zyzzyvaxqq<\/strong>/);
    });

    test('any input, however strange, gives a page and never an error', async () => {
      const strange = [
        'q=%22',
        'q=((((',
        'q=NEAR(harbour%20council)',
        'q=harbour*',
        'q=-',
        'q=%F0%9F%99%82',
        `q=${'x'.repeat(10_000)}`,
        'q=a&q=harbour',
        'q[]=harbour',
        'q=harbour&page=abc',
        'q=harbour&page=-3',
        'q=harbour&page=99999',
        'q=harbour&page=2&page=3',
        'q=headline:harbour',
        "q=';drop%20table%20articles;--",
      ];
      for (const query of strange) await page(query);
      // NUL and text that is not UTF-8 are refused at the edge (decisions/0046): still a page.
      for (const query of ['q=%00', 'q=%E0%A4']) {
        const res = await get(`/search?${query}`);
        assert.equal(res.status, 400, query);
        assert.match(res.headers.get('content-type') ?? '', /text\/html/);
        assert.equal((await get(`/api/v1/search?${query}`)).status, 400, query);
      }
      for (const query of strange) {
        const res = await get(`/api/v1/search?${query.replace(/&page=[^&]*/g, '')}`);
        assert.equal(res.status, 200, query.slice(0, 40));
      }
    });

    test('paging links move through the results', async () => {
      const api = await json(await get('/api/v1/search?q=regatta&limit=50'));
      const perPage = 10;
      assert.ok(api.total > perPage, 'there are more results than fit one page');
      const first = await page('q=regatta');
      assert.match(first, /<nav class="pager search-pager" aria-label="Search result pages">/);
      assert.match(first, /href="\/search\?q=regatta&amp;page=2" rel="next">Next page</);
      assert.doesNotMatch(first, /rel="prev"/);
      const second = await page('q=regatta&page=2');
      assert.match(second, /Page 2 of \d+/);
      assert.match(second, /href="\/search\?q=regatta" rel="prev">Previous page</);
      assert.match(second, /showing 11 to \d+/);
      const beyond = await page('q=regatta&page=50');
      assert.match(beyond, /there are no more on this page/);
    });

    test('the API pages with nextCursor and counts the total', async () => {
      const seen = new Set<string>();
      let cursor: string | null = null;
      let total = 0;
      do {
        const res: Response = await get(
          `/api/v1/search?q=regatta&limit=4${cursor ? `&cursor=${cursor}` : ''}`,
        );
        assert.equal(res.status, 200);
        const body = (await json(res)) as {
          items: { id: string }[];
          total: number;
          nextCursor: string | null;
        };
        total = body.total;
        for (const item of body.items) {
          assert.ok(!seen.has(item.id));
          seen.add(item.id);
        }
        cursor = body.nextCursor;
      } while (cursor);
      assert.equal(seen.size, total);
    });

    test('anonymous result pages are identical bytes with an ETag', async () => {
      const a = await get('/search?q=harbour');
      const b = await get('/search?q=harbour');
      assert.equal(await a.text(), await b.text());
      const etag = a.headers.get('etag');
      assert.ok(etag);
      assert.equal(
        (await get('/search?q=harbour', { headers: { 'If-None-Match': etag } })).status,
        304,
      );
    });

    test('the OpenAPI document describes the search call', async () => {
      const doc = await json(await get('/api/v1/openapi.json'));
      const search = doc.paths['/api/v1/search']?.get;
      assert.ok(search);
      assert.ok(search.parameters.some((p: { name: string }) => p.name === 'q'));
    });

    test('every page links to search', async () => {
      assert.match(
        await (await get('/')).text(),
        /<a class="masthead__search" href="\/search">Search<\/a>/,
      );
    });
  });
}
