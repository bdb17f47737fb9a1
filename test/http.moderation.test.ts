/** Moderation through the whole app: the pipeline's verdicts, reports, the queue and no leaks. */
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
  describe(`moderation on ${database.name}`, () => {
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

    const api = (
      method: string,
      path: string,
      who: Person | null,
      payload?: unknown,
      headers: Record<string, string> = {},
    ) =>
      fetch(`${app.url}${path}`, {
        method,
        headers: {
          origin,
          ...(payload !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(who ? { cookie: who.cookie } : {}),
          ...headers,
        },
        ...(payload !== undefined ? { body: JSON.stringify(payload) } : {}),
      });

    const post = (a: Article, body: string, who: Person = reader) =>
      api('POST', `/api/v1/articles/${a.id}/comments`, who, { body });

    const setting = (key: string, value: string) => db.store.settings.set(key, value);

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
      await setting('moderation.suspectWords', 'scam');
      await setting('moderation.bannedWords', 'forbiddenword');
    });
    after(async () => {
      await app?.close();
      await db?.dispose();
    });

    test('a suspect word holds the comment: 201 pending, with its reason stored', async () => {
      const a = await article();
      const res = await post(a, 'This offer looks like a sc4m to me.');
      assert.equal(res.status, 201);
      const c = await json(res);
      assert.equal(c.status, 'pending');
      const stored = await db.store.moderation.moderated(c.id);
      assert.deepEqual(stored?.reasons, [{ code: 'suspect-words', detail: 'suspect "scam"' }]);
      assert.equal((await db.store.reader.getById(a.id))?.commentCount, 0);
    });

    test('a banned word is refused with 422 and a message; nothing is stored', async () => {
      const a = await article();
      const res = await post(a, 'You F0RBIDDENWORD person');
      assert.equal(res.status, 422);
      const body = await json(res);
      assert.equal(body.error.code, 'rejected');
      assert.match(body.error.message, /"forbiddenword"/);
      const page = await (await fetch(app.url + articlePath(a))).text();
      assert.ok(!/F0RBIDDENWORD/.test(page));
    });

    test('a duplicate of your own recent comment is refused', async () => {
      const a = await article();
      assert.equal((await post(a, 'Well said, I agree')).status, 201);
      const again = await post(a, 'well said,  I agree');
      assert.equal(again.status, 422);
      assert.match((await json(again)).error.message, /same comment/);
    });

    test('a closed article refuses with 422; a pre-moderated site holds', async () => {
      const a = await article();
      await setting('comments.mode', 'closed');
      try {
        const res = await post(a, 'Am I too late?');
        assert.equal(res.status, 422);
        assert.match((await json(res)).error.message, /closed/);
      } finally {
        await setting('comments.mode', 'open');
      }
      await setting('moderation.premoderation', 'everyone');
      try {
        const res = await post(a, 'Waiting my turn.');
        assert.equal((await json(res)).status, 'pending');
        // Staff are never held.
        const staff = await post(a, 'A note from the desk.', moderator);
        assert.equal((await json(staff)).status, 'published');
      } finally {
        await setting('moderation.premoderation', 'off');
      }
    });

    test('posting too fast per address is 429 with Retry-After; settings apply at once', async () => {
      const a = await article();
      // Everything posted from this address in the last minute counts: allow exactly one more.
      const since = new Date(Date.now() - 60_000).toISOString();
      const earlier = await db.store.moderation.createdFromAddress('127.0.0.1', since);
      assert.ok(earlier.length > 0);
      await setting('moderation.ratePerAddress', String(earlier.length + 1));
      try {
        const other = await person();
        assert.equal((await post(a, 'one from here', other)).status, 201);
        const third = await person();
        const limited = await post(a, 'two from here', third);
        assert.equal(limited.status, 429);
        assert.match(limited.headers.get('retry-after') ?? '', /^[1-9]\d*$/);
        assert.equal((await json(limited)).error.code, 'rate_limited');
      } finally {
        await setting('moderation.ratePerAddress', '10000');
      }
    });

    test('links from a new commenter are held', async () => {
      const a = await article();
      const fresh = await person();
      const c = await json(await post(a, 'See https://example.com/proof', fresh));
      assert.equal(c.status, 'pending');
      const stored = await db.store.moderation.moderated(c.id);
      assert.deepEqual(
        stored?.reasons.map((r) => r.code),
        ['links-from-new-commenter'],
      );
    });

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

    const thread = async (a: Article) =>
      (await json(await fetch(`${app.url}/api/v1/articles/${a.id}/comments`))).items.map(
        (c: { id: string }) => c.id,
      );

    test('reports: once per person; enough of them take a comment back to review', async () => {
      const a = await article();
      const c = await json(await post(a, 'A perfectly ordinary remark'));
      assert.equal(c.status, 'published');
      await setting('moderation.reportThreshold', '2');
      try {
        const [one, two] = [await person(), await person()];
        const report = (who: Person, payload: unknown) =>
          api('POST', `/api/v1/comments/${c.id}/reports`, who, payload);
        assert.equal((await report(one, { reason: 'spam', text: 'Looks like an ad' })).status, 201);
        assert.equal((await report(one, { reason: 'abuse' })).status, 409);
        assert.equal((await report(reader, { reason: 'spam' })).status, 400);
        assert.equal((await report(one, { reason: 'because' })).status, 400);
        assert.equal((await report(null as unknown as Person, { reason: 'spam' })).status, 401);
        assert.deepEqual(await thread(a), [c.id]);
        assert.equal((await report(two, { reason: 'off-topic' })).status, 201);
        // The second report reached the threshold: back to review, out of public view.
        const stored = await db.store.moderation.moderated(c.id);
        assert.equal(stored?.status, 'pending');
        assert.deepEqual(
          stored?.reasons.map((r) => r.code),
          ['reported'],
        );
        assert.deepEqual(await thread(a), []);
        assert.equal((await db.store.reader.getById(a.id))?.commentCount, 0);
        const queue = await json(
          await api('GET', '/api/v1/moderation/queue?status=reported', moderator),
        );
        const item = queue.items.find((i: { comment: { id: string } }) => i.comment.id === c.id);
        assert.ok(item);
        assert.deepEqual(
          item.reports.map((r: { reason: string; text: string }) => [r.reason, r.text]),
          [
            ['spam', 'Looks like an ad'],
            ['off-topic', ''],
          ],
        );
      } finally {
        await setting('moderation.reportThreshold', '3');
      }
    });

    test('the report form works without JavaScript and thanks the reporter', async () => {
      const a = await article();
      const c = await json(await post(a, 'Report me by form, please'));
      const someone = await person();
      const page = await (
        await fetch(app.url + articlePath(a), { headers: { cookie: someone.cookie } })
      ).text();
      // Report is a link to the page with that comment's form open (decision 0084).
      const link = `${articlePath(a)}?report=${c.id}#report-${c.id}`;
      assert.ok(page.includes(`href="${link}"`));
      assert.ok(!page.includes(`action="/comments/${c.id}/reports"`));
      const opened = await (
        await fetch(app.url + link, { headers: { cookie: someone.cookie } })
      ).text();
      assert.ok(opened.includes(`action="/comments/${c.id}/reports"`));
      assert.ok(opened.includes(`name="_csrf" value="${someone.csrf}"`));
      const res = await form(
        `/comments/${c.id}/reports`,
        { reason: 'abuse', text: 'Rude' },
        someone,
      );
      assert.equal(res.status, 303);
      const location = res.headers.get('location') ?? '';
      assert.equal(location, `${articlePath(a)}?reported=${c.id}#comment-${c.id}`);
      const after = await (
        await fetch(app.url + location, { headers: { cookie: someone.cookie } })
      ).text();
      assert.match(after, /your report was sent to the moderators/);
      const reports = await db.store.moderation.reportsFor([c.id]);
      assert.deepEqual(
        reports.map((r) => [r.reason, r.text, r.reporter.id]),
        [['abuse', 'Rude', someone.user.id]],
      );
      // Anonymous readers get no report form, and the same bytes with or without ?reported=.
      const anon = await (await fetch(app.url + articlePath(a))).text();
      assert.ok(!anon.includes('/reports"'));
      assert.equal(anon, await (await fetch(`${app.url}${location.split('#')[0]}`)).text());
    });

    test('held and rejected comments leak nowhere; the author alone sees them with the reason', async () => {
      const a = await article();
      const visible = await json(await post(a, 'Visible to everyone'));
      const fresh = await person();
      const held = await json(await post(a, 'Secret link https://held.example/zebracorn', fresh));
      assert.equal(held.status, 'pending');
      const rejectedOne = await json(
        await post(a, 'Another link https://rejected.example/quagga', fresh),
      );
      const rejected = await api(
        'POST',
        `/api/v1/comments/${rejectedOne.id}/moderation`,
        moderator,
        { action: 'reject', reason: 'No advertising, please' },
      );
      assert.equal(rejected.status, 200);
      assert.equal((await json(rejected)).comment.status, 'rejected');

      const secrets = ['zebracorn', 'quagga'];
      const leaks = (text: string) => secrets.filter((s) => text.includes(s));
      const anon = await (await fetch(app.url + articlePath(a))).text();
      assert.deepEqual(leaks(anon), [], 'anonymous page');
      const other = await (
        await fetch(app.url + articlePath(a), { headers: { cookie: reader.cookie } })
      ).text();
      assert.deepEqual(leaks(other), [], 'another signed-in reader');
      const apiThread = await (await fetch(`${app.url}/api/v1/articles/${a.id}/comments`)).text();
      assert.deepEqual(leaks(apiThread), [], 'API thread');
      const apiArticle = await json(await fetch(`${app.url}/api/v1/articles/${a.id}`));
      assert.equal(apiArticle.commentCount, 1, 'count');
      assert.match(anon, /Comments <span class="comment-total">\(1\)<\/span>/);
      for (const q of secrets) {
        // The search page repeats the query, so look at what it found, not at the whole page.
        const search = await fetch(`${app.url}/api/v1/search?q=${q}`);
        const found = JSON.stringify((await json(search)).items ?? []);
        assert.deepEqual(leaks(found), [], `search ${q}`);
      }
      for (const feed of ['/feed.xml', '/atom.xml']) {
        const res = await fetch(app.url + feed);
        if (res.status === 200) assert.deepEqual(leaks(await res.text()), [], feed);
      }
      assert.ok(anon.includes('Visible to everyone') && visible.status === 'published');

      const mine = await fetch(app.url + articlePath(a), { headers: { cookie: fresh.cookie } });
      assert.match(mine.headers.get('cache-control') ?? '', /private/);
      const own = await mine.text();
      assert.deepEqual(leaks(own), secrets);
      assert.match(own, /Awaiting review/);
      assert.match(own, /Rejected<\/span>/);
      assert.match(own, /Reason: No advertising, please/);
    });

    test('the queue: moderators only, items carry reasons; approve, feature and the strip', async () => {
      const a = await article();
      const fresh = await person();
      const held = await json(await post(a, 'Worth reading https://good.example/analysis', fresh));
      assert.equal(
        (await api('GET', '/api/v1/moderation/queue?status=pending', reader)).status,
        403,
      );
      assert.equal((await api('GET', '/api/v1/moderation/queue?status=pending', null)).status, 401);
      assert.equal(
        (await api('GET', '/api/v1/moderation/queue?status=nonsense', moderator)).status,
        400,
      );
      const queue = await json(
        await api(
          'GET',
          `/api/v1/moderation/queue?status=pending&article=${a.id}&reason=links-from-new-commenter`,
          moderator,
        ),
      );
      assert.deepEqual(
        queue.items.map((i: { comment: { id: string } }) => i.comment.id),
        [held.id],
      );
      const [item] = queue.items;
      assert.equal(item.reasons[0].code, 'links-from-new-commenter');
      assert.equal(item.article.headline, a.headline);
      assert.deepEqual(
        [item.authorRecord.approved, item.authorRecord.rejected, item.authorRecord.banned],
        [0, 0, false],
      );
      const act = (action: string) =>
        api('POST', `/api/v1/comments/${held.id}/moderation`, moderator, { action });
      assert.equal((await act('approve')).status, 200);
      assert.deepEqual(await thread(a), [held.id]);
      assert.equal((await db.store.reader.getById(a.id))?.commentCount, 1);
      const featured = await json(await act('feature'));
      assert.equal(featured.featured, true);
      const page = await (await fetch(app.url + articlePath(a))).text();
      assert.match(page, /<h3 id="featured-heading">Featured<\/h3>/);
      const strip = page.slice(page.indexOf('featured-heading'), page.indexOf('comment-thread'));
      assert.ok(strip.includes('good.example/analysis'));
      assert.equal((await json(await act('unfeature'))).featured, false);
      const plain = await (await fetch(app.url + articlePath(a))).text();
      assert.ok(!plain.includes('featured-heading'));
      const log = await db.store.moderation.log({ commentId: held.id, limit: 10, offset: 0 });
      assert.deepEqual(
        log.map((e) => [e.action, e.actor.id]),
        [
          ['unfeature', moderator.user.id],
          ['feature', moderator.user.id],
          ['approve', moderator.user.id],
        ],
      );
      assert.equal(
        (
          await api('POST', `/api/v1/comments/${held.id}/moderation`, moderator, {
            action: 'delete',
          })
        ).status,
        400,
      );
    });

    const page = async (path: string, who: Person | null) => {
      const res = await fetch(app.url + path, {
        redirect: 'manual',
        ...(who ? { headers: { cookie: who.cookie } } : {}),
      });
      return { status: res.status, location: res.headers.get('location'), text: await res.text() };
    };

    test('the queue page: moderators only; plain forms approve in bulk, reject with a reason, sanction', async () => {
      const a = await article();
      const fresh = await person();
      const ids: string[] = [];
      for (const n of [1, 2, 3]) {
        ids.push((await json(await post(a, `Held number ${n} https://x.example/${n}`, fresh))).id);
      }
      assert.equal((await page('/admin/moderation', reader)).status, 403);
      const anon = await page('/admin/moderation', null);
      assert.equal(anon.status, 303);
      assert.match(anon.location ?? '', /^\/signin\?next=/);
      const queue = await page(`/admin/moderation?status=pending&article=${a.id}`, moderator);
      assert.equal(queue.status, 200);
      for (const id of ids) assert.ok(queue.text.includes(`id="item-${id}"`));
      assert.match(queue.text, /Held because/);
      assert.match(queue.text, /Link from a new commenter/);
      assert.match(queue.text, /0 approved comments ·\s+0 rejected comments/);

      const back = `/admin/moderation?status=pending&article=${a.id}`;
      const bulk = await fetch(`${app.url}/admin/moderation/act`, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          origin,
          cookie: moderator.cookie,
        },
        body: `_csrf=${moderator.csrf}&ids=${ids[0]}&ids=${ids[1]}&action=approve&back=${encodeURIComponent(back)}`,
      });
      assert.equal(bulk.status, 303);
      assert.equal(bulk.headers.get('location'), `${back}&done=approve`);
      assert.deepEqual((await thread(a)).sort(), [ids[0], ids[1]].sort());

      const reject = await form(
        '/admin/moderation/act',
        { ids: ids[2]!, action: 'reject', reason: 'Off topic', back },
        moderator,
      );
      assert.equal(reject.status, 303);
      const stored = await db.store.moderation.moderated(ids[2]!);
      assert.equal(stored?.status, 'rejected');
      assert.equal(stored?.rejectionReason, 'Off topic');

      const none = await form('/admin/moderation/act', { action: 'approve', back }, moderator);
      assert.equal(none.status, 400);
      assert.match(await none.text(), /Choose at least one comment/);

      const suspend = await form(
        '/admin/moderation/sanction',
        { userId: fresh.user.id, choice: '24h', reason: 'Link spam', commentId: ids[2]!, back },
        moderator,
      );
      assert.equal(suspend.status, 303);
      const suspended = await db.store.users.byId(fresh.user.id);
      assert.ok(
        suspended?.suspendedUntil &&
          Date.parse(suspended.suspendedUntil) > Date.now() + 23 * 3_600_000,
      );
      assert.equal((await post(a, 'Can I still post?', fresh)).status, 403);
      const staff = await form(
        '/admin/moderation/sanction',
        { userId: writer.id, choice: 'ban', reason: 'no', back },
        moderator,
      );
      assert.equal(staff.status, 403);
      assert.equal((await db.store.users.byId(writer.id))?.bannedAt, null);

      // The log keeps every action, newest first, and filters by person.
      const log = await page(`/admin/moderation/log?target=${fresh.user.id}`, moderator);
      assert.equal(log.status, 200);
      const rows = log.text.match(/<tr>[\s\S]*?<\/tr>/g) ?? [];
      assert.equal(rows.length, 5, 'header, suspend, reject, approve, approve');
      assert.match(rows[1] ?? '', /Suspended[\s\S]*24 hours: Link spam/);
      assert.match(rows[2] ?? '', /Rejected[\s\S]*Off topic/);
      assert.equal((await page('/admin/moderation/log', reader)).status, 403);
      const item = await page(`/admin/moderation?status=rejected&article=${a.id}`, moderator);
      assert.match(item.text, /Reason given to the author: Off topic/);
      assert.match(item.text, /Suspended by Person/);
    });

    test('settings: admins only, validated with every value kept, effective at once', async () => {
      const admin = await person('admin');
      assert.equal((await page('/admin/settings', moderator)).status, 403);
      const shown = await page('/admin/settings', admin);
      assert.equal(shown.status, 200);
      assert.match(shown.text, /name="comments.editWindowMinutes"[^>]*value="15"/);
      const bad = await form(
        '/admin/settings',
        {
          'moderation.reportThreshold': 'many',
          'moderation.suspectWords': 'scam\nswindle',
          'comments.autoCloseHours': '48',
        },
        admin,
      );
      assert.equal(bad.status, 400);
      const badText = await bad.text();
      assert.match(badText, /Reports that take a comment back to review: enter a whole number/);
      assert.match(badText, /scam\nswindle<\/textarea/);
      assert.equal(await db.store.settings.get('comments.autoCloseHours'), null, 'nothing saved');
      const good = await form(
        '/admin/settings',
        {
          'moderation.suspectWords': 'scam\nswindle',
          'moderation.premoderation': 'off',
          'comments.editWindowMinutes': '30',
        },
        admin,
      );
      assert.equal(good.status, 303);
      assert.equal(await db.store.settings.get('comments.editWindowMinutes'), '30');
      const a = await article();
      const c = await json(await post(a, 'What a sw1ndle this is'));
      assert.equal(c.status, 'pending', 'the new word applies to the next comment');
      const log = await db.store.moderation.log({ action: 'settings', limit: 5, offset: 0 });
      assert.match(log[0]?.reason ?? '', /comments.editWindowMinutes, moderation.suspectWords/);
    });

    test('the live stream never carries a held comment', async () => {
      const a = await article();
      const stream = await openSse(`${app.url}/api/v1/articles/${a.id}/comments/live`);
      try {
        assert.equal(stream.status, 200);
        await stream.comment('live');
        const fresh = await person();
        const held = await json(await post(a, 'Held from the stream https://okapi.example', fresh));
        assert.equal(held.status, 'pending');
        const shown = await json(await post(a, 'Shown on the stream'));
        assert.equal(shown.status, 'published');
        await stream.next((e) => e.data.includes(shown.id));
        const carried = stream.events.map((e) => e.data).join('\n');
        assert.ok(!carried.includes(held.id) && !carried.includes('okapi'), carried);
      } finally {
        stream.close();
      }
    });

    test('moderators hear of every comment change on their event stream; others are refused', async () => {
      const refused = await api('GET', '/admin/moderation/events', reader);
      assert.equal(refused.status, 403);
      await refused.text();
      const stream = await openSse(`${app.url}/admin/moderation/events`, {
        cookie: moderator.cookie,
      });
      try {
        assert.equal(stream.status, 200);
        assert.equal(stream.headers.get('content-type'), 'text/event-stream; charset=utf-8');
        assert.equal(stream.headers.get('cache-control'), 'no-store, no-transform');
        assert.equal(stream.headers.get('x-accel-buffering'), 'no');
        const a = await article();
        const held = await json(
          await post(a, 'Held for the queue https://okapi.example', await person()),
        );
        assert.equal(held.status, 'pending');
        const change = await stream.next((e) => e.data.includes(held.id));
        assert.equal(change.event, 'change');
        assert.equal(change.id, null);
        assert.deepEqual(JSON.parse(change.data), {
          commentId: held.id,
          articleId: a.id,
          action: 'created',
        });
        assert.equal(stream.retry, 5000);
      } finally {
        stream.close();
      }
    });
  });
}
