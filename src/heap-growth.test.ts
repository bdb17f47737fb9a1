import { test } from 'node:test';
import assert from 'node:assert/strict';
import { heapGrowingPercent, heapGrowthFlag } from './heap-growth.js';

test('the heap growth limit is set unless the operator set one', () => {
  const ours = `--heap-growing-percent=${heapGrowingPercent}`;
  assert.equal(heapGrowthFlag([]), ours);
  assert.equal(heapGrowthFlag(['--enable-source-maps', '--max-old-space-size=512']), ours);
  assert.equal(heapGrowthFlag(['--heap-growing-percent=20']), null);
  assert.equal(heapGrowthFlag(['--trace-gc', '--heap_growing_percent=80']), null);
  // A flag whose name only starts the same is not the operator's choice.
  assert.equal(heapGrowthFlag(['--heap-growing-percentage-x']), ours);
});
