/** The comments held as last read (decision 0085): used only at the very version they were read. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Comment } from '../src/domain/comment.js';
import { CommentRowCache, type CommentVersion } from '../src/store/comment-rows.js';

const comment = (id: string, html = '<p>x</p>', editedAt: string | null = null): Comment => ({
  id,
  articleId: 'a1',
  parentId: null,
  rootId: id,
  author: { id: 'u1', name: 'Ann', slug: 'ann' },
  body: 'x',
  html,
  status: 'published',
  depth: 0,
  reactionCount: 0,
  createdAt: '2026-12-06T01:00:00.000Z',
  editedAt,
});

const version = (id: string, seq: number, more: Partial<CommentVersion> = {}): CommentVersion => ({
  id,
  live_seq: seq,
  edited_at: null,
  author_name: 'Ann',
  author_slug: 'ann',
  ...more,
});

test('a held comment is given only for its own version, edit time and author', () => {
  const held = new CommentRowCache(100_000);
  const c = comment('c1');
  held.put(c, 7, 'Ann', 'ann');
  assert.equal(held.get(version('c1', 7)), c);
  // PostgreSQL's driver may give the number as text.
  assert.equal(held.get(version('c1', '7' as unknown as number)), c);
  assert.equal(held.get(version('c1', 8)), undefined, 'a later write');
  assert.equal(held.get(version('c1', 7, { edited_at: '2026-12-06T02:00:00.000Z' })), undefined);
  assert.equal(held.get(version('c1', 7, { author_name: 'Annette' })), undefined, 'renamed');
  assert.equal(held.get(version('c1', 7, { author_slug: 'annette' })), undefined);
  assert.equal(held.get(version('c2', 7)), undefined);
  assert.deepEqual([held.hits, held.misses], [2, 5]);
  // Put again at a new version: the old one is gone.
  const edited = comment('c1', '<p>y</p>', '2026-12-06T02:00:00.000Z');
  held.put(edited, 9, 'Ann', 'ann');
  assert.equal(held.get(version('c1', 9, { edited_at: edited.editedAt })), edited);
  assert.equal(held.get(version('c1', 7)), undefined);
  assert.equal(held.size, 1);
  held.delete('c1');
  assert.equal(held.size, 0);
  assert.equal(held.heldChars, 0);
});

test('within its budget of characters: the oldest unused go first', () => {
  const held = new CommentRowCache(4_000);
  for (let i = 0; i < 40; i++) held.put(comment(`c${i}`), 1, 'Ann', 'ann');
  assert.ok(held.heldChars <= 4_000, `${held.heldChars}`);
  assert.ok(held.size < 40 && held.size > 5, `${held.size}`);
  assert.equal(held.get(version('c39', 1))?.id, 'c39', 'the newest stays');
  assert.equal(held.get(version('c0', 1)), undefined, 'the oldest went');
  held.clear();
  assert.equal(held.size, 0);
  assert.equal(held.readBefore('top a1'), false);
  assert.equal(held.readBefore('top a1'), true);
});
