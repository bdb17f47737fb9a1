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
 * Target: at least 500/s for each. Beside the rate: CPU per written comment of the server process
 * and (PostgreSQL on this machine) of the database's backends, and the round trips the server
 * sent per comment (from its /metrics): on 2 shared cores these bound the rate (decisions/0087).
 *
 *   npx tsx bench/comment-writes.ts          (WRITERS=8 DURATION=8)
 *   DATABASES=PostgreSQL npx tsx bench/comment-writes.ts   (one database only)
 *   SERVER_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' npx tsx bench/comment-writes.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { createCommentSite } from './lib/comment-site.js';
import {
  cpuOf,
  duration,
  machine,
  printResult,
  startBroadsheet,
  type Broadsheet,
  type ResultRow,
} from './lib/load.js';

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
  /** CPU per written comment, µs: the server process, and the database's own backends. */
  serverMicros: number;
  databaseMicros: number | null;
  /** Statements the server sent per written comment (BEGIN and COMMIT included). */
  statements: number;
}

/**
 * What the server's /metrics counts of its database queries so far: round trips (a batch of
 * statements sent in one message counts once, decisions/0094).
 */
async function statementsSoFar(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const counts = text.match(/^broadsheet_db_query_duration_seconds_count\{[^}]*\} (\d+)/gm) ?? [];
  return counts.reduce((n, line) => n + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

/**
 * CPU seconds of the PostgreSQL backends serving one database (the server and the database share
 * the machine's cores, so both bound the rate). Backends are processes of this machine here; on
 * another machine this reads nothing and the figure is left out.
 */
function databaseCpu(databaseUrl: string | null) {
  if (!databaseUrl) return null;
  const name = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
  const admin = new URL(databaseUrl);
  admin.pathname = '/postgres';
  return async (): Promise<Map<number, number>> => {
    const client = new pg.Client({ connectionString: admin.toString() });
    await client.connect();
    try {
      const { rows } = await client.query<{ pid: number }>(
        'select pid from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
        [name],
      );
      return new Map(rows.map(({ pid }) => [pid, cpuOf(pid)]));
    } finally {
      await client.end();
    }
  };
}

/** CPU used between two readings of the same backends (one that ended meanwhile is left out). */
function cpuBetween(before: Map<number, number>, after: Map<number, number>): number {
  let seconds = 0;
  for (const [pid, cpu] of after) seconds += cpu - (before.get(pid) ?? 0);
  return seconds;
}

/** `tokens[i]` is the account of writer i: 8 tokens for 8 accounts, one token 8 times for one. */
async function measure(
  server: Broadsheet,
  databaseUrl: string | null,
  articleId: string,
  tokens: string[],
  tag: string,
) {
  const { url } = server;
  const readDatabaseCpu = databaseCpu(databaseUrl);
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
  const statementsBefore = await statementsSoFar(url);
  const serverCpuBefore = server.cpuSeconds();
  const databaseCpuBefore = await readDatabaseCpu?.();
  const started = performance.now();
  await load(duration, 'run');
  const seconds = (performance.now() - started) / 1000;
  const serverCpu = server.cpuSeconds() - serverCpuBefore;
  const databaseCpuAfter = await readDatabaseCpu?.();
  const statements = (await statementsSoFar(url)) - statementsBefore;
  const perPost = (cpu: number) => Math.round((1e6 * cpu) / Math.max(1, written));
  latencies.sort((a, b) => a - b);
  const p = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return {
    perSecond: Math.round(written / seconds),
    written,
    failed,
    p50: p(0.5),
    p99: p(0.99),
    serverMicros: perPost(serverCpu),
    databaseMicros:
      databaseCpuBefore && databaseCpuAfter
        ? perPost(cpuBetween(databaseCpuBefore, databaseCpuAfter))
        : null,
    statements: statements / Math.max(1, written),
  } satisfies Run;
}

const commitMs = commitCostMs();
const rows: ResultRow[] = [];
console.log(machine());
console.log(`Comment writes over HTTP, ${writers} in flight, ${duration} s after a 2 s warm-up`);
console.log(
  `load average ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
console.log(
  '| database | shape | writes/s | written | refused | p50 ms | p99 ms | server RSS | server CPU µs/post | database CPU µs/post | round trips/post |',
);
console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
const only = process.env.DATABASES?.split(',').map((d) => d.trim().toLowerCase());
const databases = ['SQLite', ...(postgresUrl ? ['PostgreSQL'] : [])].filter(
  (d) => !only || only.includes(d.toLowerCase()),
);
for (const database of databases) {
  const site = await createCommentSite(writers, database === 'PostgreSQL' ? postgresUrl : null);
  const server = await startBroadsheet(
    site.dataDir,
    site.databaseUrl ? { DATABASE_URL: site.databaseUrl } : {},
    process.env.SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [],
  );
  try {
    const shapes: [string, string[]][] = [
      [`${writers} staff accounts, one post each at a time`, site.tokens],
      [`one staff account, ${writers} at a time`, site.tokens.map(() => site.tokens[0]!)],
    ];
    for (const [shape, tokens] of shapes) {
      const run = await measure(
        server,
        site.databaseUrl,
        site.articleId,
        tokens,
        `${database}-${rows.length}`,
      );
      const rss = Math.round(server.rss());
      console.log(
        `| ${database} | ${shape} | ${run.perSecond} | ${run.written} | ${run.failed} | ${run.p50.toFixed(1)} | ${run.p99.toFixed(1)} | ${rss} MB | ${run.serverMicros} | ${run.databaseMicros ?? '–'} | ${run.statements.toFixed(1)} |`,
      );
      rows.push({
        figure: `comment writes/s, ${database}${database === 'SQLite' ? ' synchronous=FULL' : ''}, ${shape}, over HTTP`,
        value:
          `${run.perSecond} (p50 ${run.p50.toFixed(1)} ms, p99 ${run.p99.toFixed(1)} ms, ${run.failed} refused; ` +
          `per post: server CPU ${run.serverMicros} µs` +
          (run.databaseMicros === null ? '' : `, database CPU ${run.databaseMicros} µs`) +
          `, ${run.statements.toFixed(1)} round trips)`,
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
