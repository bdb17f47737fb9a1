import { test } from 'node:test';
import assert from 'node:assert/strict';
import { imageIdsIn, relatedSlugsIn, splitBody } from './body.js';

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

test('a [[image:ID]] line places an uploaded image; ids are listed once, in order', () => {
  const id = '01jd0000000000000000000000';
  const other = '01jd000000000000000000000z';
  assert.deepEqual(splitBody(`Before.\n\n[[image:${id}]]\n\nAfter.`), [
    { kind: 'markdown', text: 'Before.\n' },
    { kind: 'image', id },
    { kind: 'markdown', text: '\nAfter.' },
  ]);
  assert.deepEqual(imageIdsIn(`[[image:${id}]]\n[[image:${other}]]\n[[image:${id}]]`), [id, other]);
  assert.deepEqual(imageIdsIn(`In a sentence [[image:${id}]] it is text.`), []);
  assert.deepEqual(imageIdsIn('```\n[[image:' + id + ']]\n```'), []);
  assert.deepEqual(imageIdsIn('[[image:../../etc/passwd]]'), []);
});
