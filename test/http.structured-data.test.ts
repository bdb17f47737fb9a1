/** The article page's structured data (JSON-LD), Open Graph, Twitter card and canonical URL. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { activeCorrections, articlePath, type Article } from '../src/domain/article.js';
import { loadDemoIfEmpty } from '../src/services/demo.js';
import { databases, type OpenedStore } from './helpers/databases.js';
import { startApp, type RunningApp } from './helpers/app.js';

const base = 'http://broadsheet.test';
const hostileHeadline = 'Ferry </script><script>alert(1)</script> <!-- “delays” \u2028 & more';

type Json = Record<string, unknown> & { '@type'?: string };

/** Every JSON-LD block of a page, parsed. */
function jsonLdOf(page: string): Json[] {
  return [...page.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map(
    (m) => JSON.parse(m[1] ?? '') as Json,
  );
}

const entities: Record<string, string> = {
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
  '&amp;': '&',
};

/** The content of every <meta> with this property or name, unescaped. */
function metaOf(page: string, key: string): string[] {
  return [...page.matchAll(/<meta (property|name)="([^"]+)" content="([^"]*)" \/>/g)]
    .filter((m) => m[2] === key)
    .map((m) => (m[3] ?? '').replace(/&(lt|gt|quot|#39|amp);/g, (e) => entities[e] ?? e));
}

for (const database of databases()) {
  describe(`structured data on ${database.name}`, () => {
    let db: OpenedStore;
    let app: RunningApp;
    let corrected: Article;
    let hostile: Article;
    before(async () => {
      db = await database.open();
      await loadDemoIfEmpty(db.store);
      const summaries = await db.store.reader.listPublished({ limit: 50 });
      const full = await Promise.all(summaries.map((s) => db.store.reader.getById(s.id)));
      const found = full.find((a) => a && activeCorrections(a.corrections).length > 0);
      assert.ok(found, 'the demo has an article with corrections');
      corrected = found;
      const authors = (await db.store.users.search({ role: 'author', limit: 2, offset: 0 })).map(
        (u) => u.id,
      );
      const created = await db.store.newsroom.create({
        slug: 'hostile-ferry',
        sectionSlug: 'news',
        headline: hostileHeadline,
        standfirst: 'Standfirst </script> too',
        body: 'Text.',
        dateline: 'PIER HEAD',
        authorIds: authors,
        tags: [{ slug: 'ferries', name: 'Ferries' }],
        status: 'published',
        publishedAt: new Date(Date.now() - 3_600_000).toISOString(),
        createdAt: new Date(Date.now() - 7_200_000).toISOString(),
      });
      await db.store.newsroom.markUpdated(created.id, new Date().toISOString(), 'Times added.');
      const reread = await db.store.reader.getById(created.id);
      assert.ok(reread);
      hostile = reread;
      app = await startApp(db);
    });
    after(async () => {
      await app?.close();
      await db?.dispose();
    });

    const page = async (a: Article) => {
      const res = await fetch(app.url + articlePath(a));
      assert.equal(res.status, 200);
      return { res, text: await res.text() };
    };

    test('NewsArticle: headline, dates, every author, publisher with logo, dateline, free', async () => {
      const { text } = await page(hostile);
      const article = jsonLdOf(text).find((j) => j['@type'] === 'NewsArticle');
      assert.ok(article);
      const url = base + articlePath(hostile);
      assert.equal(article['@context'], 'https://schema.org');
      assert.equal(article.headline, hostileHeadline);
      assert.equal(article.description, 'Standfirst </script> too');
      assert.deepEqual(article.mainEntityOfPage, { '@type': 'WebPage', '@id': url });
      assert.equal(article.url, url);
      assert.equal(article.datePublished, hostile.publishedAt);
      assert.equal(article.dateModified, hostile.updatedAt, 'the public Updated time');
      assert.notEqual(article.dateModified, hostile.modifiedAt);
      assert.equal(article.dateline, 'PIER HEAD');
      assert.equal(article.isAccessibleForFree, true);
      assert.equal(article.articleSection, 'News');
      assert.deepEqual(article.keywords, ['Ferries']);
      assert.equal(hostile.authors.length, 2);
      assert.deepEqual(
        article.author,
        hostile.authors.map((p) => ({
          '@type': 'Person',
          name: p.name,
          url: `${base}/author/${p.slug}`,
        })),
      );
      const publisher = article.publisher as Json & { logo: Json & { url: string } };
      assert.equal(publisher['@type'], 'NewsMediaOrganization');
      assert.equal(publisher.name, 'The Harwick Courier');
      assert.equal(publisher.url, `${base}/`);
      assert.equal(publisher.logo['@type'], 'ImageObject');
      assert.match(
        publisher.logo.url,
        /^http:\/\/broadsheet\.test\/assets\/logo\.[0-9a-f]{12}\.svg$/,
      );
      const logo = await fetch(app.url + new URL(publisher.logo.url).pathname);
      assert.equal(logo.status, 200);
      assert.match(logo.headers.get('content-type') ?? '', /^image\/svg\+xml/);
      assert.equal(article.correction, undefined, 'no corrections, no correction field');
    });

    test('a never-updated article is modified when it was published', async () => {
      const fresh = corrected.updatedAt === null ? corrected : null;
      const subject =
        fresh ??
        (await db.store.reader.getById(
          (await db.store.reader.listPublished({ limit: 50 })).find((a) => a.updatedAt === null)
            ?.id ?? '',
        ));
      assert.ok(subject);
      const article = jsonLdOf((await page(subject)).text).find(
        (j) => j['@type'] === 'NewsArticle',
      );
      assert.equal(article?.dateModified, subject.publishedAt);
    });

    test('corrections are CorrectionComments with text and date', async () => {
      const { text } = await page(corrected);
      const article = jsonLdOf(text).find((j) => j['@type'] === 'NewsArticle');
      assert.deepEqual(
        article?.correction,
        activeCorrections(corrected.corrections).map((c) => ({
          '@type': 'CorrectionComment',
          text: c.text,
          datePublished: c.createdAt,
        })),
      );
    });

    test('BreadcrumbList: home, section, article', async () => {
      const crumbs = jsonLdOf((await page(hostile)).text).find(
        (j) => j['@type'] === 'BreadcrumbList',
      );
      assert.deepEqual(crumbs?.itemListElement, [
        { '@type': 'ListItem', position: 1, name: 'The Harwick Courier', item: `${base}/` },
        { '@type': 'ListItem', position: 2, name: 'News', item: `${base}/news` },
        {
          '@type': 'ListItem',
          position: 3,
          name: hostileHeadline,
          item: base + articlePath(hostile),
        },
      ]);
    });

    test('Open Graph, Twitter card and an absolute canonical URL from BASE_URL', async () => {
      const { text } = await page(hostile);
      const url = base + articlePath(hostile);
      assert.ok(text.includes(`<link rel="canonical" href="${url}" />`));
      assert.deepEqual(metaOf(text, 'og:type'), ['article']);
      assert.deepEqual(metaOf(text, 'og:url'), [url]);
      assert.deepEqual(metaOf(text, 'og:title'), [hostileHeadline]);
      assert.deepEqual(metaOf(text, 'og:site_name'), ['The Harwick Courier']);
      assert.deepEqual(metaOf(text, 'article:published_time'), [hostile.publishedAt]);
      assert.deepEqual(metaOf(text, 'article:modified_time'), [hostile.updatedAt]);
      assert.deepEqual(metaOf(text, 'article:section'), ['News']);
      assert.deepEqual(
        metaOf(text, 'article:author'),
        hostile.authors.map((p) => `${base}/author/${p.slug}`),
      );
      assert.deepEqual(metaOf(text, 'twitter:card'), ['summary']);
      assert.deepEqual(metaOf(text, 'twitter:title'), [hostileHeadline]);
    });

    test('a headline cannot break out of the JSON-LD script', async () => {
      const { text } = await page(hostile);
      const blocks = [
        ...text.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g),
      ].map((m) => m[1] ?? '');
      assert.equal(blocks.length, 2);
      for (const block of blocks) {
        assert.ok(!block.includes('<'), 'no < at all inside the data');
        assert.ok(!block.includes('\u2028'));
      }
      assert.ok(!text.includes('<script>alert(1)'), 'no script from the headline');
      assert.ok(!text.includes('<!-- “delays”'));
    });

    test('the CSP does not stand in its way, and anonymous bytes stay identical', async () => {
      const first = await page(hostile);
      const second = await page(hostile);
      assert.equal(first.text, second.text);
      const csp = first.res.headers.get('content-security-policy') ?? '';
      // Data blocks are not scripts: no hash, nonce or unsafe-inline is needed or present.
      assert.match(csp, /script-src 'self' 'sha256-[A-Za-z0-9+/=]+'(;|$)/);
      assert.ok(!csp.includes('unsafe-inline') && !csp.includes('nonce-'));
      assert.equal(jsonLdOf(first.text).length, 2);
    });
  });
}
