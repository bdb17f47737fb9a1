import { test } from 'node:test';
import assert from 'node:assert/strict';
import { articlePath } from './article.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { newId } from './ids.js';

test('an article lives at /{section}/{yyyy}/{mm}/{dd}/{slug}, dated in UTC', () => {
  const path = articlePath({
    slug: 'harbour-vote',
    section: { slug: 'news', name: 'News' },
    publishedAt: '2026-03-04T23:30:00.000Z',
  });
  assert.equal(path, '/news/2026/03/04/harbour-vote');
});

test('cursors round-trip and garbage is refused', () => {
  const c = { t: '2026-03-04T23:30:00.000Z', id: 'abc' };
  assert.deepEqual(decodeCursor(encodeCursor(c)), c);
  for (const bad of [
    '',
    'x',
    '%%%',
    Buffer.from('[1,2]').toString('base64url'),
    Buffer.from('["nope","a"]').toString('base64url'),
  ]) {
    assert.equal(decodeCursor(bad), null, bad);
  }
});

test('ids sort by creation time', () => {
  const a = newId(1_700_000_000_000);
  const b = newId(1_700_000_000_001);
  assert.equal(a.length, 26);
  assert.ok(a < b);
});
