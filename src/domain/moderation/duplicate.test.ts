import { test } from 'node:test';
import assert from 'node:assert/strict';
import { refuseDuplicates } from './duplicate.js';
import { secondsAgo, submission } from './testing.js';

test('the same text again on the same article is refused, whatever the spacing and case', () => {
  const v = refuseDuplicates(
    submission({
      body: 'Agreed  with\nTHIS',
      recent: [{ articleId: 'article-1', body: 'agreed with this', createdAt: secondsAgo(60) }],
    }),
  );
  assert.ok(v.kind === 'refuse' && v.status === 422 && v.reason.code === 'duplicate');
});

test('short text on another article is not a copy; long text is', () => {
  const short = 'Agreed!';
  const long = 'Buy cheap watches at my wonderful shop today, friends';
  const other = (body: string) => [{ articleId: 'article-2', body, createdAt: secondsAgo(60) }];
  assert.equal(refuseDuplicates(submission({ body: short, recent: other(short) })).kind, 'allow');
  assert.equal(refuseDuplicates(submission({ body: long, recent: other(long) })).kind, 'refuse');
});

test('old comments, different text and edits are not duplicates', () => {
  const body = 'The same words';
  const at = (seconds: number) => [
    { articleId: 'article-1', body, createdAt: secondsAgo(seconds) },
  ];
  assert.equal(refuseDuplicates(submission({ body, recent: at(11 * 60) })).kind, 'allow');
  assert.equal(refuseDuplicates(submission({ body: 'Other words', recent: at(5) })).kind, 'allow');
  assert.equal(refuseDuplicates(submission({ body, recent: at(5), isEdit: true })).kind, 'allow');
});
