import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  fts5Query,
  relatedTextTerms,
  highlightedParts,
  markEnd,
  markStart,
  parseSearchQuery,
  readableSnippet,
  websearchQuery,
} from './search.js';

test('plain words, phrases and exclusions', () => {
  assert.deepEqual(parseSearchQuery('Council  budget -parking "bus lane"'), {
    words: ['council', 'budget'],
    phrases: [['bus', 'lane']],
    excluded: ['parking'],
  });
  // A hyphen inside a word is not an exclusion.
  assert.deepEqual(parseSearchQuery('well-known')?.excluded, []);
});

test('nothing searchable is null', () => {
  for (const raw of ['', '   ', '***', '""', '-only', '()', 'OR AND NOT', '🙂🙂']) {
    assert.equal(parseSearchQuery(raw), null, JSON.stringify(raw));
  }
});

test('query syntax of either database never gets through', () => {
  const strange = [
    'NEAR(council budget, 5)',
    'headline:council',
    'council*',
    '"unbalanced',
    '((council',
    'council OR budget',
    "council'; drop table articles; --",
    '^council + {budget}',
    'café 🙂 naïve',
    'x'.repeat(10_000),
    '\u0000\u0002\u0003council',
  ];
  for (const raw of strange) {
    const terms = parseSearchQuery(raw);
    if (!terms) continue;
    for (const word of [...terms.words, ...terms.excluded, ...terms.phrases.flat()]) {
      assert.match(word, /^[\p{L}\p{N}]+$/u, `${JSON.stringify(raw)} gave ${word}`);
      assert.ok(word.length <= 40);
    }
    const fts = fts5Query(terms);
    // Outside quoted strings only spaces, parentheses and the NOT this module writes.
    const outside = fts.replace(/"[^"]*"/g, '');
    assert.match(outside, /^[\s()]*(?:NOT[\s]*)*$/, fts);
    assert.doesNotMatch(websearchQuery(terms), /[^\p{L}\p{N}\s"-]/u);
  }
  assert.deepEqual(parseSearchQuery('NEAR(council budget, 5)')?.words, [
    'near',
    'council',
    'budget',
    '5',
  ]);
});

test('long input keeps at most twelve terms', () => {
  const terms = parseSearchQuery(
    'word '.repeat(5000) + Array.from({ length: 30 }, (_, i) => `w${i}`).join(' '),
  );
  assert.ok(terms);
  assert.ok(terms.words.length <= 12);
});

test('the FTS5 and websearch forms', () => {
  const terms = parseSearchQuery('council -parking "bus lane"');
  assert.ok(terms);
  assert.equal(fts5Query(terms), '("council" "bus lane") NOT "parking"');
  assert.equal(websearchQuery(terms), 'council "bus lane" -parking');
});

test('highlighted parts never leave a mark open', () => {
  assert.deepEqual(highlightedParts(`a ${markStart}b${markEnd} c`), [
    { text: 'a ', marked: false },
    { text: 'b', marked: true },
    { text: ' c', marked: false },
  ]);
  assert.deepEqual(highlightedParts(`${markEnd}x${markStart}y`), [
    { text: 'x', marked: false },
    { text: 'y', marked: true },
  ]);
});

test('snippets lose their Markdown', () => {
  assert.equal(
    readableSnippet(
      '/x) The **council** said [its plan](https://example.com) was\n\n[[related:x]] fine',
    ),
    'The council said its plan was fine',
  );
  assert.equal(readableSnippet('read [the report](https://exa'), 'read the report');
});

test('related text terms: any of a headline’s telling words', () => {
  const terms = relatedTextTerms('The harbour wall will be rebuilt after 2024 storms');
  assert.deepEqual(terms?.words, ['harbour', 'wall', 'rebuilt', 'storms']);
  assert.equal(fts5Query(terms!), '"harbour" OR "wall" OR "rebuilt" OR "storms"');
  assert.equal(websearchQuery(terms!), 'harbour or wall or rebuilt or storms');
  assert.equal(relatedTextTerms('It is on'), null);
});
