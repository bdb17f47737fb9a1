import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildThreads, commentLength, type Comment } from './comment.js';

const author = { id: 'u', name: 'Ann', slug: 'ann' };
const c = (id: string, parentId: string | null, minute: number): Comment => ({
  id,
  articleId: 'a',
  parentId,
  rootId: 'r',
  author: { ...author, name: `Author of ${id}` },
  body: id,
  html: id,
  status: 'published',
  depth: 0,
  reactionCount: 0,
  createdAt: new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString(),
  editedAt: null,
});

test('replies hang under their parents in time order; orphans are left out', () => {
  const threads = buildThreads(
    [c('r', null, 0)],
    [c('b', 'r', 2), c('a', 'r', 1), c('a1', 'a', 3), c('x', 'missing', 4)],
  );
  assert.equal(threads.length, 1);
  const root = threads[0]!;
  assert.deepEqual(
    root.replies.map((n) => n.comment.id),
    ['a', 'b'],
  );
  assert.equal(root.replies[0]!.replies[0]!.comment.id, 'a1');
  assert.equal(root.replies[0]!.replies[0]!.inReplyTo?.name, 'Author of a');
});

test('length counts characters, so an emoji counts once', () => {
  assert.equal(commentLength('👍🏽é'), 3);
  assert.equal(commentLength('abc'), 3);
});
