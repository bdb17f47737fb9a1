import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rules, runPipeline } from './pipeline.js';
import { policyFrom } from './policy.js';
import { submission } from './testing.js';
import { hold, type Rule } from './types.js';

test('an ordinary comment is published', () => {
  assert.deepEqual(runPipeline(submission()), { kind: 'publish' });
});

test('holds are collected; the first refusal stops the pipeline', () => {
  const body = 'CHECK OUT HTTPS://A.EXAMPLE HTTPS://B.EXAMPLE AND HTTPS://C.EXAMPLE NOW PLEASE';
  const held = runPipeline(submission({ body, record: { approved: 0, rejected: 0 } }));
  assert.equal(held.kind, 'hold');
  assert.deepEqual(held.kind === 'hold' && held.reasons.map((r) => r.code), [
    'links-from-new-commenter',
    'many-links',
    'shouting',
  ]);
  let ranAfter = false;
  const spy: Rule = () => {
    ranAfter = true;
    return hold('shouting', 'x');
  };
  const refused = runPipeline(submission({ articleMode: 'closed' }), [...rules, spy]);
  assert.equal(refused.kind, 'refuse');
  assert.equal(ranAfter, false);
});

test('staff are never held, but can be refused', () => {
  const author = {
    id: 's',
    role: 'editor' as const,
    suspendedUntil: null,
    bannedAt: null,
    emailVerifiedAt: null,
  };
  const policy = policyFrom({
    'moderation.premoderation': 'everyone',
    'moderation.bannedWords': 'forbidden',
  });
  assert.deepEqual(runPipeline(submission({ author, policy })), { kind: 'publish' });
  assert.equal(runPipeline(submission({ author, policy, body: 'forbidden' })).kind, 'refuse');
});

test('the rules run in the documented order', () => {
  assert.deepEqual(
    rules.map((r) => r.name),
    [
      'refuseOnClosedArticle',
      'refuseSanctionedAuthors',
      'unconfirmedEmail',
      'refuseOverRate',
      'refuseDuplicates',
      'refuseBannedWords',
      'holdSuspectWords',
      'holdLinksFromNewCommenters',
      'holdManyLinks',
      'holdShouting',
      'holdForPremoderation',
      'holdLowTrust',
    ],
  );
});
