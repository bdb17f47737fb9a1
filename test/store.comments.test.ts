/** The comment store contract: the same tests on every database. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Article } from '../src/domain/article.js';
import type { Comment } from '../src/domain/comment.js';
import type { User } from '../src/domain/user.js';
import type { Store } from '../src/store/index.js';
import type { NewComment } from '../src/store/types.js';
import { databases, type OpenedStore } from './helpers/databases.js';

const base = Date.parse('2026-03-04T12:00:00.000Z');
const at = (minute: number) => new Date(base + minute * 60_000).toISOString();
let serial = 0;

for (const database of databases()) {
  describe(`comment store on ${database.name}`, () => {
    let db: OpenedStore;
    let store: Store;
    let ann: User;

    const article = async (status: 'published' | 'draft' = 'published'): Promise<Article> => {
      const slug = `story-${++serial}`;
      return store.articles.create({
        slug,
        sectionSlug: 'news',
        headline: slug,
        standfirst: '',
        body: 'Text.',
        dateline: '',
        authorIds: [ann.id],
        tags: [],
        status,
        publishedAt: status === 'published' ? at(-600) : null,
        createdAt: at(-700),
      });
    };

    const comment = async (input: Partial<NewComment> & { articleId: string }) =>
      (
        await store.comments.create({
          parentId: null,
          authorId: ann.id,
          body: 'A comment.',
          html: '<p>A comment.</p>',
          status: 'published',
          createdAt: at(0),
          ...input,
        })
      ).comment;

    before(async () => {
      db = await database.open();
      store = db.store;
      await store.sections.upsert({ slug: 'news', name: 'News', description: '', position: 0 });
      ann = await store.users.create({
        email: 'ann@example.com',
        name: 'Ann Ärger 🦊',
        slug: 'ann',
        role: 'commenter',
        passwordHash: null,
        createdAt: at(-10_000),
      });
    });
    after(async () => {
      await db?.dispose();
    });

    test('Unicode and emoji round-trip exactly; the author comes with the comment', async () => {
      const a = await article();
      const body = 'Zoë’s 👩🏽‍🚒 said „ok“ — 日本語 \u{1F600}\nsecond line ';
      const created = await comment({ articleId: a.id, body, html: `<p>${body}</p>` });
      const read = await store.comments.byId(created.id);
      assert.ok(read);
      assert.equal(read.body, body);
      assert.equal(read.html, `<p>${body}</p>`);
      assert.deepEqual(read.author, { id: ann.id, name: 'Ann Ärger 🦊', slug: 'ann' });
      assert.equal(read.createdAt, at(0));
      assert.equal(read.editedAt, null);
      assert.equal(read.depth, 0);
      assert.equal(read.rootId, read.id);
      assert.equal(read.reactionCount, 0);
    });

    test('replies know their thread and depth', async () => {
      const a = await article();
      const top = await comment({ articleId: a.id });
      const reply = await comment({ articleId: a.id, parentId: top.id, createdAt: at(1) });
      const deeper = await comment({ articleId: a.id, parentId: reply.id, createdAt: at(2) });
      assert.equal(reply.rootId, top.id);
      assert.equal(deeper.rootId, top.id);
      assert.equal(deeper.depth, 2);
      const replies = await store.comments.publishedReplies([top.id]);
      assert.deepEqual(
        replies.map((c) => c.id),
        [reply.id, deeper.id],
      );
    });

    test('the article count counts published comments only', async () => {
      const a = await article();
      await comment({ articleId: a.id });
      await comment({ articleId: a.id, status: 'pending' });
      await comment({ articleId: a.id, createdAt: at(5) });
      assert.equal((await store.articles.getById(a.id))?.commentCount, 2);
      const page = await store.comments.topLevelPage({
        articleId: a.id,
        sort: 'oldest',
        limit: 10,
      });
      assert.equal(page.length, 2);
      assert.ok(page.every((c) => c.status === 'published'));
    });

    test('an idempotency key makes one comment, however often it is used', async () => {
      const a = await article();
      const input = {
        articleId: a.id,
        parentId: null,
        authorId: ann.id,
        body: 'Once.',
        html: '<p>Once.</p>',
        status: 'published' as const,
        createdAt: at(0),
        idempotencyKey: `key-${serial}`,
      };
      const results = await Promise.all([1, 2, 3, 4].map(() => store.comments.create(input)));
      const ids = new Set(results.map((r) => r.comment.id));
      assert.equal(ids.size, 1);
      assert.equal(results.filter((r) => r.created).length, 1);
      assert.equal((await store.articles.getById(a.id))?.commentCount, 1);
      const found = await store.comments.byIdempotencyKey(ann.id, input.idempotencyKey);
      assert.equal(found?.id, [...ids][0]);
      assert.equal(await store.comments.byIdempotencyKey(ann.id, 'never-used'), null);
    });

    for (const sort of ['oldest', 'newest'] as const) {
      test(`paging ${sort} first: no duplicates, no gaps, even with equal times and writes between pages`, async () => {
        const a = await article();
        const made: Comment[] = [];
        // Pairs share a time, so the id must break the tie.
        for (let i = 0; i < 11; i++) {
          made.push(await comment({ articleId: a.id, createdAt: at(Math.floor(i / 2)) }));
        }
        const seen: string[] = [];
        let after: { t: string; id: string } | null = null;
        for (let round = 0; round < 10; round++) {
          const page = await store.comments.topLevelPage({
            articleId: a.id,
            sort,
            limit: 3,
            after,
          });
          if (page.length === 0) break;
          seen.push(...page.map((c) => c.id));
          const last = page[page.length - 1]!;
          after = { t: last.createdAt, id: last.id };
          // Someone writes while the reader pages: new comments are newest, so an "oldest" reader
          // meets them at the end and a "newest" reader never (they are before the cursor).
          if (round === 1) made.push(await comment({ articleId: a.id, createdAt: at(100) }));
        }
        const expected = made
          .slice()
          .sort((x, y) =>
            x.createdAt === y.createdAt
              ? x.id.localeCompare(y.id)
              : x.createdAt.localeCompare(y.createdAt),
          )
          .map((c) => c.id);
        if (sort === 'newest') {
          expected.reverse();
          expected.shift(); // the one written after the first page began
        }
        assert.deepEqual(seen, expected);
        assert.equal(new Set(seen).size, seen.length);
      });
    }
  });
}
