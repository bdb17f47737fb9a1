/**
 * Live comments across processes: two server processes on one PostgreSQL database (LISTEN/
 * NOTIFY), and two cluster workers on one SQLite file (relayed by the primary).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServices } from '../src/compose.js';
import type { Store } from '../src/store/index.js';
import { publishedArticle, storedPerson } from './helpers/fixtures.js';
import { json } from './helpers/http.js';
import type { ServerProcess } from './helpers/server-process.js';
import { serversOnOneDatabase, withoutPostgres } from './helpers/servers-on-one-database.js';
import { openSse, type SseClient, type SseEvent } from './helpers/sse.js';

/** An article and a signed-in commenter in a fresh database. */
async function seed(store: Store) {
  const user = await storedPerson(store);
  const article = await publishedArticle(store, { authorIds: [user.id] });
  const { id } = await createServices(store).sessions.start(user.id);
  return { articleId: article.id, cookie: `bs_session=${id}` };
}

/** What a failed request assertion shows: the server's own log says why it answered so. */
function said(server: ServerProcess, what: string): string {
  return `${what} on ${server.url}; the server's output:\n${server.output()}`;
}

async function post(server: ServerProcess, articleId: string, cookie: string, body: string) {
  const res = await fetch(`${server.url}/api/v1/articles/${articleId}/comments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, origin: 'http://broadsheet.test' },
    body: JSON.stringify({ body }),
  });
  assert.equal(res.status, 201, said(server, await res.clone().text()));
  return (await json(res)).id as string;
}

async function live(server: ServerProcess, articleId: string): Promise<SseClient> {
  const client = await openSse(`${server.url}/api/v1/articles/${articleId}/comments/live`);
  assert.equal(client.status, 200, said(server, `the live stream answered ${client.status}`));
  await client.comment('live');
  return client;
}

/** Waits for the created event of this comment; crossing processes gets a longer deadline. */
async function commentOf(client: SseClient, id: string): Promise<void> {
  const created = (e: SseEvent) => e.event === 'created' && JSON.parse(e.data).comment.id === id;
  await client.next(created, 0, 20_000);
}

describe('live comments across processes', () => {
  const suite = serversOnOneDatabase();
  const streams: SseClient[] = [];
  suite.atEnd(() => {
    for (const s of streams) s.close();
  });
  const env = {
    BASE_URL: 'http://broadsheet.test',
    // Errors only: kept in output() for the assertions, never printed when all goes well.
    LOG_LEVEL: 'error',
  };

  test(
    'two server processes on one PostgreSQL database: a comment posted on one reaches the other',
    { skip: withoutPostgres },
    async () => {
      const database = await suite.postgres();
      const { articleId, cookie } = await database.withStore(seed);
      const [one, two] = await database.startServers(2, env);
      const onOne = await live(one!, articleId);
      const onTwo = await live(two!, articleId);
      streams.push(onOne, onTwo);

      const first = await post(one!, articleId, cookie, 'posted on one');
      await commentOf(onTwo, first);
      await commentOf(onOne, first);
      const second = await post(two!, articleId, cookie, 'posted on two');
      await commentOf(onOne, second);
      await commentOf(onTwo, second);
      // Each process sent each comment once.
      assert.equal(onOne.events.length, 2);
      assert.equal(onTwo.events.length, 2);
    },
  );

  test('two cluster workers on SQLite: the primary relays changes between them', async () => {
    const database = suite.sqlite();
    const { articleId, cookie } = await database.withStore(seed);
    const [server] = await database.startServers(1, { ...env, WORKERS: '2' });
    // The primary hands connections to the workers in turn, so these streams land on both.
    const opened = [];
    for (let i = 0; i < 6; i++) opened.push(await live(server!, articleId));
    streams.push(...opened);
    for (let n = 0; n < 3; n++) {
      const id = await post(server!, articleId, cookie, `comment ${n}`);
      for (const s of opened) await commentOf(s, id);
    }
    for (const s of opened) assert.equal(s.events.length, 3);
  });
});
