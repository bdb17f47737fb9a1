/** The comment store contract: the same tests on every database. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Article } from '../src/domain/article.js';
import type { Comment } from '../src/domain/comment.js';
import type { User } from '../src/domain/user.js';
import type { Store } from '../src/store/index.js';
import type { NewComment } from '../src/store/ports/comments.js';
import { databases, type OpenedStore } from './helpers/databases.js';
import { draftArticle, publishedArticle, storedComment, storedPerson } from './helpers/fixtures.js';

const base = Date.parse('2026-03-04T12:00:00.000Z');
const at = (minute: number) => new Date(base + minute * 60_000).toISOString();

for (const database of databases()) {
  describe(`comment store on ${database.name}`, () => {
    let db: OpenedStore;
    let store: Store;
    let ann: User;

    const article = (status: 'published' | 'draft' = 'published'): Promise<Article> =>
      status === 'published'
        ? publishedArticle(store, {
            authorIds: [ann.id],
            publishedAt: at(-600),
            createdAt: at(-700),
          })
        : draftArticle(store, { authorIds: [ann.id], createdAt: at(-700) });

    const comment = (input: Partial<NewComment> & { articleId: string }) =>
      storedComment(store, {
        authorId: ann.id,
        body: 'A comment.',
        html: '<p>A comment.</p>',
        createdAt: at(0),
        ...input,
      });

    before(async () => {
      db = await database.open();
      store = db.store;
      ann = await storedPerson(store, {
        slug: 'ann',
        name: 'Ann Ärger 🦊',
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
      assert.equal((await store.reader.getById(a.id))?.commentCount, 2);
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
        idempotencyKey: 'key-once',
      };
      const results = await Promise.all([1, 2, 3, 4].map(() => store.comments.create(input)));
      const ids = new Set(results.map((r) => r.comment.id));
      assert.equal(ids.size, 1);
      assert.equal(results.filter((r) => r.created).length, 1);
      assert.equal((await store.reader.getById(a.id))?.commentCount, 1);
      const found = await store.comments.byIdempotencyKey(ann.id, input.idempotencyKey);
      assert.equal(found?.id, [...ids][0]);
      assert.equal(await store.comments.byIdempotencyKey(ann.id, 'never-used'), null);
    });

    const person = () => storedPerson(store, { createdAt: at(-10_000) });

    test('an edit keeps every earlier version, oldest first', async () => {
      const a = await article();
      const c = await comment({ articleId: a.id, body: 'v1', html: '<p>v1</p>' });
      await store.comments.edit({ id: c.id, body: 'v2', html: '<p>v2</p>', at: at(3) });
      const edited = await store.comments.edit({
        id: c.id,
        body: 'v3 ✓',
        html: '<p>v3 ✓</p>',
        at: at(7),
      });
      assert.equal(edited.body, 'v3 ✓');
      assert.equal(edited.editedAt, at(7));
      assert.deepEqual(await store.comments.revisions(c.id), [
        { body: 'v1', html: '<p>v1</p>', writtenAt: at(0), replacedAt: at(3) },
        { body: 'v2', html: '<p>v2</p>', writtenAt: at(3), replacedAt: at(7) },
      ]);
    });

    test('concurrent edits of one comment lose no version', async () => {
      const a = await article();
      const c = await comment({ articleId: a.id, body: 'v0' });
      await Promise.all(
        [1, 2, 3, 4].map((i) =>
          store.comments.edit({ id: c.id, body: `v${i}`, html: `v${i}`, at: at(i) }),
        ),
      );
      const versions = (await store.comments.revisions(c.id)).map((v) => v.body);
      const current = (await store.comments.byId(c.id))!.body;
      assert.deepEqual([...versions, current].sort(), ['v0', 'v1', 'v2', 'v3', 'v4']);
    });

    test('delete: a placeholder with replies, gone without; counts follow', async () => {
      const a = await article();
      const top = await comment({ articleId: a.id, body: 'secret words' });
      const reply = await comment({ articleId: a.id, parentId: top.id, createdAt: at(1) });
      const lone = await comment({ articleId: a.id, createdAt: at(2) });
      await store.comments.edit({ id: top.id, body: 'x', html: 'x', at: at(3) });
      assert.equal((await store.reader.getById(a.id))?.commentCount, 3);

      const placeholder = await store.comments.delete({ id: top.id, at: at(4) });
      assert.equal(placeholder.status, 'deleted');
      assert.equal(placeholder.body, '');
      assert.equal(placeholder.html, '');
      assert.deepEqual(await store.comments.revisions(top.id), []);
      await store.comments.delete({ id: lone.id, at: at(5) });
      // Deleting twice changes nothing.
      await store.comments.delete({ id: lone.id, at: at(6) });
      assert.equal((await store.reader.getById(a.id))?.commentCount, 1);

      const page = await store.comments.topLevelPage({ articleId: a.id, sort: 'oldest', limit: 9 });
      assert.deepEqual(
        page.map((c) => [c.id, c.status]),
        [[top.id, 'deleted']],
      );
      const replies = await store.comments.repliesPage({ rootId: top.id, limit: 9 });
      assert.deepEqual(
        replies.map((c) => c.id),
        [reply.id],
      );
      // The reply goes too: the placeholder stays in the table, the count reaches zero.
      await store.comments.delete({ id: reply.id, at: at(7) });
      assert.equal((await store.reader.getById(a.id))?.commentCount, 0);
      assert.deepEqual(await store.comments.repliesPage({ rootId: top.id, limit: 9 }), []);
    });

    test('reactions: one per person, a toggle, right under concurrent clicks', async () => {
      const a = await article();
      const c = await comment({ articleId: a.id });
      const people = await Promise.all(Array.from({ length: 8 }, () => person()));
      // Everyone clicks "on" three times at once.
      await Promise.all(
        people.flatMap((p) =>
          [1, 2, 3].map(() =>
            store.comments.react({ commentId: c.id, userId: p.id, on: true, at: at(1) }),
          ),
        ),
      );
      assert.equal((await store.comments.byId(c.id))?.reactionCount, 8);
      const first = people[0]!;
      const off = await store.comments.react({ commentId: c.id, userId: first.id, at: at(2) });
      assert.equal(off.reacted, false);
      assert.equal(off.changed, true);
      assert.equal(off.comment.reactionCount, 7);
      const again = await store.comments.react({
        commentId: c.id,
        userId: first.id,
        on: false,
        at: at(3),
      });
      assert.equal(again.changed, false);
      assert.equal(again.comment.reactionCount, 7);
      const mine = await store.comments.reactedBy(people[1]!.id, [c.id, 'other']);
      assert.deepEqual([...mine], [c.id]);
      // Concurrent toggles by many people end with a count equal to the rows.
      await Promise.all(
        people.map((p) => store.comments.react({ commentId: c.id, userId: p.id, at: at(4) })),
      );
      assert.equal((await store.comments.byId(c.id))?.reactionCount, 1);
    });

    test('most reactions first: keyset pages without duplicates or gaps', async () => {
      const a = await article();
      const voters = await Promise.all(Array.from({ length: 3 }, () => person()));
      const made: Comment[] = [];
      for (let i = 0; i < 9; i++) {
        const c = await comment({ articleId: a.id, createdAt: at(Math.floor(i / 3)) });
        for (const v of voters.slice(0, i % 3)) {
          await store.comments.react({ commentId: c.id, userId: v.id, on: true, at: at(10) });
        }
        made.push((await store.comments.byId(c.id))!);
      }
      const expected = [...made]
        .sort(
          (x, y) =>
            y.reactionCount - x.reactionCount ||
            y.createdAt.localeCompare(x.createdAt) ||
            y.id.localeCompare(x.id),
        )
        .map((c) => c.id);
      const seen: string[] = [];
      let after: { t: string; id: string; r: number; sort: 'reactions' } | null = null;
      let late = '';
      for (let round = 0; round < 10; round++) {
        const page = await store.comments.topLevelPage({
          articleId: a.id,
          sort: 'reactions',
          limit: 2,
          after,
        });
        if (page.length === 0) break;
        seen.push(...page.map((c) => c.id));
        const last = page[page.length - 1]!;
        after = { sort: 'reactions', t: last.createdAt, id: last.id, r: last.reactionCount };
        // A new comment (no reactions yet) arriving meanwhile takes its place once.
        if (round === 0) late = (await comment({ articleId: a.id, createdAt: at(50) })).id;
      }
      assert.deepEqual(
        seen.filter((id) => id !== late),
        expected,
      );
      assert.equal(new Set(seen).size, seen.length);
      assert.ok(seen.includes(late));
    });

    test('a thread pages its replies; ancestors come top-level first', async () => {
      const a = await article();
      const top = await comment({ articleId: a.id });
      let parent = top.id;
      const chain: string[] = [];
      for (let i = 1; i <= 7; i++) {
        const c = await comment({ articleId: a.id, parentId: parent, createdAt: at(i) });
        chain.push(c.id);
        parent = c.id;
      }
      const first = await store.comments.repliesPage({ rootId: top.id, limit: 3 });
      assert.deepEqual(
        first.map((c) => c.id),
        chain.slice(0, 3),
      );
      const last = first[2]!;
      const next = await store.comments.repliesPage({
        rootId: top.id,
        limit: 3,
        after: { t: last.createdAt, id: last.id },
      });
      assert.deepEqual(
        next.map((c) => c.id),
        chain.slice(3, 6),
      );
      const from = await store.comments.repliesPage({
        rootId: top.id,
        limit: 1,
        after: { t: last.createdAt, id: last.id },
        inclusive: true,
      });
      assert.deepEqual(
        from.map((c) => c.id),
        [last.id],
      );
      const ancestors = await store.comments.ancestors(chain[6]!);
      assert.deepEqual(
        ancestors.map((c) => c.id),
        [top.id, ...chain.slice(0, 6)],
      );
    });

    test("firstReplies: each thread's first public replies in one read, as repliesPage has them", async () => {
      const a = await article();
      const other = await article();
      const tops = [];
      for (let t = 0; t < 3; t++) tops.push(await comment({ articleId: a.id, createdAt: at(t) }));
      const [one, two, three] = tops as [Comment, Comment, Comment];
      // Thread one: five replies written out of order in time, one of them held (not public).
      const times = [14, 11, 13, 10, 12];
      for (const [i, minute] of times.entries()) {
        await comment({
          articleId: a.id,
          parentId: one.id,
          createdAt: at(minute),
          ...(i === 2 ? { status: 'pending' as const } : {}),
        });
      }
      // Thread two: a reply to a reply (depth 2) and a deleted reply kept as a placeholder.
      const reply = await comment({ articleId: a.id, parentId: two.id, createdAt: at(20) });
      const deep = await comment({ articleId: a.id, parentId: reply.id, createdAt: at(21) });
      await store.comments.delete({ id: reply.id, at: at(22) });
      // A reply elsewhere is not part of any of these threads.
      const elsewhere = await comment({ articleId: other.id, createdAt: at(1) });
      await comment({ articleId: other.id, parentId: elsewhere.id, createdAt: at(2) });

      const roots = [three.id, one.id, two.id];
      const byRoot = await store.comments.firstReplies(roots, 3);
      assert.deepEqual([...byRoot.keys()].sort(), [...roots].sort());
      for (const root of roots) {
        const paged = await store.comments.repliesPage({ rootId: root, limit: 3 });
        assert.deepEqual(
          byRoot.get(root)!.map((c) => c.id),
          paged.map((c) => c.id),
          `thread ${root}`,
        );
      }
      assert.deepEqual(
        byRoot.get(one.id)!.map((c) => c.createdAt),
        [at(10), at(11), at(12)],
      );
      assert.deepEqual(
        byRoot.get(two.id)!.map((c) => [c.id, c.status]),
        [
          [reply.id, 'deleted'],
          [deep.id, 'published'],
        ],
      );
      assert.deepEqual(byRoot.get(three.id), []);
      assert.equal((await store.comments.firstReplies([one.id], 10)).get(one.id)!.length, 4);
      assert.deepEqual([...(await store.comments.firstReplies([], 3))], []);
    });

    test('a page read again reads in full only the comments changed since (decision 0085), and shows every change', async () => {
      const a = await article();
      const bob = await storedPerson(store, { slug: 'bob-held', name: 'Bob', createdAt: at(-900) });
      const top = await comment({ articleId: a.id, createdAt: at(1) });
      const second = await comment({ articleId: a.id, authorId: bob.id, createdAt: at(2) });
      const replies = [];
      for (let i = 0; i < 4; i++) {
        replies.push(await comment({ articleId: a.id, parentId: top.id, createdAt: at(10 + i) }));
      }
      const read = async () => {
        const tops = await store.comments.topLevelPage({
          articleId: a.id,
          sort: 'oldest',
          limit: 5,
        });
        const byRoot = await store.comments.firstReplies(
          tops.map((c) => c.id),
          3,
        );
        return { tops, replies: byRoot.get(top.id)! };
      };
      const first = await read();
      const held = () => store.comments.held();
      const { hits, misses } = held();
      const again = await read();
      assert.deepEqual(again, first, 'the same comments, read again');
      // Every comment of the second read was held: the versions only were read.
      assert.equal(held().hits - hits, 2 + 3);
      assert.equal(held().misses, misses);

      // An edit, a moderation, a deletion, a new reply and a renamed author: each shows at once,
      // and only those comments are read in full.
      await store.comments.edit({ id: replies[0]!.id, body: 'v2', html: '<p>v2</p>', at: at(30) });
      await store.moderation.setStatus(replies[1]!.id, 'rejected');
      await store.users.setNames(bob.id, { name: 'Robert', byline: '' });
      const newer = await comment({ articleId: a.id, parentId: top.id, createdAt: at(9) });
      const before = held();
      const changed = await read();
      assert.equal(held().misses - before.misses, 3, 'the edited, the renamed and the new one');
      assert.deepEqual(
        changed.tops.map((c) => [c.id, c.author.name]),
        [
          [top.id, 'Ann Ärger 🦊'],
          [second.id, 'Robert'],
        ],
      );
      assert.deepEqual(
        changed.replies.map((c) => [c.id, c.html]),
        [
          [newer.id, '<p>A comment.</p>'],
          [replies[0]!.id, '<p>v2</p>'],
          [replies[2]!.id, '<p>A comment.</p>'],
        ],
      );
      await store.comments.delete({ id: replies[2]!.id, at: at(31) });
      assert.deepEqual(
        (await read()).replies.map((c) => c.id),
        [newer.id, replies[0]!.id, replies[3]!.id],
      );
      // Inside a transaction nothing is taken from or kept in the held comments.
      const inside = held();
      const inTransaction = await store.transaction((s) =>
        s.comments.topLevelPage({ articleId: a.id, sort: 'oldest', limit: 5 }),
      );
      assert.deepEqual(inTransaction, changed.tops);
      assert.equal(held().hits, inside.hits);
      assert.equal(held().misses, inside.misses);
    });

    test("a page's replies read again read only the threads changed since (decision 0093)", async () => {
      const a = await article();
      const bob = await storedPerson(store, {
        slug: 'bob-threads',
        name: 'Bob',
        createdAt: at(-900),
      });
      const tops: Comment[] = [];
      for (let i = 0; i < 3; i++) tops.push(await comment({ articleId: a.id, createdAt: at(i) }));
      const r1 = await comment({
        articleId: a.id,
        parentId: tops[0]!.id,
        authorId: bob.id,
        createdAt: at(10),
      });
      const r2 = await comment({ articleId: a.id, parentId: tops[0]!.id, createdAt: at(11) });
      const r3 = await comment({
        articleId: a.id,
        parentId: tops[1]!.id,
        authorId: bob.id,
        createdAt: at(12),
      });
      const read = async () => {
        // The top-level read first, as a page does: replies of held threads only are held.
        await store.comments.topLevelPage({ articleId: a.id, sort: 'oldest', limit: 5 });
        const byRoot = await store.comments.firstReplies(
          tops.map((c) => c.id),
          3,
        );
        return tops.map((t) =>
          byRoot.get(t.id)!.map((c) => [c.id, c.author.name, c.html, c.reactionCount]),
        );
      };
      // A fresh read of the same rows, nothing held: what every read must equal.
      const fresh = async () => {
        store.comments.held().forget();
        await read();
        return read();
      };
      const threads = () => store.comments.held().threadsRead;
      // The first read reads in full, the second the threads' versions, which it holds.
      await read();
      await read();
      let before = threads();
      const second = await read();
      assert.equal(threads() - before, 0, 'nothing changed: no thread read again');
      assert.deepEqual(
        second[0]!.map((r) => r[0]),
        [r1.id, r2.id],
      );

      const r4 = await comment({ articleId: a.id, parentId: tops[1]!.id, createdAt: at(13) });
      before = threads();
      const afterReply = await read();
      assert.equal(threads() - before, 1, 'the thread with the new reply only');
      assert.deepEqual(
        afterReply[1]!.map((r) => r[0]),
        [r3.id, r4.id],
      );

      await store.users.setNames(bob.id, { name: 'Robert', byline: '' });
      before = threads();
      const renamed = await read();
      assert.equal(threads() - before, 0, 'a rename changes no comment row');
      assert.deepEqual(renamed[0]![0]!.slice(0, 2), [r1.id, 'Robert']);
      assert.deepEqual(renamed[1]![0]!.slice(0, 2), [r3.id, 'Robert']);

      await store.comments.edit({ id: r2.id, body: 'v2', html: '<p>v2</p>', at: at(30) });
      await store.comments.react({ commentId: r3.id, userId: bob.id, at: at(31) });
      before = threads();
      const edited = await read();
      assert.equal(threads() - before, 2);
      assert.deepEqual(edited, await fresh());
      assert.equal(edited[0]![1]![2], '<p>v2</p>');
      assert.equal(edited[1]![0]![3], 1);

      await read();
      await store.moderation.setStatus(r4.id, 'rejected');
      await store.comments.delete({ id: r1.id, at: at(32) });
      before = threads();
      const removed = await read();
      assert.equal(threads() - before, 2);
      assert.deepEqual(removed, await fresh());
      assert.deepEqual(
        removed[0]!.map((r) => r[0]),
        [r2.id],
      );
      assert.deepEqual(
        removed[1]!.map((r) => r[0]),
        [r3.id],
      );
    });

    test('per-article comment settings override the site default, or follow it with null', async () => {
      const a = await article();
      assert.deepEqual(await store.comments.articleSettings(a.id), {
        mode: null,
        autoCloseHours: null,
      });
      await store.comments.setArticleSettings(a.id, { mode: 'premoderated', autoCloseHours: 24 });
      assert.deepEqual(await store.comments.articleSettings(a.id), {
        mode: 'premoderated',
        autoCloseHours: 24,
      });
      await store.comments.setArticleSettings(a.id, { mode: null, autoCloseHours: 0 });
      assert.deepEqual(await store.comments.articleSettings(a.id), {
        mode: null,
        autoCloseHours: 0,
      });
      assert.equal(await store.comments.articleSettings('no-such-article'), null);
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

    test('reportedBy: which of these comments a person reported, dismissed or not', async () => {
      const a = await article();
      const c = await comment({ articleId: a.id });
      const d = await comment({ articleId: a.id });
      const reporter = await storedPerson(store);
      assert.deepEqual(await store.comments.reportedBy(reporter.id, []), new Set());
      await store.moderation.addReport({
        commentId: c.id,
        reporterId: reporter.id,
        reason: 'spam',
        text: '',
        createdAt: at(5),
      });
      assert.deepEqual(await store.comments.reportedBy(reporter.id, [c.id, d.id]), new Set([c.id]));
      assert.deepEqual(await store.comments.reportedBy(ann.id, [c.id, d.id]), new Set());
      await store.moderation.resolveReports(c.id, at(6));
      assert.deepEqual(await store.comments.reportedBy(reporter.id, [c.id]), new Set([c.id]));
    });
  });
}
