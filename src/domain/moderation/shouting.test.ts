import { test } from 'node:test';
import assert from 'node:assert/strict';
import { holdShouting } from './shouting.js';
import { submission } from './testing.js';

test('mostly capitals over enough letters is held', () => {
  const v = holdShouting(submission({ body: 'THIS IS AN OUTRAGE AND EVERYONE SHOULD KNOW IT' }));
  assert.ok(v.kind === 'hold' && v.reason.code === 'shouting');
  assert.ok(
    holdShouting(submission({ body: 'ÉNORME SCANDALE DANS LA VILLE CE MATIN' })).kind === 'hold',
  );
});

test('short cries, acronyms in ordinary text and quoted capitals are not shouting', () => {
  assert.equal(holdShouting(submission({ body: 'NO WAY!' })).kind, 'allow');
  assert.equal(
    holdShouting(
      submission({ body: 'The NHS and the BBC both said so in their statements today.' }),
    ).kind,
    'allow',
  );
  assert.equal(
    holdShouting(
      submission({ body: '> THEY SHOUTED THIS AT THE MEETING LOUDLY\n\nand I disagree.' }),
    ).kind,
    'allow',
  );
});
