/**
 * The page benchmarks (issues 9 and 19), with wrk. One run measures, side by side:
 *
 * - nginx sending the page's bytes as a static file (identity and the very gzip bytes,
 *   gzip_static) and a bare Node `http` server sending the same status, headers and body
 *   (bench/lib/bare-node.ts): both far above Broadsheet show that the load generator is not the
 *   bottleneck, and the bare server is the ceiling for one Node process;
 * - Broadsheet (the real server process) answering anonymous readers from its page cache, with
 *   WORKERS=1 and, if asked, more; its memory idle and at its peak under that load;
 * - for the article page, with WORKERS=1: signed-in readers (real session cookies, several
 *   readers in turn), and anonymous reads while a paced poster adds 50 comments a second
 *   (every comment must be on the page the next anonymous request gets after its 201: storm.ts);
 * - the two ratios that are targets (the ceiling: Broadsheet to the bare server; the storm: reads
 *   during it to the same reads without it) from ROUNDS alternating rounds (default 3), pooled;
 * - the same article runs on PostgreSQL when BENCH_DATABASE_URL (or TEST_DATABASE_URL) names a
 *   server: a fresh database is made on it and dropped afterwards.
 */
import { request } from 'node:http';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import {
  findNginx,
  freePort,
  nginxMissing,
  printResult,
  root,
  startBroadsheet,
  startNginx,
  table,
  waitFor,
  withPeak,
  type Broadsheet,
  type Memory,
  type ResultRow,
} from './load.js';
import { createBenchSite, type BenchSite } from './site.js';
import { commentCount, commentStorm, type StormOutcome } from './storm.js';
import { connections, duration, findWrk, threads, wrk, wrkMissing, type Figures } from './wrk.js';

/**
 * How many times the runs whose ratio is a target alternate (issue 19, targets 3 and 4): the
 * ceiling (the bare Node server, then Broadsheet's anonymous reads, WORKERS=1) and the storm
 * (anonymous reads without the storm, then with it). Two runs on this machine differ by a few per
 * cent by themselves, so one run of each side cannot decide a target: the figure is the pooled
 * ratio (the ratio of the sums, i.e. of the means), with each round's printed beside it.
 */
const rounds = Math.max(1, Number(process.env.ROUNDS ?? 3));

/** The ratio of the means of two sides' figures (the pooled ratio), and each round's. */
function pooled(
  top: readonly Figures[],
  bottom: readonly Figures[],
  figure: (f: Figures) => number,
): { ratio: number; each: number[] } {
  const sum = (fs: readonly Figures[]) => fs.reduce((n, f) => n + figure(f), 0);
  return {
    ratio: sum(top) / sum(bottom),
    each: top.map((f, i) => figure(f) / figure(bottom[i]!)),
  };
}
const sum = <T>(xs: readonly T[], of: (x: T) => number) => xs.reduce((n, x) => n + of(x), 0);
const mean = <T>(xs: readonly T[], of: (x: T) => number, digits = 0) =>
  (sum(xs, of) / Math.max(1, xs.length)).toFixed(digits);
const listed = (each: number[], digits = 2) => each.map((r) => r.toFixed(digits)).join(', ');

interface Answer {
  status: number;
  body: Buffer;
  headers: Record<string, string | string[] | undefined>;
  /** The header lines as sent, in order. */
  rawHeaders: string[];
}

export function get(url: string, headers: Record<string, string> = {}) {
  return new Promise<Answer>((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          body: Buffer.concat(chunks),
          headers: res.headers,
          rawHeaders: res.rawHeaders,
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

const gzipped = { 'accept-encoding': 'gzip' };

/**
 * Waits until the server has worked off what a run left queued (requests wrk sent and then
 * stopped waiting for are still answered): until /readyz answers within 20 ms twice in a row,
 * or 30 s have passed. Without it a slow run would slow the next one down.
 */
async function settle(server: Broadsheet): Promise<void> {
  let quick = 0;
  const until = performance.now() + 30_000;
  while (quick < 2 && performance.now() < until) {
    const started = performance.now();
    await get(`${server.url}/readyz`);
    quick = performance.now() - started < 20 ? quick + 1 : 0;
    await new Promise((r) => setTimeout(r, 100));
  }
}
const warmUp = (url: string, cookies: readonly string[] = []) =>
  wrk('warm-up', url, { seconds: 2, cookies });

/** The headers of an answer as a bare server would send them (Node adds date and connection). */
function headersOf(answer: Answer): [string, string][] {
  const pairs: [string, string][] = [];
  for (let i = 0; i < answer.rawHeaders.length; i += 2) {
    const name = answer.rawHeaders[i]!;
    if (/^(date|connection|keep-alive|transfer-encoding)$/i.test(name)) continue;
    pairs.push([name, answer.rawHeaders[i + 1]!]);
  }
  return pairs;
}

/** The bare Node server (bare-node.ts) in its own process, sending these answers. */
export async function startBareNode(
  dir: string,
  identity: Answer,
  gzip: Answer,
): Promise<{ url: string; pid: number; stop(): void }> {
  const port = freePort();
  const specFile = path.join(dir, 'bare-node.json');
  const answer = (a: Answer) => ({ headers: headersOf(a), body: a.body.toString('base64') });
  writeFileSync(specFile, JSON.stringify({ port, identity: answer(identity), gzip: answer(gzip) }));
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(root, 'bench/lib/bare-node.ts'), specFile],
    { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const url = `http://127.0.0.1:${port}/page.html`;
  await waitFor(url, child, 'the bare Node server');
  return { url, pid: child.pid!, stop: () => child.kill('SIGTERM') };
}

interface ReaderRuns {
  database: string;
  anonymous: Figures;
  signedIn: Figures;
  /** The storm's rounds: anonymous reads without it, then with it (the same length). */
  calm: Figures[];
  storm: Figures[];
  stormOutcomes: StormOutcome[];
}

/** Anonymous, signed-in and storm runs of the article page on one server (WORKERS=1). */
async function readerRuns(
  server: Broadsheet,
  site: BenchSite,
  database: string,
  anonymous?: Figures,
): Promise<ReaderRuns> {
  const url = server.url + site.articlePath;
  if (!anonymous) {
    await warmUp(url);
    anonymous = await wrk(`Broadsheet (${database}), anonymous, before the readers' runs`, url);
  }
  await settle(server);
  // Each reader's page is theirs: it must differ from the anonymous one and be a 200.
  const anonymousPage = await get(url, gzipped);
  for (const cookie of site.readerCookies) {
    const page = await get(url, { ...gzipped, cookie });
    if (page.status !== 200 || page.body.equals(anonymousPage.body))
      throw new Error(`the signed-in page is not a reader's own (status ${page.status})`);
  }
  await settle(server);
  // Longer for signed-in readers: each reader's first pages on a new shell compress its pieces
  // (decision 0078), 16 per request; the run measures the pages after that.
  await wrk('warm-up', url, { seconds: 4, cookies: site.readerCookies });
  await settle(server);
  const signedIn = await wrk(`Broadsheet (${database}), signed-in readers`, url, {
    cookies: site.readerCookies,
  });
  // The storm against the same reads without it, alternating (see `rounds`).
  const calm: Figures[] = [];
  const storm: Figures[] = [];
  const stormOutcomes: StormOutcome[] = [];
  for (let round = 1; round <= rounds; round++) {
    await settle(server);
    await warmUp(url);
    calm.push(
      await wrk(`Broadsheet (${database}), anonymous, storm round ${round}, without it`, url),
    );
    await settle(server);
    const before = commentCount((await get(url)).body.toString('utf8'));
    if (before === null) throw new Error('the article page shows no comment count');
    const [during, outcome] = await Promise.all([
      wrk(`Broadsheet (${database}), anonymous during the comment storm, round ${round}`, url),
      commentStorm(server.url, site, before, duration, 50),
    ]);
    storm.push(during);
    stormOutcomes.push(outcome);
  }
  return { database, anonymous, signedIn, calm, storm, stormOutcomes };
}

export async function comparePage(options: {
  bench: string;
  label: string;
  pathOf: (site: BenchSite) => string;
  /** Also measure signed-in readers and the comment storm (the article page). */
  readers?: boolean;
}): Promise<void> {
  const workerCounts = (process.env.WORKERS_LIST ?? '1')
    .split(',')
    .map((s) => Number(s.trim()))
    .filter((n) => n >= 1);
  const postgresUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? null;
  const command = `WORKERS_LIST=${workerCounts.join(',')} ROUNDS=${rounds} CONNECTIONS=${connections} DURATION=${duration}${options.readers && postgresUrl ? ' BENCH_DATABASE_URL=postgres://…' : ''} npx tsx bench/${options.bench}.ts`;
  const missing = !findWrk() ? wrkMissing : !findNginx() ? nginxMissing : null;
  if (missing) {
    console.error(missing);
    printResult(options.bench, command, [
      { figure: `${options.label}: throughput`, value: `not measured: ${missing}`, met: false },
    ]);
    process.exitCode = 1;
    return;
  }
  const site = await createBenchSite();
  const pagePath = options.pathOf(site);
  const rows: Figures[] = [];
  const memory: { workers: number; idle: Memory; peak: Memory }[] = [];
  const readers: ReaderRuns[] = [];
  let bytes: { identity: Buffer; gzip: Buffer } | null = null;
  let nginxRow: Figures | null = null;
  let bareRow: Figures | null = null;
  let bareUrl: string | null = null;
  const anonymousRows = new Map<number, Figures>();
  /** The ceiling's rounds (WORKERS=1): the bare server's and Broadsheet's, alternating. */
  const ceiling: { bare: Figures[]; lane: Figures[] } = { bare: [], lane: [] };
  const stops: (() => void)[] = [];
  try {
    for (const workers of workerCounts) {
      const server = await startBroadsheet(site.dataDir, { WORKERS: String(workers) });
      try {
        const url = server.url + pagePath;
        const identity = await get(url);
        const gzip = await get(url, gzipped);
        if (identity.status !== 200 || gzip.headers['content-encoding'] !== 'gzip')
          throw new Error(`unexpected answer from ${url}: ${identity.status}`);
        if (!bytes) {
          bytes = { identity: identity.body, gzip: gzip.body };
          // The baselines, measured once, before Broadsheet: the same bytes from nginx and
          // from a bare Node server.
          const nginx = await startNginx(site.dataDir, { 'page.html': bytes });
          stops.push(nginx.stop);
          const bare = await startBareNode(site.dataDir, identity, gzip);
          stops.push(bare.stop);
          for (const [base, what] of [
            [`${nginx.url}page.html`, 'nginx'],
            [bare.url, 'the bare Node server'],
          ] as const) {
            const check = await get(base, gzipped);
            if (!check.body.equals(bytes.gzip))
              throw new Error(`${what} does not send the same bytes`);
          }
          await warmUp(`${nginx.url}page.html`);
          nginxRow = await wrk('nginx, the same bytes as a static file', `${nginx.url}page.html`);
          await warmUp(bare.url);
          bareRow = await wrk('bare Node http server, the same bytes', bare.url);
          bareUrl = bare.url;
          rows.push(nginxRow, bareRow);
        }
        const idle = server.memory();
        await warmUp(url);
        const { result, peak } = await withPeak(server.memory, () =>
          wrk(`Broadsheet, anonymous (page cache), WORKERS=${workers}`, url),
        );
        rows.push(result);
        anonymousRows.set(workers, result);
        memory.push({ workers, idle, peak });
        if (workers === 1 && bareUrl && bareRow) {
          // The ceiling: the bare server's run above and this one are round 1; then the two
          // alternate (see `rounds`).
          ceiling.bare.push(bareRow);
          ceiling.lane.push(result);
          for (let round = 2; round <= rounds; round++) {
            const bare = await wrk(`bare Node http server, ceiling round ${round}`, bareUrl);
            const lane = await wrk(`Broadsheet, anonymous, WORKERS=1, ceiling round ${round}`, url);
            rows.push(bare, lane);
            ceiling.bare.push(bare);
            ceiling.lane.push(lane);
          }
        }
        const after = await get(url, gzipped);
        if (!after.body.equals(bytes.gzip)) throw new Error('the page changed during the run');
      } finally {
        await server.stop();
      }
    }
    // Last, on a server of their own: the storm adds comments, so the page changes.
    if (options.readers) {
      const server = await startBroadsheet(site.dataDir);
      try {
        readers.push(await readerRuns(server, site, 'SQLite'));
      } finally {
        await server.stop();
      }
    }
    if (options.readers && postgresUrl) {
      const pgSite = await createBenchSite(200, postgresUrl);
      try {
        const server = await startBroadsheet(pgSite.dataDir, {
          DATABASE_URL: pgSite.databaseUrl!,
        });
        try {
          readers.push(await readerRuns(server, pgSite, 'PostgreSQL'));
        } finally {
          await server.stop();
        }
      } finally {
        await pgSite.drop();
        rmSync(pgSite.dataDir, { recursive: true, force: true });
      }
    }
  } finally {
    for (const stop of stops) stop();
    rmSync(site.dataDir, { recursive: true, force: true });
  }
  if (!bytes || !nginxRow || !bareRow) throw new Error('no Broadsheet run');
  for (const r of readers) rows.push(r.signedIn, ...r.calm.flatMap((c, i) => [c, r.storm[i]!]));
  for (const r of readers) rows.push(r.anonymous);

  console.log(
    `${options.label}: ${bytes.identity.length} bytes, ${bytes.gzip.length} gzipped; wrk -t${threads} -c${connections} -d${duration}s, Accept-Encoding: gzip`,
  );
  console.log(table(rows));
  const results: ResultRow[] = [];
  const clean = (f: Figures) => f.errors === 0 && f.non2xx === 0;
  const figures = (f: Figures) =>
    `${f.requestsPerSecond} req/s, p50 ${f.p50} ms, p99 ${f.p99} ms${clean(f) ? '' : `, errors ${f.errors}, non-2xx ${f.non2xx}`}`;
  results.push(
    {
      figure: `${options.label}: nginx, the same bytes as a static file`,
      value: figures(nginxRow),
    },
    { figure: `${options.label}: bare Node http server, the same bytes`, value: figures(bareRow) },
  );
  for (const [workers, row] of anonymousRows) {
    const toBare = row.requestsPerSecond / bareRow.requestsPerSecond;
    const toNginx = row.requestsPerSecond / nginxRow.requestsPerSecond;
    console.log(
      `${row.name}: ${toBare.toFixed(2)} of the bare Node server, ${toNginx.toFixed(2)} of nginx`,
    );
    results.push(
      {
        figure: `${options.label}, anonymous (page cache), WORKERS=${workers}`,
        value: `${figures(row)}; ${toNginx.toFixed(2)} of nginx`,
      },
      {
        figure: `${options.label}, anonymous, WORKERS=${workers}: p99 (nginx's in this run: ${nginxRow.p99} ms)`,
        value: `${row.p99} ms`,
        target: '≤ 10 ms',
        met: row.p99 <= 10 && clean(row),
      },
    );
    if (workers === 1 && ceiling.lane.length > 0) {
      const { ratio, each } = pooled(ceiling.lane, ceiling.bare, (f) => f.requestsPerSecond);
      console.log(
        `ceiling, ${ceiling.lane.length} rounds: ${ratio.toFixed(2)} pooled (${listed(each)})`,
      );
      results.push({
        figure: `${options.label}, anonymous, WORKERS=1: ceiling (ratio to the bare Node server; ${ceiling.lane.length} alternating rounds, pooled, each round's in brackets)`,
        value: `${ratio.toFixed(2)} (${listed(each)})`,
        target: '≥ 0.9',
        met: ratio >= 0.9 && ceiling.lane.every(clean),
      });
    }
  }
  for (const r of readers) {
    const share = r.signedIn.requestsPerSecond / r.anonymous.requestsPerSecond;
    const storm = pooled(r.storm, r.calm, (f) => f.requestsPerSecond);
    const tail = pooled(r.storm, r.calm, (f) => f.p99);
    const outcomes = r.stormOutcomes;
    console.log(
      `storm, ${r.database}, ${r.storm.length} rounds: ${storm.ratio.toFixed(2)} pooled (${listed(storm.each)}), p99 ${tail.ratio.toFixed(1)}× (${listed(tail.each, 1)})`,
    );
    const onSqlite = r.database === 'SQLite';
    const wanted = onSqlite ? 0.25 : 0.15;
    results.push({
      figure: `${options.label}, anonymous (page cache), ${r.database}, just before the signed-in and storm runs`,
      value: figures(r.anonymous),
    });
    results.push(
      {
        figure: `${options.label}, signed-in readers (${site.readerCookies.length} sessions), ${r.database}`,
        value: `${figures(r.signedIn)}; ${share.toFixed(2)} of anonymous`,
        target: onSqlite ? `≥ ${wanted} of anonymous, p99 ≤ 50 ms` : `≥ ${wanted} of anonymous`,
        met: share >= wanted && (!onSqlite || r.signedIn.p99 <= 50) && clean(r.signedIn),
      },
      {
        figure: `${options.label}, anonymous reads during 50 comments/s, ${r.database} (${r.storm.length} rounds alternating with the same reads without it; pooled, each round's in brackets)`,
        value: `${mean(r.storm, (f) => f.requestsPerSecond)} req/s, p99 ${mean(r.storm, (f) => f.p99, 1)} ms (without it ${mean(r.calm, (f) => f.requestsPerSecond)} req/s, p99 ${mean(r.calm, (f) => f.p99, 1)} ms); ${storm.ratio.toFixed(2)} of the reads without it (${listed(storm.each)}), p99 ${tail.ratio.toFixed(1)}× (${listed(tail.each, 1)})${r.storm.every(clean) ? '' : ', with errors'}`,
        target: '≥ 0.75 of the reads without it, p99 ≤ 3×',
        met: storm.ratio >= 0.75 && tail.ratio <= 3 && r.storm.every(clean),
      },
      {
        figure: `${options.label}, the comment storm's posts, ${r.database}`,
        value: `${sum(outcomes, (o) => o.posted)} posted (${listed(
          outcomes.map((o) => o.rate),
          1,
        )}/s sent), ${sum(outcomes, (o) => o.refused)} refused, post p99 ${listed(
          outcomes.map((o) => o.p99PostMs),
          1,
        )} ms; the poster's own CPU ${listed(outcomes.map((o) => o.posterCpuMsPerPost))} ms per post`,
      },
      {
        figure: `${options.label}, comments missing from the next anonymous page after their 201, ${r.database}`,
        value: String(sum(outcomes, (o) => o.missing)),
        target: '0',
        met: outcomes.every((o) => o.missing === 0 && o.refused === 0),
      },
    );
  }
  // The target is per process (decisions/0028-memory-per-process.md): with WORKERS=1 the one
  // process; with more, the largest (a worker), with the sums beside it.
  const mib = (n: number) => `${n.toFixed(0)} MiB`;
  for (const m of memory) {
    const { workers, idle, peak } = m;
    console.log(
      `memory WORKERS=${workers}: idle RSS ${mib(idle.rssLargest)} largest process, ${mib(idle.rssTotal)} all, PSS ${mib(idle.pssTotal)} all; ` +
        `peak under load RSS ${mib(peak.rssLargest)} largest, ${mib(peak.rssTotal)} all, PSS ${mib(peak.pssTotal)} all`,
    );
    const which = workers === 1 ? 'the one process' : 'largest process';
    for (const [when, figures] of [
      ['idle', idle],
      [`under the ${options.label.toLowerCase()} load`, peak],
    ] as const) {
      results.push({
        figure: `Memory (RSS, ${which}), WORKERS=${workers}, ${when}`,
        value: mib(figures.rssLargest),
        target: '≤ 200 MB',
        met: figures.rssLargest <= 200,
      });
      if (workers > 1) {
        results.push({
          figure: `Memory, all ${workers + 1} processes, WORKERS=${workers}, ${when}: RSS added up (PSS added up)`,
          value: `${mib(figures.rssTotal)} (${mib(figures.pssTotal)})`,
        });
      }
    }
  }
  printResult(options.bench, command, results);
}
