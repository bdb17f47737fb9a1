import { test } from 'node:test';
import assert from 'node:assert/strict';
import { policyFrom } from './policy.js';
import { submission } from './testing.js';
import { holdSuspectWords, refuseBannedWords } from './words.js';
import { joinSpacedLetters } from './word-matcher.js';

const policy = policyFrom({
  'moderation.bannedWords': 'spamword\nbuy followers\nforbidden\ncafé crème',
  'moderation.suspectWords': 'idiot',
});

test('banned words refuse with a message naming them, through every disguise', () => {
  for (const body of [
    'This is SPAMWORD.',
    'Try spämwörd now',
    'sp4mw0rd!',
    'a s p a m w o r d here',
    's.p.a.m.w.o.r.d',
    'spaaaamwooord',
    'You can BUY FOLLOWERS here',
    'FORBIDDEN',
    'forbiden',
    'cafe creme',
  ]) {
    const v = refuseBannedWords(submission({ body, policy }));
    assert.ok(v.kind === 'refuse', body);
    assert.equal(v.status, 422);
    assert.equal(v.reason.code, 'banned-words');
    assert.match(v.message, /"(spamword|buy followers|forbidden|café crème)"/);
  }
});

test('ordinary text passes, and the lists can be empty', () => {
  assert.equal(
    refuseBannedWords(submission({ body: 'Spam is a tinned meat.', policy })).kind,
    'allow',
  );
  assert.equal(refuseBannedWords(submission({ body: 'spamword' })).kind, 'allow');
});

test('suspect words hold with the word as the reason', () => {
  const v = holdSuspectWords(submission({ body: 'What an 1d10t.', policy }));
  assert.ok(v.kind === 'hold');
  assert.equal(v.reason.code, 'suspect-words');
  assert.equal(v.reason.detail, 'suspect "idiot"');
  assert.equal(holdSuspectWords(submission({ body: 'A thoughtful reply.', policy })).kind, 'allow');
});

test('only runs of single letters are joined, so words next to each other do not merge', () => {
  assert.equal(joinSpacedLetters('s p a m and more'), 'spam and more');
  assert.equal(joinSpacedLetters('grass hole'), 'grass hole');
  assert.equal(joinSpacedLetters('a b'), 'a b');
});
