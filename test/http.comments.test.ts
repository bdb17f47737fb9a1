/** Comments through the whole app: the API, the plain HTML form, and the article page. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { articlePath, type Article } from '../src/domain/article.js';
import type { User } from '../src/domain/user.js';
import { databases, type OpenedStore } from './helpers/databases.js';
import { startApp, type RunningApp } from './helpers/app.js';
import {
  draftArticle,
  publishedArticle,
  signedInPerson,
  storedPerson,
} from './helpers/fixtures.js';
import { json, postForm } from './helpers/http.js';

for (const database of databases()) {
  describe(`comments on ${database.name}`, () => {
    let db: OpenedStore;
    let app: RunningApp;
    let writer: User;
    let reader: { user: User; cookie: string; csrf: string };

    const person = (slug: string) => signedInPerson(db.store, app, { slug });

    const article = (status: 'published' | 'draft' = 'published'): Promise<Article> =>
      status === 'published'
        ? publishedArticle(db.store, { authorIds: [writer.id] })
        : draftArticle(db.store, { authorIds: [writer.id] });

    const post = (
      articleId: string,
      payload: unknown,
      cookie: string | null = reader.cookie,
      headers: Record<string, string> = {},
    ) =>
      fetch(`${app.url}/api/v1/articles/${articleId}/comments`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          origin: 'http://broadsheet.test',
          ...(cookie ? { cookie } : {}),
          ...headers,
        },
        body: JSON.stringify(payload),
      });

    const formPost = (path: string, fields: Record<string, string>, who = reader) =>
      postForm(`${app.url}${path}/comments`, fields, who);

    before(async () => {
      db = await database.open();
      app = await startApp(
        db,
        {},
        {
          commentPostsPerPerson: { max: 10_000, windowMs: 60_000 },
          commentPostsPerAddress: { max: 10_000, windowMs: 60_000 },
        },
      );
      writer = await storedPerson(db.store, { role: 'author' });
      reader = await person('reader');
    });
    after(async () => {
      await app?.close();
      await db?.dispose();
    });

    test('the API writes a comment and a reply; the thread lists them', async () => {
      const a = await article();
      const res = await post(a.id, { body: 'First, with *feeling* 🎉' });
      assert.equal(res.status, 201);
      const c = await json(res);
      assert.equal(c.articleId, a.id);
      assert.equal(c.parentId, null);
      assert.equal(c.body, 'First, with *feeling* 🎉');
      assert.equal(c.html.trim(), '<p>First, with <em>feeling</em> 🎉</p>');
      assert.deepEqual(c.author, {
        id: reader.user.id,
        name: 'Person reader',
        slug: 'reader',
        guest: false,
      });
      assert.equal(c.status, 'published');
      assert.equal(c.editedAt, null);
      assert.equal(c.reactions, 0);
      const reply = await json(await post(a.slug, { body: 'A reply', parentId: c.id }));
      assert.equal(reply.parentId, c.id);
      const list = await json(await fetch(`${app.url}/api/v1/articles/${a.id}/comments`));
      assert.deepEqual(
        list.items.map((x: { id: string }) => x.id),
        [c.id, reply.id],
      );
      assert.equal(list.nextCursor, null);
      const article2 = await json(await fetch(`${app.url}/api/v1/articles/${a.id}`));
      assert.equal(article2.commentCount, 2);
    });

    test('a retried Idempotency-Key never makes a second comment', async () => {
      const a = await article();
      const headers = { 'idempotency-key': 'retry-me-1' };
      // Eight at once: some find the first comment by its key, some are screened after it was
      // committed (the duplicate rule would refuse them), some wait on the key's claim.
      const results = await Promise.all(
        Array.from({ length: 8 }, () => post(a.id, { body: 'Only once' }, reader.cookie, headers)),
      );
      const ids = new Set<string>();
      for (const res of results) {
        assert.equal(res.status, 201);
        ids.add((await json(res)).id);
      }
      assert.equal(ids.size, 1);
      const again = await json(await post(a.id, { body: 'Only once' }, reader.cookie, headers));
      assert.equal(again.id, [...ids][0]);
      // The same key for another post is refused, naming what differs (IETF Idempotency-Key).
      const changed = await post(a.id, { body: 'Changed text' }, reader.cookie, headers);
      assert.equal(changed.status, 422);
      const error = (await json(changed)).error;
      assert.equal(error.condition, 'idempotency_key_reused');
      assert.match(error.message, /a different text/);
      const elsewhere = await post(
        (await article()).id,
        { body: 'Only once' },
        reader.cookie,
        headers,
      );
      assert.equal(elsewhere.status, 422);
      assert.match((await json(elsewhere)).error.message, /another article/);
      assert.equal((await db.store.reader.getById(a.id))?.commentCount, 1);
    });

    test('a retry answers with the first comment after the discussion closed; a new post is refused', async () => {
      const a = await article();
      const headers = { 'idempotency-key': 'retry-after-close' };
      const first = await json(
        await post(a.id, { body: 'Before the close' }, reader.cookie, headers),
      );
      await db.store.comments.setArticleSettings(a.id, { mode: 'closed', autoCloseHours: null });
      const retry = await post(a.id, { body: 'Before the close' }, reader.cookie, headers);
      assert.equal(retry.status, 201);
      assert.equal((await json(retry)).id, first.id);
      const fresh = await post(a.id, { body: 'After the close' }, reader.cookie, {
        'idempotency-key': 'new-after-close',
      });
      assert.equal(fresh.status, 422);
      const reused = await post(a.id, { body: 'Another text' }, reader.cookie, headers);
      assert.equal((await json(reused)).error.condition, 'idempotency_key_reused');
      assert.equal((await db.store.reader.getById(a.id))?.commentCount, 1);
    });

    test('empty and over-long comments are refused with a clear message, never truncated', async () => {
      const a = await article();
      const empty = await post(a.id, { body: '   \n' });
      assert.equal(empty.status, 400);
      assert.match((await json(empty)).error.message, /Write something/);
      const long = await post(a.id, { body: 'x'.repeat(5001) });
      assert.equal(long.status, 400);
      assert.match(
        (await json(long)).error.message,
        /at most 5,000 characters; this one has 5,001/,
      );
      // 5,000 emoji are 5,000 characters (10,000 UTF-16 units) and are accepted whole.
      const emoji = '😀'.repeat(5000);
      const ok = await post(a.id, { body: emoji });
      assert.equal(ok.status, 201);
      assert.equal((await json(ok)).body, emoji);
      assert.equal((await db.store.reader.getById(a.id))?.commentCount, 1);
    });

    test('unpublished or unknown articles and foreign parents are 404', async () => {
      const draft = await article('draft');
      assert.equal((await post(draft.id, { body: 'Hi' })).status, 404);
      assert.equal((await post('no-such-article', { body: 'Hi' })).status, 404);
      assert.equal((await fetch(`${app.url}/api/v1/articles/${draft.id}/comments`)).status, 404);
      const one = await article();
      const other = await article();
      const c = await json(await post(one.id, { body: 'Here' }));
      assert.equal((await post(other.id, { body: 'There', parentId: c.id })).status, 404);
    });

    test('anonymous callers get 401; suspended and banned people get 403', async () => {
      const a = await article();
      assert.equal((await post(a.id, { body: 'Hi' }, null)).status, 401);
      const suspended = await signedInPerson(db.store, app);
      await db.store.users.setSanction(suspended.user.id, {
        suspendedUntil: new Date(Date.now() + 86_400_000).toISOString(),
        bannedAt: null,
        reason: 'cooling off',
      });
      const res = await post(a.id, { body: 'Hi' }, suspended.cookie);
      assert.equal(res.status, 403);
      assert.equal((await json(res)).error.code, 'forbidden');
      assert.equal((await db.store.reader.getById(a.id))?.commentCount, 0);
    });

    for (const sort of ['oldest', 'newest'] as const) {
      test(`paging ${sort} first walks every thread once`, async () => {
        const a = await article();
        const made: string[] = [];
        for (let i = 0; i < 7; i++) made.push((await json(await post(a.id, { body: `n${i}` }))).id);
        await post(a.id, { body: 'reply', parentId: made[0] });
        const seen: string[] = [];
        let cursor: string | null = null;
        do {
          const q: string = `sort=${sort}&limit=3${cursor ? `&cursor=${cursor}` : ''}`;
          const page = await json(await fetch(`${app.url}/api/v1/articles/${a.id}/comments?${q}`));
          seen.push(
            ...page.items
              .filter((x: { parentId: string | null }) => x.parentId === null)
              .map((x: { id: string }) => x.id),
          );
          cursor = page.nextCursor;
        } while (cursor);
        assert.deepEqual(seen, sort === 'oldest' ? made : [...made].reverse());
      });
    }

    test('a bad cursor is a 400', async () => {
      const a = await article();
      const res = await fetch(`${app.url}/api/v1/articles/${a.id}/comments?cursor=nonsense`);
      assert.equal(res.status, 400);
    });

    test('the form posts without JavaScript, replies, and redirects to the comment', async () => {
      const a = await article();
      const path = articlePath(a);
      const res = await formPost(path, { body: 'From the form — ünïcødé 🐚' });
      assert.equal(res.status, 303);
      const location = res.headers.get('location') ?? '';
      const id = /#comment-([0-9a-z]+)$/.exec(location)?.[1];
      assert.ok(id, location);
      assert.equal(location, `${path}?comment=${id}#comment-${id}`);
      const reply = await formPost(path, { body: 'Form reply', parentId: id });
      assert.equal(reply.status, 303);
      const page = await (
        await fetch(app.url + path, { headers: { cookie: reader.cookie } })
      ).text();
      assert.match(page, new RegExp(`<li class="comment" id="comment-${id}">`));
      assert.ok(page.includes('From the form — ünïcødé 🐚'));
      assert.match(page, /<ol class="comment-replies">[\s\S]*Form reply/);
      // ?reply= puts the parent into the signed-in reader's form.
      const replying = await (
        await fetch(`${app.url}${path}?reply=${id}`, { headers: { cookie: reader.cookie } })
      ).text();
      assert.match(replying, new RegExp(`<input type="hidden" name="parentId" value="${id}" />`));
      assert.match(replying, /Reply to Person reader/);
    });

    test('a refused form comes back with the message and the text kept', async () => {
      const a = await article();
      const text = `${'y'.repeat(5001)}<b>`;
      const res = await formPost(articlePath(a), { body: text });
      assert.equal(res.status, 400);
      const page = await res.text();
      assert.match(page, /There is a problem/);
      assert.match(page, /at most 5,000 characters/);
      assert.ok(page.includes(`${'y'.repeat(5001)}&lt;b&gt;</textarea`));
      assert.match(page, /aria-invalid="true"/);
      assert.equal((await db.store.reader.getById(a.id))?.commentCount, 0);
    });

    test('the page shows the count in the heading and the toolbar, and threads indent to four levels', async () => {
      const a = await article();
      let parent: string | null = null;
      const ids: string[] = [];
      for (let depth = 0; depth < 6; depth++) {
        const c = await json(await post(a.id, { body: `depth ${depth}`, parentId: parent }));
        ids.push(c.id);
        parent = c.id;
      }
      await post(a.id, { body: 'another top-level' });
      const page = await (await fetch(app.url + articlePath(a))).text();
      assert.match(page, /Comments <span class="comment-total">\(7\)<\/span>/);
      assert.match(page, /<span class="visually-hidden">Comment, 7 comments<\/span>/);
      assert.equal(page.match(/<ol class="comment-replies">/g)?.length, 4);
      // Depth 5 sits flat beside depth 4, and says whom it answers.
      assert.match(page, /in reply to Person reader<\/span>/);
      assert.equal(page.match(/<li class="comment" id=/g)?.length, 7);
    });

    test('anonymous readers see "Sign in to comment" and identical bytes; signed-in ones a form', async () => {
      const a = await article();
      const path = articlePath(a);
      await post(a.id, { body: 'Something' });
      const one = await fetch(app.url + path);
      const two = await fetch(app.url + path + '?reply=whatever');
      const first = await one.text();
      assert.equal(first, await two.text());
      assert.ok(!first.includes('<textarea'));
      assert.ok(!first.includes('_csrf'));
      assert.match(
        first,
        new RegExp(
          `<a href="/signin\\?next=${encodeURIComponent(`${path}#comments`)}">Sign in to comment</a>`,
        ),
      );
      const mine = await fetch(app.url + path, { headers: { cookie: reader.cookie } });
      assert.match(mine.headers.get('cache-control') ?? '', /private/);
      const signedIn = await mine.text();
      assert.match(signedIn, /<label for="comment-body"\s*>Your comment<\/label/);
      assert.match(signedIn, new RegExp(`name="_csrf" value="${reader.csrf}"`));
      assert.match(signedIn, new RegExp(`action="${path}/comments"`));
    });

    test('script in a comment renders inert on the page and in the API', async () => {
      const a = await article();
      const evil =
        '<script>alert(1)</script><img src=x onerror=alert(2)> [x](javascript:alert(3)) "><svg onload=alert(4)>';
      const c = await json(await post(a.id, { body: evil }));
      assert.ok(!/<script|<img|<svg|href="javascript/i.test(c.html), c.html);
      const page = await (await fetch(app.url + articlePath(a))).text();
      const section = page.slice(page.indexOf('id="comments"'));
      assert.ok(!/<script|<img|<svg|href="javascript/i.test(section), 'no live markup');
      assert.ok(section.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
    });
  });
}
