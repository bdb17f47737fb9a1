import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FragmentCache, fragmentKey } from './fragment-cache.js';

test('a fragment is drawn once per key and kept', () => {
  const cache = new FragmentCache<string>(1_000);
  let drawn = 0;
  const draw = () => `<p>${++drawn}</p>`;
  assert.equal(cache.get('a', [], draw), '<p>1</p>');
  assert.equal(cache.get('a', [], draw), '<p>1</p>');
  assert.equal(cache.get('b', [], draw), '<p>2</p>');
  assert.equal(drawn, 2);
  assert.equal(cache.hits, 1);
  assert.equal(cache.misses, 2);
});

test('a fragment is used only with the very inputs it was drawn from, and replaced', () => {
  const cache = new FragmentCache<string>(10_000);
  let drawn = 0;
  const card = (text: string, edited: string | null) =>
    cache.get('c1 en', ['/news/a', text, edited], () => `${++drawn}: ${text}`);
  assert.equal(card('First words', null), '1: First words');
  assert.equal(card('First words', null), '1: First words');
  assert.equal(card('Better words', '2026-12-05T10:00:00Z'), '2: Better words');
  assert.equal(cache.size, 1, 'the edited card replaced the old one');
  assert.equal(card('First words', null), '3: First words');
});

test('keys are one to one: inputs cannot run into each other', () => {
  const keys = [
    fragmentKey('ab', 'c'),
    fragmentKey('a', 'bc'),
    fragmentKey('a', 'b', 'c'),
    fragmentKey('1:a', null),
    fragmentKey('1', 'a', null),
    fragmentKey(null, 'n'),
    fragmentKey('n', null),
    fragmentKey(true, 'x'),
    fragmentKey('t', 'x'),
    fragmentKey(false, ''),
    fragmentKey(''),
  ];
  assert.equal(new Set(keys).size, keys.length);
  assert.equal(fragmentKey('ab', null, true), fragmentKey('ab', null, true));
});

test('over budget, unused fragments go first and a used one gets a second chance', () => {
  const cache = new FragmentCache<string>(48);
  const keep = () => 'x'.repeat(4);
  cache.get('k1', [], keep); // 6 characters each, key included
  cache.get('k2', [], keep);
  cache.get('k3', [], keep);
  cache.get('k1', [], keep); // used: survives the next eviction
  for (let i = 4; i <= 9; i++) cache.get(`k${i}`, [], keep); // 9 × 6 = 54 > 48
  assert.ok(cache.heldChars <= 48);
  let redrawn = 0;
  cache.get('k1', [], () => String(++redrawn));
  assert.equal(redrawn, 0, 'the used fragment is still held');
  cache.get('k2', [], () => String(++redrawn));
  assert.equal(redrawn, 1, 'the oldest unused fragment went');
});

test('a fragment larger than an eighth of the budget is drawn but not kept', () => {
  const cache = new FragmentCache<string>(80);
  let drawn = 0;
  cache.get('big', [], () => 'y'.repeat(20 + 0 * ++drawn));
  cache.get('big', [], () => 'y'.repeat(20 + 0 * ++drawn));
  assert.equal(drawn, 2);
  assert.equal(cache.size, 0);
});
