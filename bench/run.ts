/**
 * The benchmark suite (issue 9): runs every bench/*.ts script one after another, prints one
 * table of their figures, and rewrites docs/performance.md with each figure, its target, whether
 * it is met, the command that made it and the machine it ran on.
 *
 *   npm run bench                       (every script)
 *   npm run bench -- article front      (only scripts whose name contains one of these: their
 *                                        sections of docs/performance.md are replaced, the
 *                                        others kept, each naming the run that measured it)
 *
 * A script reports through its last line of output: `BENCH_RESULT {json}` with
 * {"bench","command","rows":[{"figure","value","target"?,"met"?}]}. The page benchmarks measure
 * WORKERS=1 and WORKERS=2 unless WORKERS_LIST says otherwise.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { machine, root, type ResultRow } from './lib/load.js';
import { mergeSections, runLine, sectionsOf, tally, type Section } from './lib/report.js';

interface BenchResult {
  bench: string;
  command: string;
  rows: ResultRow[];
}

interface Outcome {
  file: string;
  result: BenchResult | null;
  exitCode: number;
  seconds: number;
  problem?: string;
}

const only = process.argv.slice(2);
const scripts = readdirSync(path.join(root, 'bench'))
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts')
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
if (scripts.length === 0) {
  console.error('bench: no benchmark scripts matched');
  process.exit(1);
}

let running: number | undefined;
let current: string | undefined;
let stopping: NodeJS.Signals | null = null;
const stoppedCode = (signal: NodeJS.Signals) => (signal === 'SIGINT' ? 130 : 143);

/**
 * The scripts run detached, so a Ctrl-C or a `timeout` that stopped the runner did not reach
 * them: the script went on (with its server, wrk, nginx) with nobody reading its output, which
 * was cut off without its BENCH_RESULT, and took CPU from whatever ran next. The runner passes
 * the signal on to the running script's group, kills what is left of it after 5 s, and stops
 * without rewriting docs/performance.md.
 */
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(signal, () => {
    stopping = signal;
    if (running === undefined) process.exit(stoppedCode(signal));
    console.log(`\nbench: ${signal}: stopping bench/${current} and what it started`);
    try {
      process.kill(-running, 'SIGTERM');
    } catch {
      // already gone
    }
    const group = running;
    setTimeout(() => killGroup(group), 5000).unref();
  });
}

/**
 * Each script runs in a process group of its own, with the soft limit on open files raised to
 * the hard one. Node raises its own soft limit to the hard one as it starts, so the scripts and
 * the servers have it anyway; the raise is for wrk and nginx. The hard limit is what counts:
 * bench/live.ts holds 1,000 streams, one descriptor each in its process and in the server's,
 * and says up front when the limit is too low for that (decisions/0088). When a script ends,
 * whatever it left running in its group (a server, nginx, a worker it failed to stop) is
 * killed, so that no script's leftovers take descriptors, memory or CPU from the next.
 */
function runScript(file: string): Promise<Outcome> {
  const started = Date.now();
  current = file;
  return new Promise((resolve) => {
    const child = spawn(
      '/bin/sh',
      [
        '-c',
        'ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec "$0" "$@"',
        process.execPath,
        '--import',
        'tsx',
        path.join('bench', file),
      ],
      {
        cwd: root,
        env: { WORKERS_LIST: '1,2', ...process.env },
        stdio: ['ignore', 'pipe', 'inherit'],
        detached: true,
      },
    );
    running = child.pid;
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      process.stdout.write(chunk);
    });
    child.on('close', (code) => {
      running = undefined;
      const leftovers = killGroup(child.pid);
      if (leftovers) console.log(`bench/${file} left ${leftovers} process(es) running: killed`);
      const seconds = Math.round((Date.now() - started) / 1000);
      const last = out
        .trimEnd()
        .split('\n')
        .reverse()
        .find((line) => line.startsWith('BENCH_RESULT '));
      let result: BenchResult | null = null;
      let problem: string | undefined;
      try {
        if (last) result = JSON.parse(last.slice('BENCH_RESULT '.length)) as BenchResult;
        else problem = 'printed no BENCH_RESULT line';
      } catch (error) {
        problem = `its BENCH_RESULT line is not JSON: ${(error as Error).message}`;
      }
      if (code !== 0) problem = `exited with ${code}${problem ? `; ${problem}` : ''}`;
      resolve({ file, result, exitCode: code ?? 1, seconds, ...(problem ? { problem } : {}) });
    });
  });
}

/** Kills what is left in a script's process group; how many processes that was. */
function killGroup(pgid: number | undefined): number {
  if (pgid === undefined) return 0;
  let left = 0;
  try {
    left = execFileSync('ps', ['-e', '-o', 'pgid='])
      .toString()
      .split('\n')
      .filter((line) => Number(line.trim()) === pgid).length;
  } catch {
    return 0;
  }
  if (left === 0) return 0;
  try {
    process.kill(-pgid, 'SIGKILL');
  } catch {
    // gone in the meantime
  }
  return left;
}

const load = () =>
  os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(', ');
const startedAt = new Date();
const loadBefore = load();
const outcomes: Outcome[] = [];
for (const file of scripts) {
  console.log(`\n=== bench/${file} ===`);
  outcomes.push(await runScript(file));
  if (stopping) {
    console.log('bench: stopped; docs/performance.md left as it was');
    process.exit(stoppedCode(stopping));
  }
}
const loadAfter = load();

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const metCell = (row: ResultRow) => (row.met === undefined ? '' : row.met ? 'yes' : '**no**');
const lines: string[] = [];
for (const o of outcomes) {
  const name = o.result?.bench ?? o.file.replace(/\.ts$/, '');
  for (const row of o.result?.rows ?? []) {
    lines.push(
      `| ${cell(name)} | ${cell(row.figure)} | ${cell(row.value)} | ${cell(row.target ?? '')} | ${metCell(row)} |`,
    );
  }
  if (o.problem)
    lines.push(`| ${cell(name)} | (the script failed) | ${cell(o.problem)} | | **no** |`);
}
const header = ['| bench | figure | value | target | met |', '| --- | --- | --- | --- | --- |'];
console.log(`\n${[...header, ...lines].join('\n')}`);

const commit = (() => {
  try {
    const hash = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root })
      .toString()
      .trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src', 'bench'], {
      cwd: root,
    })
      .toString()
      .trim();
    return dirty ? `${hash} (with uncommitted changes)` : hash;
  } catch {
    return 'unknown';
  }
})();
const targets = outcomes.flatMap((o) => o.result?.rows ?? []).filter((r) => r.met !== undefined);
const missed = targets.filter((r) => r.met === false);
const failed = outcomes.filter((o) => o.problem);

const startedStamp = startedAt.toISOString().replace(/\.\d+Z$/, 'Z');
const fresh: Section[] = outcomes.map((o) => {
  const name = o.result?.bench ?? o.file.replace(/\.ts$/, '');
  const rows = (o.result?.rows ?? []).map(
    (r) => `| ${cell(r.figure)} | ${cell(r.value)} | ${cell(r.target ?? '')} | ${metCell(r)} |`,
  );
  const text = [
    `## ${name}`,
    '',
    runLine({ startedAt: startedStamp, commit, load: loadBefore }),
    '',
    `Command: \`${o.result?.command ?? `npx tsx bench/${o.file}`}\` (${o.seconds} s)`,
    '',
    ...(o.problem ? [`**The script failed:** ${o.problem}.`, ''] : []),
    ...(rows.length
      ? ['| figure | value | target | met |', '| --- | --- | --- | --- |', ...rows]
      : []),
  ]
    .join('\n')
    .trimEnd();
  return { name, text };
});
// A run of some benchmarks replaces their sections and keeps the others (each says its run);
// a run of all of them writes only its own.
const performancePath = path.join(root, 'docs/performance.md');
const previous =
  only.length > 0 && existsSync(performancePath) ? readFileSync(performancePath, 'utf8') : null;
const sections = mergeSections(sectionsOf(previous), fresh);
const kept = sections.length - fresh.length;
const { met, set, failed: failedSections } = tally(sections);

writeFileSync(
  performancePath,
  `# Performance

<!-- Generated by \`npm run bench\` (bench/run.ts); edit bench/run.ts, not this file. -->

Figures from \`npm run bench\`, the latest run ${startedStamp} at commit
${commit} on ${machine()}. Load average (1, 5, 15 min) before the run: ${loadBefore}; after:
${loadAfter}.${kept > 0 ? ` That run measured ${fresh.length} of the ${sections.length} benchmarks below (\`npm run bench -- NAME\`); the other sections keep the figures of the run each names.` : ''} The load generator (wrk) runs on the same machine as the servers, so it takes CPU
from them; with a load average above the number of cores, other work was competing for the CPU
during the run and every figure is lower (and noisier) than on an idle machine.

**Targets:** ${met} of ${set} met${failedSections ? `; ${failedSections} script(s) failed` : ''}.

## How the figures are made

- Every script under \`bench/\` runs on its own (\`npx tsx bench/NAME.ts\`) and ends with a
  \`BENCH_RESULT\` line that this runner collects. \`npm run bench -- NAME\` runs a subset and
  replaces only its sections here; each section names the run that measured it.
- Throughput is measured with wrk (Debian's package; \`wrk -t2 -c50 -d8s\`, \`Accept-Encoding:
  gzip\`, after a 2 s warm-up), not autocannon, which saturates near 9,000 req/s on this machine
  and then measures itself. A small Lua script (\`bench/lib/wrk.ts\`) sets the headers, hands
  each request the next of several session cookies for signed-in runs, and prints wrk's summary
  as JSON from \`done()\`.
- **The generator is not the bottleneck, in every run:** the page benchmarks (article page with
  200 comments, front page) take the page's bytes from Broadsheet and serve them, in the same
  run and with the same wrk settings, from nginx (Debian's \`nginx-light\`,
  \`worker_processes auto\`, access log off, the very gzip bytes with \`gzip_static\`) and from a
  bare Node \`http\` server in its own process sending the same status, headers and body
  (\`bench/lib/bare-node.ts\`). Both figures are printed beside Broadsheet's: when nginx is far
  above Broadsheet, wrk had room to spare. The bare Node server is the ceiling for one Node
  process; the target for anonymous cache hits is 0.9 of it (ratio to nginx printed, no target).
- Broadsheet is the real server (\`broadsheet serve\` from \`dist/\`, \`LOG_LEVEL=warn\`) in its
  own process(es), \`WORKERS=1\` and \`WORKERS=2\`. Anonymous pages come from its page cache (see
  architecture.md).
- Signed-in readers: the same article page with 8 real session cookies (commenters) handed out
  in turn, \`WORKERS=1\`; each reader's page is checked first to be a 200 that differs from the
  anonymous one. Target: ≥ 0.25 of the anonymous req/s of the same run and p99 ≤ 50 ms on SQLite,
  ≥ 0.15 on PostgreSQL. Their warm-up is 4 s, not 2: a reader's first page after the page is
  drawn compresses the runs of shared bytes between the parts drawn for them (decisions
  0078 and 0084-signed-in-controls-shared.md); the run measures the pages after that. The bench
  readers wrote the article's 200 comments between them, so each page holds 25 of the reader's
  own comments: the hardest case for the runs shared between readers.
- Comment storm: anonymous wrk reads of the article while a paced poster in the benchmark process
  sends 50 comments a second on a fixed schedule (a post leaves when due, answered or not)
  through the API with staff tokens; after each 201 it reads the article page as an anonymous
  reader and checks that the page counts the comment. Target: ≥ 0.75 of the reads without the
  storm (the anonymous run just before), p99 ≤ 3×, no comment missing.
- PostgreSQL: with \`BENCH_DATABASE_URL\` (or \`TEST_DATABASE_URL\`) set, the article runs
  (anonymous, signed-in, storm) and the comment writes are repeated on a fresh database made on
  that server and dropped afterwards.
- Between runs the benchmark waits until the server answers \`/readyz\` within 20 ms again, so
  that requests a slow run left queued do not slow the next one.
- Memory is read from \`/proc\` when idle and every 200 ms under load. The target (≤ 200 MB) is
  per process (\`decisions/0028-memory-per-process.md\`): the resident set size (RSS) of the one
  process with \`WORKERS=1\`, of the largest with more. With \`WORKERS=2\` the RSS and the
  proportional set size (PSS, which counts the pages processes share once) of all processes
  added up are printed beside it.
- The anonymous p99 at 50 connections (target ≤ 10 ms) is to be read beside nginx's p99 from
  the same run: the load generator, the servers and other work share the machine's cores, and
  when nginx's own p99 is above 10 ms no server could meet the target in that run
  (decisions/0028-memory-per-process.md). Issue 9's "≥ 0.5 of nginx" gave way to issue 19's
  ceiling (0.9 of the bare Node server); the ratio to nginx is printed without a target.
- The 100,000-comment thread (\`bench/comment-thread.ts\`): two articles in one SQLite file whose
  comments have the same shape — threads of five (a top-level comment, then four replies, each to
  a random earlier comment of its thread, so depths run from 1 to 4), one second apart, random
  reaction counts on top-level comments — 20 threads (100 comments) on one and 20,000 threads
  (100,000 comments) on the other. A first page (20 threads with up to 10 replies each) of
  either therefore shows the same 100 comments in every sort (the script checks it), and only
  the size of the whole thread differs. Pages are timed in process (the API through Fastify's
  \`inject\`, and the article's HTML miss path: service and view), small and big alternating round
  by round so that other work on the machine slows both alike; medians of 300 rounds.
- Page weight is measured from the real responses: the page and everything it loads.
- Comment writes (\`bench/comment-writes.ts\`): 8 requests in flight over HTTP for 8 s after a
  2 s warm-up, with an Idempotency-Key each, in two shapes: 8 staff accounts, and one staff
  account posting 8 at a time; SQLite with \`synchronous=FULL\`, and PostgreSQL when named
  (\`DATABASES=PostgreSQL\` runs one database only).
- Newsletter sending (\`bench/newsletter-send.ts\`): 20,000 subscribers by default
  (\`SUBSCRIBERS=\` for more), \`newsletters.ratePerSecond\` raised to its highest value for
  the run and reported, so the figure is what the queue and the SMTP pool deliver.
- Each script runs in its own process group with the soft limit on open files raised to the
  hard one; whatever a script leaves running is killed before the next starts (and said).
- Cache miss of the article page (\`bench/render-miss.ts\`): service and view timed in
  process, twice: with nothing held (the first miss after a start) and with the article part and
  the comment cards held, as on the miss after a new comment (\`decisions/0080-article-page-parts.md\`);
  the CPU of each is split into reading (service) and drawing (view).
- Comment storm cost (\`bench/storm-cost.ts\`): steps one after another, each a comment posted
  through the API and the article page read twice (gzip, identity), both misses; the
  server's CPU time per step, steadier than wrk's figures on a loaded machine.
- Where time goes: \`npx tsx bench/lib/profile.ts\` (samples of the load window only;
  \`PAGE_CACHE_MB=0\` to profile rendering, \`SIGNED_IN=1\` for signed-in readers),
  \`npx tsx bench/lib/ceiling.ts\` (the fast lane against the bare Node server in alternating
  rounds, with server CPU time per request) and \`npx tsx bench/lib/queries.ts\` (the SQL of one
  render, timed).

${sections.map((section) => `${section.text}\n`).join('\n')}`,
);
console.log(
  `\n${targets.length - missed.length} of ${targets.length} targets met in this run; docs/performance.md: ${fresh.length} section(s) written, ${kept} kept from earlier runs.`,
);
if (failed.length) process.exitCode = 1;
