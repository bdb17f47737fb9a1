/**
 * Comment features through the whole app: per-article settings (closed, pre-moderated,
 * auto-close), editing with kept versions, deleting with placeholders, reactions, the "most
 * liked" order with Load more, long threads and permalinks, by the API and by plain forms.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { articlePath, type Article } from '../src/domain/article.js';
import type { User } from '../src/domain/user.js';
import type { Change } from '../src/services/changes.js';
import { databases, type OpenedStore } from './helpers/databases.js';
import { startApp, type RunningApp } from './helpers/app.js';
import { publishedArticle, storedPerson, signedInPerson, type Person } from './helpers/fixtures.js';
import { json, postForm } from './helpers/http.js';

for (const database of databases()) {
  describe(`comment features on ${database.name}`, () => {
    let db: OpenedStore;
    let app: RunningApp;
    let writer: User;
    let ann: Person;
    let bob: Person;
    const changes: Change[] = [];

    const person = (slug: string): Promise<Person> => signedInPerson(db.store, app, { slug });

    const article = (): Promise<Article> => publishedArticle(db.store, { authorIds: [writer.id] });

    const api = (method: string, path: string, who: Person | null, payload?: unknown) =>
      fetch(`${app.url}${path}`, {
        method,
        headers: {
          origin: 'http://broadsheet.test',
          ...(payload !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(who ? { cookie: who.cookie } : {}),
        },
        ...(payload !== undefined ? { body: JSON.stringify(payload) } : {}),
      });
    const post = async (a: Article, body: string, who = ann, parentId?: string) =>
      json(await api('POST', `/api/v1/articles/${a.id}/comments`, who, { body, parentId }));
    const form = (path: string, fields: Record<string, string>, who: Person) =>
      postForm(`${app.url}${path}`, fields, who);
    const page = async (path: string, who: Person | null = null) =>
      (await fetch(app.url + path, { headers: who ? { cookie: who.cookie } : {} })).text();
    const count = async (a: Article) => (await db.store.reader.getById(a.id))?.commentCount;

    before(async () => {
      db = await database.open();
      app = await startApp(
        db,
        {},
        {
          commentPostsPerPerson: { max: 100_000, windowMs: 60_000 },
          commentPostsPerAddress: { max: 100_000, windowMs: 60_000 },
        },
      );
      app.services.changes.subscribe((c) => changes.push(c));
      writer = await storedPerson(db.store, { role: 'author' });
      ann = await person('ann');
      bob = await person('bob');
    });
    after(async () => {
      await app?.close();
      await db?.dispose();
    });

    test('a closed article refuses comments with 422; its page says so instead of the form', async () => {
      const a = await article();
      await app.services.commentSettings.setArticleSettings(a.id, {
        mode: 'closed',
        autoCloseHours: null,
      });
      const res = await api('POST', `/api/v1/articles/${a.id}/comments`, ann, { body: 'Hi' });
      assert.equal(res.status, 422);
      const err = await json(res);
      assert.equal(err.error.code, 'rejected');
      assert.match(err.error.message, /Comments on this article are closed/);
      const viaForm = await form(`${articlePath(a)}/comments`, { body: 'Hi' }, ann);
      assert.equal(viaForm.status, 422);
      for (const who of [null, ann]) {
        const html = await page(articlePath(a), who);
        assert.match(html, /Comments are closed/);
        assert.ok(!html.includes('<textarea'));
        assert.ok(!html.includes('Sign in to comment'));
      }
      assert.equal(await count(a), 0);
      assert.ok(changes.some((c) => c.kind === 'article' && c.articleId === a.id));
      // Reopened by the article's own setting even when the site default is closed.
      await db.store.settings.set('comments.mode', 'closed');
      try {
        await app.services.commentSettings.setArticleSettings(a.id, {
          mode: 'open',
          autoCloseHours: null,
        });
        assert.equal((await post(a, 'Open again')).status, 'published');
        const other = await article();
        const closed = await api('POST', `/api/v1/articles/${other.id}/comments`, ann, {
          body: 'Hi',
        });
        assert.equal(closed.status, 422);
      } finally {
        await db.store.settings.set('comments.mode', 'open');
      }
    });

    test('comments close automatically N hours after publication', async () => {
      const a = await article(); // published an hour ago
      await app.services.commentSettings.setArticleSettings(a.id, {
        mode: null,
        autoCloseHours: 2,
      });
      assert.equal((await post(a, 'Still open')).status, 'published');
      await db.store.settings.set('comments.autoCloseHours', '1');
      try {
        const b = await article();
        const res = await api('POST', `/api/v1/articles/${b.id}/comments`, ann, { body: 'Late' });
        assert.equal(res.status, 422);
        assert.match((await json(res)).error.message, /closed automatically/);
        assert.match(await page(articlePath(b), ann), /Comments are closed \(since/);
      } finally {
        await db.store.settings.set('comments.autoCloseHours', '0');
      }
    });

    test('pre-moderated: 201 pending, shown only to its author as awaiting review, never counted', async () => {
      const a = await article();
      await app.services.commentSettings.setArticleSettings(a.id, {
        mode: 'premoderated',
        autoCloseHours: null,
      });
      const res = await api('POST', `/api/v1/articles/${a.id}/comments`, ann, {
        body: 'Held back 🕰',
      });
      assert.equal(res.status, 201);
      const held = await json(res);
      assert.equal(held.status, 'pending');
      assert.equal(await count(a), 0);
      const list = await json(await api('GET', `/api/v1/articles/${a.id}/comments`, null));
      assert.deepEqual(list.items, []);
      assert.equal((await api('GET', `/api/v1/comments/${held.id}`, null)).status, 404);
      const mine = await page(articlePath(a), ann);
      assert.match(mine, /Your comments only you can see/);
      assert.match(mine, /Awaiting review/);
      assert.ok(mine.includes('Held back 🕰'));
      assert.match(mine, /reviewed before they appear/);
      for (const who of [null, bob]) {
        const other = await page(articlePath(a), who);
        assert.ok(!other.includes('Held back'), 'nobody else sees it');
        assert.match(other, /Comments <span class="comment-total">\(0\)/);
      }
      // The form leads to the held comment rather than to a permalink that would not show it.
      const viaForm = await form(`${articlePath(a)}/comments`, { body: 'Also held' }, ann);
      assert.equal(viaForm.status, 303);
      assert.doesNotMatch(viaForm.headers.get('location') ?? '', /\?comment=/);
    });

    test('editing your own comment keeps every version; readers see "edited" and the history', async () => {
      const a = await article();
      const c = await post(a, 'First *draft*');
      const res = await api('PATCH', `/api/v1/comments/${c.id}`, ann, { body: 'Second draft' });
      assert.equal(res.status, 200);
      const edited = await json(res);
      assert.equal(edited.body, 'Second draft');
      assert.ok(edited.editedAt);
      assert.ok(
        changes.some((x) => x.kind === 'comment' && x.commentId === c.id && x.action === 'edited'),
      );
      // Through the form too.
      const editPage = await page(`/comments/${c.id}/edit`, ann);
      assert.match(editPage, /<textarea[\s\S]*Second draft<\/textarea/);
      const saved = await form(`/comments/${c.id}/edit`, { body: 'Third, final' }, ann);
      assert.equal(saved.status, 303);
      assert.equal(
        saved.headers.get('location'),
        `${articlePath(a)}?comment=${c.id}#comment-${c.id}`,
      );
      const empty = await form(`/comments/${c.id}/edit`, { body: '  ' }, ann);
      assert.equal(empty.status, 400);
      assert.match(await empty.text(), /Write something/);

      const reader = await page(articlePath(a));
      assert.match(reader, new RegExp(`href="/comments/${c.id}/history"\\s*>edited`));
      const history = await page(`/comments/${c.id}/history`);
      assert.ok(history.includes('<em>draft</em>'));
      assert.ok(history.includes('Second draft'));
      assert.ok(history.includes('Third, final'));
      assert.match(history, /Current version/);
      const versions = await json(await api('GET', `/api/v1/comments/${c.id}/history`, null));
      assert.deepEqual(
        versions.items.map((v: { body: string }) => v.body),
        ['First *draft*', 'Second draft', 'Third, final'],
      );
      assert.equal(versions.items[2].replacedAt, null);
    });

    test("someone else's comment cannot be edited or deleted, and nothing changes", async () => {
      const a = await article();
      const c = await post(a, 'Mine alone');
      const edit = await api('PATCH', `/api/v1/comments/${c.id}`, bob, { body: 'Hijacked' });
      assert.equal(edit.status, 403);
      assert.match((await json(edit)).error.message, /only edit your own/);
      assert.equal((await api('DELETE', `/api/v1/comments/${c.id}`, bob)).status, 403);
      assert.equal((await form(`/comments/${c.id}/edit`, { body: 'x' }, bob)).status, 403);
      assert.equal((await form(`/comments/${c.id}/delete`, {}, bob)).status, 403);
      assert.equal(
        (await fetch(`${app.url}/comments/${c.id}/edit`, { headers: { cookie: bob.cookie } }))
          .status,
        403,
      );
      assert.equal((await api('PATCH', '/api/v1/comments/nope', ann, { body: 'x' })).status, 404);
      assert.equal(
        (await api('PATCH', `/api/v1/comments/${c.id}`, null, { body: 'x' })).status,
        401,
      );
      const now = await db.store.comments.byId(c.id);
      assert.equal(now?.body, 'Mine alone');
      assert.equal(now?.status, 'published');
      assert.deepEqual(await db.store.comments.revisions(c.id), []);
    });

    test('outside the edit window an edit is refused with a clear message', async () => {
      const a = await article();
      const c = await post(a, 'Too late to change');
      await db.store.settings.set('comments.editWindowMinutes', '0');
      try {
        // Wait until the clock has moved past the comment's own millisecond.
        while (Date.now() <= Date.parse(c.createdAt)) await new Promise((r) => setImmediate(r));
        const res = await api('PATCH', `/api/v1/comments/${c.id}`, ann, { body: 'Changed' });
        assert.equal(res.status, 422);
        assert.match((await json(res)).error.message, /edited for 0 minutes after posting/);
        assert.equal((await db.store.comments.byId(c.id))?.body, 'Too late to change');
        assert.doesNotMatch(await page(articlePath(a), ann), new RegExp(`/comments/${c.id}/edit`));
      } finally {
        await db.store.settings.set('comments.editWindowMinutes', '15');
      }
    });

    test('deleting: replies stay under a placeholder; a lone comment vanishes; counts stay right', async () => {
      const a = await article();
      const parent = await post(a, 'Parent text that must go');
      const reply = await post(a, 'A reply that stays', bob, parent.id);
      const lone = await post(a, 'Lonely words');
      assert.equal(await count(a), 3);
      assert.equal((await api('DELETE', `/api/v1/comments/${parent.id}`, ann)).status, 204);
      assert.ok(
        changes.some(
          (x) => x.kind === 'comment' && x.commentId === parent.id && x.action === 'deleted',
        ),
      );
      // The form route asks first, then deletes.
      assert.match(await page(`/comments/${lone.id}/delete`, ann), /Delete your comment\?/);
      const gone = await form(`/comments/${lone.id}/delete`, {}, ann);
      assert.equal(gone.status, 303);
      assert.equal(gone.headers.get('location'), `${articlePath(a)}#comments`);
      assert.equal(await count(a), 1);
      const apiArticle = await json(await api('GET', `/api/v1/articles/${a.id}`, null));
      assert.equal(apiArticle.commentCount, 1);

      const html = await page(articlePath(a));
      assert.ok(!html.includes('Parent text'));
      assert.ok(!html.includes('Lonely words'));
      assert.match(html, /Comment deleted/);
      assert.ok(html.includes('A reply that stays'));
      assert.match(html, /Comments <span class="comment-total">\(1\)/);
      assert.match(html, /Comment, 1 comment</);
      const list = await json(await api('GET', `/api/v1/articles/${a.id}/comments`, null));
      assert.deepEqual(
        list.items.map((x: { id: string; status: string; body: string; author: unknown }) => [
          x.id,
          x.status,
          x.body,
          x.author,
        ]),
        [
          [parent.id, 'deleted', '', null],
          [
            reply.id,
            'published',
            'A reply that stays',
            { id: bob.user.id, name: 'Person bob', slug: 'bob', guest: false },
          ],
        ],
      );
      // Deleted comments cannot be edited or reacted to.
      assert.equal(
        (await api('PATCH', `/api/v1/comments/${parent.id}`, ann, { body: 'x' })).status,
        404,
      );
      assert.equal(
        (await api('POST', `/api/v1/comments/${parent.id}/reactions`, bob, {})).status,
        422,
      );
      // When the last reply goes, so does the placeholder.
      assert.equal((await api('DELETE', `/api/v1/comments/${reply.id}`, bob)).status, 204);
      const after = await page(articlePath(a));
      assert.ok(!after.includes('Comment deleted'));
      assert.equal(await count(a), 0);
      // A comment deleted without replies is gone: reading it is a 404.
      assert.equal((await api('GET', `/api/v1/comments/${reply.id}`, bob)).status, 404);
      // And so is the placeholder whose last reply went: the API agrees with the page.
      assert.equal((await api('GET', `/api/v1/comments/${parent.id}`, bob)).status, 404);
      assert.equal(
        (await api('GET', `/api/v1/comments/${parent.id}/replies?cursor=x`, bob)).status,
        404,
      );
    });

    test('reactions: one per person, a toggle, by API and by form; concurrent clicks count right', async () => {
      const a = await article();
      const c = await post(a, 'Like me');
      const on = await json(await api('POST', `/api/v1/comments/${c.id}/reactions`, bob, {}));
      assert.equal(on.reacted, true);
      assert.equal(on.comment.reactions, 1);
      const again = await json(
        await api('POST', `/api/v1/comments/${c.id}/reactions`, bob, { on: true }),
      );
      assert.equal(again.comment.reactions, 1);
      const off = await json(await api('POST', `/api/v1/comments/${c.id}/reactions`, bob, {}));
      assert.equal(off.reacted, false);
      assert.equal(off.comment.reactions, 0);
      assert.ok(
        changes.some((x) => x.kind === 'comment' && x.commentId === c.id && x.action === 'reacted'),
      );

      const crowd = await Promise.all([1, 2, 3, 4, 5].map(() => signedInPerson(db.store, app)));
      await Promise.all(
        crowd.flatMap((p) =>
          [1, 2].map(() => api('POST', `/api/v1/comments/${c.id}/reactions`, p, { on: true })),
        ),
      );
      assert.equal((await db.store.comments.byId(c.id))?.reactionCount, 5);

      const back = `${articlePath(a)}?comments_sort=newest`;
      const res = await form(`/comments/${c.id}/reactions`, { on: '1', return: back }, bob);
      assert.equal(res.status, 303);
      assert.equal(res.headers.get('location'), `${back}#comment-${c.id}`);
      // A return address elsewhere is ignored.
      const evil = await form(
        `/comments/${c.id}/reactions`,
        { on: '1', return: '//evil.example/' },
        bob,
      );
      assert.equal(evil.headers.get('location'), `${articlePath(a)}#comment-${c.id}`);
      const mine = await page(articlePath(a), bob);
      assert.match(
        mine,
        /aria-pressed="true"[^>]*>\s*Like<span class="visually-hidden"> the comment by Person ann<\/span>\s*<span class="comment__react-count">6</,
      );
      assert.match(await page(articlePath(a)), /6 likes/);
      const listed = await json(await api('GET', `/api/v1/articles/${a.id}/comments`, null));
      assert.equal(listed.items[0].reactions, 6);
    });

    test('most liked first, cursor-paged by API and by a plain "Load more" link', async () => {
      const a = await article();
      const voters = await Promise.all([1, 2, 3].map(() => signedInPerson(db.store, app)));
      const made: { id: string; votes: number }[] = [];
      for (let i = 0; i < 25; i++) {
        const c = await post(a, `Comment number ${i}`);
        const votes = i % 4;
        for (const v of voters.slice(0, votes)) {
          await api('POST', `/api/v1/comments/${c.id}/reactions`, v, { on: true });
        }
        made.push({ id: c.id, votes });
      }
      // Most reactions first; ties newest first.
      const expected = made
        .map((m, i) => ({ ...m, i }))
        .sort((x, y) => y.votes - x.votes || y.i - x.i)
        .map((m) => m.id);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const q: string = `sort=reactions&limit=7${cursor ? `&cursor=${cursor}` : ''}`;
        const res = await json(await api('GET', `/api/v1/articles/${a.id}/comments?${q}`, null));
        seen.push(...res.items.map((x: { id: string }) => x.id));
        cursor = res.nextCursor;
      } while (cursor);
      assert.deepEqual(seen, expected);
      // A cursor of another order is refused.
      const first = await json(
        await api('GET', `/api/v1/articles/${a.id}/comments?sort=reactions&limit=2`, null),
      );
      const wrong = await api(
        'GET',
        `/api/v1/articles/${a.id}/comments?sort=newest&cursor=${first.nextCursor}`,
        null,
      );
      assert.equal(wrong.status, 400);

      const html = await page(`${articlePath(a)}?comments_sort=reactions`);
      assert.match(html, /aria-current="true"\s*>Most liked/);
      const ids = (s: string) =>
        [...s.matchAll(/<li class="comment" id="comment-([0-9a-z]+)"/g)].map((m) => m[1]);
      assert.deepEqual(ids(html), expected.slice(0, 20));
      const more = /<a href="([^"]+)" data-load-more/.exec(html)?.[1]?.replaceAll('&amp;', '&');
      assert.ok(more, 'a Load more link');
      assert.match(more, /comments_sort=reactions&comments_cursor=/);
      const next = await page(more);
      assert.deepEqual(ids(next), expected.slice(20));
      assert.match(next, /Back to the first comments/);
      assert.ok(!/data-load-more/.test(next));
    });

    test('a huge thread shows its first replies and a "More replies" link that continues it', async () => {
      const a = await article();
      const top = await post(a, 'A thread with many replies');
      const replies: string[] = [];
      for (let i = 0; i < 33; i++) {
        // Every third reply answers the previous reply, so some continue below earlier ones.
        const parent = i % 3 === 2 ? replies[i - 1]! : top.id;
        replies.push((await post(a, `Reply ${i}`, bob, parent)).id);
      }
      // A late answer to an early reply: its parent is on the first page, not on the next.
      const late = (await post(a, 'Late answer', ann, replies[5])).id;
      replies.push(late);
      const html = await page(articlePath(a));
      assert.equal(html.match(/<li class="comment" id=/g)?.length, 11);
      const more = /<a\s+href="([^"]*thread=[^"]*)"/.exec(html)?.[1]?.replaceAll('&amp;', '&');
      assert.ok(more, 'a More replies link');
      const rest = await page(more);
      for (const id of replies.slice(10)) assert.match(rest, new RegExp(`id="comment-${id}"`));
      for (const id of replies.slice(0, 10))
        assert.doesNotMatch(rest, new RegExp(`id="comment-${id}"`));
      assert.match(rest, new RegExp(`id="comment-${late}"[\\s\\S]*in reply to Person bob`));
      assert.match(rest, new RegExp(`id="comment-${top.id}"`));
      assert.match(rest, /Showing later replies in one thread/);
      // The API continues the thread the same way.
      const listed = await json(await api('GET', `/api/v1/articles/${a.id}/comments`, null));
      assert.equal(listed.items.length, 11);
      const cursor = new URL(more, app.url).searchParams.get('replies');
      const apiRest = await json(
        await api('GET', `/api/v1/comments/${top.id}/replies?cursor=${cursor}`, null),
      );
      assert.deepEqual(
        apiRest.items.map((x: { id: string }) => x.id),
        replies.slice(10),
      );
    });

    test('a permalink opens the page around a deep comment far down a long thread', async () => {
      const a = await article();
      // 25 threads, so the last is not on the first page; it has 40 replies, then a deep chain.
      const tops: string[] = [];
      for (let i = 0; i < 25; i++) tops.push((await post(a, `Top ${i}`)).id);
      const last = tops[24]!;
      for (let i = 0; i < 40; i++) await post(a, `Filler ${i}`, bob, last);
      let parent = last;
      const chain: string[] = [];
      for (let depth = 1; depth <= 9; depth++) {
        parent = (await post(a, `Deep ${depth}`, depth % 2 ? bob : ann, parent)).id;
        chain.push(parent);
      }
      const target = chain[8]!;
      const first = await page(articlePath(a));
      assert.doesNotMatch(first, new RegExp(`id="comment-${target}"`));

      const res = await fetch(`${app.url}/comments/${target}`, { redirect: 'manual' });
      assert.equal(res.status, 303);
      const location = res.headers.get('location') ?? '';
      assert.equal(location, `${articlePath(a)}?comment=${target}#comment-${target}`);
      const around = await page(location.split('#')[0]!);
      assert.match(around, new RegExp(`id="comment-${target}"`));
      assert.match(around, /comment__card--focus/);
      // Its ancestors are there for context, and the thread it belongs to.
      for (const id of [last, ...chain]) assert.match(around, new RegExp(`id="comment-${id}"`));
      assert.match(around, /Deep 9/);
      assert.match(around, /Back to the first comments/);
      // Permalinks of unknown or held comments are 404.
      assert.equal((await fetch(`${app.url}/comments/nope`, { redirect: 'manual' })).status, 404);
    });

    test('sort and paging links, and bad cursors in page URLs', async () => {
      const a = await article();
      await post(a, 'one');
      await post(a, 'two');
      const html = await page(articlePath(a));
      assert.match(html, /<nav class="comment-sort" aria-label="Sort comments">/);
      assert.match(html, /href="[^"]*\?comments_sort=newest#comments"/);
      const bad = await fetch(
        `${app.url}${articlePath(a)}?comments_sort=newest&comments_cursor=junk`,
      );
      assert.equal(bad.status, 400);
      // Anonymous pages stay identical whatever the signed-in extras.
      assert.equal(await page(articlePath(a)), await page(articlePath(a)));
    });
  });
}
