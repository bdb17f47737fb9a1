/**
 * One staff account posting many comments at once (a live blogger, an import, a bot): its posts
 * are not serialised per account any more, only per text and per Idempotency-Key
 * (decisions/0057-staff-comment-writes.md). What that serialisation guards must still hold under
 * a burst, on both databases: different posts are all stored and published; the same text
 * (after normalising case and spaces) is stored once; one Idempotency-Key makes one comment.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { User } from '../src/domain/user.js';
import { databases, type OpenedStore } from './helpers/databases.js';
import { startApp, type RunningApp } from './helpers/app.js';
import { publishedArticle, signedInPerson, storedPerson, type Person } from './helpers/fixtures.js';
import { rawRows } from './helpers/raw-sql.js';

for (const database of databases()) {
  describe(`one staff account's burst of comments on ${database.name}`, () => {
    let db: OpenedStore;
    let app: RunningApp;
    let writer: User;
    let editor: Person;

    const post = async (articleId: string, body: string, key?: string) => {
      const res = await fetch(`${app.url}/api/v1/articles/${articleId}/comments`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          origin: 'http://broadsheet.test',
          cookie: editor.cookie,
          ...(key ? { 'idempotency-key': key } : {}),
        },
        body: JSON.stringify({ body }),
      });
      const json = (await res.json()) as { id?: string; status?: string };
      return { status: res.status, id: json.id, state: json.status };
    };
    const stored = async (articleId: string) =>
      rawRows<{ status: string }>(db, 'select status from comments where article_id = $1', [
        articleId,
      ]);

    before(async () => {
      db = await database.open();
      app = await startApp(db);
      writer = await storedPerson(db.store, { role: 'author' });
      editor = await signedInPerson(db.store, app, { slug: 'live-blogger', role: 'editor' });
    });
    after(async () => {
      await app?.close();
      await db?.dispose();
    });

    test('24 different comments at once: all stored and published', async () => {
      const a = await publishedArticle(db.store, { authorIds: [writer.id] });
      const answers = await Promise.all(
        Array.from({ length: 24 }, (_, i) => post(a.id, `Update ${i}: the vote is under way.`)),
      );
      assert.deepEqual(
        answers.map((x) => x.status),
        Array.from({ length: 24 }, () => 201),
      );
      const rows = await stored(a.id);
      assert.equal(rows.length, 24);
      assert.ok(rows.every((r) => r.status === 'published'));
    });

    test('the same text 12 times at once, in different case and spacing: 1 stored', async () => {
      const a = await publishedArticle(db.store, { authorIds: [writer.id] });
      const variants = ['The count is in.', 'the COUNT is in.', '  The count   is in.  '];
      const answers = await Promise.all(
        Array.from({ length: 12 }, (_, i) => post(a.id, variants[i % variants.length]!)),
      );
      const statuses = answers.map((x) => x.status).sort();
      assert.deepEqual(statuses, [201, ...Array.from({ length: 11 }, () => 422)]);
      assert.equal((await stored(a.id)).length, 1);
    });

    test('one Idempotency-Key 10 times at once: one comment, every answer names it', async () => {
      const a = await publishedArticle(db.store, { authorIds: [writer.id] });
      const answers = await Promise.all(
        Array.from({ length: 10 }, () => post(a.id, 'Polls have closed.', 'import-row-17')),
      );
      assert.ok(answers.every((x) => x.status === 201 || x.status === 200));
      assert.equal(new Set(answers.map((x) => x.id)).size, 1);
      assert.equal((await stored(a.id)).length, 1);
    });
  });
}
