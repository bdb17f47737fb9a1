import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countLinks, holdLinksFromNewCommenters, holdManyLinks } from './links.js';
import { submission } from './testing.js';

test('links are counted written out, behind Markdown text and as www.', () => {
  assert.equal(countLinks('no links here.'), 0);
  assert.equal(
    countLinks('see https://a.example/x and [this](http://b.example) and www.c.example'),
    3,
  );
  assert.equal(countLinks('[x](javascript:alert(1))'), 0);
});

test('a link from someone with too few approved comments is held', () => {
  const body = 'Read https://example.com/story';
  const v = holdLinksFromNewCommenters(submission({ body, record: { approved: 1, rejected: 0 } }));
  assert.ok(v.kind === 'hold' && v.reason.code === 'links-from-new-commenter');
  assert.equal(
    holdLinksFromNewCommenters(submission({ body, record: { approved: 3, rejected: 0 } })).kind,
    'allow',
  );
  assert.equal(
    holdLinksFromNewCommenters(submission({ record: { approved: 0, rejected: 0 } })).kind,
    'allow',
  );
});

test('three links or more are held whoever writes them', () => {
  const two = 'https://a.example https://b.example';
  assert.equal(holdManyLinks(submission({ body: two })).kind, 'allow');
  const v = holdManyLinks(submission({ body: `${two} https://c.example` }));
  assert.ok(v.kind === 'hold' && v.reason.code === 'many-links' && v.reason.detail === '3 links');
});
