/** sitemap.xml (and its index form), the Google News sitemap and robots.txt, read with an XML parser. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { articlePath, type Article } from '../src/domain/article.js';
import { loadDemoIfEmpty } from '../src/services/demo.js';
import { SyndicationService } from '../src/services/syndication.js';
import { sitemapIndexXml, urlsetXml } from '../src/views/sitemaps.js';
import { databases, type OpenedStore } from './helpers/databases.js';
import { startApp, type RunningApp } from './helpers/app.js';

const base = 'http://broadsheet.test';
const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();

// Lists stay lists even with one element; the news: prefix is kept as written.
const parser = new XMLParser({
  ignoreAttributes: false,
  isArray: (name) => ['url', 'sitemap'].includes(name),
});

function parse(text: string) {
  assert.equal(XMLValidator.validate(text), true, 'well-formed XML');
  return parser.parse(text);
}

for (const database of databases()) {
  describe(`sitemaps on ${database.name}`, () => {
    let db: OpenedStore;
    let app: RunningApp;
    let fresh: Article;
    let old: Article;
    let draft: Article;
    before(async () => {
      db = await database.open();
      await loadDemoIfEmpty(db.store);
      const [author] = await db.store.users.search({ role: 'author', limit: 1, offset: 0 });
      assert.ok(author);
      const make = (slug: string, headline: string, status: 'published' | 'draft', hours: number) =>
        db.store.newsroom.create({
          slug,
          sectionSlug: 'news',
          headline,
          standfirst: '',
          body: 'Text.',
          dateline: 'HARWICK',
          authorIds: [author.id],
          tags: [],
          status,
          publishedAt: status === 'published' ? hoursAgo(hours) : null,
          createdAt: hoursAgo(hours + 1),
        });
      fresh = await make('fresh-tide', 'Tide & <surge> "warning" issued', 'published', 1);
      old = await make('old-tide', 'Tide tables for the winter', 'published', 50);
      draft = await make('draft-tide', 'Draft about tides', 'draft', 0);
      app = await startApp(db);
    });
    after(async () => {
      await app?.close();
      await db?.dispose();
    });

    const get = (path: string, init?: RequestInit) =>
      fetch(app.url + path, { redirect: 'manual', ...init });
    async function xml(path: string) {
      const res = await get(path);
      assert.equal(res.status, 200, path);
      assert.match(res.headers.get('content-type') ?? '', /^application\/xml; charset=utf-8/);
      return { res, doc: parse(await res.text()) };
    }
    const published = async () => (await app.services.reading.published({}, undefined, 100)).items;

    test('robots.txt names both sitemaps', async () => {
      const res = await get('/robots.txt');
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /^text\/plain/);
      const lines = (await res.text()).split('\n');
      assert.ok(lines.includes(`Sitemap: ${base}/sitemap.xml`));
      assert.ok(lines.includes(`Sitemap: ${base}/news-sitemap.xml`));
      assert.ok(lines.includes('User-agent: *'));
      assert.ok(lines.includes('Disallow: /admin'));
    });

    test('sitemap.xml lists the front page, sections, corrections and every published article', async () => {
      const { doc } = await xml('/sitemap.xml');
      assert.equal(doc.urlset['@_xmlns'], 'http://www.sitemaps.org/schemas/sitemap/0.9');
      const urls = doc.urlset.url as { loc: string; lastmod?: string }[];
      const byLoc = new Map(urls.map((u) => [u.loc, u]));
      assert.equal(byLoc.size, urls.length, 'no duplicates');
      assert.ok(byLoc.has(`${base}/`));
      assert.ok(byLoc.has(`${base}/corrections`));
      for (const s of await db.store.sections.list())
        assert.ok(byLoc.has(`${base}/${s.slug}`), s.slug);
      const articles = await published();
      for (const a of articles) {
        const u = byLoc.get(base + articlePath(a));
        assert.ok(u, a.slug);
        assert.ok(u.lastmod && !Number.isNaN(Date.parse(u.lastmod)));
      }
      const authors = new Set(articles.flatMap((a) => a.authors.map((p) => p.slug)));
      for (const slug of authors) assert.ok(byLoc.has(`${base}/author/${slug}`), slug);
      assert.equal(
        urls.length,
        articles.length + (await db.store.sections.list()).length + authors.size + 2,
      );
      assert.ok(!urls.some((u) => u.loc.includes(draft.slug)), 'no drafts');
      // lastmod follows public updates and corrections, not publication alone.
      for (const a of articles) {
        const full = await db.store.reader.getById(a.id);
        assert.ok(full?.publishedAt);
        const times = [
          full.updatedAt ?? full.publishedAt,
          ...full.corrections.filter((c) => !c.retractedAt).map((c) => c.createdAt),
        ].sort();
        assert.equal(byLoc.get(base + articlePath(a))?.lastmod, times.at(-1), a.slug);
      }
      const newest = urls
        .map((u) => u.lastmod ?? '')
        .sort()
        .at(-1);
      assert.equal(byLoc.get(`${base}/`)?.lastmod, newest);
    });

    test('the sitemap files also answer on their own; unknown ones are 404', async () => {
      const { doc: pages } = await xml('/sitemap-pages.xml');
      assert.ok(pages.urlset.url.some((u: { loc: string }) => u.loc === `${base}/`));
      const { doc: first } = await xml('/sitemap-1.xml');
      assert.equal(first.urlset.url.length, (await published()).length);
      for (const path of [
        '/sitemap-2.xml',
        '/sitemap-0.xml',
        '/sitemap-x.xml',
        '/sitemap-01.xml',
      ]) {
        assert.equal((await get(path)).status, 404, path);
      }
    });

    test('a large site gets an index of files with lastmod, covering every article once', async () => {
      const service = new SyndicationService({ store: db.store, sitemapUrlsPerFile: 4 });
      const map = await service.sitemap();
      assert.equal(map.kind, 'index');
      const index = parse(sitemapIndexXml(base, map.kind === 'index' ? map.sitemaps : []));
      const files = index.sitemapindex.sitemap as { loc: string; lastmod: string }[];
      assert.equal(files[0]?.loc, `${base}/sitemap-pages.xml`);
      const articles = await published();
      assert.equal(files.length, 1 + Math.ceil(articles.length / 4));
      const seen: string[] = [];
      for (const file of files.slice(1)) {
        const part = /sitemap-(\d+)\.xml$/.exec(file.loc)?.[1];
        assert.ok(part, file.loc);
        const { urls } = await service.sitemapPart(part);
        const doc = parse(urlsetXml(base, urls));
        const entries = doc.urlset.url as { loc: string; lastmod: string }[];
        assert.ok(entries.length >= 1 && entries.length <= 4);
        assert.equal(
          file.lastmod,
          entries
            .map((e) => e.lastmod)
            .sort()
            .at(-1),
        );
        seen.push(...entries.map((e) => e.loc));
      }
      assert.equal(new Set(seen).size, seen.length, 'no article in two files');
      assert.deepEqual(seen.sort(), articles.map((a) => base + articlePath(a)).sort());
    });

    test('the news sitemap: the last 48 hours, Google News fields, escaped titles', async () => {
      const { doc } = await xml('/news-sitemap.xml');
      assert.equal(doc.urlset['@_xmlns:news'], 'http://www.google.com/schemas/sitemap-news/0.9');
      const urls = doc.urlset.url as {
        loc: string;
        'news:news': {
          'news:publication': { 'news:name': string; 'news:language': string };
          'news:publication_date': string;
          'news:title': string;
        };
      }[];
      const cutoff = Date.now() - 48 * 3_600_000;
      const expected = (await published()).filter((a) => Date.parse(a.publishedAt ?? '') >= cutoff);
      assert.deepEqual(
        urls.map((u) => u.loc),
        expected.map((a) => base + articlePath(a)),
      );
      assert.ok(urls.some((u) => u.loc === base + articlePath(fresh)));
      assert.ok(!urls.some((u) => u.loc === base + articlePath(old)), 'older than 48 hours');
      assert.ok(!urls.some((u) => u.loc.includes(draft.slug)));
      for (const [i, u] of urls.entries()) {
        const news = u['news:news'];
        assert.equal(news['news:publication']['news:name'], 'The Harwick Courier');
        assert.equal(news['news:publication']['news:language'], 'en');
        assert.equal(news['news:publication_date'], expected[i]?.publishedAt);
        assert.equal(news['news:title'], expected[i]?.headline);
      }
      const freshEntry = urls.find((u) => u.loc === base + articlePath(fresh));
      assert.equal(freshEntry?.['news:news']['news:title'], 'Tide & <surge> "warning" issued');
    });

    test('sitemaps answer 304 to a reader that has them', async () => {
      for (const path of ['/sitemap.xml', '/news-sitemap.xml', '/robots.txt']) {
        const first = await get(path);
        await first.text();
        const etag = first.headers.get('etag');
        assert.ok(etag && first.headers.get('last-modified'), path);
        assert.equal((await get(path, { headers: { 'If-None-Match': etag } })).status, 304, path);
      }
    });
  });
}
