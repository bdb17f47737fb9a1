/** The page cache through the whole app: hits, exact invalidation, 304s, and nothing personal. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { request as httpRequest } from 'node:http';
import { articlePath, type Article } from '../src/domain/article.js';
import type { User } from '../src/domain/user.js';
import { databases, type OpenedStore } from './helpers/databases.js';
import { startApp, type RunningApp } from './helpers/app.js';
import { publishedArticle, signedInPerson, storedPerson } from './helpers/fixtures.js';

let serial = 0;

/** A raw request, so that the test sees the bytes and headers as sent (fetch decodes them). */
function raw(
  url: string,
  options: { method?: string; headers?: Record<string, string> } = {},
): Promise<{
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      { method: options.method ?? 'GET', headers: options.headers ?? {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    // An idle socket fails the request instead of hanging the test.
    req.setTimeout(10_000, () => req.destroy(new Error(`no answer from ${url} within 10 s`)));
    req.end();
  });
}

for (const database of databases()) {
  describe(`page cache on ${database.name}`, () => {
    let db: OpenedStore;
    let app: RunningApp;
    let writer: User;
    let reader: { user: User; cookie: string };
    let queries = 0;

    // Each a second newer than the last, so listings have one order.
    const article = (sectionSlug = 'news', headline?: string): Promise<Article> =>
      publishedArticle(db.store, {
        sectionSlug,
        ...(headline ? { headline } : {}),
        authorIds: [writer.id],
        publishedAt: new Date(Date.now() - 3_600_000 + ++serial * 1000).toISOString(),
      });

    /** GET as an anonymous reader; returns the decoded text, X-Cache and the queries it took. */
    const anonymous = async (path: string, headers: Record<string, string> = {}) => {
      queries = 0;
      const res = await fetch(app.url + path, { headers });
      const text = await res.text();
      return { res, text, cache: res.headers.get('x-cache'), queries };
    };

    before(async () => {
      db = await database.open();
      app = await startApp(db, {}, { commentPostsPerPerson: { max: 10_000, windowMs: 60_000 } });
      db.store.observeQueries(() => queries++);
      await db.store.sections.upsert({ slug: 'news', name: 'News', description: '', position: 0 });
      await db.store.sections.upsert({ slug: 'arts', name: 'Arts', description: '', position: 1 });
      writer = await storedPerson(db.store, { slug: 'writer', name: 'Writer', role: 'author' });
      reader = await signedInPerson(db.store, app, { slug: 'ravi', name: 'Ravi Signed-In' });
    });
    after(async () => {
      await app?.close();
      await db?.dispose();
    });

    test('a second anonymous request is served from the cache, same bytes, no query', async () => {
      const a = await article();
      const first = await anonymous(articlePath(a));
      assert.equal(first.res.status, 200);
      assert.equal(first.cache, 'miss');
      assert.ok(first.queries > 0);
      const second = await anonymous(articlePath(a));
      assert.equal(second.cache, 'hit');
      assert.equal(second.queries, 0);
      assert.equal(second.text, first.text);
      // A hit (answered before routing) carries the same headers as the miss that stored it.
      const headersOf = (res: Response) =>
        [...res.headers].filter(
          ([name]) => !['date', 'x-cache', 'keep-alive', 'connection'].includes(name),
        );
      assert.deepEqual(headersOf(second.res), headersOf(first.res));
      const metrics = await (await fetch(`${app.url}/metrics`)).text();
      assert.match(
        metrics,
        /broadsheet_http_requests_total\{[^}]*route="page cache \(fast lane\)"[^}]*\} [1-9]/,
      );
      assert.equal(second.res.headers.get('cache-control'), 'public, max-age=0, must-revalidate');
      assert.equal(second.res.headers.get('vary'), 'Accept-Encoding');
      assert.match(second.res.headers.get('content-security-policy') ?? '', /default-src 'self'/);
      // Links from elsewhere carry tracking parameters; the page is the same one.
      assert.equal((await anonymous(`${articlePath(a)}?utm_source=feed`)).cache, 'hit');
      // A parameter the route does not know is not served from the cache.
      assert.equal((await anonymous(`${articlePath(a)}?unknown=1`)).cache, null);
    });

    test('each encoding is stored once and sent as asked, with its own ETag and length', async () => {
      const a = await article();
      const path = articlePath(a);
      const plain = await raw(app.url + path);
      const gzip = await raw(app.url + path, { headers: { 'accept-encoding': 'gzip' } });
      // Brotli is made off the request path once the page stayed unchanged for a moment
      // (decision 0086): a client taking gzip as well gets gzip until then.
      const early = await raw(app.url + path, { headers: { 'accept-encoding': 'gzip, br' } });
      assert.equal(early.headers['content-encoding'], 'gzip');
      assert.equal(early.headers.etag, gzip.headers.etag);
      let br = early;
      for (let i = 0; i < 60 && br.headers['content-encoding'] !== 'br'; i++) {
        await new Promise((r) => setTimeout(r, 100));
        br = await raw(app.url + path, { headers: { 'accept-encoding': 'gzip, br' } });
      }
      assert.equal(plain.headers['content-encoding'], undefined);
      assert.equal(gzip.headers['content-encoding'], 'gzip');
      assert.equal(br.headers['content-encoding'], 'br');
      assert.equal(gunzipSync(gzip.body).toString(), plain.body.toString());
      assert.equal(brotliDecompressSync(br.body).toString(), plain.body.toString());
      assert.equal(Number(br.headers['content-length']), br.body.length);
      assert.equal(new Set([plain, gzip, br].map((r) => r.headers.etag)).size, 3);
      const head = await raw(app.url + path, {
        method: 'HEAD',
        headers: { 'accept-encoding': 'br' },
      });
      assert.equal(head.status, 200);
      assert.equal(head.headers['x-cache'], 'hit');
      assert.equal(head.headers['content-length'], br.headers['content-length']);
      assert.equal(head.body.length, 0);
    });

    test('304 from the cache for any of the page’s ETags, and 200 once it changed', async () => {
      const a = await article();
      const path = articlePath(a);
      const first = await raw(app.url + path, { headers: { 'accept-encoding': 'gzip' } });
      const etag = String(first.headers.etag);
      const again = await raw(app.url + path, {
        headers: { 'accept-encoding': 'br', 'if-none-match': etag },
      });
      assert.equal(again.status, 304);
      assert.equal(again.body.length, 0);
      assert.equal(again.headers['x-cache'], 'hit');
      assert.ok(again.headers.etag);
      await app.services.comments.postComment({
        author: reader.user,
        article: a.id,
        body: 'News!',
      });
      const changed = await raw(app.url + path, {
        headers: { 'accept-encoding': 'gzip', 'if-none-match': etag },
      });
      assert.equal(changed.status, 200);
      assert.notEqual(changed.headers.etag, etag);
    });

    test('a comment posted by form or API shows on the next anonymous request', async () => {
      const a = await article();
      const path = articlePath(a);
      await anonymous(path);
      assert.equal((await anonymous(path)).cache, 'hit');
      const front = await anonymous('/');
      assert.equal((await anonymous('/')).cache, 'hit');
      assert.ok(front.text.includes(a.headline));
      const posted = await fetch(`${app.url}/api/v1/articles/${a.id}/comments`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          origin: 'http://broadsheet.test',
          cookie: reader.cookie,
        },
        body: JSON.stringify({ body: 'Seen at once, sweet-chestnut' }),
      });
      assert.equal(posted.status, 201);
      const after = await anonymous(path);
      assert.equal(after.cache, 'miss');
      assert.ok(after.text.includes('Seen at once, sweet-chestnut'));
      // The front page shows the article's comment count, so it went too.
      const frontAfter = await anonymous('/');
      assert.equal(frontAfter.cache, 'miss');
      assert.match(frontAfter.text, /1 comment</);
    });

    test('a change on the bus drops exactly the pages it touches', async () => {
      // In different sections, with no word in common, so neither lists the other as related.
      const a = await article('arts', 'Quarry blasting resumes');
      const b = await article('news', 'Orchard harvest begins');
      for (const p of [articlePath(a), articlePath(b), '/news']) await anonymous(p);
      for (const p of [articlePath(a), articlePath(b), '/news'])
        assert.equal((await anonymous(p)).cache, 'hit', p);
      app.services.changes.publish({
        kind: 'comment',
        articleId: a.id,
        commentId: 'x',
        action: 'edited',
      });
      assert.equal((await anonymous(articlePath(a))).cache, 'miss');
      assert.equal((await anonymous(articlePath(b))).cache, 'hit');
      assert.equal((await anonymous('/news')).cache, 'hit', 'an edit changes no count');
      app.services.changes.publish({ kind: 'article', articleId: b.id });
      assert.equal((await anonymous(articlePath(a))).cache, 'hit');
      assert.equal((await anonymous(articlePath(b))).cache, 'miss');
      assert.equal((await anonymous('/news')).cache, 'miss');
      app.services.changes.publish({ kind: 'site' });
      assert.equal((await anonymous(articlePath(a))).cache, 'miss');
    });

    test('a newsroom edit drops only the listings the article is under, before and after', async () => {
      const editor = await storedPerson(db.store, { role: 'editor' });
      const other = await article('arts');
      const first = await app.services.newsroom.edit(editor, (await article()).id, {
        version: 1,
        tags: ['Harbour works'],
      });
      await app.services.newsroom.edit(editor, other.id, { version: 1, tags: ['Gallery'] });
      const pages = ['/news', '/arts', '/tag/harbour-works', '/tag/gallery', '/author/writer'];
      const states = async () => {
        const out: Record<string, string | null> = {};
        for (const p of pages) out[p] = (await anonymous(p)).cache;
        return out;
      };
      await states();
      assert.deepEqual(Object.values(await states()), ['hit', 'hit', 'hit', 'hit', 'hit']);
      // An edit in News: News, its tag and its author's page go; Arts and the other tag stay.
      const edited = await app.services.newsroom.edit(editor, first.id, {
        version: first.version,
        headline: 'A harbour headline, edited',
      });
      assert.deepEqual(await states(), {
        '/news': 'miss',
        '/arts': 'hit',
        '/tag/harbour-works': 'miss',
        '/tag/gallery': 'hit',
        '/author/writer': 'miss',
      });
      // A move from News to Arts drops both sections.
      await app.services.newsroom.edit(editor, first.id, {
        version: edited.version,
        section: 'arts',
      });
      const moved = await states();
      assert.equal(moved['/news'], 'miss');
      assert.equal(moved['/arts'], 'miss');
      assert.equal(moved['/tag/gallery'], 'hit');
      const arts = await anonymous('/arts');
      assert.match(arts.text, /A harbour headline, edited/);
      // A draft's edit is listed nowhere: every listing stays.
      const draft = await app.services.newsroom.create(editor, {
        headline: 'Quiet draft',
        section: 'news',
        authors: ['writer'],
      });
      await app.services.newsroom.edit(editor, draft.id, { version: 1, body: 'More.' });
      assert.deepEqual(Object.values(await states()), ['hit', 'hit', 'hit', 'hit', 'hit']);
    });

    test('signed-in requests are never served from the cache nor stored in it', async () => {
      const a = await article();
      const path = articlePath(a);
      await anonymous(path);
      const stored = app.pageCache.stats().stored;
      queries = 0;
      const res = await fetch(app.url + path, { headers: { cookie: reader.cookie } });
      const text = await res.text();
      assert.equal(res.headers.get('x-cache'), null);
      assert.equal(res.headers.get('cache-control'), 'private, no-store');
      assert.ok(queries > 0);
      assert.ok(text.includes('Ravi Signed-In'), 'their own page');
      assert.equal(app.pageCache.stats().stored, stored, 'nothing stored for them');
      const anon = await anonymous(path);
      assert.equal(anon.cache, 'hit');
      assert.ok(!anon.text.includes('Ravi Signed-In'));
      // API tokens and stale session cookies bypass the cache as well.
      const stale = await fetch(app.url + path, { headers: { cookie: 'bs_session=gone' } });
      assert.equal(stale.headers.get('x-cache'), null);
      await stale.text();
      // Nothing in the cache carries a person's name or a CSRF token.
      for (const p of [path, '/', '/news']) {
        const r = await anonymous(p);
        assert.ok(!r.text.includes('Ravi Signed-In'));
        assert.ok(!r.text.includes('_csrf'));
      }
    });

    test('a page whose comments close at a set time is cached only until then', async () => {
      // Closing in a minute: before the page's "Most read" is read again (5 minutes).
      const a = await publishedArticle(db.store, {
        sectionSlug: 'news',
        authorIds: [writer.id],
        publishedAt: new Date(Date.now() - 3_600_000 + 60_000).toISOString(),
      });
      await db.store.comments.setArticleSettings(a.id, { mode: null, autoCloseHours: 1 });
      const path = articlePath(a);
      assert.equal((await anonymous(path)).cache, 'miss');
      assert.equal((await anonymous(path)).cache, 'hit');
      const entry = app.pageCache.get(path);
      assert.ok(entry);
      assert.equal(entry.expiresAt, Date.parse(a.publishedAt!) + 3_600_000);
    });

    test('print views are cached by their comments choice; section pages by cursor', async () => {
      const a = await article();
      const print = `${articlePath(a)}/print`;
      await anonymous(print);
      const withComments = await anonymous(`${print}?comments=1`);
      assert.equal(withComments.cache, 'miss');
      assert.equal((await anonymous(`${print}?comments=1`)).cache, 'hit');
      assert.equal((await anonymous(print)).cache, 'hit');
      await app.services.comments.postComment({ author: reader.user, article: a.id, body: 'P' });
      assert.equal((await anonymous(`${print}?comments=1`)).cache, 'miss');
      assert.equal((await anonymous(print)).cache, 'miss');
    });
  });
}
