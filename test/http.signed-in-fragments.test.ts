/**
 * Signed-in readers' article pages filled in from the one shared drawing (issue 19, decision
 * 0052): through the whole app, readers interleaved under concurrency never see each other's
 * name, token or controls; a reader sees their own comment at once; a moderator sees the thread's
 * settings and a reader does not; anonymous pages stay the same bytes; a page missed by many at
 * once is drawn once.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { articlePath, type Article } from '../src/domain/article.js';
import type { User } from '../src/domain/user.js';
import { shellsOf } from '../src/http/fragments.js';
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
  describe(`signed-in pages from the shared drawing on ${database.name}`, () => {
    let db: OpenedStore;
    let app: RunningApp;
    let writer: User;
    let ana: Person;
    let ben: Person;
    let mod: Person;

    const get = async (path: string, who: Person | null = null) => {
      const res = await fetch(app.url + path, { headers: who ? { cookie: who.cookie } : {} });
      assert.equal(res.status, 200, `${path} for ${who?.user.name ?? 'anonymous'}`);
      return { res, text: await res.text() };
    };

    const formPost = (path: string, fields: Record<string, string>, who: Person) =>
      postForm(app.url + path, fields, who);

    /** An article with comments by Ana, Ben and someone else; Ana liked one, Ben reported one. */
    const discussed = async (): Promise<{
      a: Article;
      others: string[];
      anas: string;
      bens: string;
    }> => {
      const a = await publishedArticle(db.store, { authorIds: [writer.id] });
      const other = await storedPerson(db.store, { name: 'Olga Other' });
      const others: string[] = [];
      for (let i = 0; i < 6; i++) {
        const c = await storedComment(db.store, {
          articleId: a.id,
          authorId: other.id,
          body: `Other's comment ${i}`,
        });
        others.push(c.id);
      }
      const anas = (
        await storedComment(db.store, {
          articleId: a.id,
          authorId: ana.user.id,
          body: "Ana's word",
        })
      ).id;
      const bens = (
        await storedComment(db.store, {
          articleId: a.id,
          authorId: ben.user.id,
          body: "Ben's word",
        })
      ).id;
      await db.store.comments.react({
        commentId: others[0]!,
        userId: ana.user.id,
        on: true,
        at: new Date().toISOString(),
      });
      await db.store.moderation.addReport({
        commentId: others[1]!,
        reporterId: ben.user.id,
        reason: 'spam',
        text: '',
        createdAt: new Date().toISOString(),
      });
      // The stored comments were not announced: start from a cold cache.
      app.pageCache.clear();
      return { a, others, anas, bens };
    };

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
      ana = await signedInPerson(db.store, app, { slug: 'ana', name: 'Ana Reader' });
      ben = await signedInPerson(db.store, app, { slug: 'ben', name: 'Ben Reader' });
      mod = await signedInPerson(db.store, app, {
        slug: 'mona',
        name: 'Mona Moderator',
        role: 'moderator',
      });
    });

    after(async () => {
      await app?.close();
      await db?.dispose();
    });

    test('readers interleaved under concurrency never see each other’s name, token or controls', async () => {
      const { a, others, anas, bens } = await discussed();
      const path = articlePath(a);
      const drawnBefore = shellsOf(app.pageCache).counts.drawn;
      // Forty requests at once from a cold cache, Ana's and Ben's interleaved with anonymous ones.
      const who = Array.from({ length: 40 }, (_, i) => [ana, ben, null][i % 3] ?? null);
      const pages = await Promise.all(who.map((w) => get(path, w)));
      // One drawing served them all.
      assert.equal(shellsOf(app.pageCache).counts.drawn - drawnBefore, 1);
      const byReader = new Map<string, Set<string>>();
      pages.forEach(({ text }, i) => {
        const name = who[i]?.user.name ?? 'anonymous';
        const seen = byReader.get(name) ?? new Set();
        byReader.set(name, seen.add(text));
      });
      // Each reader got one page, the same every time.
      for (const [name, seen] of byReader) assert.equal(seen.size, 1, name);
      const page = (p: Person | null) =>
        [...(byReader.get(p?.user.name ?? 'anonymous') ?? [])][0] ?? '';
      const anaPage = page(ana);
      const benPage = page(ben);
      const anonymous = page(null);

      // The masthead names the reader, and every form carries their token alone.
      assert.match(anaPage, /class="account-nav__name">Ana Reader</);
      assert.match(benPage, /class="account-nav__name">Ben Reader</);
      assert.ok(!anaPage.includes('account-nav__name">Ben') && !anaPage.includes(ben.csrf));
      assert.ok(!benPage.includes('account-nav__name">Ana') && !benPage.includes(ana.csrf));
      const tokens = (text: string) =>
        new Set([...text.matchAll(/name="_csrf" value="([^"]*)"/g)].map((m) => m[1]));
      assert.deepEqual(tokens(anaPage), new Set([ana.csrf]));
      assert.deepEqual(tokens(benPage), new Set([ben.csrf]));
      assert.deepEqual(tokens(anonymous), new Set());
      assert.ok(!anonymous.includes('account-nav__name') && !anonymous.includes('<textarea'));

      // Edit and Delete on one's own comment only; Like pressed only where one liked; Reported
      // only where one reported.
      assert.match(anaPage, new RegExp(`href="/comments/${anas}/edit"`));
      assert.ok(!anaPage.includes(`/comments/${bens}/edit`));
      assert.match(benPage, new RegExp(`href="/comments/${bens}/edit"`));
      assert.ok(!benPage.includes(`/comments/${anas}/edit`));
      const pressed = (text: string) =>
        [
          ...text.matchAll(
            /formaction="\/comments\/([^/]+)\/reactions"[\s\S]*?aria-pressed="(true|false)"/g,
          ),
        ]
          .filter((m) => m[2] === 'true')
          .map((m) => m[1]);
      assert.deepEqual(pressed(anaPage), [others[0]]);
      assert.deepEqual(pressed(benPage), []);
      // Report leads to the page with that comment's form open (decision 0084).
      assert.ok(!benPage.includes(`report=${others[1]}#`));
      assert.ok(anaPage.includes(`report=${others[1]}#`));
      assert.ok(!anaPage.includes(`report=${anas}#`));
      // Every comment button submits the one actions form, which holds the reader's token.
      assert.match(
        anaPage,
        new RegExp(
          `<form id="comment-actions" method="post" hidden>\\s*<input type="hidden" name="_csrf" value="${ana.csrf}"`,
        ),
      );
      assert.ok(!anonymous.includes('comment-actions'));
    });

    /** The raw answer to a GET with this Accept-Encoding (fetch would undo the encoding). */
    const raw = (path: string, who: Person, acceptEncoding: string) =>
      new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
        http
          .get(
            app.url + path,
            { headers: { cookie: who.cookie, 'accept-encoding': acceptEncoding } },
            (res) => {
              const parts: Buffer[] = [];
              res.on('data', (d: Buffer) => parts.push(d));
              res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(parts) }));
              res.on('error', reject);
            },
          )
          .on('error', reject);
      });

    test('a signed-in page spliced as gzip is the reader’s own page, readers interleaved (decision 0078)', async () => {
      const { a, anas, bens } = await discussed();
      const path = articlePath(a);
      // Cold, then warm: each reader's gzip, Brotli and plain answers, all at once.
      for (const round of [1, 2, 3]) {
        const asks = [ana, ben, ana, ben].flatMap((who) =>
          ['gzip', 'gzip, deflate, br, zstd', 'br', 'identity'].map((enc) => ({ who, enc })),
        );
        const answers = await Promise.all(asks.map(({ who, enc }) => raw(path, who, enc)));
        const plain = new Map<Person, string>();
        answers.forEach(({ headers, body }, i) => {
          const { who, enc } = asks[i]!;
          const what = `${who.user.name} ${enc} round ${round}`;
          assert.equal(headers['cache-control'], 'private, no-store', what);
          assert.match(String(headers.vary), /accept-encoding/i, what);
          // gzip whenever the client takes it (even beside br): spliced, not compressed anew.
          const expected = enc.includes('gzip') ? 'gzip' : enc === 'br' ? 'br' : undefined;
          assert.equal(headers['content-encoding'], expected, what);
          const text = (
            expected === 'gzip'
              ? gunzipSync(body)
              : expected === 'br'
                ? brotliDecompressSync(body)
                : body
          ).toString();
          const seen = plain.get(who);
          if (seen === undefined) plain.set(who, text);
          else assert.equal(text, seen, what);
        });
        const anaPage = plain.get(ana)!;
        const benPage = plain.get(ben)!;
        assert.ok(anaPage.includes(ana.csrf) && !anaPage.includes(ben.csrf));
        assert.ok(benPage.includes(ben.csrf) && !benPage.includes(ana.csrf));
        assert.match(anaPage, /class="account-nav__name">Ana Reader</);
        assert.ok(!anaPage.includes('account-nav__name">Ben'));
        assert.ok(
          anaPage.includes(`/comments/${anas}/edit`) && !anaPage.includes(`/comments/${bens}/edit`),
        );
        assert.ok(
          benPage.includes(`/comments/${bens}/edit`) && !benPage.includes(`/comments/${anas}/edit`),
        );
      }
    });

    test('a page filled in equals the page drawn for that reader from scratch', async () => {
      const { a } = await discussed();
      const path = articlePath(a);
      // From a cold cache (drawn for this request) and then from the cached shell.
      const cold = (await get(path, ana)).text;
      const warm = (await get(path, ana)).text;
      assert.equal(warm, cold);
      // A query the cache does not know draws the page for one request, never cached.
      const uncached = (await get(`${path}?utm_source=x&unknown=1`, ana)).text;
      assert.equal(uncached.replace(/\?utm_source=x&amp;unknown=1/g, ''), warm);
      // ?reply= and ?reported= change only the reader's own parts.
      const replying = (await get(`${path}?reply=nothing-there`, ana)).text;
      assert.equal(replying, warm);
    });

    test('a signed-in reader sees their own just-posted comment at once, with its controls', async () => {
      const { a } = await discussed();
      const path = articlePath(a);
      await get(path, ana);
      await get(path);
      for (let i = 0; i < 5; i++) {
        const res = await formPost(`${path}/comments`, { body: `Straight away ${i}` }, ana);
        assert.equal(res.status, 303);
        const [mine, theirs] = await Promise.all([get(path, ana), get(path, ben)]);
        assert.ok(mine.text.includes(`Straight away ${i}`), `Ana sees comment ${i}`);
        assert.ok(theirs.text.includes(`Straight away ${i}`), `Ben sees comment ${i}`);
        const own = [...mine.text.matchAll(/href="\/comments\/([^/]+)\/edit"/g)].length;
        assert.equal(own, i + 2, 'Ana may edit each of her comments');
        assert.equal([...theirs.text.matchAll(/href="\/comments\/([^/]+)\/edit"/g)].length, 1);
      }
      // Held for review: on her page alone, in her own comments.
      const held = await formPost(
        '/admin/moderation/thread',
        { articleId: a.id, mode: 'premoderated' },
        mod,
      );
      assert.ok(held.status < 400, `thread settings saved (${held.status})`);
      const res = await formPost(`${path}/comments`, { body: 'Awaiting a look' }, ana);
      assert.equal(res.status, 303);
      const mine = (await get(path, ana)).text;
      assert.match(mine, /class="own-comments"[\s\S]*Awaiting a look/);
      assert.ok(!(await get(path, ben)).text.includes('Awaiting a look'));
      assert.ok(!(await get(path)).text.includes('Awaiting a look'));
    });

    test('signing out takes effect on the very next request, though the session was kept in memory', async () => {
      const { a } = await discussed();
      const path = articlePath(a);
      const leaving = await signedInPerson(db.store, app, { slug: 'leo', name: 'Leo Leaving' });
      // Read (and kept) a few times, concurrently with another reader.
      for (let i = 0; i < 3; i++) {
        const [mine, theirs] = await Promise.all([get(path, leaving), get(path, ana)]);
        assert.match(mine.text, /class="account-nav__name">Leo Leaving</);
        assert.ok(mine.text.includes(leaving.csrf));
        assert.ok(!theirs.text.includes(leaving.csrf));
      }
      const out = await formPost('/signout', {}, leaving);
      assert.equal(out.status, 303);
      // The old cookie, sent again (a copy the browser no longer has): an anonymous page.
      const after = (await get(path, leaving)).text;
      assert.ok(!after.includes('Leo Leaving<') && !after.includes(leaving.csrf));
      assert.ok(!after.includes('account-nav__name'));
      const refused = await formPost(`${path}/comments`, { body: 'After signing out' }, leaving);
      assert.ok(refused.status >= 300 && refused.status !== 201);
      assert.ok(!(await get(path)).text.includes('After signing out'));
    });

    test('a moderator sees the thread’s settings on the article; a reader and an anonymous one do not', async () => {
      const { a } = await discussed();
      const path = articlePath(a);
      const [moderator, reader, anonymous] = await Promise.all([
        get(path, mod),
        get(path, ana),
        get(path),
      ]);
      assert.match(moderator.text, /class="account-nav__name">Mona Moderator</);
      const settings = `name="articleId" value="${a.id}"`;
      assert.ok(moderator.text.includes('action="/admin/moderation/thread"'));
      assert.ok(moderator.text.includes(settings));
      assert.ok(!reader.text.includes(settings));
      assert.ok(!anonymous.text.includes(settings));
    });

    test('anonymous pages stay the same bytes, whoever drew them first', async () => {
      const { a } = await discussed();
      const path = articlePath(a);
      const first = await get(path);
      assert.equal(first.res.headers.get('x-cache'), 'miss');
      // Drawn again, this time first for a signed-in reader: the anonymous bytes are the same.
      app.pageCache.clear();
      const signedIn = await get(path, ben);
      assert.equal(signedIn.res.headers.get('cache-control'), 'private, no-store');
      assert.equal(signedIn.res.headers.get('x-cache'), null);
      assert.equal(signedIn.res.headers.get('etag'), null);
      const again = await get(path);
      assert.equal(again.res.headers.get('x-cache'), 'hit');
      assert.equal(again.text, first.text);
      assert.equal(again.res.headers.get('etag'), first.res.headers.get('etag'));
    });
  });
}
