/**
 * Live coverage through the whole app (issue 22), on both databases: the posting screen as plain
 * forms, the reader's page (key events, pinned, order, paging, ended), the permalink page, the
 * page cache dropped by each update, LiveBlogPosting, the JSON API and the SSE stream, which on
 * PostgreSQL reaches a reader connected to another server.
 */
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { XMLParser } from 'fast-xml-parser';
import { articlePath, type Article } from '../src/domain/article.js';
import type { Role } from '../src/domain/user.js';
import { databases, type OpenedStore } from './helpers/databases.js';
import { startApp, type RunningApp } from './helpers/app.js';
import { publishedArticle, signedInPerson, type Person } from './helpers/fixtures.js';
import { json, type Json, postForm } from './helpers/http.js';
import { jpeg } from './helpers/images.js';
import { openSse, type SseClient } from './helpers/sse.js';

let serial = 0;

for (const database of databases()) {
  describe(`live coverage on ${database.name}`, () => {
    let db: OpenedStore;
    let app: RunningApp;
    let other: RunningApp;
    let reporter: Person;
    let editor: Person;
    const streams: SseClient[] = [];

    const person = (role: Role, name?: string): Promise<Person> => {
      const slug = `${role}-${++serial}`;
      return signedInPerson(db.store, app, { slug, role, name: name ?? `The ${slug}` });
    };
    const get = (path: string, who?: Person, on: RunningApp = app) =>
      fetch(on.url + path, {
        headers: who ? { cookie: who.cookie } : {},
        redirect: 'manual',
      });
    const post = (path: string, who: Person, fields: Record<string, string> = {}) =>
      postForm(app.url + path, fields, who);
    const desk = (a: Article) => `/admin/articles/${a.id}/live`;
    const liveArticle = async (): Promise<Article> => {
      const a = await publishedArticle(db.store, {
        headline: `Election night ${++serial}`,
        authorIds: [reporter.user.id],
      });
      const started = await post(`${desk(a)}/start`, reporter);
      assert.equal(started.status, 303);
      return a;
    };
    const postUpdate = async (a: Article, who: Person, fields: Record<string, string>) => {
      const res = await post(`${desk(a)}/updates`, who, { action: 'post', ...fields });
      assert.equal(res.status, 303, await res.text());
      assert.equal(res.headers.get('location'), `${desk(a)}?done=posted`);
    };
    const updates = async (a: Article): Promise<Json[]> =>
      (await json(await get(`/api/v1/articles/${a.id}/updates`))).items;
    const jsonLd = (page: string): Json[] =>
      [...page.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/gs)].map((m) =>
        JSON.parse(m[1]!),
      );

    before(async () => {
      db = await database.open();
      app = await startApp(db, { LIVE_STREAMS_PER_CLIENT: '8' }, { liveHeartbeatMs: 50 });
      // A second server on the same database: on PostgreSQL changes cross between them.
      other = await startApp(db, { LIVE_STREAMS_PER_CLIENT: '8' }, { liveHeartbeatMs: 50 });
      reporter = await person('author', 'Rita Reporter');
      editor = await person('editor', 'Eddie Editor');
    });
    afterEach(() => {
      for (const s of streams.splice(0)) s.close();
    });
    after(async () => {
      await other?.close();
      await app?.close();
      await db?.dispose();
    });

    test('the posting screen starts coverage, posts, previews, refuses and ends', async () => {
      const a = await publishedArticle(db.store, { authorIds: [reporter.user.id] });
      const editorPage = await (await get(`/admin/articles/${a.id}`, reporter)).text();
      assert.match(editorPage, new RegExp(`href="${desk(a)}"`), 'the editor links to it');
      const before = await (await get(desk(a), reporter)).text();
      assert.match(before, /Make this article live/);
      assert.equal((await post(`${desk(a)}/start`, reporter)).status, 303);
      const again = await post(`${desk(a)}/start`, reporter);
      assert.equal(again.status, 409);
      assert.match(await again.text(), /live coverage already/);

      const empty = await post(`${desk(a)}/updates`, reporter, { action: 'post', body: '  ' });
      assert.equal(empty.status, 400);
      const emptyPage = await empty.text();
      assert.match(emptyPage, /href="#update-body"[^>]*>Write something before posting/);
      assert.match(emptyPage, /id="update-body"[^>]*aria-invalid="true"/s);

      const preview = await post(`${desk(a)}/updates`, reporter, {
        action: 'preview',
        title: 'Exit poll',
        body: 'The exit poll **is out**.',
      });
      assert.equal(preview.status, 200);
      const previewPage = await preview.text();
      assert.match(previewPage, /<strong>is out<\/strong>/);
      assert.match(previewPage, />\s*The exit poll \*\*is out\*\*\.<\/textarea/, 'text kept');
      assert.deepEqual(await updates(a), [], 'a preview posts nothing');

      await postUpdate(a, reporter, { title: 'Exit poll', body: 'The exit poll is out.' });
      await postUpdate(a, editor, { body: 'First result: *Northtown*.', keyEvent: 'on' });
      const list = await updates(a);
      assert.deepEqual(
        list.map((u: Json) => [u.title, u.keyEvent, u.authors[0].name]),
        [
          [null, true, 'Eddie Editor'],
          ['Exit poll', false, 'Rita Reporter'],
        ],
      );

      const [latest, earliest] = list;
      assert.equal(
        (
          await post(`${desk(a)}/updates/${earliest.id}`, reporter, {
            title: 'Exit poll',
            body: 'The exit poll is out at 22:00.',
          })
        ).status,
        303,
      );
      assert.equal(
        (await post(`${desk(a)}/updates/${earliest.id}/flags`, reporter, { pinned: 'on' })).status,
        303,
      );
      const noNote = await post(`${desk(a)}/updates/${latest.id}/remove`, reporter, { note: '' });
      assert.equal(noNote.status, 400);
      assert.match(await noNote.text(), new RegExp(`href="#remove-${latest.id}"`));
      const deskPage = await (await get(desk(a), editor)).text();
      assert.match(deskPage, /The exit poll is out at 22:00\./);
      assert.match(deskPage, /Edited /);
      assert.match(deskPage, /Unpin/);

      assert.equal((await post(`${desk(a)}/end`, editor)).status, 303);
      const late = await post(`${desk(a)}/updates`, reporter, { action: 'post', body: 'Late' });
      assert.equal(late.status, 409);
      assert.match(await late.text(), /has ended/);
      assert.match(await (await get(desk(a), editor)).text(), /Reopen the live coverage/);
      assert.equal((await post(`${desk(a)}/reopen`, editor)).status, 303);
      await postUpdate(a, reporter, { body: 'We are back.' });
    });

    test('only the newsroom of the article may use the posting screen', async () => {
      const a = await liveArticle();
      const stranger = await person('author');
      const commenter = await person('commenter');
      assert.equal((await get(desk(a), stranger)).status, 403);
      assert.equal((await post(`${desk(a)}/updates`, stranger, { body: 'x' })).status, 403);
      assert.notEqual((await get(desk(a), commenter)).status, 200);
      assert.notEqual((await get(desk(a))).status, 200);
    });

    test('the reader sees key events, the pinned update, both orders, pages and the end', async () => {
      const a = await liveArticle();
      for (let i = 1; i <= 23; i++) {
        await postUpdate(a, reporter, {
          body: `Result ${i} is in.`,
          ...(i === 3 ? { title: 'Turnout record', keyEvent: 'on' } : {}),
        });
      }
      const oldestItems: Json[] = (
        await json(await get(`/api/v1/articles/${a.id}/updates?order=oldest`))
      ).items;
      const third = oldestItems.find((u: Json) => u.body === 'Result 3 is in.');
      const pinned = await post(`${desk(a)}/updates/${third.id}/flags`, reporter, { pinned: 'on' });
      assert.equal(pinned.status, 303, await pinned.text());
      const path = articlePath(a);
      const page = await (await get(path)).text();
      assert.match(page, /<span class="live-label">LIVE<\/span>/);
      assert.match(page, /23 updates\./);
      // Newest first: 23 down to 4 on the first page, then a link to the older ones.
      const body = page.slice(page.indexOf('data-live-updates'));
      const shown = [...body.matchAll(/Result (\d+) is in\./g)].map((m) => Number(m[1]));
      assert.equal(shown[0], 3, 'the pinned copy comes first');
      assert.deepEqual(shown.slice(1, 4), [23, 22, 21]);
      assert.ok(!shown.slice(1).includes(3), 'the third update is on the next page');
      // The key event links to its permalink, as it is not on this page.
      assert.match(
        page,
        new RegExp(`<nav class="live-key-events"[\\s\\S]*href="${path}/updates/${third.id}"`),
      );
      const older = /href="([^"]*live_cursor=[^"#]*)#live"/.exec(page)?.[1];
      assert.ok(older, 'a link to older updates');
      const second = await (await get(older.replace(/&amp;/g, '&'))).text();
      assert.deepEqual(
        [...second.matchAll(/<li>\s*<article[\s\S]*?Result (\d+) is in\./g)].map((m) =>
          Number(m[1]),
        ),
        [3, 2, 1],
      );
      const oldest = await (await get(`${path}?live_order=oldest`)).text();
      const inOrder = [...oldest.matchAll(/data-update-id="([^"]+)"/g)].map((m) => m[1]);
      assert.deepEqual(
        inOrder,
        oldestItems.map((u) => u.id),
      );
      assert.match(oldest, new RegExp(`href="#update-${third.id}"`), 'key event on this page');
      const bad = await get(`${path}?live_cursor=nonsense`);
      assert.equal(bad.status, 400);

      // Listings carry the LIVE label while it runs (and lose it when it ends, cache or not).
      const card = (page: string) =>
        page.split('<li class="story').find((c) => c.includes(`>${a.headline}</a>`)) ?? '';
      const label = /<span class="live-label">LIVE<\/span>/;
      assert.match(card(await (await get('/news')).text()), label);
      assert.match(card(await (await get('/')).text()), label);
      assert.equal((await post(`${desk(a)}/end`, reporter)).status, 303);
      assert.doesNotMatch(card(await (await get('/news')).text()), label);
      const ended = await (await get(path)).text();
      assert.match(ended, /This live coverage has ended/);
      assert.doesNotMatch(ended, /class="live-label"/);
    });

    test('permalinks work without JavaScript; removed updates leave', async () => {
      const a = await liveArticle();
      await postUpdate(a, reporter, { title: 'Count begins', body: 'Counting has begun.' });
      const [u] = await updates(a);
      const link = `${articlePath(a)}/updates/${u.id}`;
      const res = await get(link);
      assert.equal(res.status, 200);
      const page = await res.text();
      assert.match(page, /<h2 class="live-update__title"[^>]*>Count begins<\/h2>/);
      assert.match(page, /Counting has begun\./);
      assert.match(page, new RegExp(`href="${articlePath(a)}#update-${u.id}"`));
      const elsewhere = await liveArticle();
      assert.equal((await get(`${articlePath(elsewhere)}/updates/${u.id}`)).status, 404);
      await post(`${desk(a)}/updates/${u.id}/remove`, reporter, { note: 'Wrong count' });
      assert.equal((await get(link)).status, 404);
      assert.doesNotMatch(await (await get(articlePath(a))).text(), /Counting has begun/);
    });

    test('each update drops the cached page; others stay cached', async () => {
      const a = await liveArticle();
      const b = await liveArticle();
      const anonymous = async (path: string) => {
        const res = await get(path);
        return { cache: res.headers.get('x-cache'), text: await res.text() };
      };
      await anonymous(articlePath(a));
      await anonymous(articlePath(b));
      assert.equal((await anonymous(articlePath(a))).cache, 'hit');
      await postUpdate(a, reporter, { body: 'Fresh news.' });
      const after = await anonymous(articlePath(a));
      assert.notEqual(after.cache, 'hit');
      assert.match(after.text, /Fresh news\./);
      assert.equal((await anonymous(articlePath(b))).cache, 'hit', 'the other live page stays');
    });

    test('LiveBlogPosting with its coverage times and updates', async () => {
      const a = await liveArticle();
      await postUpdate(a, reporter, { title: 'Polls close', body: 'Polls have closed.' });
      const page = await (await get(articlePath(a))).text();
      const blog = jsonLd(page).find((d) => d['@type'] === 'LiveBlogPosting');
      assert.ok(blog, 'LiveBlogPosting');
      assert.equal(blog.headline, a.headline);
      assert.ok(!Number.isNaN(Date.parse(blog.coverageStartTime)));
      assert.equal(blog.coverageEndTime, undefined);
      assert.equal(blog.dateline, undefined, 'NewsArticle-only fields are left out');
      assert.equal(blog.liveBlogUpdate.length, 1);
      const [u] = blog.liveBlogUpdate;
      assert.equal(u['@type'], 'BlogPosting');
      assert.equal(u.headline, 'Polls close');
      assert.equal(u.articleBody, 'Polls have closed.');
      assert.match(u.url, new RegExp(`^http://broadsheet\\.test${articlePath(a)}/updates/`));
      await post(`${desk(a)}/end`, reporter);
      const ended = jsonLd(await (await get(articlePath(a))).text()).find(
        (d) => d['@type'] === 'LiveBlogPosting',
      );
      assert.ok(!Number.isNaN(Date.parse(ended.coverageEndTime)));
      const plain = await publishedArticle(db.store, { authorIds: [reporter.user.id] });
      const types = jsonLd(await (await get(articlePath(plain))).text()).map((d) => d['@type']);
      assert.ok(types.includes('NewsArticle') && !types.includes('LiveBlogPosting'));
    });

    test('the stream sends updates, edits and removals; Last-Event-ID resumes', async () => {
      const a = await liveArticle();
      // On PostgreSQL the reader is on the other server, so the update crosses between them.
      const readerServer = database.name === 'postgres' ? other : app;
      const url = `${readerServer.url}/api/v1/articles/${a.id}/updates/live`;
      const stream = await openSse(url);
      streams.push(stream);
      assert.equal(stream.status, 200);
      await stream.comment('live');
      const apiPost = await fetch(`${app.url}/api/v1/articles/${a.id}/updates`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          origin: 'http://broadsheet.test',
          cookie: reporter.cookie,
        },
        body: JSON.stringify({ title: 'Live', body: 'Streamed **now**.', keyEvent: true }),
      });
      assert.equal(apiPost.status, 201);
      const posted = await json(apiPost);
      const first = await stream.next((e) => e.event === 'update');
      const data = JSON.parse(first.data);
      assert.equal(data.update.id, posted.id);
      assert.match(data.html, /<strong>now<\/strong>/);
      assert.match(data.html, new RegExp(`id="update-${posted.id}"`));
      await post(`${desk(a)}/updates/${posted.id}/remove`, reporter, { note: 'Duplicate' });
      const gone = await stream.next((e) => e.event === 'removed');
      assert.equal(JSON.parse(gone.data).id, posted.id);

      // A reader who saw the first event comes back and gets only what came after it.
      await postUpdate(a, editor, { body: 'After the break.' });
      const resumed = await openSse(url, { 'last-event-id': first.id ?? '' });
      streams.push(resumed);
      const events = [
        await resumed.next((e) => e.event === 'removed' || e.event === 'update'),
        await resumed.next((e) => e.event === 'update'),
      ];
      assert.equal(events[0]?.event, 'removed');
      assert.match(JSON.parse(events[1]!.data).html, /After the break\./);

      const notLive = await publishedArticle(db.store, { authorIds: [reporter.user.id] });
      assert.equal((await get(`/api/v1/articles/${notLive.id}/updates/live`)).status, 404);
      assert.equal((await get(`/api/v1/articles/${notLive.id}/updates`)).status, 404);
    });

    test('feeds carry the updates as items; the news sitemap lists the running live page', async () => {
      const section = `livefeed${++serial}`;
      const a = await publishedArticle(db.store, {
        headline: 'Count night',
        sectionSlug: section,
        authorIds: [reporter.user.id],
        // Published days ago: only running coverage keeps it in the news sitemap.
        publishedAt: new Date(Date.now() - 5 * 86_400_000).toISOString(),
      });
      assert.equal((await post(`${desk(a)}/start`, reporter)).status, 303);
      await postUpdate(a, reporter, { title: 'Polls close', body: 'Polls have closed.' });
      await postUpdate(a, editor, { body: 'Turnout is **high**.' });
      await postUpdate(a, editor, { body: 'A mistake.' });
      const [mistake, turnout, polls] = await updates(a);
      assert.ok(mistake && turnout && polls);
      await post(`${desk(a)}/updates/${mistake.id}/remove`, editor, { note: 'Wrong' });
      const parser = new XMLParser({
        ignoreAttributes: false,
        isArray: (n) => n === 'item' || n === 'entry',
      });

      const rssRes = await get(`/${section}/feed.xml`);
      assert.equal(rssRes.status, 200);
      const rss = parser.parse(await rssRes.text());
      const items = rss.rss.channel.item as Json[];
      // The article, then its shown updates newest first; the removed one is not there.
      assert.equal(items.length, 3);
      assert.equal(items[0]!.title, 'Count night');
      assert.equal(items[2]!.title, 'Count night: Polls close');
      assert.match(items[1]!.title, /^Count night: Update: /);
      const base = 'http://broadsheet.test';
      assert.equal(items[1]!.link, `${base}${articlePath(a)}/updates/${turnout.id}`);
      assert.equal(items[2]!.link, `${base}${articlePath(a)}/updates/${polls.id}`);
      assert.match(items[1]!.guid['#text'], new RegExp(`:live-update/${turnout.id}$`));
      assert.equal(items[1]!.description, 'Turnout is high.');
      assert.equal(items[2]!['dc:creator'], 'Rita Reporter');
      assert.ok(!JSON.stringify(items).includes('A mistake'), 'the removed update is left out');

      const atom = parser.parse(await (await get(`/${section}/atom.xml`)).text());
      const entries = atom.feed.entry as Json[];
      assert.equal(entries.length, 3);
      assert.match(entries[2]!.id, new RegExp(`:live-update/${polls.id}$`));
      assert.equal(entries[2]!.link['@_href'], `${base}${articlePath(a)}/updates/${polls.id}`);

      const news = async () =>
        (await (await get('/news-sitemap.xml')).text()).includes(`${base}${articlePath(a)}<`);
      assert.ok(await news(), 'a running live page is in the news sitemap');
      assert.equal((await post(`${desk(a)}/end`, reporter)).status, 303);
      assert.ok(!(await news()), 'ended, an old live page leaves it');
      // Ended coverage keeps its updates in the feeds.
      const after = parser.parse(await (await get(`/${section}/feed.xml`)).text());
      assert.equal((after.rss.channel.item as Json[]).length, 3);
    });

    test('the print view gives every update, oldest first, with its time', async () => {
      const a = await liveArticle();
      for (let i = 1; i <= 23; i++) {
        await app.services.live.post(reporter.user, a.id, { body: `Print update number ${i}.` });
        await new Promise((r) => setTimeout(r, 2));
      }
      const whole = await (await get(`${articlePath(a)}/print`)).text();
      // The updates part (the JSON-LD in the head has them too).
      const page = whole.slice(whole.indexOf('data-live-updates'));
      const shown = [...page.matchAll(/Print update number (\d+)\./g)].map((m) => Number(m[1]));
      assert.deepEqual(
        shown,
        Array.from({ length: 23 }, (_, i) => i + 1),
        'all of them, not only the first page of 20, in the order posted',
      );
      assert.equal(page.match(/class="live-update__time"/g)?.length, 23, 'each with its time');
      assert.ok(!page.includes('live_cursor='), 'no link to another page');
      // The reader's page still pages them.
      const readerPage = await (await get(articlePath(a))).text();
      const reader = readerPage.slice(readerPage.indexOf('data-live-updates'));
      assert.equal([...reader.matchAll(/Print update number \d+\./g)].length, 20);
    });

    test('images and related headlines placed in updates are drawn wherever updates are', async () => {
      const image = await app.services.images.upload(reporter.user, {
        bytes: await jpeg(640, 400),
        name: 'count.jpg',
        details: { alt: 'Ballot boxes on the town hall floor', caption: 'The count begins' },
      });
      const target = await publishedArticle(db.store, {
        headline: `Turnout explained ${++serial}`,
        slug: `turnout-explained-${serial}`,
      });
      const section = `liveplaced${++serial}`;
      const a = await publishedArticle(db.store, {
        headline: 'Placement night',
        sectionSlug: section,
        authorIds: [reporter.user.id],
      });
      assert.equal((await post(`${desk(a)}/start`, reporter)).status, 303);
      const body = [
        'The count is under way.',
        `[[image:${image.id}]]`,
        `[[related:${target.slug}]]`,
        '[[related:no-such-story]]',
        'More soon.',
      ].join('\n\n');
      const figure = new RegExp(
        `<figure>[\\s\\S]*?<img [^>]*alt="Ballot boxes on the town hall floor"[\\s\\S]*?The count begins`,
      );
      const related = new RegExp(
        `<aside class="inline-related"[\\s\\S]*?href="${articlePath(target)}">${target.headline}</a>`,
      );

      // The posting screen's preview draws them, and names the placement that is missing.
      const preview = await (
        await post(`${desk(a)}/updates`, reporter, { action: 'preview', body })
      ).text();
      const previewPart = preview.slice(preview.indexOf('live-desk__preview'));
      assert.match(previewPart, figure);
      assert.match(previewPart, related);
      assert.match(previewPart, /no-such-story/, 'the preview says what is missing');

      // The live stream (on PostgreSQL from the other server) sends the update's HTML with them.
      const readerServer = database.name === 'postgres' ? other : app;
      const stream = await openSse(`${readerServer.url}/api/v1/articles/${a.id}/updates/live`);
      streams.push(stream);
      await stream.comment('live');
      await postUpdate(a, reporter, { title: 'Counting', body });
      const event = JSON.parse((await stream.next((e) => e.event === 'update')).data);
      assert.match(event.html, figure);
      assert.match(event.html, related);
      assert.doesNotMatch(event.html, /no-such-story/);
      const [u] = await updates(a);
      assert.ok(u);

      // The page, the permalink page and the print view.
      const livePart = (page: string) => page.slice(page.indexOf('data-live-updates'));
      const page = await (await get(articlePath(a))).text();
      for (const [what, text] of [
        ['page', livePart(page)],
        ['permalink', await (await get(`${articlePath(a)}/updates/${u.id}`)).text()],
        ['print', livePart(await (await get(`${articlePath(a)}/print`)).text())],
      ] as const) {
        const update = /<div class="live-update__body">[\s\S]*?More soon\./.exec(text)?.[0] ?? '';
        assert.match(update, figure, what);
        assert.match(update, related, what);
        assert.doesNotMatch(update, /\[\[|no-such-story/, what);
      }

      // Structured data: the text without placement lines, the image at an absolute address.
      const blog = jsonLd(page).find((d) => d['@type'] === 'LiveBlogPosting');
      const [entry] = blog.liveBlogUpdate;
      assert.equal(entry.articleBody, 'The count is under way. More soon.');
      const fallback = image.variants.find((v) => v.purpose === 'fallback');
      assert.ok(fallback);
      assert.match(entry.image[0].url, new RegExp(`^http://broadsheet\\.test/.*${fallback.file}$`));

      // A full-text feed carries the image as an absolute address; the marks never show.
      await db.store.settings.set('feeds.fullText', 'true');
      try {
        const xml = await (await get(`/${section}/feed.xml`)).text();
        const item = new XMLParser({ isArray: (n) => n === 'item' })
          .parse(xml)
          .rss.channel.item.find((i: Json) => i.title === 'Placement night: Counting');
        assert.ok(item, xml);
        assert.match(
          item['content:encoded'],
          new RegExp(`<img src="http://broadsheet\\.test/[^"]*${fallback.file}"`),
        );
        assert.doesNotMatch(item['content:encoded'] + item.description, /\[\[/);
      } finally {
        await db.store.settings.set('feeds.fullText', 'false');
      }

      // The cached page is dropped when a headline it places changes.
      assert.equal((await get(articlePath(a))).headers.get('x-cache'), 'hit');
      app.services.changes.publish({ kind: 'article', articleId: target.id });
      await new Promise((r) => setTimeout(r, 50));
      assert.notEqual((await get(articlePath(a))).headers.get('x-cache'), 'hit');

      // And when the text of an image an update places changes: the page shows the new text.
      assert.equal((await get(articlePath(a))).headers.get('x-cache'), 'hit');
      await app.services.images.updateDetails(editor.user, image.id, {
        alt: 'Counters at long tables',
        decorative: false,
        caption: 'The count goes on',
        credit: '',
      });
      await new Promise((r) => setTimeout(r, 50));
      const redrawn = livePart(await (await get(articlePath(a))).text());
      assert.match(redrawn, /alt="Counters at long tables"[\s\S]*?The count goes on/);
      assert.doesNotMatch(redrawn, /Ballot boxes on the town hall floor/);
    });

    test('who is posting now: each screen says it is open, across servers', async () => {
      const a = await liveArticle();
      const third = await person('editor', 'Cleo Copy');
      // On PostgreSQL the editor's screen is on the other server.
      const editorServer = database.name === 'postgres' ? other : app;
      const beat = async (who: Person, body: object, on: RunningApp = app) => {
        const res = await fetch(`${on.url}${desk(a)}/presence`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            origin: 'http://broadsheet.test',
            cookie: who.cookie,
          },
          body: JSON.stringify(body),
        });
        const text = await res.text();
        return { status: res.status, body: res.ok ? (JSON.parse(text) as Json) : text };
      };
      const line = (page: string) =>
        /<p\s+role="status"\s+data-live-presence="[^"]+"[^>]*>([^<]*)<\/p>/
          .exec(page)?.[1]
          ?.replace(/\s+/g, ' ')
          .trim();

      // Opening the screen counts as being on it.
      assert.equal(
        line(await (await get(desk(a), reporter)).text()),
        'No one else is on this screen.',
      );
      const typing = await beat(editor, { writing: true }, editorServer);
      assert.equal(typing.status, 200, JSON.stringify(typing.body));
      assert.equal(typing.body.text, 'Rita Reporter is here');
      assert.deepEqual(typing.body.people, [{ name: 'Rita Reporter', writing: false }]);
      assert.equal(
        (await beat(reporter, { writing: false })).body.text,
        'Eddie Editor is here · Eddie Editor is writing…',
      );
      assert.equal(
        line(await (await get(desk(a), third)).text()),
        'Rita Reporter and Eddie Editor are here · Eddie Editor is writing…',
      );
      // Done typing, then gone: the others see it at their next beat.
      await beat(editor, { writing: false }, editorServer);
      assert.equal(
        (await beat(reporter, { writing: false })).body.text,
        'Eddie Editor and Cleo Copy are here',
      );
      await beat(editor, { writing: false, leaving: true }, editorServer);
      assert.equal((await beat(reporter, { writing: false })).body.text, 'Cleo Copy is here');

      // Only the article's newsroom; never from another site's page.
      const stranger = await person('author');
      assert.equal((await beat(stranger, { writing: true })).status, 403);
      const crossSite = await fetch(`${app.url}${desk(a)}/presence`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          origin: 'http://evil.test',
          cookie: editor.cookie,
        },
        body: JSON.stringify({ writing: true }),
      });
      assert.equal(crossSite.status, 403);
      assert.equal((await beat(reporter, { writing: false })).body.text, 'Cleo Copy is here');
    });

    test('an editor sends an update as an alert, once', async () => {
      const a = await liveArticle();
      assert.doesNotMatch(await (await get(desk(a), reporter)).text(), /id="update-alert"/);
      assert.match(await (await get(desk(a), editor)).text(), /id="update-alert"/);
      // An author may not: refused before anything is posted.
      const refused = await post(`${desk(a)}/updates`, reporter, {
        action: 'post',
        body: 'Not an alert.',
        alert: 'on',
      });
      assert.equal(refused.status, 403);
      assert.deepEqual(await updates(a), []);

      const sent = await post(`${desk(a)}/updates`, editor, {
        action: 'post',
        title: 'Recount ordered',
        body: 'A recount is ordered in **Southtown**.',
        alert: 'on',
      });
      assert.equal(sent.status, 303);
      assert.equal(sent.headers.get('location'), `${desk(a)}?done=alerted`);
      await postUpdate(a, editor, { body: 'No alert for this one.' });
      const [plain, alerted] = await updates(a);
      assert.ok(plain && alerted);
      const issue = await db.store.newsletters.issueByKey(`alert:update:${alerted.id}`);
      assert.ok(issue, 'the alert is made');
      assert.equal(issue.kind, 'alert');
      assert.equal(issue.status, 'queued', 'the article is published: it goes at once');
      assert.equal(issue.subject, `${a.headline}: Recount ordered`);
      assert.equal(issue.intro, 'A recount is ordered in Southtown.');
      assert.deepEqual(issue.articleIds, [a.id]);
      assert.equal(await db.store.newsletters.issueByKey(`alert:update:${plain.id}`), null);
      // Asked again (a retry, a second click): the same alert, nothing added.
      const again = await app.services.newsletterDesk.requestUpdateAlert(editor.user, a, alerted);
      assert.equal(again.id, issue.id);
    });

    test('author pages, topic pages and search results carry the LIVE label while it runs', async () => {
      const writer = await person('author', 'Lena Livewriter');
      const topic = `livetopic${++serial}`;
      const a = await publishedArticle(db.store, {
        headline: `Quokkaville count ${serial}`,
        authorIds: [writer.user.id],
        tags: [{ slug: topic, name: 'Count' }],
      });
      const card = (page: string) =>
        page.split('<li class="story').find((c) => c.includes(`href="${articlePath(a)}"`)) ?? '';
      const label = /<span class="live-label">LIVE<\/span>/;
      const pages = [`/author/${writer.user.slug}`, `/tag/${topic}`, '/search?q=Quokkaville'];
      for (const p of pages) {
        const card0 = card(await (await get(p)).text());
        assert.ok(card0 !== '', `${p} lists the story`);
        assert.doesNotMatch(card0, label, `${p}: not live yet`);
      }
      assert.equal((await post(`${desk(a)}/start`, writer)).status, 303);
      for (const p of pages) assert.match(card(await (await get(p)).text()), label, p);
      assert.equal((await post(`${desk(a)}/end`, writer)).status, 303);
      for (const p of pages) assert.doesNotMatch(card(await (await get(p)).text()), label, p);
    });
  });
}
