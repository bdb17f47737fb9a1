/** Moderation through the whole app: the pipeline's verdicts, reports, the queue and no leaks. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { articlePath, type Article } from '../src/domain/article.js';
import type { Role, User } from '../src/domain/user.js';
import { databases, type OpenedStore } from './helpers/databases.js';
import { startApp, type RunningApp } from './helpers/app.js';
import { json } from './helpers/http.js';

let serial = 0;
const origin = 'http://broadsheet.test';

interface Person {
  user: User;
  cookie: string;
  csrf: string;
}

for (const database of databases()) {
  describe(`moderation on ${database.name}`, () => {
    let db: OpenedStore;
    let app: RunningApp;
    let writer: User;
    let reader: Person;
    let moderator: Person;

    const person = async (role: Role = 'commenter'): Promise<Person> => {
      const slug = `p-${role}-${++serial}`;
      const user = await db.store.users.create({
        email: `${slug}@example.com`,
        name: `Person ${slug}`,
        slug,
        role,
        passwordHash: null,
        createdAt: new Date(Date.now() - 86_400_000).toISOString(),
      });
      const { id, session } = await app.services.sessions.start(user.id);
      return { user, cookie: `bs_session=${id}`, csrf: session.csrfToken };
    };

    const article = (): Promise<Article> => {
      const slug = `mod-story-${++serial}`;
      return db.store.articles.create({
        slug,
        sectionSlug: 'news',
        headline: `Headline ${slug}`,
        standfirst: '',
        body: 'Text.',
        dateline: '',
        authorIds: [writer.id],
        tags: [],
        status: 'published',
        publishedAt: new Date(Date.now() - 3_600_000).toISOString(),
        createdAt: new Date(Date.now() - 7_200_000).toISOString(),
      });
    };

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
      await db.store.sections.upsert({ slug: 'news', name: 'News', description: '', position: 0 });
      writer = await db.store.users.create({
        email: 'writer@example.com',
        name: 'Writer',
        slug: 'writer',
        role: 'author',
        passwordHash: null,
        createdAt: new Date().toISOString(),
      });
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
      assert.equal((await db.store.articles.getById(a.id))?.commentCount, 0);
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
  });
}
