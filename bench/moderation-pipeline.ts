/**
 * The moderation pipeline's cost per comment (issue 6): every rule over a realistic comment, with
 * word lists of 1,000 banned and 1,000 suspect entries, as the service runs it (data gathered,
 * no I/O). Also the one-off cost of compiling the word matchers after the lists change.
 *
 *   npx tsx bench/moderation-pipeline.ts      (COMMENTS=3000 by default)
 */
import { performance } from 'node:perf_hooks';
import { runPipeline } from '../src/domain/moderation/pipeline.js';
import { policyFrom } from '../src/domain/moderation/policy.js';
import type { Submission } from '../src/domain/moderation/types.js';
import { wordMatcher } from '../src/domain/moderation/word-matcher.js';
import { machine, printResult } from './lib/load.js';

const count = Number(process.env.COMMENTS ?? 3000);
const syllables = ['ka', 'lo', 'mi', 'ter', 'vos', 'ran', 'del', 'qui', 'pon', 'sul', 'bre', 'tix'];
const word = (i: number) =>
  [0, 1, 2].map((k) => syllables[(i * 7 + k * 5 + Math.floor(i / 12)) % syllables.length]).join('');
const banned = Array.from({ length: 1000 }, (_, i) => `${word(i)}x${i}`);
const suspect = Array.from({ length: 1000 }, (_, i) => `${word(i + 5000)}z${i}`);
const policy = policyFrom({
  'moderation.bannedWords': banned.join('\n'),
  'moderation.suspectWords': suspect.join('\n'),
});

const sentence =
  'The council says the harbour wall will be rebuilt by spring, but residents on the quay ' +
  'remember the same promise three winters ago. Who pays if the contractor walks away again? ';
const bodies = Array.from(
  { length: count },
  (_, i) =>
    `${sentence.repeat(1 + (i % 3))}Comment ${i}: see https://example.com/${i} for the minutes.`,
);
const base: Omit<Submission, 'body'> = {
  articleId: 'a1',
  isEdit: false,
  author: {
    id: 'u1',
    role: 'commenter',
    suspendedUntil: null,
    bannedAt: null,
    emailVerifiedAt: '2025-01-01T00:00:00.000Z',
  },
  record: { approved: 12, rejected: 1 },
  articleMode: 'open',
  articleClosedAt: null,
  recent: Array.from({ length: 5 }, (_, i) => ({
    articleId: 'a1',
    body: `An earlier comment number ${i} with some words in it.`,
    createdAt: new Date(Date.now() - i * 60_000).toISOString(),
  })),
  rate: { byAuthor: [], byAddress: [] },
  policy,
  now: new Date(),
};

const buildStart = performance.now();
wordMatcher(policy.bannedWords);
wordMatcher(policy.suspectWords);
const buildMs = performance.now() - buildStart;

// Warm up, then time each comment.
for (let i = 0; i < 200; i++) runPipeline({ ...base, body: bodies[i % bodies.length] ?? '' });
const times: number[] = [];
for (const body of bodies) {
  const start = performance.now();
  runPipeline({ ...base, body });
  times.push(performance.now() - start);
}
times.sort((a, b) => a - b);
const pct = (p: number) => times[Math.min(times.length - 1, Math.floor(times.length * p))] ?? 0;
const p50 = pct(0.5);
const p99 = pct(0.99);
const mean = times.reduce((a, b) => a + b, 0) / times.length;

console.log(
  `Moderation pipeline, ${count} comments of 250–600 characters, 1,000 + 1,000 listed words`,
);
console.log(machine());
console.log('| figure | value |');
console.log('| --- | ---: |');
console.log(`| word matchers compiled (once per list change) | ${buildMs.toFixed(0)} ms |`);
console.log(`| pipeline per comment, p50 | ${p50.toFixed(3)} ms |`);
console.log(`| pipeline per comment, p99 | ${p99.toFixed(3)} ms |`);
console.log(`| pipeline per comment, mean | ${mean.toFixed(3)} ms |`);
printResult('moderation-pipeline', 'npx tsx bench/moderation-pipeline.ts', [
  { figure: 'word matchers compiled, 2 × 1,000 words', value: `${buildMs.toFixed(0)} ms` },
  { figure: 'pipeline per comment, p50', value: `${p50.toFixed(3)} ms` },
  {
    figure: 'pipeline per comment, p99',
    value: `${p99.toFixed(3)} ms`,
    target: '< 5 ms',
    met: p99 < 5,
  },
]);
