import { test } from 'node:test';
import assert from 'node:assert/strict';
import { policyFrom } from './policy.js';
import { submission } from './testing.js';
import { unconfirmedEmail } from './unconfirmed-email.js';

const confirmed = submission().author;
const unconfirmed = { ...confirmed, emailVerifiedAt: null };

test('by default a commenter with an unconfirmed address is refused with 403', () => {
  const v = unconfirmedEmail(submission({ author: unconfirmed }));
  assert.ok(v.kind === 'refuse' && v.status === 403 && v.reason.code === 'unconfirmed-email');
  assert.match(v.message, /send the link again/);
});

test('the setting holds them instead, or lets them through', () => {
  const held = unconfirmedEmail(
    submission({
      author: unconfirmed,
      policy: policyFrom({ 'comments.unconfirmedEmail': 'hold' }),
    }),
  );
  assert.ok(held.kind === 'hold' && held.reason.code === 'unconfirmed-email');
  const allowed = unconfirmedEmail(
    submission({
      author: unconfirmed,
      policy: policyFrom({ 'comments.unconfirmedEmail': 'allow' }),
    }),
  );
  assert.equal(allowed.kind, 'allow');
});

test('confirmed commenters and staff pass', () => {
  assert.equal(unconfirmedEmail(submission({ author: confirmed })).kind, 'allow');
  assert.equal(
    unconfirmedEmail(submission({ author: { ...unconfirmed, role: 'moderator' } })).kind,
    'allow',
  );
});
