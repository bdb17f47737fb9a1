/**
 * Acknowledged comments survive kill -9: the real server process, a burst of concurrent posts
 * with Idempotency-Keys, SIGKILL in the middle, a restart. Every 201 must be there exactly once,
 * and retrying the keys that got no answer must not make a second comment.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { createServices } from '../src/compose.js';
import { openStore } from '../src/store/index.js';
import { tempDir } from './helpers/databases.js';
import { publishedArticle, storedPerson } from './helpers/fixtures.js';
import { startServerProcess, type ServerProcess } from './helpers/server-process.js';

const writers = 8;
/** Acknowledged posts to wait for before the kill. */
const beforeKill = 40;

describe('durability under kill -9', () => {
  const dataDir = tempDir();
  let server: ServerProcess | undefined;
  after(async () => {
    await server?.kill();
    rmSync(dataDir, { recursive: true, force: true });
  });

  // Two server boots and hundreds of posts take over a minute on a busy machine.
  const slow = { timeout: 300_000 };
  test('every acknowledged comment is there exactly once after a restart', slow, async () => {
    let store = await openStore({ databaseUrl: null, dataDir });
    // Staff are exempt from the posting limit, so the burst is not refused.
    const author = await storedPerson(store, { role: 'editor', emailVerified: true });
    const article = await publishedArticle(store, { authorIds: [author.id] });
    const { token } = await createServices(store).tokens.create(author.email, 'burst');
    await store.close();

    const env = { DATA_DIR: dataDir, BASE_URL: 'http://broadsheet.test' };
    server = await startServerProcess(env);
    let url = server.url;
    const post = (key: string) =>
      fetch(`${url}/api/v1/articles/${article.id}/comments`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${token}`,
          'idempotency-key': key,
        },
        body: JSON.stringify({ body: `Comment for key ${key}` }),
      });

    const acked = new Map<string, string>();
    const unanswered = new Set<string>();
    let killed = false;
    const burst = async (writer: number) => {
      for (let n = 0; !killed || n < 1; n++) {
        const key = `w${writer}-${n}`;
        try {
          const res = await post(key);
          if (res.status === 201) acked.set(key, ((await res.json()) as { id: string }).id);
          else {
            unanswered.add(key);
            await res.text();
          }
        } catch {
          unanswered.add(key);
          return;
        }
        if (acked.size >= beforeKill && !killed) {
          killed = true;
          server!.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: writers }, (_, i) => burst(i)));
    await server.exited;
    assert.ok(acked.size >= beforeKill, `${acked.size} acknowledged`);
    assert.ok(unanswered.size > 0, 'the kill came while posts were in flight');

    // After the restart every acknowledged comment is there, under its key, once.
    server = await startServerProcess(env);
    url = server.url;
    store = await openStore({ databaseUrl: null, dataDir });
    try {
      for (const [key, id] of acked) {
        const found = await store.comments.byIdempotencyKey(author.id, key);
        assert.equal(found?.id, id, `acknowledged ${key} → ${id}`);
        assert.equal(found?.body, `Comment for key ${key}`);
      }
      // Retrying what got no answer answers 201 and never makes a second comment.
      const retried = new Map<string, string>();
      for (const key of [...unanswered, ...acked.keys()]) {
        const res = await post(key);
        assert.equal(res.status, 201, key);
        retried.set(key, ((await res.json()) as { id: string }).id);
      }
      for (const [key, id] of acked) assert.equal(retried.get(key), id, `retry of ${key}`);
      // Every comment row of the article, whatever its status.
      const all = (await store.comments.changesSince(article.id, 0, 100_000)).map((c) => c.comment);
      const held = new Set(all.map((c) => c.id));
      const ids = new Set(retried.values());
      assert.equal(ids.size, retried.size, 'one comment per key');
      for (const id of ids) assert.ok(held.has(id), `${id} is in the thread`);
      assert.equal(all.length, ids.size, 'no comment without its key, none twice');
    } finally {
      await store.close();
    }
  });
});
