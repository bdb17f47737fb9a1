import { test } from 'node:test';
import assert from 'node:assert/strict';
import { policyFrom } from './policy.js';
import { submission } from './testing.js';
import { holdLowTrust } from './trust.js';

test('often rejected and more rejected than approved: held', () => {
  const v = holdLowTrust(submission({ record: { approved: 1, rejected: 2 } }));
  assert.ok(v.kind === 'hold' && v.reason.code === 'low-trust');
});

test('trust recovers with approvals; the rule can be turned off', () => {
  assert.equal(holdLowTrust(submission({ record: { approved: 5, rejected: 3 } })).kind, 'allow');
  assert.equal(holdLowTrust(submission({ record: { approved: 0, rejected: 1 } })).kind, 'allow');
  const off = policyFrom({ 'moderation.lowTrustRejected': '0' });
  assert.equal(
    holdLowTrust(submission({ policy: off, record: { approved: 0, rejected: 9 } })).kind,
    'allow',
  );
});
