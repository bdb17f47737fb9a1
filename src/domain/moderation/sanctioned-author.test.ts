import { test } from 'node:test';
import assert from 'node:assert/strict';
import { refuseSanctionedAuthors } from './sanctioned-author.js';
import { secondsAgo, submission, testNow } from './testing.js';

const author = submission().author;

test('banned and currently suspended authors are refused with 403', () => {
  for (const sanction of [
    { bannedAt: secondsAgo(10), suspendedUntil: null },
    { bannedAt: null, suspendedUntil: new Date(testNow.getTime() + 60_000).toISOString() },
  ]) {
    const v = refuseSanctionedAuthors(submission({ author: { ...author, ...sanction } }));
    assert.ok(v.kind === 'refuse' && v.status === 403 && v.reason.code === 'sanctioned-author');
  }
});

test('a suspension that has ended no longer refuses', () => {
  const v = refuseSanctionedAuthors(
    submission({ author: { ...author, suspendedUntil: secondsAgo(1) } }),
  );
  assert.equal(v.kind, 'allow');
});
