import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diffCounts, textDiff } from './diff.js';

test('additions and removals are marked in words as well as elements', () => {
  const out = textDiff('The council met on Monday.', 'The council met on Tuesday.').value;
  assert.match(
    out,
    /<del class="diff__removed"><span class="visually-hidden">\[removed: <\/span>Monday/,
  );
  assert.match(
    out,
    /<ins class="diff__added"><span class="visually-hidden">\[added: <\/span>Tuesday/,
  );
  assert.ok(out.startsWith('The council met on '));
});

test('text is escaped, and equal texts show as they are', () => {
  assert.match(textDiff('a', '<b>').value, /&lt;b&gt;/);
  assert.equal(textDiff('same', 'same').value, '<span class="diff__same">same</span>');
  assert.deepEqual(diffCounts('one two three', 'one four three five'), { added: 2, removed: 1 });
});
