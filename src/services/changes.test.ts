import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LocalChangeBus, RelayedChangeBus, type Change, type ChangeChannel } from './changes.js';

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

/** Two processes' channels joined back to back, as LISTEN/NOTIFY or the cluster relay would. */
function channelPair() {
  type End = { listeners: ((m: string) => void)[]; reconnect: (() => void)[] };
  const ends: [End, End] = [
    { listeners: [], reconnect: [] },
    { listeners: [], reconnect: [] },
  ];
  const channel = (me: End, other: End): ChangeChannel => ({
    send: (m) => other.listeners.forEach((l) => l(m)),
    onMessage: (l) => me.listeners.push(l),
    onReconnect: (l) => me.reconnect.push(l),
  });
  return {
    a: channel(ends[0], ends[1]),
    b: channel(ends[1], ends[0]),
    reconnectB: () => ends[1].reconnect.forEach((l) => l()),
    rawToB: (m: string) => ends[1].listeners.forEach((l) => l(m)),
  };
}

test('a relayed bus delivers here at once and in the other process once', () => {
  const pair = channelPair();
  const here = new RelayedChangeBus(pair.a);
  const there = new RelayedChangeBus(pair.b);
  const heardHere: Change[] = [];
  const heardThere: Change[] = [];
  here.subscribe((c) => heardHere.push(c));
  there.subscribe((c) => heardThere.push(c));
  here.publish(change('c1'));
  assert.deepEqual(heardHere, [change('c1')]);
  assert.deepEqual(heardThere, [change('c1')]);
});

test('after the channel comes back, subscribers hear a site change; garbage is ignored', () => {
  const pair = channelPair();
  const errors: unknown[] = [];
  const there = new RelayedChangeBus(pair.b, (e) => errors.push(e));
  const heard: Change[] = [];
  there.subscribe((c) => heard.push(c));
  pair.reconnectB();
  pair.rawToB('not json');
  pair.rawToB('{"kind":"nonsense"}');
  assert.deepEqual(heard, [{ kind: 'site' }]);
  assert.equal(errors.length, 1);
});

test('a front change crosses to the other process', () => {
  const pair = channelPair();
  const here = new RelayedChangeBus(pair.a);
  const there = new RelayedChangeBus(pair.b);
  const heard: Change[] = [];
  there.subscribe((c) => heard.push(c));
  here.publish({ kind: 'front' });
  assert.deepEqual(heard, [{ kind: 'front' }]);
});

test('a webhooks change crosses to the other process (its webhook list is read again)', () => {
  const pair = channelPair();
  const here = new RelayedChangeBus(pair.a);
  const there = new RelayedChangeBus(pair.b);
  const heard: Change[] = [];
  there.subscribe((c) => heard.push(c));
  here.publish({ kind: 'webhooks' });
  assert.deepEqual(heard, [{ kind: 'webhooks' }]);
});

test('a static page change crosses processes; one without its page id is ignored', () => {
  const pair = channelPair();
  const here = new RelayedChangeBus(pair.a);
  const there = new RelayedChangeBus(pair.b);
  const heard: Change[] = [];
  there.subscribe((c) => heard.push(c));
  here.publish({ kind: 'page', pageId: 'p1' });
  pair.rawToB('{"kind":"page"}');
  assert.deepEqual(heard, [{ kind: 'page', pageId: 'p1' }]);
});
