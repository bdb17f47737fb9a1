import { test } from 'node:test';
import assert from 'node:assert/strict';
import { freeSlug, isAllowedSectionSlug, isSlug, slugify } from './slug.js';

test('slugify folds accents, drops punctuation and trims on a word boundary', () => {
  assert.equal(slugify('Café Zürich’s “best” year!'), 'cafe-zurichs-best-year');
  assert.equal(slugify('  --  '), '');
  const long = slugify('word '.repeat(40), 30);
  assert.ok(long.length <= 30 && !long.endsWith('-'));
});

test('reserved words are never section slugs', () => {
  for (const word of [
    'admin',
    'api',
    'assets',
    'author',
    'tag',
    'search',
    'signin',
    'signup',
    'signout',
    'setup',
    'account',
    'comments',
    'images',
    'corrections',
    'feed.xml',
    'atom.xml',
    'sitemap.xml',
    'news-sitemap.xml',
    'robots.txt',
  ]) {
    assert.equal(isAllowedSectionSlug(word), false, word);
  }
  assert.equal(isAllowedSectionSlug('politics'), true);
  assert.equal(isSlug('Politics'), false);
});

test('freeSlug numbers the base until one is free', async () => {
  const taken = new Set(['budget', 'budget-2']);
  const asked: string[] = [];
  const isTaken = async (slug: string) => (asked.push(slug), taken.has(slug));
  assert.equal(await freeSlug('budget', isTaken), 'budget-3');
  assert.deepEqual(asked, ['budget', 'budget-2', 'budget-3']);
  assert.equal(await freeSlug('weather', isTaken), 'weather');
});
