/**
 * The reader lane (decision 0092): signed-in readers' article pages answered before routing from
 * the cached shell, with their marks kept per shell and reader. Readers interleaved under
 * concurrency get only their own name, token and controls; their own just-posted comment
 * (published or held) is on the next request; a session ended here or in another process is not
 * served; a reaction or a report shows on the next request, also when made through another
 * process; an editable comment's Edit goes when its window ends, with nothing announced.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { articlePath, type Article } from '../src/domain/article.js';
import type { Change } from '../src/services/changes.js';
import type { User } from '../src/domain/user.js';
import { marksOf } from '../src/http/reader-lane.js';
import { databases, type OpenedStore } from './helpers/databases.js';
import { startApp, type RunningApp } from './helpers/app.js';
import { postForm } from './helpers/http.js';
import {
  publishedArticle,
  signedInPerson,
  storedComment,
  storedPerson,
  type Person,
} from './helpers/fixtures.js';

for (const database of databases()) {
  describe(`the reader lane on ${database.name}`, () => {
    let db: OpenedStore;
    /** Two processes on one database: `other` announces its changes to `app` (as a channel). */
    let app: RunningApp;
    let other: RunningApp;
    let writer: User;
    let ana: Person;
    let ben: Person;
    let mod: Person;

    const limits = {
      commentPostsPerPerson: { max: 10_000, windowMs: 60_000 },
      commentPostsPerAddress: { max: 10_000, windowMs: 60_000 },
    };

    const get = async (path: string, who: Person | null = null, on = app) => {
      const res = await fetch(on.url + path, { headers: who ? { cookie: who.cookie } : {} });
      assert.equal(res.status, 200, `${path} for ${who?.user.name ?? 'anonymous'}`);
      return res.text();
    };

    const formPost = (path: string, fields: Record<string, string>, who: Person, on = app) =>
      postForm(on.url + path, fields, who);

    /** Resolves when `app` has heard a change matching `match` (from any process). */
    const heard = (match: (c: Change) => boolean) =>
      new Promise<void>((resolve) => {
        const stop = app.services.changes.subscribe((c) => {
          if (!match(c)) return;
          stop();
          resolve();
        });
      });

    /** An article with comments by someone else, one by Ana and one by Ben. */
    const discussed = async (): Promise<{
      a: Article;
      others: string[];
      anas: string;
      bens: string;
    }> => {
      const a = await publishedArticle(db.store, { authorIds: [writer.id] });
      const olga = await storedPerson(db.store, { name: 'Olga Other' });
      const others: string[] = [];
      for (let i = 0; i < 6; i++) {
        const c = await storedComment(db.store, {
          articleId: a.id,
          authorId: olga.id,
          body: `Other's comment ${i}`,
        });
        others.push(c.id);
      }
      const anas = (
        await storedComment(db.store, { articleId: a.id, authorId: ana.user.id, body: 'Ana' })
      ).id;
      const bens = (
        await storedComment(db.store, { articleId: a.id, authorId: ben.user.id, body: 'Ben' })
      ).id;
      // Stored without announcements: start from cold caches.
      app.pageCache.clear();
      other.pageCache.clear();
      return { a, others, anas, bens };
    };

    const pressed = (text: string) =>
      [
        ...text.matchAll(
          /formaction="\/comments\/([^/]+)\/reactions"[\s\S]*?aria-pressed="(true|false)"/g,
        ),
      ]
        .filter((m) => m[2] === 'true')
        .map((m) => m[1]);
    const tokens = (text: string) =>
      new Set([...text.matchAll(/name="_csrf" value="([^"]*)"/g)].map((m) => m[1]));
    const edits = (text: string) =>
      [...text.matchAll(/href="\/comments\/([^/]+)\/edit"/g)].map((m) => m[1]);

    before(async () => {
      db = await database.open();
      app = await startApp(db, {}, limits);
      other = await startApp(db, {}, limits);
      // SQLite has no channel between processes in tests: `other`'s changes are relayed to `app`
      // (the cluster primary does this between workers). PostgreSQL's LISTEN/NOTIFY carries them.
      if (database.name === 'sqlite') {
        other.services.changes.subscribe((c) => app.services.changes.publish(c));
      }
      writer = await storedPerson(db.store, { role: 'author' });
      ana = await signedInPerson(db.store, app, { slug: 'ana', name: 'Ana Reader' });
      ben = await signedInPerson(db.store, app, { slug: 'ben', name: 'Ben Reader' });
      mod = await signedInPerson(db.store, app, {
        slug: 'mona',
        name: 'Mona Moderator',
        role: 'moderator',
      });
    });

    after(async () => {
      await other?.close();
      await app?.close();
      await db?.dispose();
    });

    test('readers interleaved under concurrency never see each other’s name, token or controls', async () => {
      const { a, others, anas, bens } = await discussed();
      const path = articlePath(a);
      await db.store.comments.react({
        commentId: others[0]!,
        userId: ana.user.id,
        on: true,
        at: new Date().toISOString(),
      });
      app.pageCache.clear();
      // The first signed-in page is the route's; the lane answers the URL after it.
      const first = { ana: await get(path, ana), ben: await get(path, ben) };
      const answered = app.readers.counts.answered;
      const marks = marksOf(app.services.changes);
      const read = marks.counts.read;
      for (let round = 0; round < 3; round++) {
        const who = Array.from({ length: 45 }, (_, i) => [ana, ben, null][i % 3] ?? null);
        const pages = await Promise.all(who.map((w) => get(path, w)));
        pages.forEach((text, i) => {
          const w = who[i];
          if (w === ana) assert.equal(text, first.ana, `Ana's page ${i}, round ${round}`);
          else if (w === ben) assert.equal(text, first.ben, `Ben's page ${i}, round ${round}`);
          else assert.ok(!text.includes('account-nav__name') && tokens(text).size === 0);
        });
      }
      // Every signed-in page of the rounds came through the lane, their marks read no more.
      assert.equal(app.readers.counts.answered - answered, 90);
      assert.equal(marks.counts.read, read);
      assert.match(first.ana, /class="account-nav__name">Ana Reader</);
      assert.match(first.ben, /class="account-nav__name">Ben Reader</);
      assert.ok(!first.ana.includes('account-nav__name">Ben') && !first.ana.includes(ben.csrf));
      assert.ok(!first.ben.includes('account-nav__name">Ana') && !first.ben.includes(ana.csrf));
      assert.deepEqual(tokens(first.ana), new Set([ana.csrf]));
      assert.deepEqual(tokens(first.ben), new Set([ben.csrf]));
      assert.deepEqual(edits(first.ana), [anas]);
      assert.deepEqual(edits(first.ben), [bens]);
      assert.deepEqual(pressed(first.ana), [others[0]]);
      assert.deepEqual(pressed(first.ben), []);
    });

    test('the lane’s answer has the route’s headers, and leaves what it is not sure of to the route', async () => {
      const { a } = await discussed();
      const path = articlePath(a);
      await get(path, ana);
      const answered = app.readers.counts.answered;
      const res = await fetch(app.url + path, {
        headers: { cookie: ana.cookie, 'accept-encoding': 'gzip' },
      });
      assert.equal(app.readers.counts.answered - answered, 1);
      assert.equal(res.headers.get('content-encoding'), 'gzip');
      assert.equal(res.headers.get('content-type'), 'text/html; charset=utf-8');
      assert.equal(res.headers.get('cache-control'), 'private, no-store');
      assert.equal(res.headers.get('vary'), 'Accept-Encoding');
      assert.equal(res.headers.get('x-frame-options'), 'DENY');
      assert.match(String(res.headers.get('content-security-policy')), /default-src 'self'/);
      assert.equal(res.headers.get('etag'), null);
      assert.equal(res.headers.get('x-cache'), null);
      await res.text();
      // A notice or form for this reader, no gzip, a moderator, a print view: the route's.
      await get(`${path}?reply=nothing`, ana);
      await get(`${path}?reported=nothing`, ana);
      await get(path, mod);
      await get(path, mod);
      await get(`${path}/print`, ana);
      const plain = await fetch(app.url + path, {
        headers: { cookie: ana.cookie, 'accept-encoding': 'identity' },
      });
      assert.equal(plain.headers.get('content-encoding'), null);
      await plain.text();
      assert.equal(app.readers.counts.answered - answered, 1);
      // The route's metric series counted the lane's answer.
      const metrics = await (await fetch(`${app.url}/metrics`)).text();
      assert.match(
        metrics,
        /broadsheet_http_requests_total\{method="GET",route="\/:section\/:yyyy\/:mm\/:dd\/:slug",status="200"\} \d+/,
      );
    });

    test('a notice or form named with percent-encoding is the route’s, every time', async () => {
      const { a, others } = await discussed();
      const path = articlePath(a);
      const plain = await get(path, ana);
      assert.equal(await get(path, ana), plain);
      const answered = app.readers.counts.answered;
      for (const name of ['%72eply', '%72eport', '%72eported', 'rep%6Cy']) {
        const url = `${path}?${name}=${others[0]}`;
        const first = await get(url, ana);
        assert.notEqual(first, plain, `${name} shows its form or notice`);
        assert.equal(await get(url, ana), first, `${name} again`);
        assert.equal(app.pageCache.getByUrl(url), undefined, `${name} not remembered`);
      }
      assert.match(await get(`${path}?%72eply=${others[0]}`, ana), /name="parentId"/);
      assert.equal(app.readers.counts.answered, answered);
    });

    test('the route remembers a URL for the lane only when the lane could answer it', async () => {
      const { a, others } = await discussed();
      const path = articlePath(a);
      for (const [url, who] of [
        [`${path}?reply=${others[0]}`, ana],
        [`${path}?report=${others[0]}`, ana],
        [`${path}?reported=${others[0]}`, ana],
        [`${path}?moderated=thread`, mod],
        [`${path}?comments_sort=newest`, mod],
      ] as const) {
        await get(url, who);
        assert.equal(app.pageCache.getByUrl(url), undefined, `${url} for ${who.user.name}`);
      }
      await get(`${path}?comments_sort=newest`, ana);
      assert.ok(app.pageCache.getByUrl(`${path}?comments_sort=newest`), 'a reader’s is');
    });

    test('a session is resolved once per request, also when the lane hands it to the route', async () => {
      const { a } = await discussed();
      const path = articlePath(a);
      await get(path, ana);
      const sessions = app.services.sessions;
      const resolve = sessions.resolve.bind(sessions);
      let resolved = 0;
      sessions.resolve = (...args) => {
        resolved++;
        return resolve(...args);
      };
      try {
        for (const [who, cookie] of [
          ['Ana', ana.cookie],
          ['a moderator', mod.cookie],
          ['a forged cookie', ana.cookie.replace(/=.*/, '=forged')],
        ] as const) {
          resolved = 0;
          const res = await fetch(app.url + path, { headers: { cookie } });
          assert.equal(res.status, 200);
          await res.text();
          assert.equal(resolved, 1, who);
        }
      } finally {
        sessions.resolve = resolve;
      }
    });

    test('an error after the lane’s answer is written leaves the answer whole', async () => {
      const { a } = await discussed();
      const path = articlePath(a);
      const page = await get(path, ana);
      const views = app.services.views;
      const count = views.count.bind(views);
      views.count = () => {
        throw new Error('counting failed');
      };
      // The connection is kept alive for the next request (not destroyed after the answer).
      let connections = 0;
      const connected = () => connections++;
      app.server.server.on('connection', connected);
      try {
        const answered = app.readers.counts.answered;
        for (let i = 0; i < 5; i++) assert.equal(await get(path, ana), page);
        assert.equal(app.readers.counts.answered - answered, 5);
        assert.ok(connections <= 1, `${connections} connections for 5 requests`);
      } finally {
        views.count = count;
        app.server.server.off('connection', connected);
      }
    });

    test('a reader’s kept marks are charged to the page cache’s budget', async () => {
      const { a } = await discussed();
      const path = articlePath(a);
      await get(path, ana);
      await get(path, ana);
      const before = app.pageCache.stats().bytes;
      const readers = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          signedInPerson(db.store, app, { name: `Reader ${i}` }),
        ),
      );
      for (const r of readers) await get(path, r);
      const grown = app.pageCache.stats().bytes - before;
      assert.ok(grown >= 20 * 1024, `grew by ${grown} bytes for 20 readers`);
      // Read again: charged nothing more.
      for (const r of readers.slice(0, 5)) await get(path, r);
      assert.equal(app.pageCache.stats().bytes - before, grown);
    });

    test('the lane counts a reader’s view as the route does, and a staff member’s not', async () => {
      const { a } = await discussed();
      const path = articlePath(a);
      const author = await signedInPerson(db.store, app, { role: 'author', name: 'Aude Author' });
      const views = app.services.views;
      const counted: string[] = [];
      const count = views.count.bind(views);
      views.count = (page, request) => {
        counted.push(`${page.kind}:${page.subject}`);
        count(page, request);
      };
      try {
        await get(path, ana);
        await get(path, author);
        const answered = app.readers.counts.answered;
        await get(path, ana);
        await get(path, author);
        assert.equal(app.readers.counts.answered - answered, 2);
        assert.deepEqual(counted, [`article:${a.id}`, `article:${a.id}`]);
      } finally {
        views.count = count;
      }
    });

    test('a reader sees their own just-posted comment on the next request, published and held', async () => {
      const { a } = await discussed();
      const path = articlePath(a);
      await get(path, ana);
      await get(path, ana);
      for (let i = 0; i < 3; i++) {
        const res = await formPost(`${path}/comments`, { body: `Straight away ${i}` }, ana);
        assert.equal(res.status, 303);
        const [mine, theirs] = await Promise.all([get(path, ana), get(path, ben)]);
        assert.ok(mine.includes(`Straight away ${i}`), `Ana sees comment ${i}`);
        assert.ok(theirs.includes(`Straight away ${i}`), `Ben sees comment ${i}`);
        assert.equal(edits(mine).length, i + 2, 'Ana may edit each of her comments');
        assert.equal(edits(theirs).length, 1);
        // And again through the lane.
        assert.equal(await get(path, ana), mine);
      }
      const held = await formPost(
        '/admin/moderation/thread',
        { articleId: a.id, mode: 'premoderated' },
        mod,
      );
      assert.ok(held.status < 400, `thread settings saved (${held.status})`);
      await get(path, ana);
      await get(path, ana);
      const res = await formPost(`${path}/comments`, { body: 'Awaiting a look' }, ana);
      assert.equal(res.status, 303);
      const answered = app.readers.counts.answered;
      const mine = await get(path, ana);
      assert.match(mine, /class="own-comments"[\s\S]*Awaiting a look/);
      assert.ok(!(await get(path, ben)).includes('Awaiting a look'));
      assert.ok(!(await get(path)).includes('Awaiting a look'));
      assert.equal(await get(path, ana), mine);
      assert.ok(app.readers.counts.answered > answered, 'the lane answered her again');
    });

    test('a session ended here or in another process is not served', async () => {
      const { a } = await discussed();
      const path = articlePath(a);
      for (const where of ['here', 'elsewhere'] as const) {
        const leaving = await signedInPerson(db.store, app, { name: `Leo ${where}` });
        for (let i = 0; i < 3; i++) {
          const [mine, theirs] = await Promise.all([get(path, leaving), get(path, ana)]);
          assert.match(mine, new RegExp(`class="account-nav__name">Leo ${where}<`));
          assert.ok(!theirs.includes(leaving.csrf));
        }
        const answered = app.readers.counts.answered;
        assert.equal(await get(path, leaving), await get(path, leaving));
        assert.equal(app.readers.counts.answered - answered, 2, 'the lane was answering');
        const ended = heard((c) => c.kind === 'sessions');
        const out = await formPost('/signout', {}, leaving, where === 'here' ? app : other);
        assert.equal(out.status, 303);
        await ended;
        const after = await get(path, leaving);
        assert.ok(!after.includes(`Leo ${where}<`) && !after.includes(leaving.csrf), where);
        assert.ok(!after.includes('account-nav__name'), where);
      }
    });

    test('a reaction and a report show on the next request, made here or through another process', async () => {
      const { a, others } = await discussed();
      const path = articlePath(a);
      await get(path, ana);
      await get(path, ana);
      await get(path, ana, other);
      await get(path, ana, other);
      for (const [i, via] of [
        [0, app],
        [1, other],
      ] as const) {
        const like = heard((c) => c.kind === 'comment' && c.action === 'reacted');
        const liked = await formPost(
          `/comments/${others[i]}/reactions`,
          { on: '1', return: path },
          ana,
          via,
        );
        assert.equal(liked.status, 303);
        await like;
        const page = await get(path, ana);
        assert.ok(pressed(page).includes(others[i]), `liked through ${i ? 'another' : 'this'}`);
        assert.equal(await get(path, ana), page);
        assert.ok(!pressed(await get(path, ben)).includes(others[i]));
      }
      for (const [i, via] of [
        [2, app],
        [3, other],
      ] as const) {
        assert.ok((await get(path, ana)).includes(`report=${others[i]}#`));
        const report = heard(
          (c) => (c.kind === 'queue' || c.kind === 'comment') && c.commentId === others[i],
        );
        const sent = await formPost(
          `/comments/${others[i]}/reports`,
          { reason: 'spam', text: '' },
          ana,
          via,
        );
        assert.equal(sent.status, 303);
        await report;
        const page = await get(path, ana);
        assert.ok(!page.includes(`report=${others[i]}#`), `reported through ${i}`);
        assert.ok((await get(path, ben)).includes(`report=${others[i]}#`));
      }
    });

    test('Edit goes from a comment when its window ends, with nothing announced', async () => {
      const a = await publishedArticle(db.store, { authorIds: [writer.id] });
      const path = articlePath(a);
      await db.store.settings.set('comments.editWindowMinutes', '1');
      try {
        const ends = Date.now() + 1500;
        const c = await storedComment(db.store, {
          articleId: a.id,
          authorId: ana.user.id,
          body: 'Almost too late to edit',
          createdAt: new Date(ends - 60_000).toISOString(),
        });
        app.pageCache.clear();
        app.services.changes.publish({ kind: 'site' });
        assert.deepEqual(edits(await get(path, ana)), [c.id]);
        const answered = app.readers.counts.answered;
        assert.deepEqual(edits(await get(path, ana)), [c.id]);
        assert.equal(app.readers.counts.answered - answered, 1);
        await new Promise((r) => setTimeout(r, Math.max(0, ends - Date.now()) + 100));
        assert.deepEqual(edits(await get(path, ana)), []);
        assert.equal(app.readers.counts.answered - answered, 2);
      } finally {
        await db.store.settings.set('comments.editWindowMinutes', '15');
        app.services.changes.publish({ kind: 'site' });
      }
    });
  });
}
