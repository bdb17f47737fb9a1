/**
 * Issue #25's bursts: requests fired at once over warm keep-alive connections (no sleeps) must
 * not walk through a limit or the duplicate rule, on either database (decisions/0046).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Agent, request as httpRequest } from 'node:http';
import type { User } from '../src/domain/user.js';
import { databases, type OpenedStore } from './helpers/databases.js';
import { startApp, type RunningApp } from './helpers/app.js';
import { publishedArticle, signedInPerson, storedPerson, type Person } from './helpers/fixtures.js';
import { rawRows } from './helpers/raw-sql.js';

interface Answer {
  status: number;
  body: string;
}

/** Keep-alive connections, opened before the burst so every request of it leaves at once. */
function warmAgent(url: string, connections: number): Promise<Agent> {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  return Promise.all(
    Array.from({ length: connections }, () => send(agent, url, 'GET', '/healthz')),
  ).then(() => agent);
}

function send(
  agent: Agent,
  url: string,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(new URL(path, url), { method, agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

function tally(answers: Answer[]): Record<number, number> {
  const out: Record<number, number> = {};
  for (const a of answers) out[a.status] = (out[a.status] ?? 0) + 1;
  return out;
}

for (const database of databases()) {
  describe(`limits under a burst on ${database.name}`, () => {
    let db: OpenedStore;
    let app: RunningApp;
    let agent: Agent;
    let writer: User;

    // Each test posts from its own address (through the trusted proxy), so none counts another's.
    let addresses = 0;
    const postAll = (
      articleId: string,
      posts: { who: Person; body: string }[],
      address = `192.0.2.${++addresses}`,
    ) =>
      Promise.all(
        posts.map(({ who, body }) =>
          send(
            agent,
            app.url,
            'POST',
            `/api/v1/articles/${articleId}/comments`,
            {
              'content-type': 'application/json',
              origin: 'http://broadsheet.test',
              cookie: who.cookie,
              'x-forwarded-for': address,
            },
            JSON.stringify({ body }),
          ),
        ),
      );

    const stored = async (articleId: string) =>
      (
        await rawRows<{ n: number | string }>(
          db,
          'select count(*) as n from comments where article_id = $1',
          [articleId],
        )
      )[0]!.n;

    before(async () => {
      db = await database.open();
      // The defaults: 5 a minute per person, 20 a minute per address.
      app = await startApp(db, { TRUST_PROXY: '127.0.0.1' });
      agent = await warmAgent(app.url, 50);
      writer = await storedPerson(db.store, { role: 'author' });
    });
    after(async () => {
      agent?.destroy();
      await app?.close();
      await db?.dispose();
    });

    test('one commenter, 20 different comments at once: 5 stored, the rest 429', async () => {
      const a = await publishedArticle(db.store, { authorIds: [writer.id] });
      const who = await signedInPerson(db.store, app, { slug: 'fast-typist' });
      const answers = await postAll(
        a.id,
        Array.from({ length: 20 }, (_, i) => ({ who, body: `Thought number ${i} of many` })),
      );
      assert.deepEqual(tally(answers), { 201: 5, 429: 15 });
      assert.equal(Number(await stored(a.id)), 5);
    });

    test('one commenter, the same text 20 times at once: 1 stored, the rest 422', async () => {
      const a = await publishedArticle(db.store, { authorIds: [writer.id] });
      const who = await signedInPerson(db.store, app, { slug: 'double-clicker' });
      const answers = await postAll(
        a.id,
        Array.from({ length: 20 }, () => ({ who, body: 'Exactly this, once.' })),
      );
      // Refused posts are not stored, so the rate rule never counts more than the one.
      assert.deepEqual(tally(answers), { 201: 1, 422: 19 });
      assert.equal(Number(await stored(a.id)), 1);
    });

    test('10 commenters on one address, 5 each at once: at most 20 stored', async () => {
      const a = await publishedArticle(db.store, { authorIds: [writer.id] });
      const people = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          signedInPerson(db.store, app, { slug: `office-${i}` }),
        ),
      );
      const answers = await postAll(
        a.id,
        people.flatMap((who, p) =>
          Array.from({ length: 5 }, (_, i) => ({ who, body: `Person ${p}, comment ${i}` })),
        ),
      );
      assert.deepEqual(tally(answers), { 201: 20, 429: 30 });
      assert.equal(Number(await stored(a.id)), 20);
    });

    test('staff, the same text 20 times at once without a key: 1 stored, the rest 422', async () => {
      const a = await publishedArticle(db.store, { authorIds: [writer.id] });
      const editor = await signedInPerson(db.store, app, { slug: 'eager-editor', role: 'editor' });
      const answers = await postAll(
        a.id,
        Array.from({ length: 20 }, () => ({ who: editor, body: 'A note from the editors.' })),
      );
      assert.deepEqual(tally(answers), { 201: 1, 422: 19 });
      assert.equal(Number(await stored(a.id)), 1);
    });

    test("staff posts do not count toward a reader's address limit", async () => {
      const a = await publishedArticle(db.store, { authorIds: [writer.id] });
      const address = '192.0.2.200';
      const editor = await signedInPerson(db.store, app, { slug: 'newsroom-desk', role: 'editor' });
      const staff = await postAll(
        a.id,
        Array.from({ length: 25 }, (_, i) => ({ who: editor, body: `Desk note ${i}` })),
        address,
      );
      assert.deepEqual(tally(staff), { 201: 25 });
      const reader = await signedInPerson(db.store, app, { slug: 'behind-the-desk' });
      const [answer] = await postAll(a.id, [{ who: reader, body: 'A reader here' }], address);
      assert.equal(answer?.status, 201);
    });

    test('15 sign-ups from one address at once: 10 accounts, the rest 429', async () => {
      const address = '198.51.100.7';
      const answers = await Promise.all(
        Array.from({ length: 15 }, (_, i) =>
          send(
            agent,
            app.url,
            'POST',
            '/api/v1/users',
            {
              'content-type': 'application/json',
              origin: 'http://broadsheet.test',
              'x-forwarded-for': address,
            },
            JSON.stringify({
              email: `burst-${i}@example.com`,
              name: `Burst ${i}`,
              password: 'a long enough passphrase',
            }),
          ),
        ),
      );
      assert.deepEqual(tally(answers), { 201: 10, 429: 5 });
      const [row] = await rawRows<{ n: number | string }>(
        db,
        "select count(*) as n from users where email like 'burst-%'",
      );
      assert.equal(Number(row!.n), 10);
    });
  });
}
