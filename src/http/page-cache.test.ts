import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import {
  changingGzipLevel,
  matchesEtag,
  negotiateEncoding,
  PageCache,
  preparePage,
  tagsOf,
  type CachedPage,
} from './page-cache.js';
import { cacheKey, cookieLanguage, inLanguage } from './plugins/page-cache.js';

const page = (key: string, tags: string[], body = `<p>${key}</p>`.repeat(20), day = 'D1') =>
  preparePage({
    key,
    body,
    contentType: 'text/html; charset=utf-8',
    cacheControl: 'public',
    tags,
    day,
  });

describe('page cache', () => {
  test('compresses each encoding once, when first asked, counting it against the budget', () => {
    const cache = new PageCache(1 << 20, () => 'D1');
    const entry = page('/a', ['article:1']);
    cache.put(cache.begin(), entry);
    const before = cache.stats().bytes;
    assert.equal(entry.bodies.gzip, undefined);
    const gzip = cache.body(entry, 'gzip');
    const br = cache.body(entry, 'br');
    assert.equal(cache.body(entry, 'gzip'), gzip, 'made once');
    assert.equal(gunzipSync(gzip).toString(), entry.bodies.identity.toString());
    assert.equal(brotliDecompressSync(br).toString(), entry.bodies.identity.toString());
    assert.equal(cache.stats().bytes, before + gzip.length + br.length);
    assert.equal(new Set(Object.values(entry.etags)).size, 3);
  });

  test('drops exactly the entries a tag names', () => {
    const cache = new PageCache(1 << 20, () => 'D1');
    cache.put(cache.begin(), page('/a', ['article:1', 'thread:1']));
    cache.put(cache.begin(), page('/b', ['article:2', 'thread:2']));
    cache.put(cache.begin(), page('/', ['front', 'listings', 'article:1', 'article:2']));
    cache.apply({ kind: 'comment', articleId: '1', commentId: 'c', action: 'edited' });
    assert.equal(cache.get('/a'), undefined);
    assert.ok(cache.get('/b'));
    assert.ok(cache.get('/'), 'an edit changes no count on listings');
    cache.apply({ kind: 'comment', articleId: '2', commentId: 'c', action: 'created' });
    assert.equal(cache.get('/b'), undefined);
    assert.equal(cache.get('/'), undefined, 'the front page shows its count');
  });

  test('an article change drops its listings, or every listing when they are not named', () => {
    const cache = new PageCache(1 << 20, () => 'D1');
    const fill = () => {
      cache.put(cache.begin(), page('/news', ['section:news', 'listings']));
      cache.put(cache.begin(), page('/arts', ['section:arts', 'listings']));
      cache.put(cache.begin(), page('/x', ['article:9', 'thread:9']));
    };
    fill();
    cache.apply({ kind: 'article', articleId: '1', sections: ['news'], authors: ['ann'] });
    assert.equal(cache.get('/news'), undefined);
    assert.ok(cache.get('/arts'));
    assert.ok(cache.get('/x'));
    fill();
    cache.apply({ kind: 'article', articleId: '1' });
    assert.equal(cache.get('/news'), undefined);
    assert.equal(cache.get('/arts'), undefined);
    assert.ok(cache.get('/x'));
    // Tags name tag pages; a change listed nowhere (a draft) drops only the article's own pages.
    cache.put(cache.begin(), page('/tag/rain', ['tag:rain', 'listings']));
    cache.put(cache.begin(), page('/tag/sun', ['tag:sun', 'listings']));
    cache.put(cache.begin(), page('/front', ['front', 'listings']));
    cache.apply({ kind: 'article', articleId: '9', sections: [], authors: [], tags: [] });
    assert.ok(cache.get('/front'), 'a draft edit leaves the front page');
    assert.equal(cache.get('/x'), undefined);
    cache.apply({
      kind: 'article',
      articleId: '1',
      sections: ['news'],
      authors: [],
      tags: ['rain'],
    });
    assert.equal(cache.get('/tag/rain'), undefined);
    assert.ok(cache.get('/tag/sun'));
    assert.equal(cache.get('/front'), undefined);
    cache.apply({ kind: 'site' });
    assert.equal(cache.stats().entries, 0);
    assert.equal(tagsOf({ kind: 'site' }), null);
  });

  test('a static page change drops that page only', () => {
    assert.deepEqual(tagsOf({ kind: 'page', pageId: 'p1' }), ['page:p1']);
  });

  test('a page rendered while a change touching it was announced is not stored', () => {
    const cache = new PageCache(1 << 20, () => 'D1');
    const ticket = cache.begin();
    cache.apply({ kind: 'comment', articleId: '1', commentId: 'c', action: 'created' });
    assert.equal(cache.put(ticket, page('/a', ['article:1', 'thread:1'])), false);
    assert.equal(cache.put(ticket, page('/b', ['article:2'])), true, 'other pages still are');
    const late = cache.begin();
    assert.equal(cache.put(late, page('/a', ['article:1', 'thread:1'])), true);
    const beforeClear = cache.begin();
    cache.clear();
    assert.equal(cache.put(beforeClear, page('/b', ['article:2'])), false);
  });

  test('keeps within its byte budget, least recently used first out', () => {
    const sample = page('/0', []);
    const cache = new PageCache(sample.bytes * 4.5, () => 'D1');
    for (let i = 0; i < 4; i++) cache.put(cache.begin(), page(`/${i}`, []));
    assert.ok(cache.get('/0'), 'touch /0 so /1 is the oldest');
    cache.put(cache.begin(), page('/4', []));
    assert.equal(cache.get('/1'), undefined);
    assert.ok(cache.get('/0'));
    assert.ok(cache.stats().bytes <= cache.maxBytes);
    assert.equal(cache.stats().evicted, 1);
    const huge: CachedPage = { ...page('/huge', []), bytes: cache.maxBytes };
    assert.equal(cache.put(cache.begin(), huge), false, 'one page may not take it all');
  });

  test('reading the most recently used page again keeps the order right', () => {
    const sample = page('/0', []);
    const cache = new PageCache(sample.bytes * 4.5, () => 'D1');
    for (let i = 0; i < 4; i++) cache.put(cache.begin(), page(`/${i}`, []));
    // /3 is the newest already; /0 moves to the end; reading it twice changes nothing more.
    for (const key of ['/3', '/0', '/0', '/3', '/3']) assert.ok(cache.get(key));
    // Oldest first: /1, /2, /0, /3.
    cache.put(cache.begin(), page('/4', []));
    assert.equal(cache.get('/1'), undefined);
    cache.put(cache.begin(), page('/5', []));
    assert.equal(cache.get('/2'), undefined);
    for (const key of ['/0', '/3', '/4', '/5']) assert.ok(cache.get(key), key);
    assert.equal(cache.stats().evicted, 2);
  });

  test('an entry ends with the UTC day it shows', () => {
    let day = 'D1';
    const cache = new PageCache(1 << 20, () => day);
    cache.put(cache.begin(), page('/', ['front']));
    assert.ok(cache.get('/'));
    day = 'D2';
    assert.equal(cache.get('/'), undefined);
    assert.equal(cache.stats().entries, 0);
    assert.equal(cache.put(cache.begin(), page('/', ['front'], 'x', 'D1')), false);
  });

  test('an entry ends when the page changes by itself', () => {
    const cache = new PageCache(1 << 20, () => 'D1');
    const soon = preparePage({
      key: '/soon',
      body: 'x',
      contentType: 'text/html',
      cacheControl: 'public',
      tags: [],
      day: 'D1',
      expiresAt: Date.now() + 60_000,
    });
    assert.ok(cache.put(cache.begin(), soon));
    assert.ok(cache.get('/soon'));
    const gone = { ...soon, key: '/gone', expiresAt: Date.now() - 1 };
    assert.equal(cache.put(cache.begin(), gone), false);
    (soon as { expiresAt: number }).expiresAt = Date.now() - 1;
    assert.equal(cache.get('/soon'), undefined);
  });

  test('a size of zero stores nothing', () => {
    const cache = new PageCache(0);
    assert.equal(cache.put(cache.begin(), page('/', [])), false);
  });
});

describe('negotiation', () => {
  test('Brotli, then gzip, then identity, honouring q=0 and *', () => {
    assert.equal(negotiateEncoding(undefined), 'identity');
    assert.equal(negotiateEncoding('gzip, deflate, br'), 'br');
    assert.equal(negotiateEncoding('gzip'), 'gzip');
    assert.equal(negotiateEncoding('br;q=0, gzip;q=0.5'), 'gzip');
    assert.equal(negotiateEncoding('gzip;q=0'), 'identity');
    assert.equal(negotiateEncoding('*'), 'br');
    assert.equal(negotiateEncoding('*;q=0, identity'), 'identity');
    assert.equal(negotiateEncoding('deflate'), 'identity');
  });

  test('If-None-Match lists, weak tags and *', () => {
    assert.ok(matchesEtag('"a", "b"', ['"b"']));
    assert.ok(matchesEtag('W/"b"', ['"b"']));
    assert.ok(matchesEtag('*', ['"b"']));
    assert.ok(!matchesEtag('"c"', ['"b"']));
    assert.ok(!matchesEtag(undefined, ['"b"']));
  });

  test('keys keep the parameters that select a page, in order, and refuse unknown ones', () => {
    const route = { vary: ['cursor', 'comments'], ignore: ['reply'] };
    assert.equal(cacheKey('/news', route), '/news');
    assert.equal(cacheKey('/news?utm_source=x&reply=1', route), '/news');
    assert.equal(cacheKey('/a?cursor=x&comments=1', route), '/a?comments=1&cursor=x');
    assert.equal(cacheKey('/a?comments=1&cursor=x', route), '/a?comments=1&cursor=x');
    assert.equal(cacheKey('/a?other=1', route), null);
  });
});

describe('a page changed many times a second (decision 0086)', () => {
  const comment = (i: number) =>
    `<li class="comment" id="comment-${(i * 7919).toString(36).padStart(8, 'x')}${i}"><p>${'The river plan again, in some detail. '.repeat(20)}</p></li>\n`;
  const article = (count: number, comments: number) =>
    `<h1>${count} comments</h1>${'<p>The article body, paragraph after paragraph.</p>\n'.repeat(400)}<ol>${Array.from({ length: comments }, (_, i) => comment(i)).join('')}</ol>`;
  const threadChange = {
    kind: 'comment',
    articleId: '1',
    commentId: 'c',
    action: 'created',
  } as const;

  test('its gzip form is made at a faster level once it changed while cached', () => {
    const cache = new PageCache(64 << 20, () => 'D1');
    const store = (count: number, comments: number) => {
      const entry = page('/a', ['thread:1'], article(count, comments));
      assert.ok(cache.put(cache.begin(), entry));
      return entry;
    };
    const first = store(200, 200);
    const level6 = cache.body(first, 'gzip');
    assert.equal(gunzipSync(level6).toString(), article(200, 200));
    assert.ok(level6.equals(gzipSync(first.bodies.identity, { level: 6 })));
    assert.equal(cache.changing('/a'), false);
    cache.apply(threadChange);
    assert.equal(cache.changing('/a'), true);
    const second = store(201, 201);
    const fast = cache.body(second, 'gzip');
    assert.equal(gunzipSync(fast).toString(), article(201, 201));
    assert.ok(fast.equals(gzipSync(second.bodies.identity, { level: changingGzipLevel })));
    // Other pages, and everything after a clear, are as before.
    const other = page('/b', ['thread:2'], article(5, 5));
    cache.put(cache.begin(), other);
    assert.ok(cache.body(other, 'gzip').equals(gzipSync(other.bodies.identity, { level: 6 })));
    cache.clear();
    assert.equal(cache.changing('/a'), false);
  });

  test('Brotli is made off the request path once the page stays unchanged; gzip until then', async () => {
    const cache = new PageCache(64 << 20, () => 'D1', { brotliAfterMs: 20 });
    const entry = page('/a', ['thread:1'], article(1, 50));
    cache.put(cache.begin(), entry);
    assert.equal(cache.encodingFor(entry, 'br', true), 'gzip');
    assert.equal(cache.encodingFor(entry, 'br', false), 'br', 'a client taking Brotli only');
    assert.equal(cache.encodingFor(entry, 'gzip', true), 'gzip');
    assert.equal(cache.encodingFor(entry, 'identity', false), 'identity');
    // Dropped before its time: no Brotli is made for it.
    const dropped = page('/b', ['thread:2'], article(2, 50));
    cache.put(cache.begin(), dropped);
    assert.equal(cache.encodingFor(dropped, 'br', true), 'gzip');
    cache.apply({ ...threadChange, articleId: '2' });
    for (let i = 0; i < 100 && entry.bodies.br === undefined; i++)
      await new Promise((r) => setTimeout(r, 10));
    assert.equal(cache.encodingFor(entry, 'br', true), 'br');
    assert.equal(brotliDecompressSync(entry.bodies.br!).toString(), article(1, 50));
    assert.equal(dropped.bodies.br, undefined);
  });
});

test('a front change (its arrangement saved) drops the front page and nothing else', () => {
  const cache = new PageCache(1 << 20, () => 'D1');
  cache.put(cache.begin(), page('/', ['front', 'listings', 'article:1']));
  cache.put(cache.begin(), page('/news', ['section:news', 'listings', 'article:1']));
  cache.put(cache.begin(), page('/news/2026/03/04/a', ['thread:1', 'article:1']));
  cache.apply({ kind: 'front' });
  assert.equal(cache.get('/'), undefined);
  assert.ok(cache.get('/news'));
  assert.ok(cache.get('/news/2026/03/04/a'));
  assert.deepEqual(tagsOf({ kind: 'front' }), ['front']);
});

test('the fast lane reads the language cookie as the cookie parser does', () => {
  assert.equal(cookieLanguage(undefined), undefined);
  assert.equal(cookieLanguage('bs_session=abc'), undefined);
  assert.equal(cookieLanguage('bs-lang=de-DE'), 'de-DE');
  assert.equal(cookieLanguage('theme=x; bs-lang=de-DE; other=1'), 'de-DE');
  assert.equal(cookieLanguage('bs-lang=de%2DDE'), 'de-DE');
  // The first of that name counts, as @fastify/cookie reads it; a name only ending in it does not.
  assert.equal(cookieLanguage('bs-lang=xx; bs-lang=de-DE'), undefined);
  assert.equal(cookieLanguage('not-bs-lang=de-DE'), undefined);
  // Languages Broadsheet does not have are ignored; pseudo-languages are languages.
  assert.equal(cookieLanguage('bs-lang=fr-FR'), undefined);
  assert.equal(cookieLanguage('bs-lang=%E0%A4%A'), undefined);
  assert.equal(cookieLanguage('bs-lang=en-XA'), 'en-XA');
  assert.equal(inLanguage('/news?cursor=x', undefined), '/news?cursor=x');
  assert.equal(inLanguage('/news?cursor=x', 'de-DE'), '/news?cursor=x#lang=de-DE');
});
