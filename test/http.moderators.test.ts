/**
 * What moderators run into (issue 18, points 7–12): Keep, thread settings from the queue and the
 * article page, ban-and-remove with lifting, tab counts, a readable log. SQLite and PostgreSQL.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { articlePath, type Article } from '../src/domain/article.js';
import type { Role, User } from '../src/domain/user.js';
import { databases, type OpenedStore } from './helpers/databases.js';
import { startApp, type RunningApp } from './helpers/app.js';
import { publishedArticle, signedInPerson, storedPerson, type Person } from './helpers/fixtures.js';
import { json } from './helpers/http.js';
import { openSse } from './helpers/sse.js';

const origin = 'http://broadsheet.test';

for (const database of databases()) {
  describe(`moderators' tools on ${database.name}`, () => {
    let db: OpenedStore;
    let app: RunningApp;
    let writer: User;
    let reader: Person;
    let moderator: Person;

    const person = (role: Role = 'commenter'): Promise<Person> =>
      signedInPerson(db.store, app, {
        role,
        createdAt: new Date(Date.now() - 86_400_000).toISOString(),
      });

    const article = (): Promise<Article> => publishedArticle(db.store, { authorIds: [writer.id] });

    const api = (method: string, path: string, who: Person | null, payload?: unknown) =>
      fetch(`${app.url}${path}`, {
        method,
        headers: {
          origin,
          ...(payload !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(who ? { cookie: who.cookie } : {}),
        },
        ...(payload !== undefined ? { body: JSON.stringify(payload) } : {}),
      });

    const post = async (a: Article, body: string, who: Person = reader) =>
      json(await api('POST', `/api/v1/articles/${a.id}/comments`, who, { body }));

    const form = (path: string, fields: Record<string, string>, who: Person) =>
      fetch(`${app.url}${path}`, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          origin,
          cookie: who.cookie,
        },
        body: new URLSearchParams({ _csrf: who.csrf, ...fields }).toString(),
      });

    const page = async (path: string, who: Person | null) => {
      const res = await fetch(app.url + path, {
        redirect: 'manual',
        ...(who ? { headers: { cookie: who.cookie } } : {}),
      });
      return { status: res.status, location: res.headers.get('location'), text: await res.text() };
    };

    const thread = async (a: Article) =>
      (await json(await fetch(`${app.url}/api/v1/articles/${a.id}/comments`))).items.map(
        (c: { id: string }) => c.id,
      );

    const report = (commentId: string, who: Person) =>
      api('POST', `/api/v1/comments/${commentId}/reports`, who, { reason: 'spam' });

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
      reader = await person();
      moderator = await person('moderator');
    });
    after(async () => {
      await app?.close();
      await db?.dispose();
    });

    test('Keep dismisses a published comment’s reports, logged; the queue offers it with a key', async () => {
      const a = await article();
      const c = await post(a, 'A remark some readers disliked');
      const [one, two] = [await person(), await person()];
      assert.equal((await report(c.id, one)).status, 201);
      assert.equal((await report(c.id, two)).status, 201);
      const back = `/admin/moderation?status=reported&article=${a.id}`;
      const queue = await page(back, moderator);
      assert.match(
        queue.text,
        /name="action" value="keep" class="button button--primary" data-key="a"/,
      );
      const kept = await form(
        '/admin/moderation/act',
        { ids: c.id, action: 'keep', back },
        moderator,
      );
      assert.equal(kept.status, 303);
      assert.equal(kept.headers.get('location'), `${back}&done=keep`);
      const after = await page(`${back}&done=keep`, moderator);
      assert.ok(!after.text.includes(`id="item-${c.id}"`), 'no longer in Reported');
      assert.match(after.text, /Kept: its reports were dismissed/);
      assert.deepEqual(await thread(a), [c.id], 'still public');
      const [entry] = await db.store.moderation.log({ commentId: c.id, limit: 5, offset: 0 });
      assert.deepEqual(
        [entry?.action, entry?.actor.id, entry?.reason],
        ['keep', moderator.user.id, 'dismissed 2 reports'],
      );
      // Nothing left to dismiss: a conflict, said plainly.
      const again = await api('POST', `/api/v1/comments/${c.id}/moderation`, moderator, {
        action: 'keep',
      });
      assert.equal(again.status, 409);
      assert.equal((await json(again)).error.condition, 'no_open_reports');
    });

    test('Keep on a comment that reports took back to review puts it back up', async () => {
      const a = await article();
      const c = await post(a, 'Reported until it was held');
      await db.store.settings.set('moderation.reportThreshold', '1');
      try {
        assert.equal((await report(c.id, await person())).status, 201);
      } finally {
        await db.store.settings.set('moderation.reportThreshold', '3');
      }
      assert.deepEqual(await thread(a), []);
      const res = await api('POST', `/api/v1/comments/${c.id}/moderation`, moderator, {
        action: 'keep',
      });
      assert.equal(res.status, 200);
      const item = await json(res);
      assert.equal(item.comment.status, 'published');
      assert.equal(item.openReports, 0);
      assert.deepEqual(await thread(a), [c.id]);
      assert.equal((await db.store.reader.getById(a.id))?.commentCount, 1);
    });

    test('moderators close and pre-moderate a thread from the queue and from the article page', async () => {
      const a = await article();
      const held = await post(a, 'Held for the thread test https://x.example/t', await person());
      assert.equal(held.status, 'pending');
      const back = `/admin/moderation?status=pending&article=${a.id}`;
      const path = articlePath(a);
      // The anonymous page is cached before the change, so the test sees it dropped after.
      assert.ok(!(await page(path, null)).text.includes('Comments are closed'));
      const queue = await page(back, moderator);
      assert.match(queue.text, /Thread: comments as the site’s setting/);
      assert.ok(queue.text.includes('action="/admin/moderation/thread"'));

      const closed = await form(
        '/admin/moderation/thread',
        { articleId: a.id, mode: 'closed', back },
        moderator,
      );
      assert.equal(closed.status, 303);
      assert.equal(closed.headers.get('location'), `${back}&done=thread`);
      const refused = await api('POST', `/api/v1/articles/${a.id}/comments`, reader, {
        body: 'Too late?',
      });
      assert.equal(refused.status, 422);
      assert.equal((await json(refused)).error.condition, 'comments_closed');
      assert.match((await page(back, moderator)).text, /Thread: comments closed/);
      assert.ok((await page(path, null)).text.includes('Comments are closed'));

      // On the article page: the panel for moderators only; the anonymous page shows none.
      const mine = await page(path, moderator);
      assert.match(mine.text, /<h2 id="thread-settings-heading">Moderate this thread<\/h2>/);
      assert.match(mine.text, /<option value="closed"\s+selected>Closed<\/option>/);
      assert.ok(!(await page(path, reader)).text.includes('thread-settings'));
      assert.ok(!(await page(path, null)).text.includes('thread-settings'));
      const premoderated = await form(
        '/admin/moderation/thread',
        { articleId: a.id, mode: 'premoderated' },
        moderator,
      );
      assert.equal(premoderated.status, 303);
      assert.equal(
        premoderated.headers.get('location'),
        `${path}?moderated=thread#thread-settings`,
      );
      assert.match(
        (await page(`${path}?moderated=thread`, moderator)).text,
        /The thread’s comment settings were saved/,
      );
      assert.equal((await post(a, 'Now held for review')).status, 'pending');
      // The anonymous page was re-rendered: it now says comments are held.
      assert.ok(!(await page(path, null)).text.includes('Comments are closed'));

      const bad = await form(
        '/admin/moderation/thread',
        { articleId: a.id, mode: 'lol', back },
        moderator,
      );
      assert.equal(bad.status, 400);
      assert.match(await bad.text(), /Choose open, pre-moderated, closed/);
      const missing = await form(
        '/admin/moderation/thread',
        { articleId: 'nope', mode: 'open' },
        moderator,
      );
      assert.equal(missing.status, 404);
      const byReader = await form(
        '/admin/moderation/thread',
        { articleId: a.id, mode: 'open' },
        reader,
      );
      assert.equal(byReader.status, 403);
      const log = await db.store.moderation.log({ action: 'thread', limit: 5, offset: 0 });
      assert.deepEqual(
        log.filter((e) => e.articleId === a.id).map((e) => [e.reason, e.actor.id]),
        [
          ['comments pre-moderated', moderator.user.id],
          ['comments closed', moderator.user.id],
        ],
      );
    });

    test('ban and remove their comments: one logged action; lifting within 30 days puts them back', async () => {
      const [a, b] = [await article(), await article()];
      const troll = await person();
      const shown = [await post(a, 'First of mine', troll), await post(b, 'Second of mine', troll)];
      const waiting = await post(a, 'Waiting https://spam.example/x', troll);
      assert.equal(waiting.status, 'pending');
      const other = await post(a, 'Someone else entirely');
      assert.equal((await db.store.reader.getById(a.id))?.commentCount, 2);
      // Cached anonymous page before the ban, to see it dropped.
      assert.ok((await page(articlePath(a), null)).text.includes('First of mine'));

      const back = `/admin/moderation?status=pending&article=${a.id}`;
      const queue = await page(back, moderator);
      assert.match(queue.text, /name="removeComments" type="checkbox" value="1"/);
      const res = await form(
        '/admin/moderation/sanction',
        {
          userId: troll.user.id,
          choice: 'ban',
          reason: 'Spam run',
          removeComments: '1',
          commentId: waiting.id,
          back,
        },
        moderator,
      );
      assert.equal(res.status, 303);
      assert.equal(res.headers.get('location'), `${back}&done=removed`);
      assert.deepEqual(await thread(a), [other.id]);
      assert.deepEqual(await thread(b), []);
      assert.equal((await db.store.reader.getById(a.id))?.commentCount, 1);
      assert.equal((await db.store.reader.getById(b.id))?.commentCount, 0);
      assert.ok(!(await page(articlePath(a), null)).text.includes('First of mine'));
      assert.ok((await db.store.users.byId(troll.user.id))?.bannedAt);
      const entries = await db.store.moderation.log({
        targetUserId: troll.user.id,
        limit: 5,
        offset: 0,
      });
      assert.deepEqual(
        entries.map((e) => [e.action, e.reason]),
        [['ban', 'Spam run · removed 3 comments']],
      );

      // The rejected tab offers to lift; lifting restores each comment as it was.
      const rejected = await page(`/admin/moderation?status=rejected&article=${a.id}`, moderator);
      assert.ok(rejected.text.includes('action="/admin/moderation/lift"'));
      assert.match(rejected.text, /Lift the ban/);
      const lifted = await form(
        '/admin/moderation/lift',
        { userId: troll.user.id, back },
        moderator,
      );
      assert.equal(lifted.status, 303);
      assert.equal(lifted.headers.get('location'), `${back}&done=lift`);
      assert.deepEqual((await thread(a)).sort(), [shown[0].id, other.id].sort());
      assert.deepEqual(await thread(b), [shown[1].id]);
      assert.equal((await db.store.moderation.moderated(waiting.id))?.status, 'pending');
      assert.equal((await db.store.reader.getById(a.id))?.commentCount, 2);
      const user = await db.store.users.byId(troll.user.id);
      assert.deepEqual([user?.bannedAt, user?.suspendedUntil], [null, null]);
      const [lift] = await db.store.moderation.log({
        targetUserId: troll.user.id,
        limit: 1,
        offset: 0,
      });
      assert.deepEqual([lift?.action, lift?.reason], ['lift', 'restored 3 comments']);
      // Nothing to lift now.
      const again = await form(
        '/admin/moderation/lift',
        { userId: troll.user.id, back },
        moderator,
      );
      assert.equal(again.status, 409);
    });

    test('a removal older than 30 days is not undone by lifting; a suspension can remove too', async () => {
      const a = await article();
      const troll = await person();
      const c = await post(a, 'Old news from me', troll);
      await app.services.moderation.sanction(moderator.user, troll.user.id, '7d', '', null, {
        removeComments: true,
      });
      assert.deepEqual(await thread(a), []);
      const [entry] = await db.store.moderation.log({
        targetUserId: troll.user.id,
        limit: 1,
        offset: 0,
      });
      assert.equal(entry?.reason, '7 days · removed 1 comment');
      const later = new Date(Date.now() + 31 * 86_400_000);
      const { ModerationService } = await import('../src/services/moderation.js');
      const future = new ModerationService({
        store: db.store,
        changes: app.services.changes,
        sessions: { endAll: async () => 0 },
        now: () => later,
      });
      // Suspended for 7 days: by then it has ended, so there is nothing to lift either.
      await assert.rejects(
        future.lift(moderator.user, troll.user.id),
        /neither suspended nor banned/,
      );
      await db.store.users.setSanction(troll.user.id, {
        suspendedUntil: null,
        bannedAt: later.toISOString(),
        reason: '',
      });
      assert.equal(await future.lift(moderator.user, troll.user.id), 0);
      assert.equal((await db.store.moderation.moderated(c.id))?.status, 'rejected');
    });

    test('queue tabs show their counts; the counts API and the event stream keep them live', async () => {
      const a = await article();
      const fresh = await person();
      await post(a, 'Held one https://x.example/1', fresh);
      await post(a, 'Held two https://x.example/2', fresh);
      const shown = await post(a, 'Shown and reported');
      const stream = await openSse(`${app.url}/admin/moderation/events`, {
        cookie: moderator.cookie,
      });
      try {
        assert.equal((await report(shown.id, await person())).status, 201);
        // A report below the threshold changes only the queue: moderators hear of it.
        const heard = await stream.next((e) => e.data.includes(shown.id));
        assert.deepEqual(JSON.parse(heard.data), {
          commentId: shown.id,
          articleId: a.id,
          action: 'reported',
        });
      } finally {
        stream.close();
      }
      const queue = await page(`/admin/moderation?status=pending&article=${a.id}`, moderator);
      const count = (tab: string) =>
        new RegExp(`data-mod-count="${tab}">(\\d+)<`).exec(queue.text)?.[1];
      assert.deepEqual(['pending', 'reported', 'rejected', 'approved', 'all'].map(count), [
        '2',
        '1',
        '0',
        '1',
        '3',
      ]);
      assert.ok(queue.text.includes(`data-mod-counts="/api/v1/moderation/counts?article=${a.id}"`));
      const counts = await api('GET', `/api/v1/moderation/counts?article=${a.id}`, moderator);
      assert.equal(counts.status, 200);
      assert.equal(counts.headers.get('cache-control'), 'no-store');
      assert.deepEqual(await json(counts), {
        pending: 2,
        reported: 1,
        rejected: 0,
        approved: 1,
        all: 3,
      });
      assert.equal((await api('GET', '/api/v1/moderation/counts', reader)).status, 403);
      const everywhere = await json(await api('GET', '/api/v1/moderation/counts', moderator));
      assert.ok(everywhere.pending >= 2 && everywhere.all >= 3);
      const spec = await json(await fetch(`${app.url}/api/v1/openapi.json`));
      assert.ok(spec.paths['/api/v1/moderation/counts'], 'in the OpenAPI document');
    });

    test('the log names people, quotes the comment, links its article; filters by name, action and day', async () => {
      const a = await article();
      const someone = await signedInPerson(db.store, app, { name: 'Zebedee Quill' });
      const c = await post(a, 'An unmistakable remark about the ferry timetable', someone);
      assert.equal(
        (
          await api('POST', `/api/v1/comments/${c.id}/moderation`, moderator, {
            action: 'feature',
          })
        ).status,
        200,
      );
      const log = await page('/admin/moderation/log?name=zebedee', moderator);
      assert.equal(log.status, 200);
      const rows = log.text.match(/<tr>[\s\S]*?<\/tr>/g) ?? [];
      assert.equal(rows.length, 2, 'header and the one entry');
      const row = rows[1] ?? '';
      assert.match(row, /Featured/);
      assert.match(row, />Zebedee Quill<\/a>/);
      assert.ok(row.includes(`href="/comments/${c.id}"`));
      assert.match(row, /“An unmistakable remark about the ferry timetable”/);
      assert.ok(row.includes(`<a href="${articlePath(a)}">${a.headline}</a>`));
      assert.ok(!row.includes(c.id + '<'), 'no raw comment id as text');
      // The form asks for names and days, not ids.
      assert.match(log.text, /<label for="log-name">Name/);
      assert.match(log.text, /<input id="log-from" name="from" type="date"/);
      assert.ok(!/person id/.test(log.text));
      const today = new Date().toISOString().slice(0, 10);
      const byDay = await page(
        `/admin/moderation/log?name=Zebedee&action=feature&from=${today}&to=${today}`,
        moderator,
      );
      assert.equal((byDay.text.match(/<tr>/g) ?? []).length, 2);
      const other = await page('/admin/moderation/log?name=Zebedee&action=reject', moderator);
      assert.match(other.text, /No actions match/);
      const past = await page('/admin/moderation/log?name=Zebedee&to=2001-01-01', moderator);
      assert.match(past.text, /No actions match/);
      const bad = await page('/admin/moderation/log?from=31/12/2026', moderator);
      assert.equal(bad.status, 422);
      assert.match(bad.text, /<p class="field-error" id="log-from-error">Give the first day/);
      const backwards = await page(
        '/admin/moderation/log?from=2026-02-02&to=2026-01-01',
        moderator,
      );
      assert.equal(backwards.status, 422);
      // Wildcards typed in a name are just characters.
      assert.match(
        (await page('/admin/moderation/log?name=%25', moderator)).text,
        /No actions match/,
      );
    });
  });
}
