import { test } from 'node:test';
import assert from 'node:assert/strict';
import { policyFrom } from './policy.js';
import { reportThresholdReached } from './reports.js';

test('reaching the report threshold takes a published comment back to review', () => {
  const policy = policyFrom({ 'moderation.reportThreshold': '2' });
  assert.equal(reportThresholdReached('published', 1, policy), null);
  assert.deepEqual(reportThresholdReached('published', 2, policy), {
    code: 'reported',
    detail: '2 reports',
  });
  assert.equal(reportThresholdReached('pending', 5, policy), null);
  assert.equal(reportThresholdReached('rejected', 5, policy), null);
});
