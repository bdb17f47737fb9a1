import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ArticleStatus } from './article.js';
import {
  canEdit,
  canTransition,
  canView,
  refusalFor,
  targetStatus,
  transitionsFrom,
} from './workflow.js';

const own = (status: ArticleStatus) => ({ status, createdBy: 'ann', authors: [{ id: 'ann' }] });
const ann = { id: 'ann', role: 'author' as const };
const bob = { id: 'bob', role: 'author' as const };
const ed = { id: 'ed', role: 'editor' as const };
const mod = { id: 'mo', role: 'moderator' as const };

test('authors edit their own drafts and articles in review, nothing later', () => {
  assert.equal(canEdit(ann, own('draft')), true);
  assert.equal(canEdit(ann, own('review')), true);
  for (const s of ['scheduled', 'published', 'unpublished'] as const)
    assert.equal(canEdit(ann, own(s)), false, s);
  assert.equal(canEdit(bob, own('draft')), false);
});

test('a byline makes an article one’s own, as does having created it', () => {
  assert.equal(canEdit(bob, { status: 'draft', createdBy: 'ann', authors: [{ id: 'bob' }] }), true);
  assert.equal(canView(bob, { status: 'draft', createdBy: 'bob', authors: [] }), true);
});

test('editors edit anything; moderators and commenters nothing', () => {
  for (const s of ['draft', 'published', 'unpublished'] as const)
    assert.equal(canEdit(ed, own(s)), true);
  assert.equal(canEdit(mod, own('draft')), false);
  assert.equal(canView(mod, own('draft')), false);
});

test('only editors publish, schedule and unpublish; authors submit their own', () => {
  assert.equal(canTransition(ann, own('draft'), 'submit'), true);
  assert.equal(canTransition(bob, own('draft'), 'submit'), false);
  for (const t of ['return', 'publish', 'schedule', 'unpublish'] as const) {
    assert.equal(canTransition(ann, own('review'), t), false, t);
    assert.equal(canTransition(ed, own('review'), t), true, t);
  }
});

test('transitions lead where the workflow says', () => {
  assert.equal(targetStatus('submit', 'draft'), 'review');
  assert.equal(targetStatus('publish', 'review'), 'published');
  assert.equal(targetStatus('schedule', 'review'), 'scheduled');
  assert.equal(targetStatus('unpublish', 'published'), 'unpublished');
  assert.equal(targetStatus('unpublish', 'scheduled'), 'review');
  assert.equal(targetStatus('return', 'review'), 'draft');
  assert.deepEqual(transitionsFrom.return, ['review']);
  assert.equal(
    refusalFor('return', 'draft'),
    'An article that is draft cannot be sent back to draft.',
  );
  assert.ok(!transitionsFrom.publish.includes('published'));
  assert.ok(!transitionsFrom.submit.includes('review'));
  assert.equal(
    refusalFor('submit', 'review'),
    'An article that is in review cannot be submitted for review.',
  );
});
