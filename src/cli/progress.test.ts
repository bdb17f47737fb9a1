import assert from 'node:assert/strict';
import { test } from 'node:test';
import { progressBar, progressLine } from './progress.js';

test('the bar fills with the bytes read and says how far', () => {
  assert.equal(
    progressLine(5_000_000, 20_000_000, 80),
    `[${'#'.repeat(10)}${'.'.repeat(30)}]  25%  5.0 MB of 20.0 MB`,
  );
  assert.match(progressLine(20_000_000, 20_000_000, 80), /^\[#{40}\] 100%/);
});

test('only a terminal gets the bar; it is cleared at the end', () => {
  const written: string[] = [];
  const write = (text: string) => written.push(text) > 0;
  progressBar({ isTTY: false, write }).update(1, 2);
  assert.deepEqual(written, [], 'a log file or a pipe gets nothing');
  let now = 0;
  const bar = progressBar({ isTTY: true, columns: 80, write }, () => now);
  bar.update(1_000_000, 2_000_000);
  now = 50;
  bar.update(1_500_000, 2_000_000);
  assert.equal(written.length, 1, 'at most ten updates a second');
  bar.done();
  bar.done();
  assert.equal(written.length, 2, 'cleared once');
  assert.match(written[0] ?? '', /^\r\[#+\.+\] {2}50%/);
});
