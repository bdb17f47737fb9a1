/**
 * Comment writes per second on SQLite with synchronous=FULL (every commit waits for the disk):
 * 8 writers post comments over HTTP to the real server process, each with its own account and
 * an Idempotency-Key, for DURATION seconds (default 8). Target (issue 5): at least 500/s.
 *
 *   npx tsx bench/comment-writes.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import SQLite from 'better-sqlite3';
import { createCommentSite } from './lib/comment-site.js';
import { duration, machine, printResult, startBroadsheet } from './lib/load.js';

const writers = Number(process.env.WRITERS ?? 8);
const target = 500;

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
const commitMs = commitCostMs();

const site = await createCommentSite(writers);
const server = await startBroadsheet(site.dataDir);
const latencies: number[] = [];
let written = 0;
let failed = 0;
try {
  const post = async (token: string, key: string) => {
    const started = performance.now();
    const res = await fetch(`${server.url}/api/v1/articles/${site.articleId}/comments`, {
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
    } else failed++;
  };
  // Warm up (JIT, statement cache) without counting.
  await Promise.all(site.tokens.map((t, i) => post(t, `warm-${i}`)));
  written = 0;
  latencies.length = 0;
  const started = performance.now();
  const until = started + duration * 1000;
  await Promise.all(
    site.tokens.map(async (token, w) => {
      for (let n = 0; performance.now() < until; n++) await post(token, `w${w}-${n}`);
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const perSecond = Math.round(written / seconds);
  latencies.sort((a, b) => a - b);
  const p = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  const rssMb = Math.round(server.rss()); // rss() is in MB
  console.log(
    `Comment writes on SQLite (synchronous=FULL), ${writers} writers over HTTP, ${duration} s`,
  );
  console.log(machine());
  console.log('| figure | value |');
  console.log('| --- | ---: |');
  console.log(`| comments written | ${written} |`);
  console.log(`| refused or failed | ${failed} |`);
  console.log(`| writes per second | ${perSecond} |`);
  console.log(`| latency p50 | ${p(0.5).toFixed(1)} ms |`);
  console.log(`| latency p99 | ${p(0.99).toFixed(1)} ms |`);
  console.log(`| server RSS | ${rssMb} MB |`);
  console.log(`| one synchronous=FULL commit on this disk | ${commitMs.toFixed(2)} ms |`);
  console.log(
    `| ceiling at one commit per comment, no group commit | ${Math.round(1000 / commitMs)}/s |`,
  );
  printResult('comment-writes', 'npx tsx bench/comment-writes.ts', [
    {
      figure: `comment writes/s, SQLite synchronous=FULL, ${writers} writers over HTTP`,
      value: String(perSecond),
      target: `≥ ${target}`,
      met: perSecond >= target,
    },
    { figure: 'write latency p99 (ms)', value: p(0.99).toFixed(1) },
    { figure: 'one synchronous=FULL commit on this disk (ms)', value: commitMs.toFixed(2) },
  ]);
} finally {
  await server.stop();
  rmSync(site.dataDir, { recursive: true, force: true });
}
