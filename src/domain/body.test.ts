import { test } from 'node:test';
import assert from 'node:assert/strict';
import { relatedSlugsIn, splitBody } from './body.js';

test('a [[related:slug]] line splits the body between paragraphs', () => {
  const parts = splitBody('First para.\n\n[[related:harbour-vote]]\n\nSecond para.');
  assert.deepEqual(parts, [
    { kind: 'markdown', text: 'First para.\n' },
    { kind: 'related', slug: 'harbour-vote' },
    { kind: 'markdown', text: '\nSecond para.' },
  ]);
});

test('the marker only counts alone on its line and outside code fences', () => {
  assert.deepEqual(relatedSlugsIn('See [[related:a]] inline.'), []);
  assert.deepEqual(relatedSlugsIn('```\n[[related:a]]\n```'), []);
  assert.deepEqual(relatedSlugsIn('[[related:a]]\n\n  [[related:b]]  \n[[related:a]]'), ['a', 'b']);
  assert.deepEqual(relatedSlugsIn('[[related:Not A Slug]]'), []);
});
