/** The live comment stream (SSE) through the whole app, on both databases. */
import { after, afterEach, before, describe, test } from 'node:test';
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
import { json, type Json } from './helpers/http.js';
import { rawSql } from './helpers/raw-sql.js';
import { openSse, type SseClient, type SseEvent } from './helpers/sse.js';
import { waitFor } from './helpers/wait.js';

for (const database of databases()) {
  describe(`live comments on ${database.name}`, () => {
    let db: OpenedStore;
    let app: RunningApp;
    let writer: User;
    let cookie: string;
    const open: SseClient[] = [];

    const article = (status: 'published' | 'draft' = 'published'): Promise<Article> =>
      status === 'published'
        ? publishedArticle(db.store, { authorIds: [writer.id] })
        : draftArticle(db.store, { authorIds: [writer.id] });

    const post = async (articleId: string, body: string, parentId?: string) => {
      const res = await fetch(`${app.url}/api/v1/articles/${articleId}/comments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'http://broadsheet.test', cookie },
        body: JSON.stringify({ body, ...(parentId ? { parentId } : {}) }),
      });
      assert.equal(res.status, 201);
      return json(res) as Promise<{ id: string; body: string }>;
    };

    /** Opens a stream and waits until it is live (caught up and subscribed). */
    const subscribe = async (
      articleId: string,
      headers: Record<string, string> = {},
      query = '',
      on: RunningApp = app,
    ) => {
      const client = await openSse(
        `${on.url}/api/v1/articles/${articleId}/comments/live${query}`,
        headers,
      );
      open.push(client);
      assert.equal(client.status, 200);
      assert.match(client.headers.get('content-type') ?? '', /^text\/event-stream/);
      await client.comment('live');
      return client;
    };

    /** Sets a comment's status as moderation or deletion would, and announces it. */
    const setStatus = async (articleId: string, commentId: string, status: string) => {
      await rawSql(db, 'update comments set status = $1 where id = $2', [status, commentId]);
      app.services.changes.publish({ kind: 'comment', articleId, commentId, action: 'moderated' });
    };

    const data = (e: SseEvent): Json => JSON.parse(e.data);

    before(async () => {
      db = await database.open();
      app = await startApp(
        db,
        { LIVE_STREAMS_PER_CLIENT: '8' },
        { commentPostsPerPerson: { max: 10_000, windowMs: 60_000 }, liveHeartbeatMs: 40 },
      );
      writer = await storedPerson(db.store, { role: 'author' });
      ({ cookie } = await signedInPerson(db.store, app));
    });
    /** Closes every stream a test opened and waits until the server has let them go. */
    const closeAll = async (on: RunningApp = app) => {
      for (const c of open.splice(0)) {
        c.close();
        await c.ended;
      }
      await waitFor(() => on.live.size === 0, { what: 'the server to let every stream go' });
    };
    afterEach(() => closeAll());
    after(async () => {
      for (const c of open) c.close();
      await app?.close();
      await db?.dispose();
    });

    test('a new comment arrives as a created event with its change number', async () => {
      const a = await article();
      const stream = await subscribe(a.id);
      const c = await post(a.id, 'Live and *direct* 🎉');
      const e = await stream.next((x) => x.event === 'created');
      assert.match(e.id ?? '', /^\d+$/);
      const d = data(e);
      assert.equal(d.comment.id, c.id);
      assert.equal(d.comment.body, 'Live and *direct* 🎉');
      assert.equal(d.comment.status, 'published');
      assert.equal(d.commentCount, 1);
      // By slug as well as by id; the stream sets no cookies and is never cached.
      const bySlug = await subscribe(a.slug);
      assert.equal(bySlug.headers.get('cache-control'), 'no-store');
      const reply = await post(a.id, 'A reply', c.id);
      const r = await bySlug.next((x) => x.event === 'created');
      assert.equal(data(r).comment.parentId, c.id);
      assert.equal(data(r).comment.id, reply.id);
      assert.ok(Number(r.id) > Number(e.id));
    });

    test('pending comments never appear; one that stops being public is removed', async () => {
      const a = await article();
      const stream = await subscribe(a.id);
      const held = await db.store.comments.create({
        articleId: a.id,
        parentId: null,
        authorId: writer.id,
        body: 'held for moderation',
        html: '<p>held for moderation</p>',
        status: 'pending',
        createdAt: new Date().toISOString(),
      });
      app.services.changes.publish({
        kind: 'comment',
        articleId: a.id,
        commentId: held.comment.id,
        action: 'created',
      });
      await setStatus(a.id, held.comment.id, 'rejected');
      const shown = await post(a.id, 'visible');
      const first = await stream.next();
      assert.equal(first.event, 'created');
      assert.equal(data(first).comment.id, shown.id);
      assert.ok(!JSON.stringify(stream.events).includes(held.comment.id));
      assert.ok(!JSON.stringify(stream.events).includes('held for moderation'));

      // Approved later: now it is news.
      await setStatus(a.id, held.comment.id, 'published');
      const approved = await stream.next((x) => x.event === 'created', 1);
      assert.equal(data(approved).comment.id, held.comment.id);

      await setStatus(a.id, shown.id, 'deleted');
      const removed = await stream.next((x) => x.event === 'removed');
      assert.deepEqual(data(removed), { id: shown.id, commentCount: 1 });
      // A reaction or an edit is a change to a comment already shown.
      await rawSql(db, 'update comments set reaction_count = 3 where id = $1', [held.comment.id]);
      app.services.changes.publish({
        kind: 'comment',
        articleId: a.id,
        commentId: held.comment.id,
        action: 'reacted',
      });
      const changed = await stream.next((x) => x.event === 'changed');
      assert.equal(data(changed).comment.reactions, 3);
      const ids = stream.events.map((x) => Number(x.id));
      assert.deepEqual(
        ids,
        [...ids].sort((x, y) => x - y),
      );
    });

    test('Last-Event-ID resumes with exactly what was missed, each once', async () => {
      const a = await article();
      const first = await subscribe(a.id);
      const c1 = await post(a.id, 'one');
      const seen = await first.next((x) => x.event === 'created');
      first.close();
      await first.ended;

      // While away: two new comments, one of them edited twice, and the first one removed.
      const c2 = await post(a.id, 'two');
      const c3 = await post(a.id, 'three');
      await rawSql(db, "update comments set body = 'three, edited' where id = $1", [c3.id]);
      await rawSql(db, "update comments set body = 'three, edited again' where id = $1", [c3.id]);
      await rawSql(db, "update comments set status = 'deleted' where id = $1", [c1.id]);

      const back = await subscribe(a.id, { 'last-event-id': seen.id ?? '' });
      const missed = back.events.map((e) => [e.event, data(e).comment?.body ?? data(e).id]);
      assert.deepEqual(missed, [
        ['created', 'two'],
        ['created', 'three, edited again'],
        ['removed', c1.id],
      ]);
      assert.ok(!missed.some(([, v]) => v === c2.id));
      // Live after the catch-up, still in order and without repeats.
      const c4 = await post(a.id, 'four');
      const e4 = await back.next((x) => x.event === 'created', 3);
      assert.equal(data(e4).comment.id, c4.id);
      assert.equal(back.events.length, 4);

      // `since` does the same for a page that knows the number it was rendered at; the header
      // wins when both are given, and nothing starts beyond the present.
      const fromPage = await subscribe(a.id, {}, `?since=${seen.id}`);
      assert.equal(fromPage.events.length, 4);
      const both = await subscribe(a.id, { 'last-event-id': e4.id ?? '' }, '?since=0');
      assert.equal(both.events.length, 0);
      const future = await subscribe(a.id, { 'last-event-id': '999999' });
      const c5 = await post(a.id, 'five');
      const e5 = await future.next();
      assert.equal(data(e5).comment.id, c5.id);
    });

    test('one read per change per article, however many subscribers', async () => {
      const a = await article();
      const streams = await Promise.all([1, 2, 3, 4, 5].map(() => subscribe(a.id)));
      const comments = app.services.threads;
      const original = comments.changesSince.bind(comments);
      let reads = 0;
      comments.changesSince = (...args) => {
        reads++;
        return original(...args);
      };
      try {
        const c = await post(a.id, 'for everyone');
        for (const s of streams) {
          const e = await s.next();
          assert.equal(data(e).comment.id, c.id);
        }
        assert.equal(reads, 1);
      } finally {
        comments.changesSince = original;
        for (const s of streams) s.close();
      }
    });

    test('a live comment is fetched as the page draws it, for the reader who asks', async () => {
      const a = await article();
      const path = articlePath(a);
      const author = await signedInPerson(db.store, app, {
        slug: 'frag-author',
        name: 'Fay Author',
      });
      const other = await signedInPerson(db.store, app, {
        slug: 'frag-reader',
        name: 'Rex Reader',
      });
      const as = (who: { cookie: string } | null, url: string) =>
        fetch(app.url + url, { headers: who ? { cookie: who.cookie } : {} });
      const write = async (who: { cookie: string }, body: string, parentId?: string) => {
        const res = await fetch(`${app.url}/api/v1/articles/${a.id}/comments`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            origin: 'http://broadsheet.test',
            cookie: who.cookie,
          },
          body: JSON.stringify({ body, ...(parentId ? { parentId } : {}) }),
        });
        assert.equal(res.status, 201);
        return ((await json(res)) as { id: string }).id;
      };
      const id = await write(author, 'Fetched *live*');

      // Anonymous: the comment as everyone sees it, nothing to press, cacheable, not indexed.
      const anon = await as(null, `/comments/${id}/fragment`);
      assert.equal(anon.status, 200);
      assert.match(anon.headers.get('content-type') ?? '', /^text\/html/);
      assert.equal(anon.headers.get('x-robots-tag'), 'noindex');
      assert.match(anon.headers.get('cache-control') ?? '', /^public/);
      const anonHtml = await anon.text();
      assert.match(anonHtml, new RegExp(`^<li class="comment" id="comment-${id}">`));
      assert.match(anonHtml, /<em>live<\/em>/);
      assert.match(anonHtml, /Fay Author/);
      assert.doesNotMatch(anonHtml, /comment__react-form|Reply|Report|<html/);

      // Another reader: Like (a button of the page's actions form, which holds their token and
      // the way back: no token in the fragment), Reply, Report; not Edit.
      const theirs = await as(other, `/comments/${id}/fragment?sort=newest`);
      assert.equal(theirs.headers.get('cache-control'), 'private, no-store');
      const theirsHtml = await theirs.text();
      assert.ok(!theirsHtml.includes(other.csrf));
      assert.match(
        theirsHtml,
        new RegExp(
          `<button\\s+type="submit"\\s+form="comment-actions"\\s+formaction="/comments/${id}/reactions"\\s+name="on"\\s+value="1"\\s+class="comment__react"\\s+aria-pressed="false"`,
        ),
      );
      assert.ok(theirsHtml.includes(`href="${path}?reply=${id}#comment-form"`));
      assert.ok(
        theirsHtml.includes(`href="${path}?comments_sort=newest&amp;report=${id}#report-${id}"`),
      );
      assert.doesNotMatch(theirsHtml, /\/edit"|\/delete"/);

      // Its author: Edit and Delete, no Report.
      const ownHtml = await (await as(author, `/comments/${id}/fragment`)).text();
      assert.ok(ownHtml.includes(`href="/comments/${id}/edit"`));
      assert.ok(ownHtml.includes(`href="/comments/${id}/delete"`));
      assert.doesNotMatch(ownHtml, /comment__report/);

      // Liked, the reader's fragment says so.
      const liked = await fetch(`${app.url}/comments/${id}/reactions`, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          origin: 'http://broadsheet.test',
          cookie: other.cookie,
        },
        body: new URLSearchParams({ _csrf: other.csrf, on: '1', return: path }).toString(),
      });
      assert.equal(liked.status, 303);
      const after = await (await as(other, `/comments/${id}/fragment`)).text();
      assert.match(after, /aria-pressed="true"/);

      // Deeper than the indented levels: drawn flat, saying whom it answers.
      let parent = id;
      for (let depth = 1; depth <= 5; depth++) {
        parent = await write(depth % 2 ? other : author, `Depth ${depth}`, parent);
      }
      const deep = await (await as(null, `/comments/${parent}/fragment`)).text();
      assert.match(deep, /<span class="comment__reply-to">in reply to Fay Author<\/span>/);
      const shallow = await (await as(null, `/comments/${id}/fragment`)).text();
      assert.doesNotMatch(shallow, /comment__reply-to/);

      // Only public comments: held, deleted or unknown ones are not found; a bad order is 400.
      await setStatus(a.id, parent, 'pending');
      assert.equal((await as(author, `/comments/${parent}/fragment`)).status, 404);
      assert.equal((await as(null, '/comments/no-such-comment/fragment')).status, 404);
      assert.equal((await as(null, `/comments/${id}/fragment?sort=loudest`)).status, 400);
    });

    test('a heartbeat keeps the stream busy', async () => {
      const a = await article();
      const stream = await subscribe(a.id);
      await stream.comment('heartbeat');
    });

    test('streams per client address are capped: 429 with Retry-After', async () => {
      const a = await article();
      const streams = [];
      for (let i = 0; i < 8; i++) streams.push(await subscribe(a.id));
      const refused = await fetch(`${app.url}/api/v1/articles/${a.id}/comments/live`);
      assert.equal(refused.status, 429);
      assert.ok(Number(refused.headers.get('retry-after')) > 0);
      assert.equal((await json(refused)).error.code, 'rate_limited');
      streams[0]!.close();
      await streams[0]!.ended;
      await waitFor(() => app.live.size <= 7, { what: 'the server to let the closed stream go' });
      const again = await subscribe(a.id);
      again.close();
      for (const s of streams) s.close();
    });

    test('only published articles have a stream', async () => {
      const draft = await article('draft');
      for (const id of [draft.id, 'no-such-article']) {
        const res = await fetch(`${app.url}/api/v1/articles/${id}/comments/live`);
        assert.equal(res.status, 404);
        assert.equal((await json(res)).error.code, 'not_found');
      }
      const bad = await fetch(`${app.url}/api/v1/articles/x/comments/live?since=-1`);
      assert.equal(bad.status, 400);
    });

    test('closing the server ends open streams cleanly', async () => {
      const other = await startApp(db, {}, { liveHeartbeatMs: 10_000 });
      const a = await article();
      const stream = await subscribe(a.id, {}, '', other);
      await other.close();
      await stream.ended;
      assert.equal(other.live.size, 0);
    });
  });
}
