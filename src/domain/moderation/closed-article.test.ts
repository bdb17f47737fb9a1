import { test } from 'node:test';
import assert from 'node:assert/strict';
import { refuseOnClosedArticle } from './closed-article.js';
import { submission } from './testing.js';

test('a closed article refuses with 422; open and pre-moderated ones allow', () => {
  const closed = refuseOnClosedArticle(submission({ articleMode: 'closed' }));
  assert.equal(closed.kind, 'refuse');
  assert.ok(closed.kind === 'refuse' && closed.status === 422);
  assert.ok(closed.kind === 'refuse' && closed.reason.code === 'closed-article');
  assert.equal(refuseOnClosedArticle(submission()).kind, 'allow');
  assert.equal(refuseOnClosedArticle(submission({ articleMode: 'premoderated' })).kind, 'allow');
});

test('an article closed by time says when', () => {
  const v = refuseOnClosedArticle(
    submission({ articleMode: 'closed', articleClosedAt: '2026-02-28T09:30:00.000Z' }),
  );
  assert.ok(v.kind === 'refuse');
  assert.match(v.message, /closed automatically at 2026-02-28 09:30 UTC/);
});
