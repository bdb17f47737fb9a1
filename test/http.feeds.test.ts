/**
 * RSS and Atom feeds read with a real feed parser (and checked well-formed with an XML
 * validator), the corrections page, and feed discovery links, on every database.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFeed } from '@rowanmanning/feed-parser';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { articlePath, type Article } from '../src/domain/article.js';
import { loadDemoIfEmpty } from '../src/services/demo.js';
import { feedsFullTextKey } from '../src/services/syndication.js';
import { databases, type OpenedStore } from './helpers/databases.js';
import { startApp, type RunningApp } from './helpers/app.js';

const base = 'http://broadsheet.test';
const hostileHeadline = 'Quay <script>alert(1)</script> & "tides" ]]> end';

for (const database of databases()) {
  describe(`feeds on ${database.name}`, () => {
    let db: OpenedStore;
    let app: RunningApp;
    let hostile: Article;
    before(async () => {
      db = await database.open();
      await loadDemoIfEmpty(db.store);
      const [author] = await db.store.users.search({ role: 'author', limit: 1, offset: 0 });
      assert.ok(author);
      hostile = await db.store.newsroom.create({
        slug: 'hostile-quay',
        sectionSlug: 'business',
        headline: `${hostileHeadline}\u0001`,
        standfirst: 'Standfirst with <b>tags</b> & ]]> too',
        body: 'Body with a [link home](/news) and <i>raw</i> text.\n\n[[related:nothing]]',
        dateline: 'QUAYSIDE',
        authorIds: [author.id],
        tags: [{ slug: 'tides-times', name: 'Tides & <Times>' }],
        status: 'published',
        // Newest of all, so it leads every feed it is in.
        publishedAt: new Date(Date.now() + 60_000).toISOString(),
        createdAt: new Date().toISOString(),
      });
      // More articles than a feed holds.
      for (let i = 1; i <= 12; i++) {
        await db.store.newsroom.create({
          slug: `arts-diary-${i}`,
          sectionSlug: 'culture',
          headline: `Arts diary ${i}`,
          standfirst: '',
          body: 'Listings.',
          dateline: 'HARWICK',
          authorIds: [author.id],
          tags: [],
          status: 'published',
          publishedAt: new Date(Date.now() - (200 + i) * 3_600_000).toISOString(),
          createdAt: new Date(Date.now() - (201 + i) * 3_600_000).toISOString(),
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

    async function read(path: string, type: RegExp) {
      const res = await get(path);
      assert.equal(res.status, 200, path);
      assert.match(res.headers.get('content-type') ?? '', type);
      const text = await res.text();
      assert.equal(XMLValidator.validate(text), true, `${path} is well-formed XML`);
      return { res, text, feed: parseFeed(text) };
    }
    const rss = (path: string) => read(path, /^application\/rss\+xml; charset=utf-8/);
    const atom = (path: string) => read(path, /^application\/atom\+xml; charset=utf-8/);

    test('the site feeds: newest first, stable ids, dates, authors, categories, summaries', async () => {
      const newest = (await app.services.reading.publishedFull({}, undefined, 20)).items;
      for (const [kind, path] of [
        ['rss', '/feed.xml'],
        ['atom', '/atom.xml'],
      ] as const) {
        const { feed } = await (kind === 'rss' ? rss(path) : atom(path));
        assert.equal(feed.title, 'The Harwick Courier');
        assert.equal(feed.url, `${base}/`);
        assert.equal(feed.self, `${base}${path}`);
        assert.equal(newest.length, 20);
        assert.equal(feed.items.length, 20);
        assert.deepEqual(
          feed.items.map((i) => i.url),
          newest.map((a) => base + articlePath(a)),
        );
        for (const [n, item] of feed.items.entries()) {
          const a = newest[n];
          assert.ok(a && a.publishedAt);
          assert.match(
            item.id ?? '',
            new RegExp(`^tag:broadsheet\\.test,\\d{4}-\\d{2}-\\d{2}:article/${a.id}$`),
          );
          // RSS dates have whole seconds.
          assert.equal(
            Math.floor(item.published!.getTime() / 1000),
            Math.floor(Date.parse(a.publishedAt) / 1000),
            `${kind} published`,
          );
          if (kind === 'atom') {
            assert.equal(item.updated?.toISOString(), a.updatedAt ?? a.publishedAt, 'atom updated');
          }
          assert.deepEqual(
            item.authors.map((p) => p.name),
            a.authors.map((p) => p.name),
          );
          const labels = item.categories.map((c) => (kind === 'rss' ? c.label : c.term));
          assert.ok(labels.includes(kind === 'rss' ? a.section.name : a.section.slug), 'section');
          for (const t of a.tags) assert.ok(labels.includes(kind === 'rss' ? t.name : t.slug));
          assert.equal(item.content, null, 'summaries by default');
        }
        if (kind === 'atom') {
          const updated = newest
            .map((a) => a.updatedAt ?? a.publishedAt ?? '')
            .sort()
            .at(-1);
          assert.equal(feed.updated?.toISOString(), updated);
        }
      }
    });

    test('RSS guids are ids, not permalinks', async () => {
      const { text } = await rss('/feed.xml');
      const doc = new XMLParser({ ignoreAttributes: false }).parse(text);
      const items = doc.rss.channel.item as {
        guid: { '#text': string; '@_isPermaLink': string };
      }[];
      assert.ok(items.length > 0);
      for (const item of items) {
        assert.equal(item.guid['@_isPermaLink'], 'false');
        assert.match(item.guid['#text'], /^tag:broadsheet\.test,/);
      }
    });

    test('hostile text stays text: escaped, well-formed, and read back exactly', async () => {
      const rssFeed = await rss('/feed.xml');
      const atomFeed = await atom('/atom.xml');
      for (const { feed } of [rssFeed, atomFeed]) {
        const item = feed.items[0];
        assert.ok(item);
        assert.equal(item.title, hostileHeadline, 'the title reads back as the headline');
        assert.equal(item.description, 'Standfirst with <b>tags</b> & ]]> too');
      }
      assert.ok(rssFeed.feed.items[0]?.categories.some((c) => c.label === 'Tides & <Times>'));
      // In the XML itself: Atom's title and summary are typed html, so they hold escaped text;
      // RSS's description is HTML by custom, so it is escaped too.
      const xml = new XMLParser({ ignoreAttributes: false, cdataPropName: '#cdata' });
      const entry = xml.parse(atomFeed.text).feed.entry[0];
      assert.equal(entry.title['@_type'], 'html');
      assert.equal(
        entry.title['#cdata'],
        'Quay &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;tides&quot; ]]&gt; end',
      );
      assert.equal(
        entry.summary['#cdata'],
        'Standfirst with &lt;b&gt;tags&lt;/b&gt; &amp; ]]&gt; too',
      );
      const item = xml.parse(rssFeed.text).rss.channel.item[0];
      assert.equal([item.title['#cdata']].flat().join(''), hostileHeadline);
      assert.equal(
        item.description['#cdata'],
        'Standfirst with &lt;b&gt;tags&lt;/b&gt; &amp; ]]&gt; too',
      );
    });

    test('full text is a setting: whole articles with absolute links', async () => {
      await db.store.settings.set(feedsFullTextKey, 'true');
      try {
        for (const read of [rss, atom]) {
          const path = read === rss ? '/business/feed.xml' : '/business/atom.xml';
          const { feed, text } = await read(path);
          const item = feed.items[0];
          assert.ok(item);
          assert.equal(item.url, base + articlePath(hostile));
          assert.match(
            item.content ?? '',
            /<a href="http:\/\/broadsheet\.test\/news">link home<\/a>/,
          );
          assert.doesNotMatch(item.content ?? '', /\[\[related:/);
          // The parser decodes entities, so that raw HTML stayed text is seen in the XML.
          assert.ok(text.includes('and &lt;i&gt;raw&lt;/i&gt; text.'), `${path}: raw HTML is text`);
        }
      } finally {
        await db.store.settings.set(feedsFullTextKey, 'false');
      }
    });

    test('section and author feeds hold only theirs; unknown ones are 404', async () => {
      const { feed: section } = await rss('/politics/feed.xml');
      assert.equal(section.title, 'The Harwick Courier: Politics');
      assert.equal(section.url, `${base}/politics`);
      const politics = (
        await app.services.reading.published({ section: 'politics' }, undefined, 50)
      ).items;
      assert.equal(section.items.length, Math.min(20, politics.length));
      for (const item of section.items)
        assert.match(item.url ?? '', /^http:\/\/broadsheet\.test\/politics\//);

      const author = hostile.authors[0];
      assert.ok(author);
      const { feed: byAuthor } = await atom(`/author/${author.slug}/atom.xml`);
      assert.equal(byAuthor.title, `The Harwick Courier: ${author.name}`);
      const theirs = (await app.services.reading.published({ author: author.slug }, undefined, 50))
        .items;
      assert.deepEqual(
        byAuthor.items.map((i) => i.url),
        theirs.slice(0, 20).map((a) => base + articlePath(a)),
      );
      for (const path of ['/no-such-section/feed.xml', '/author/nobody/atom.xml']) {
        assert.equal((await get(path)).status, 404, path);
      }
    });

    test('the corrections feed and page list public corrections, newest first', async () => {
      const { feed } = await rss('/corrections/feed.xml');
      assert.equal(feed.title, 'The Harwick Courier: corrections and clarifications');
      assert.ok(feed.items.length >= 2, 'the demo has corrections');
      const all = await app.services.syndication.corrections(undefined, 100);
      assert.deepEqual(
        feed.items.map((i) => i.id),
        all.items
          .slice(0, 30)
          .map((c) => `tag:broadsheet.test,${c.createdAt.slice(0, 10)}:correction/${c.id}`),
      );
      const first = all.items[0];
      assert.ok(first);
      assert.match(feed.items[0]?.title ?? '', new RegExp(`^(Correction|Clarification|Update): `));
      assert.equal(feed.items[0]?.url, `${base}${articlePath(first.article)}#corrections-heading`);
      const { feed: atomFeed } = await atom('/corrections/atom.xml');
      assert.equal(atomFeed.items.length, feed.items.length);

      const page = await (await get('/corrections')).text();
      assert.match(page, /<h1 class="page-title">Corrections and clarifications<\/h1>/);
      assert.ok(page.includes(`href="${articlePath(first.article)}#corrections-heading"`));
      assert.match(
        page,
        /<link\s+rel="alternate"\s+type="application\/rss\+xml"\s+title="The Harwick Courier: corrections \(RSS\)"\s+href="http:\/\/broadsheet\.test\/corrections\/feed\.xml"/,
      );
    });

    test('ETag and Last-Modified answer 304 when the reader has the feed', async () => {
      const first = await get('/atom.xml');
      await first.text();
      const etag = first.headers.get('etag');
      const modified = first.headers.get('last-modified');
      assert.ok(etag && modified);
      assert.equal(new Date(modified).toUTCString(), modified);
      assert.equal((await get('/atom.xml', { headers: { 'If-None-Match': etag } })).status, 304);
      assert.equal(
        (await get('/atom.xml', { headers: { 'If-Modified-Since': modified } })).status,
        304,
      );
      const earlier = new Date(Date.parse(modified) - 1000).toUTCString();
      assert.equal(
        (await get('/atom.xml', { headers: { 'If-Modified-Since': earlier } })).status,
        200,
      );
      // A changed feed is sent again, whatever the date says.
      assert.equal(
        (
          await get('/atom.xml', {
            headers: { 'If-None-Match': '"stale"', 'If-Modified-Since': modified },
          })
        ).status,
        200,
      );
    });

    test('every page advertises the site feeds; section and author pages their own', async () => {
      const links = (page: string) =>
        [
          ...page.matchAll(
            /<link\s+rel="alternate"\s+type="([^"]+)"\s+title="([^"]+)"\s+href="([^"]+)"/g,
          ),
        ].map((m) => ({ type: m[1], title: m[2], href: m[3] }));
      const author = hostile.authors[0];
      assert.ok(author);
      for (const path of [
        '/',
        '/politics',
        `/author/${author.slug}`,
        articlePath(hostile),
        '/search?q=harbour',
        '/corrections',
      ]) {
        const found = links(await (await get(path)).text());
        assert.ok(
          found.some((l) => l.href === `${base}/feed.xml` && l.type === 'application/rss+xml'),
          path,
        );
        assert.ok(
          found.some((l) => l.href === `${base}/atom.xml` && l.type === 'application/atom+xml'),
          path,
        );
      }
      const section = links(await (await get('/politics')).text());
      assert.ok(section.some((l) => l.href === `${base}/politics/feed.xml`));
      assert.ok(section.some((l) => l.href === `${base}/politics/atom.xml`));
      const byAuthor = links(await (await get(`/author/${author.slug}`)).text());
      assert.ok(byAuthor.some((l) => l.href === `${base}/author/${author.slug}/feed.xml`));
      for (const l of [...section, ...byAuthor]) {
        assert.equal((await get(new URL(l.href ?? '').pathname)).status, 200, l.href);
      }
    });
  });
}
