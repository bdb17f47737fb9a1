import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LocalChangeBus, type Change } from './changes.js';

const change = (commentId: string): Change => ({
  kind: 'comment',
  articleId: 'a1',
  commentId,
  action: 'created',
});

test('subscribers hear every change in publish order until they unsubscribe', () => {
  const bus = new LocalChangeBus();
  const heard: string[] = [];
  const stop = bus.subscribe((c) => heard.push(c.kind === 'comment' ? c.commentId : c.kind));
  bus.publish(change('c1'));
  bus.publish({ kind: 'site' });
  stop();
  bus.publish(change('c2'));
  assert.deepEqual(heard, ['c1', 'site']);
});

test('a failing subscriber is reported and the others still hear the change', () => {
  const errors: unknown[] = [];
  const bus = new LocalChangeBus((e) => errors.push(e));
  const heard: Change[] = [];
  bus.subscribe(() => {
    throw new Error('broken listener');
  });
  bus.subscribe((c) => heard.push(c));
  bus.publish(change('c1'));
  assert.equal(heard.length, 1);
  assert.equal(errors.length, 1);
});
