/** bench/lib/report.ts: a run of some benchmarks keeps the other benchmarks' figures. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mergeSections, runLine, sectionsOf, tally } from '../bench/lib/report.js';

const earlier = `# Performance

Figures from \`npm run bench\`, run 2026-12-05T01:11:20Z at commit
edb14b8 (with uncommitted changes) on AMD EPYC, 2 cores. Load average (1, 5, 15 min) before the run: 7.54, 6.48, 9.11; after:
1.13, 1.13, 4.18.

**Targets:** 2 of 3 met.

## How the figures are made

- prose

## article-page

Command: \`npx tsx bench/article-page.ts\` (90 s)

| figure | value | target | met |
| --- | --- | --- | --- |
| Memory (RSS) | 204 MiB | ≤ 200 MB | **no** |

## live

Command: \`npx tsx bench/live.ts\` (30 s)

| figure | value | target | met |
| --- | --- | --- | --- |
| p99 | 40 ms | ≤ 100 ms | yes |
| RSS | 150 MiB | ≤ 200 MB | yes |
`;

test('the sections of an earlier file, each naming the run of the old header', () => {
  const sections = sectionsOf(earlier);
  assert.deepEqual(
    sections.map((s) => s.name),
    ['article-page', 'live'],
  );
  const line = runLine({
    startedAt: '2026-12-05T01:11:20Z',
    commit: 'edb14b8 (with uncommitted changes)',
    load: '7.54, 6.48, 9.11',
  });
  for (const s of sections) assert.equal(s.text.split('\n')[2], line, s.name);
  assert.ok(sections[1]!.text.endsWith('| RSS | 150 MiB | ≤ 200 MB | yes |'));
  assert.deepEqual(sectionsOf(null), []);
});

test('a run of one benchmark replaces its section in place and keeps the others', () => {
  const fresh = {
    name: 'article-page',
    text: '## article-page\n\nnew run\n\n| Memory (RSS) | 170 MiB | ≤ 200 MB | yes |',
  };
  const merged = mergeSections(sectionsOf(earlier), [
    fresh,
    { name: 'storm-cost', text: '## storm-cost\n\n**The script failed:** exited with 1.' },
  ]);
  assert.deepEqual(
    merged.map((s) => s.name),
    ['article-page', 'live', 'storm-cost'],
  );
  assert.equal(merged[0], fresh);
  assert.match(merged[1]!.text, /p99 \| 40 ms/);
  assert.deepEqual(tally(merged), { met: 3, set: 3, failed: 1 });
  assert.deepEqual(tally(sectionsOf(earlier)), { met: 2, set: 3, failed: 0 });
});
