import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ArticleStatus } from './article.js';
import {
  canDelete,
  canRecover,
  deletionBlock,
  deletionRefusal,
  mayDelete,
  purgeCutoff,
  purgeTime,
} from './draft-deletion.js';

const article = (status: ArticleStatus, publishedAt: string | null = null, owner = 'ann') => ({
  status,
  publishedAt,
  createdBy: owner,
  authors: [{ id: owner }],
});
const ann = { id: 'ann', role: 'author' as const };
const bob = { id: 'bob', role: 'author' as const };
const ed = { id: 'ed', role: 'editor' as const };
const admin = { id: 'ad', role: 'admin' as const };
const mod = { id: 'mo', role: 'moderator' as const };

test('drafts and articles in review that were never published can be deleted', () => {
  assert.equal(deletionBlock(article('draft')), null);
  assert.equal(deletionBlock(article('review')), null);
});

test('a published or once-published article cannot be deleted, only unpublished', () => {
  const at = '2026-01-01T00:00:00.000Z';
  assert.equal(deletionBlock(article('published', at)), 'published');
  assert.equal(deletionBlock(article('unpublished', at)), 'published');
  // Unpublished and sent back to draft or review: it was published once, so it stays.
  assert.equal(deletionBlock(article('draft', at)), 'published');
  assert.equal(deletionBlock(article('review', at)), 'published');
  // Whatever its publication time says, the status alone is enough.
  assert.equal(deletionBlock(article('unpublished')), 'published');
  assert.match(deletionRefusal('published'), /only be unpublished/);
});

test('a scheduled article is cancelled before it can be deleted', () => {
  assert.equal(deletionBlock(article('scheduled')), 'scheduled');
  assert.match(deletionRefusal('scheduled'), /cancel the schedule/);
});

test('authors delete their own drafts; editors and admins anyone’s; others nobody’s', () => {
  assert.equal(mayDelete(ann, article('draft')), true);
  assert.equal(mayDelete(bob, article('draft')), false);
  assert.equal(mayDelete(bob, { ...article('draft'), authors: [{ id: 'bob' }] }), true);
  assert.equal(mayDelete(ed, article('draft')), true);
  assert.equal(mayDelete(admin, article('draft')), true);
  assert.equal(mayDelete(mod, article('draft')), false);
  assert.equal(canDelete(ann, article('review')), true);
  assert.equal(canDelete(ed, article('published', '2026-01-01T00:00:00.000Z')), false);
  assert.equal(canDelete(bob, article('draft')), false);
});

test('only admins recover deleted drafts', () => {
  assert.equal(canRecover(admin), true);
  for (const who of [ann, ed, mod]) assert.equal(canRecover(who), false, who.role);
});

test('a deleted draft is kept 30 days, then due for purging', () => {
  const deletedAt = '2026-03-01T10:00:00.000Z';
  assert.equal(purgeTime(deletedAt), '2026-03-31T10:00:00.000Z');
  const cutoff = purgeCutoff(new Date('2026-03-31T10:00:00.000Z'));
  assert.equal(cutoff, deletedAt);
  assert.ok(deletedAt <= cutoff);
  assert.ok(deletedAt > purgeCutoff(new Date('2026-03-31T09:59:59.999Z')));
});
