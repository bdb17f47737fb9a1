import { test } from 'node:test';
import assert from 'node:assert/strict';
import { policyFrom } from './policy.js';
import { holdForPremoderation } from './premoderation.js';
import { submission } from './testing.js';

test('a pre-moderated article holds every comment', () => {
  const v = holdForPremoderation(submission({ articleMode: 'premoderated' }));
  assert.ok(v.kind === 'hold' && v.reason.code === 'premoderation');
});

test('the site policy: off, new commenters, everyone', () => {
  const at = (premoderation: string, approved: number) =>
    holdForPremoderation(
      submission({
        policy: policyFrom({ 'moderation.premoderation': premoderation }),
        record: { approved, rejected: 0 },
      }),
    ).kind;
  assert.equal(at('off', 0), 'allow');
  assert.equal(at('new', 2), 'hold');
  assert.equal(at('new', 3), 'allow');
  assert.equal(at('everyone', 100), 'hold');
});
