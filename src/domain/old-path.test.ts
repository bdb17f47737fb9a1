import assert from 'node:assert/strict';
import { test } from 'node:test';
import { oldPathKey } from './old-path.js';

test('an old address is keyed by its path, without a trailing slash or tracking parameters', () => {
  const key = '/2024/03/05/council-approves';
  assert.equal(oldPathKey('http://old.example/2024/03/05/council-approves/'), key);
  assert.equal(oldPathKey('/2024/03/05/council-approves'), key);
  assert.equal(oldPathKey('/2024/03/05/council-approves/?utm_source=feed'), key);
});

test("WordPress's post-id addresses keep their id and nothing else", () => {
  assert.equal(oldPathKey('http://old.example/?p=7'), '/?p=7');
  assert.equal(oldPathKey('/?p=7&utm_medium=x'), '/?p=7');
  assert.equal(oldPathKey('/?page_id=8'), '/?page_id=8');
  assert.equal(oldPathKey('/?p=seven'), null, 'not an id');
  assert.equal(oldPathKey('/'), null, 'the front page is nobody’s old address');
});
