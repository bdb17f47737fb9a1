/**
 * Audience insights through the whole app (issue 24), on both databases: reader pages are
 * counted whether Fastify or the page cache's fast lane answers them; robots, robot-like requests,
 * Do Not Track and Global Privacy Control are not, nor are staff; the stored rows hold no address,
 * user agent or cookie; "Most read" orders by counted views; /admin/insights and its CSV are for
 * editors, and a bad range is a 400 that says why.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { articlePath, type Article } from '../src/domain/article.js';
import { startApp, type RunningApp } from './helpers/app.js';
import { databases, type OpenedStore } from './helpers/databases.js';
import { publishedArticle, signedInPerson, type Person } from './helpers/fixtures.js';
import { rawRows } from './helpers/raw-sql.js';

const firefox = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0';
const reader = {
  'user-agent': firefox,
  'accept-language': 'en-GB,en;q=0.8',
  accept: 'text/html,application/xhtml+xml,*/*;q=0.8',
};

for (const database of databases()) {
  describe(`audience insights through the app (${database.name})`, () => {
    let db: OpenedStore;
    let app: RunningApp;
    let editor: Person;
    let author: Person;
    let sport: Article;
    let news: Article;
    before(async () => {
      db = await database.open();
      app = await startApp(db);
      editor = await signedInPerson(db.store, app, { role: 'editor' });
      author = await signedInPerson(db.store, app, { role: 'author' });
      sport = await publishedArticle(db.store, { sectionSlug: 'sport', headline: 'Derby day' });
      news = await publishedArticle(db.store, { sectionSlug: 'news', headline: 'Council vote' });
    });
    after(async () => {
      await app?.close();
      await db?.dispose();
    });

    const get = async (path: string, headers: Record<string, string> = reader) => {
      const res = await fetch(app.url + path, { headers });
      await res.arrayBuffer();
      return res;
    };
    const viewsOf = async (kind: string, subject: string) => {
      await app.services.views.flush();
      const rows = await rawRows<{ views: number | string }>(
        db,
        `select views from insight_counts where grain = 'day' and kind = $1 and subject = $2`,
        [kind, subject],
      );
      return rows.reduce((sum, r) => sum + Number(r.views), 0);
    };

    test('views are counted from Fastify and from the fast lane alike', async () => {
      const path = articlePath(sport);
      assert.equal((await get(path)).headers.get('x-cache'), 'miss');
      assert.equal((await get(path)).headers.get('x-cache'), 'hit');
      await get(path, { ...reader, referer: 'https://www.google.com/search?q=derby' });
      await get(`${path}?utm_source=newsletter&utm_medium=email&utm_campaign=morning`);
      await get('/');
      await get('/');
      await get('/sport');
      assert.equal(await viewsOf('article', sport.id), 4);
      assert.equal(await viewsOf('front', ''), 2);
      assert.equal(await viewsOf('section', 'sport'), 1);
      const rows = await db.store.insights.rows();
      const sources = rows
        .filter((r) => r.grain === 'day' && r.subject === sport.id)
        .map((r) => [r.category, r.host, r.campaign, r.views]);
      assert.deepEqual(sources, [
        ['direct', '', '', 2],
        ['newsletter', '', 'morning', 1],
        ['search', 'google.com', '', 1],
      ]);
    });

    test('robots, privacy signals, prefetches, HEAD, print views and staff are not counted', async () => {
      const path = articlePath(news);
      await get(path); // the one view that counts (and fills the cache)
      const before = await viewsOf('article', news.id);
      assert.equal(before, 1);
      for (const headers of [
        {
          ...reader,
          'user-agent': 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
        },
        { ...reader, 'user-agent': 'curl/8.5.0' },
        { ...reader, 'sec-gpc': '1' },
        { ...reader, dnt: '1' },
        { ...reader, 'sec-purpose': 'prefetch' },
        // (fetch always sends Accept-Language; the rule without one is domain/insights.test.ts's)
        { ...reader, accept: 'application/rss+xml' },
      ]) {
        assert.equal((await get(path, headers)).status, 200);
      }
      await fetch(app.url + path, { method: 'HEAD', headers: reader });
      await get(`${path}/print`);
      await get(path, { ...reader, cookie: author.cookie });
      assert.equal(await viewsOf('article', news.id), before);
      // A signed-in reader who is not staff is a reader.
      const commenter = await signedInPerson(db.store, app);
      await get(path, { ...reader, cookie: commenter.cookie });
      assert.equal(await viewsOf('article', news.id), before + 1);
    });

    test('no stored row holds an address, a user agent or a cookie', async () => {
      const commenter = await signedInPerson(db.store, app);
      await get(articlePath(sport), {
        ...reader,
        cookie: commenter.cookie,
        'x-forwarded-for': '203.0.113.9',
      });
      await app.services.views.flush();
      const rows = await rawRows<Record<string, unknown>>(db, 'select * from insight_counts');
      assert.ok(rows.length > 0);
      assert.deepEqual(Object.keys(rows[0]!).sort(), [
        'bucket',
        'campaign',
        'grain',
        'kind',
        'referrer_category',
        'referrer_host',
        'subject',
        'views',
      ]);
      const session = commenter.cookie.split('=')[1]!;
      for (const row of rows) {
        for (const value of Object.values(row)) {
          const text = String(value);
          assert.doesNotMatch(text, /127\.0\.0\.1|203\.0\.113\.9|::1/);
          assert.ok(!text.includes('Mozilla') && !text.includes('Firefox'), text);
          assert.ok(!text.includes(session), 'no session id');
        }
      }
    });

    test('"Most read" orders articles by counted views, per section too', async () => {
      const third = await publishedArticle(db.store, {
        sectionSlug: 'sport',
        headline: 'Cup final',
      });
      for (let i = 0; i < 9; i++) await get(articlePath(third));
      await app.services.views.flush();
      // Kept for five minutes once read (the front page read it in the first test).
      const kept = await app.services.insights.mostRead();
      assert.ok(!kept.some((a) => a.headline === 'Cup final'));
      app.services.insights.expireMostRead();
      const all = await app.services.insights.mostRead();
      assert.deepEqual(
        all.map((a) => a.headline),
        ['Cup final', 'Derby day', 'Council vote'],
      );
      assert.equal(all[0]?.path, articlePath(third));
      const inSport = await app.services.insights.mostRead('sport');
      assert.deepEqual(
        inSport.map((a) => a.headline),
        ['Cup final', 'Derby day'],
      );
    });

    test('the front page shows "Most read" in order, cached until the list is read again', async () => {
      app.pageCache.clear();
      const res = await fetch(`${app.url}/`, { headers: reader });
      const page = await res.text();
      const block =
        /<section class="section-block most-read"[\s\S]*?<\/section>/.exec(page)?.[0] ?? '';
      assert.match(block, /<h2 id="most-read-heading">Most read<\/h2>/);
      const order = ['Cup final', 'Derby day', 'Council vote'].map((h) => block.indexOf(h));
      assert.ok(order.every((i) => i > 0) && order[0]! < order[1]! && order[1]! < order[2]!, block);
      const entry = app.pageCache.get('/', false);
      assert.ok(entry && entry.expiresAt <= Date.now() + 5 * 60_000, 'expires with the list');
    });

    test('an article page shows "Most read" in its section, without itself; views do not expire it', async () => {
      app.pageCache.clear();
      const path = articlePath(sport);
      const first = await fetch(app.url + path, { headers: reader });
      assert.equal(first.headers.get('x-cache'), 'miss');
      const page = await first.text();
      const block =
        /<section class="section-block most-read"[\s\S]*?<\/section>/.exec(page)?.[0] ?? '';
      assert.match(block, /<h2 id="most-read-heading">Most read in Sport<\/h2>/);
      assert.match(block, /Cup final/);
      assert.doesNotMatch(block, /Derby day|Council vote/, 'itself and other sections left out');
      const entry = app.pageCache.get(path, false);
      assert.ok(entry && entry.expiresAt <= Date.now() + 5 * 60_000, 'expires with the list');
      // Counting views writes no page: the cached page stays until the list is read again.
      for (let i = 0; i < 3; i++) assert.equal((await get(path)).headers.get('x-cache'), 'hit');
      await app.services.views.flush();
      assert.equal((await get(path)).headers.get('x-cache'), 'hit');
      // The print view has no list.
      const print = await (await fetch(`${app.url}${path}/print`, { headers: reader })).text();
      assert.doesNotMatch(print, /most-read/);
    });

    test('/admin/insights shows today to editors; the CSV has the rows; a bad range is a 400', async () => {
      const page = await fetch(`${app.url}/admin/insights`, { headers: { cookie: editor.cookie } });
      assert.equal(page.status, 200);
      const text = await page.text();
      assert.match(text, /<h1>Audience insights<\/h1>/);
      const recent =
        /<section class="insight-block" aria-labelledby="insight-reading">[\s\S]*?<\/section>/.exec(
          text,
        )?.[0] ?? '';
      assert.match(recent, /Reading now/);
      assert.match(recent, /the views of the last 5 minutes/);
      assert.match(recent, /Derby day/);
      assert.match(text, /<svg[^>]*role="img"/);
      assert.match(text, /Derby day/);
      assert.match(text, /Search engines/);
      assert.match(text, /google\.com/);
      assert.match(text, /morning/);
      const csv = await fetch(`${app.url}/admin/insights.csv`, {
        headers: { cookie: editor.cookie },
      });
      assert.equal(csv.status, 200);
      assert.match(csv.headers.get('content-type') ?? '', /^text\/csv/);
      const lines = (await csv.text()).trim().split('\r\n');
      assert.equal(lines[0], 'start,grain,page,subject,name,source,site,campaign,views');
      assert.ok(
        lines.some((l) => l.includes(`,article,${sport.id},Derby day,search,google.com,,1`)),
      );
      const backwards = await fetch(`${app.url}/admin/insights?from=2026-05-02&to=2026-05-01`, {
        headers: { cookie: editor.cookie },
      });
      assert.equal(backwards.status, 400);
      assert.match(await backwards.text(), /Choose a first day on or before the last one/);
      const malformed = await fetch(`${app.url}/admin/insights?from=yesterday`, {
        headers: { cookie: editor.cookie },
      });
      assert.equal(malformed.status, 400);
      const byAuthor = await fetch(`${app.url}/admin/insights`, {
        headers: { cookie: author.cookie },
        redirect: 'manual',
      });
      assert.equal(byAuthor.status, 403);
    });
  });
}
