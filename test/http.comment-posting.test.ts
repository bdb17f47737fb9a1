/**
 * A new comment's transaction (decisions/0094: on PostgreSQL two round trips that read the article,
 * the settings and what screening counted last time with the post's keys held): settings saved
 * between posts apply to the next one, even when screening then counts something else; a refused
 * post leaves nothing behind and the next post goes through; the article's count follows; a
 * missing article answers 404, with or without an Idempotency-Key.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { User } from '../src/domain/user.js';
import { databases, type OpenedStore } from './helpers/databases.js';
import { startApp, type RunningApp } from './helpers/app.js';
import { publishedArticle, signedInPerson, storedPerson, type Person } from './helpers/fixtures.js';
import { rawRows } from './helpers/raw-sql.js';

for (const database of databases()) {
  describe(`posting comments on ${database.name}`, () => {
    let db: OpenedStore;
    let app: RunningApp;
    let writer: User;

    const post = async (who: Person, article: string, body: string, key?: string) => {
      const res = await fetch(`${app.url}/api/v1/articles/${article}/comments`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          origin: 'http://broadsheet.test',
          cookie: who.cookie,
          ...(key ? { 'idempotency-key': key } : {}),
        },
        body: JSON.stringify({ body }),
      });
      const json = (await res.json()) as {
        id?: string;
        error?: { code?: string; message?: string };
      };
      return { status: res.status, id: json.id, code: json.error?.code, why: json.error?.message };
    };
    const counts = async (articleId: string) => {
      const [row] = await rawRows<{ comment_count: number }>(
        db,
        'select comment_count from articles where id = $1',
        [articleId],
      );
      const stored = await rawRows<{ status: string }>(
        db,
        'select status from comments where article_id = $1',
        [articleId],
      );
      return { count: Number(row?.comment_count), stored: stored.length };
    };

    before(async () => {
      db = await database.open();
      app = await startApp(db);
      writer = await storedPerson(db.store, { role: 'author' });
    });
    after(async () => {
      await app?.close();
      await db?.dispose();
    });

    test('a rate saved between two posts applies to the next one', async () => {
      const reader = await signedInPerson(db.store, app, { role: 'commenter' });
      const a = await publishedArticle(db.store, { authorIds: [writer.id] });
      assert.equal((await post(reader, a.id, 'First thoughts on this.')).status, 201);
      assert.equal((await post(reader, a.id, 'Second thoughts on this.')).status, 201);
      // A longer window (screening now reads further back than for the last post) and a lower
      // rate: the third post is over it.
      await db.store.settings.set('moderation.rateWindowSeconds', '3600');
      await db.store.settings.set('moderation.ratePerPerson', '2');
      try {
        const third = await post(reader, a.id, 'Third thoughts on this.');
        assert.equal(third.status, 429);
        // The moderation pipeline's rate rule (not the HTTP limiter): the window's two comments.
        assert.equal(third.code, 'rate_limited');
        assert.match(third.why ?? '', /posting too fast/);
      } finally {
        await db.store.settings.set('moderation.rateWindowSeconds', '60');
        await db.store.settings.set('moderation.ratePerPerson', '5');
      }
      assert.deepEqual(await counts(a.id), { count: 2, stored: 2 });
      assert.equal((await post(reader, a.id, 'Fourth thoughts on this.')).status, 201);
      assert.deepEqual(await counts(a.id), { count: 3, stored: 3 });
    });

    test('a refused post leaves nothing behind; the next ones go through', async () => {
      const editor = await signedInPerson(db.store, app, { role: 'editor' });
      const a = await publishedArticle(db.store, { authorIds: [writer.id] });
      assert.equal((await post(editor, a.id, 'The polls have closed.', 'k1')).status, 201);
      const again = await post(editor, a.id, 'The polls  have CLOSED.', 'k2');
      assert.equal(again.status, 422);
      assert.equal(again.code, 'rejected');
      assert.match(again.why ?? '', /same comment/);
      const answers = await Promise.all(
        Array.from({ length: 12 }, (_, i) => post(editor, a.id, `Count ${i} is in.`, `n${i}`)),
      );
      assert.deepEqual(
        answers.map((x) => x.status),
        answers.map(() => 201),
      );
      assert.deepEqual(await counts(a.id), { count: 13, stored: 13 });
      // The refused post's key was not claimed: used again for a new text, it makes a comment.
      assert.equal((await post(editor, a.id, 'Turnout was high.', 'k2')).status, 201);
    });

    test('a missing article answers 404, with or without a key; a slug finds the article', async () => {
      const editor = await signedInPerson(db.store, app, { role: 'editor' });
      assert.equal((await post(editor, 'no-such-article', 'Hello.')).status, 404);
      assert.equal((await post(editor, 'no-such-article', 'Hello.', 'gone-1')).status, 404);
      const a = await publishedArticle(db.store, { authorIds: [writer.id] });
      const bySlug = await post(editor, a.slug, 'Found by its slug.', 'slug-1');
      assert.equal(bySlug.status, 201);
      const retry = await post(editor, a.slug, 'Found by its slug.', 'slug-1');
      assert.equal(retry.status, 201);
      assert.equal(retry.id, bySlug.id);
    });
  });
}
