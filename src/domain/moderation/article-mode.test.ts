import { test } from 'node:test';
import assert from 'node:assert/strict';
import { effectiveCommentMode } from './article-mode.js';

const now = new Date('2026-03-01T12:00:00Z');
const base = {
  override: null,
  siteMode: 'open' as const,
  autoCloseHours: 0,
  publishedAt: '2026-02-28T12:00:00Z',
  now,
};

test('the article override wins over the site default', () => {
  assert.equal(effectiveCommentMode(base), 'open');
  assert.equal(effectiveCommentMode({ ...base, siteMode: 'premoderated' }), 'premoderated');
  assert.equal(effectiveCommentMode({ ...base, siteMode: 'closed', override: 'open' }), 'open');
});

test('auto-close closes after the hours have passed, not before', () => {
  assert.equal(effectiveCommentMode({ ...base, autoCloseHours: 24 }), 'closed');
  assert.equal(effectiveCommentMode({ ...base, autoCloseHours: 25 }), 'open');
  assert.equal(
    effectiveCommentMode({ ...base, autoCloseHours: 24, override: 'premoderated' }),
    'closed',
  );
});
