/**
 * Comment writes per second (issues 5 and 19): writers post comments over HTTP to the real server
 * process, each post with an Idempotency-Key, for DURATION seconds (default 8) after a 2-second
 * warm-up that is not counted. Two shapes, on SQLite with synchronous=FULL (every commit waits
 * for the disk) and, when BENCH_DATABASE_URL or TEST_DATABASE_URL names a PostgreSQL server, on
 * a fresh database there:
 *
 * - 8 staff accounts, each posting one comment after another (8 in flight);
 * - ONE staff account posting 8 at a time (a live blogger, an import, a bot).
 *
 * Target: at least 500/s for each.
 *
 *   npx tsx bench/comment-writes.ts          (WRITERS=8 DURATION=8)
 *   DATABASES=PostgreSQL npx tsx bench/comment-writes.ts   (one database only)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import SQLite from 'better-sqlite3';
import { createCommentSite } from './lib/comment-site.js';
import { duration, machine, printResult, startBroadsheet, type ResultRow } from './lib/load.js';

const writers = Number(process.env.WRITERS ?? 8);
const target = 500;
const postgresUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? null;

/** The profile's first figure: what one synchronous=FULL commit (one disk sync) costs here. */
function commitCostMs(): number {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'broadsheet-fsync-'));
  try {
    const db = new SQLite(path.join(dir, 'x.sqlite'));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('create table t (id integer primary key, v text)');
    const insert = db.prepare('insert into t (v) values (?)');
    const n = 200;
    const started = performance.now();
    for (let i = 0; i < n; i++) insert.run('x'.repeat(200));
    db.close();
    return (performance.now() - started) / n;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface Run {
  perSecond: number;
  written: number;
  failed: number;
  p50: number;
  p99: number;
}

/** `tokens[i]` is the account of writer i: 8 tokens for 8 accounts, one token 8 times for one. */
async function measure(url: string, articleId: string, tokens: string[], tag: string) {
  let latencies: number[] = [];
  let written = 0;
  let failed = 0;
  const post = async (token: string, key: string) => {
    const started = performance.now();
    const res = await fetch(`${url}/api/v1/articles/${articleId}/comments`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        'idempotency-key': key,
      },
      body: JSON.stringify({ body: `A comment, number ${key}, with *a little* Markdown.` }),
    });
    await res.arrayBuffer();
    if (res.status === 201) {
      written++;
      latencies.push(performance.now() - started);
    } else {
      failed++;
      if (failed === 1) console.error(`a post was refused: ${res.status}`);
    }
  };
  const load = (seconds: number, phase: string) => {
    const until = performance.now() + seconds * 1000;
    return Promise.all(
      tokens.map(async (token, w) => {
        for (let n = 0; performance.now() < until; n++)
          await post(token, `${tag}-${phase}-w${w}-${n}`);
      }),
    );
  };
  // Warm up (JIT, statement caches, the group commit's rhythm) without counting.
  await load(2, 'warm');
  written = 0;
  failed = 0;
  latencies = [];
  const started = performance.now();
  await load(duration, 'run');
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const p = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return {
    perSecond: Math.round(written / seconds),
    written,
    failed,
    p50: p(0.5),
    p99: p(0.99),
  } satisfies Run;
}

const commitMs = commitCostMs();
const rows: ResultRow[] = [];
console.log(machine());
console.log(`Comment writes over HTTP, ${writers} in flight, ${duration} s after a 2 s warm-up`);
console.log('| database | shape | writes/s | written | refused | p50 ms | p99 ms | server RSS |');
console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |');
const only = process.env.DATABASES?.split(',').map((d) => d.trim().toLowerCase());
const databases = ['SQLite', ...(postgresUrl ? ['PostgreSQL'] : [])].filter(
  (d) => !only || only.includes(d.toLowerCase()),
);
for (const database of databases) {
  const site = await createCommentSite(writers, database === 'PostgreSQL' ? postgresUrl : null);
  const server = await startBroadsheet(
    site.dataDir,
    site.databaseUrl ? { DATABASE_URL: site.databaseUrl } : {},
  );
  try {
    const shapes: [string, string[]][] = [
      [`${writers} staff accounts, one post each at a time`, site.tokens],
      [`one staff account, ${writers} at a time`, site.tokens.map(() => site.tokens[0]!)],
    ];
    for (const [shape, tokens] of shapes) {
      const run = await measure(server.url, site.articleId, tokens, `${database}-${rows.length}`);
      const rss = Math.round(server.rss());
      console.log(
        `| ${database} | ${shape} | ${run.perSecond} | ${run.written} | ${run.failed} | ${run.p50.toFixed(1)} | ${run.p99.toFixed(1)} | ${rss} MB |`,
      );
      rows.push({
        figure: `comment writes/s, ${database}${database === 'SQLite' ? ' synchronous=FULL' : ''}, ${shape}, over HTTP`,
        value: `${run.perSecond} (p50 ${run.p50.toFixed(1)} ms, p99 ${run.p99.toFixed(1)} ms, ${run.failed} refused)`,
        target: `≥ ${target}`,
        met: run.perSecond >= target && run.failed === 0,
      });
    }
  } finally {
    await server.stop();
    await site.drop();
    rmSync(site.dataDir, { recursive: true, force: true });
  }
}
console.log(`one synchronous=FULL commit on this disk: ${commitMs.toFixed(2)} ms`);
console.log(`ceiling at one commit per comment, no group commit: ${Math.round(1000 / commitMs)}/s`);
rows.push({ figure: 'one synchronous=FULL commit on this disk (ms)', value: commitMs.toFixed(2) });
printResult(
  'comment-writes',
  `WRITERS=${writers} DURATION=${duration}${postgresUrl ? ' BENCH_DATABASE_URL=postgres://…' : ''} npx tsx bench/comment-writes.ts`,
  rows,
);
