/**
 * Issue 19, decision 0080: the article page's parts. The article part is kept apart from the
 * comments (a new comment reads only the comments again) and comment cards are kept by their
 * inputs; whatever happens to a comment shows on the next request after it, on both databases,
 * and on another server sharing the database (PostgreSQL: changes travel by LISTEN/NOTIFY).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { articlePath, type Article } from '../src/domain/article.js';
import type { User } from '../src/domain/user.js';
import { databases, type OpenedStore } from './helpers/databases.js';
import { startApp, type RunningApp } from './helpers/app.js';
import { publishedArticle, storedPerson } from './helpers/fixtures.js';

let serial = 0;

for (const database of databases()) {
  describe(`article page parts on ${database.name}`, () => {
    let db: OpenedStore;
    let app: RunningApp;
    let writer: User;
    let commenter: User;
    let moderator: User;
    let editor: User;
    let queries = 0;

    const article = (headline?: string): Promise<Article> =>
      publishedArticle(db.store, {
        sectionSlug: 'news',
        headline: headline ?? `Parted story ${++serial}`,
        authorIds: [writer.id],
        publishedAt: new Date(Date.now() - 3_600_000 + ++serial * 1000).toISOString(),
      });

    const read = async (on: RunningApp, path: string) => {
      queries = 0;
      const res = await fetch(on.url + path);
      assert.equal(res.status, 200);
      return { text: await res.text(), cache: res.headers.get('x-cache'), queries };
    };

    /** What a reader sees of the count: the heading's and the toolbar's. */
    const counts = (text: string) => ({
      heading: /<span class="comment-total">([^<]*)<\/span>/.exec(text)?.[1],
      badge: /<span class="badge" aria-hidden="true">([^<]*)<\/span>/.exec(text)?.[1],
    });

    const post = (a: Article, body: string, on: RunningApp = app) =>
      on.services.comments.postComment({ author: commenter, article: a.id, body });

    before(async () => {
      db = await database.open();
      app = await startApp(db, {}, { commentPostsPerPerson: { max: 10_000, windowMs: 60_000 } });
      db.store.observeQueries(() => queries++);
      writer = await storedPerson(db.store, { slug: 'parts-writer', name: 'Writer' });
      commenter = await storedPerson(db.store, { slug: 'parts-commenter', name: 'Cora Commenter' });
      moderator = await storedPerson(db.store, { slug: 'parts-mod', role: 'moderator' });
      editor = await storedPerson(db.store, { slug: 'parts-editor', role: 'editor' });
    });
    after(async () => {
      await app?.close();
      await db?.dispose();
    });

    test('a new comment reads only the comments again, and shows with its count at once', async () => {
      const a = await article();
      for (let i = 0; i < 3; i++) await post(a, `Earlier remark number ${i}`);
      const path = articlePath(a);
      const first = await read(app, path);
      assert.equal(first.cache, 'miss');
      assert.deepEqual(counts(first.text), { heading: '(3)', badge: '3' });
      assert.equal((await read(app, path)).cache, 'hit');

      const { comment } = await post(a, 'Walnut harvest remark');
      const next = await read(app, path);
      assert.equal(next.cache, 'miss');
      assert.ok(next.text.includes('Walnut harvest remark'));
      assert.ok(next.text.includes(`id="comment-${comment.id}"`));
      assert.deepEqual(counts(next.text), { heading: '(4)', badge: '4' });
      // The article, its related stories and images were not read again.
      assert.ok(
        next.queries < first.queries,
        `the miss after a comment took ${next.queries} statements, the first ${first.queries}`,
      );
      // The earlier comments are still there, drawn as before.
      for (let i = 0; i < 3; i++) assert.ok(next.text.includes(`Earlier remark number ${i}`));
    });

    test('an edited, deleted or removed comment changes on the next request', async () => {
      const a = await article();
      const path = articlePath(a);
      const { comment: kept } = await post(a, 'A remark that stays');
      const { comment: edited } = await post(a, 'Chestnut original wording');
      const { comment: deleted } = await post(a, 'Hawthorn remark to delete');
      const { comment: removed } = await post(a, 'Blackthorn remark to remove');
      const seen = await read(app, path);
      for (const words of ['Chestnut original', 'Hawthorn remark', 'Blackthorn remark'])
        assert.ok(seen.text.includes(words), words);
      assert.equal((await read(app, path)).cache, 'hit');

      await app.services.comments.editComment({
        author: commenter,
        id: edited.id,
        body: 'Chestnut better wording',
      });
      const afterEdit = await read(app, path);
      assert.equal(afterEdit.cache, 'miss');
      assert.ok(afterEdit.text.includes('Chestnut better wording'));
      assert.ok(!afterEdit.text.includes('Chestnut original wording'));

      await app.services.comments.deleteComment({ author: commenter, id: deleted.id });
      const afterDelete = await read(app, path);
      assert.ok(!afterDelete.text.includes('Hawthorn remark'));
      assert.deepEqual(counts(afterDelete.text), { heading: '(3)', badge: '3' });

      await app.services.moderation.act(moderator, [removed.id], 'reject');
      const afterRemoval = await read(app, path);
      assert.ok(!afterRemoval.text.includes('Blackthorn remark'));
      assert.deepEqual(counts(afterRemoval.text), { heading: '(2)', badge: '2' });
      assert.ok(afterRemoval.text.includes('A remark that stays'));
      assert.ok(afterRemoval.text.includes(`id="comment-${kept.id}"`));
    });

    test('a renamed commenter shows under the new name (cards are kept by what they show)', async () => {
      const a = await article();
      const path = articlePath(a);
      const renamed = await storedPerson(db.store, { slug: `rn-${++serial}`, name: 'Old Name' });
      await app.services.comments.postComment({ author: renamed, article: a.id, body: 'Hello' });
      assert.ok((await read(app, path)).text.includes('Old Name'));
      await db.store.users.setNames(renamed.id, { name: 'Brand New Name', byline: '' });
      // A rename is announced to every page (see services/staff.ts and personal-data.ts).
      app.services.changes.publish({ kind: 'site' });
      const text = (await read(app, path)).text;
      assert.ok(text.includes('Brand New Name'));
      assert.ok(!text.includes('Old Name'));
    });

    test('an edit of the article itself is drawn on the next request', async () => {
      const a = await article('Pear orchard opens');
      const path = articlePath(a);
      await post(a, 'First remark on the orchard');
      assert.ok((await read(app, path)).text.includes('Pear orchard opens'));
      await post(a, 'Second remark on the orchard');
      // The part was kept over that comment; an edit must still replace it.
      const edited = await app.services.newsroom.edit(editor, a.id, {
        version: a.version,
        headline: 'Pear orchard opens early',
        standfirst: 'Quince standfirst after the edit',
      });
      assert.equal(edited.headline, 'Pear orchard opens early');
      const text = (await read(app, path)).text;
      assert.ok(text.includes('Quince standfirst after the edit'));
      assert.match(text, /<h1[^>]*>\s*Pear orchard opens early/);
      assert.deepEqual(counts(text), { heading: '(2)', badge: '2' });
    });

    test(
      'another server on the same database shows a comment posted through this one',
      { skip: database.name === 'sqlite' ? 'one process per SQLite file here' : false },
      async () => {
        const other = await startApp(
          db,
          {},
          { commentPostsPerPerson: { max: 10_000, windowMs: 60_000 } },
        );
        try {
          const a = await article();
          const path = articlePath(a);
          await post(a, 'Seen everywhere: rowan');
          for (const on of [app, other]) {
            await read(on, path);
            assert.equal((await read(on, path)).cache, 'hit');
          }
          await post(a, 'Posted on one server: elder', other);
          // The change reaches this server by the database's channel, a moment later.
          const until = Date.now() + 5_000;
          let text = '';
          while (Date.now() < until) {
            text = (await read(app, path)).text;
            if (text.includes('Posted on one server: elder')) break;
            await new Promise((r) => setTimeout(r, 20));
          }
          assert.ok(text.includes('Posted on one server: elder'));
          assert.deepEqual(counts(text), { heading: '(2)', badge: '2' });
          // And an article edit made there replaces the article part here.
          await other.services.newsroom.edit(editor, a.id, {
            version: a.version,
            standfirst: 'Sorb standfirst from the other server',
          });
          const deadline = Date.now() + 5_000;
          while (Date.now() < deadline) {
            text = (await read(app, path)).text;
            if (text.includes('Sorb standfirst from the other server')) break;
            await new Promise((r) => setTimeout(r, 20));
          }
          assert.ok(text.includes('Sorb standfirst from the other server'));
        } finally {
          await other.close();
        }
      },
    );
  });
}
