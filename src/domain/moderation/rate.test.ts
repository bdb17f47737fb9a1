import { test } from 'node:test';
import assert from 'node:assert/strict';
import { policyFrom } from './policy.js';
import { refuseOverRate } from './rate.js';
import { secondsAgo, submission } from './testing.js';

const policy = policyFrom({
  'moderation.ratePerPerson': '3',
  'moderation.ratePerAddress': '5',
  'moderation.rateWindowSeconds': '60',
});

test('under the limit is allowed; times outside the window do not count', () => {
  const byAuthor = [secondsAgo(5), secondsAgo(10), secondsAgo(61), secondsAgo(300)];
  assert.equal(
    refuseOverRate(submission({ policy, rate: { byAuthor, byAddress: [] } })).kind,
    'allow',
  );
});

test('at the per-person limit: 429 with the seconds until a slot frees', () => {
  const byAuthor = [secondsAgo(5), secondsAgo(10), secondsAgo(45)];
  const v = refuseOverRate(submission({ policy, rate: { byAuthor, byAddress: [] } }));
  assert.ok(v.kind === 'refuse');
  assert.equal(v.status, 429);
  assert.equal(v.reason.code, 'rate-limit');
  // The oldest (45 s ago) leaves the 60 s window in 15 s.
  assert.equal(v.retryAfterSeconds, 15);
  assert.match(v.message, /15 seconds/);
});

test('the per-address limit counts everyone behind the address', () => {
  const byAddress = [1, 2, 3, 4, 50].map(secondsAgo);
  const v = refuseOverRate(submission({ policy, rate: { byAuthor: [], byAddress } }));
  assert.ok(v.kind === 'refuse' && v.status === 429 && v.retryAfterSeconds === 10);
  assert.match(v.reason.detail, /network address/);
});

test('staff and edits are not limited', () => {
  const rate = { byAuthor: [1, 2, 3, 4].map(secondsAgo), byAddress: [] };
  const base = submission({ policy, rate });
  assert.equal(
    refuseOverRate({ ...base, author: { ...base.author, role: 'moderator' } }).kind,
    'allow',
  );
  assert.equal(refuseOverRate({ ...base, isEdit: true }).kind, 'allow');
  assert.equal(refuseOverRate(base).kind, 'refuse');
});
