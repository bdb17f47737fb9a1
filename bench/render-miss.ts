/**
 * Issue 19, target 2: the first render of the article page with 200 comments when nothing is
 * cached (the reading service, then the page's view), timed in-process like
 * bench/comment-thread.ts, on SQLite and on PostgreSQL (when DATABASE_URL or TEST_DATABASE_URL
 * is set; it works in a database of its own and drops it), on the site bench/lib/site.ts builds for
 * the page benchmarks. Also counts the statements one render
 * runs. Targets: median ≤ 1 ms on SQLite, ≤ 2.5 ms on PostgreSQL. Measured twice: with nothing
 * held, and with the article part, the comment cards (decision 0080) and the comments as last read
 * (decision 0085) held, as after a comment.
 *
 *   npx tsx bench/render-miss.ts            (ROUNDS=500 by default)
 */
import { rmSync } from 'node:fs';
import os from 'node:os';
import { createServices } from '../src/compose.js';
import { translator } from '../src/i18n/translator.js';
import { openStore, type Store } from '../src/store/index.js';
import { articlePageData } from '../src/http/article-parts.js';
import { PageCache } from '../src/http/page-cache.js';
import { articlePageView } from '../src/views/pages/article.js';
import { forgetDrawnComments } from '../src/views/pages/comments.js';
import { printResult, type ResultRow } from './lib/load.js';
import { createBenchSite } from './lib/site.js';

const rounds = Number(process.env.ROUNDS ?? 500);
const postgresUrl = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? null;

interface Measured {
  median: number;
  p95: number;
  /** This process's CPU time per render (median): steadier than the clock on a busy machine. */
  cpu: number;
  /** Of which: reading (the service) and drawing (the view), CPU medians. */
  serviceCpu: number;
  viewCpu: number;
  statements: number;
  bytes: number;
}

/** Statements run, counted through the store's query observer. */
let statements = 0;

async function measure(store: Store, pagePath: string, cold: boolean): Promise<Measured> {
  const services = createServices(store);
  const identity = await services.site.identity();
  const ctx = {
    identity,
    siteName: identity.name,
    now: new Date(),
    baseUrl: 'http://localhost:3000',
    assetUrl: () => '/x',
    menus: { masthead: [], footer: [] },
    i18n: translator(identity.language, identity.timeZone),
  };
  const slug = pagePath.split('/').pop()!;
  /** A reply on the page, read anew on every warm render. */
  let changed: string | undefined;
  // Warm: the page cache holds the article part (not the page), as after a new comment.
  const parts = new PageCache(64 * 1024 * 1024);
  const serviceCpu: number[] = [];
  const viewCpu: number[] = [];
  const render = async () => {
    // Nothing held: every comment is read in full (decision 0085). Held: all but one, as after a
    // comment changed (a new one is read in full the same way).
    store.comments.held().forget(cold ? undefined : changed);
    const before = process.cpuUsage();
    const lookup = cold
      ? await services.reading.articleAt(pagePath, slug)
      : await articlePageData(services, parts, pagePath, slug, undefined);
    if (lookup.kind !== 'found') throw new Error('the bench article moved');
    changed ??= lookup.page.comments.threads[0]?.replies[0]?.comment.id;
    const read = process.cpuUsage(before);
    if (cold) forgetDrawnComments();
    const page = articlePageView(ctx, lookup.page).value;
    const drawn = process.cpuUsage(before);
    serviceCpu.push((read.user + read.system) / 1000);
    viewCpu.push((drawn.user + drawn.system - read.user - read.system) / 1000);
    return page;
  };
  let bytes = 0;
  for (let i = 0; i < 50; i++) bytes = (await render()).length;
  statements = 0;
  await render();
  const perRender = statements;
  const samples: number[] = [];
  const cpu: number[] = [];
  serviceCpu.length = 0;
  viewCpu.length = 0;
  for (let i = 0; i < rounds; i++) {
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    await render();
    samples.push(performance.now() - started);
    const used = process.cpuUsage(cpuBefore);
    cpu.push((used.user + used.system) / 1000);
  }
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  samples.sort((a, b) => a - b);
  return {
    median: median(samples),
    p95: samples[Math.floor(samples.length * 0.95)]!,
    cpu: median(cpu),
    serviceCpu: median(serviceCpu),
    viewCpu: median(viewCpu),
    statements: perRender,
    bytes,
  };
}

const rows: ResultRow[] = [];
const report = (database: string, target: number, m: Measured, cold: boolean) => {
  const which = cold
    ? 'nothing held (the first miss after a start)'
    : 'article part, comment cards and comments held (a miss after a new comment)';
  console.log(
    `${database} (${which}): median ${m.median.toFixed(3)} ms, p95 ${m.p95.toFixed(3)} ms, CPU ${m.cpu.toFixed(3)} ms (median; service ${m.serviceCpu.toFixed(3)}, view ${m.viewCpu.toFixed(3)}), ${m.statements} statements, ${m.bytes} characters; load average ${os.loadavg()[0]!.toFixed(1)}`,
  );
  rows.push({
    figure: `article page with 200 comments, cache miss (service + view), ${database}, ${which}: median ms (p95 ${m.p95.toFixed(2)} ms, this process's CPU ${m.cpu.toFixed(2)} ms = service ${m.serviceCpu.toFixed(2)} + view ${m.viewCpu.toFixed(2)}, ${m.statements} statements)`,
    value: m.median.toFixed(2),
    target: `≤ ${target}`,
    met: m.median <= target,
  });
};

/** The bench site (bench/lib/site.ts: the demo plus the article with 200 comments), measured. */
async function measureSite(database: string, target: number, serverUrl: string | null) {
  const site = await createBenchSite(200, serverUrl);
  const store = await openStore({ databaseUrl: site.databaseUrl, dataDir: site.dataDir });
  store.observeQueries(() => void statements++);
  try {
    // Cold: everything read and drawn anew (the first miss after a start). Warm: the article part
    // is held and the cards of comments drawn before are reused, as on every miss after a new
    // comment (the comments are read again; only a new comment's card is drawn).
    report(database, target, await measure(store, site.articlePath, true), true);
    report(database, target, await measure(store, site.articlePath, false), false);
  } finally {
    await store.close();
    await site.drop();
    rmSync(site.dataDir, { recursive: true, force: true });
  }
}

await measureSite('SQLite', 1, null);
if (postgresUrl) await measureSite('PostgreSQL', 2.5, postgresUrl);
else console.log('PostgreSQL: skipped (set DATABASE_URL or TEST_DATABASE_URL)');
printResult('render-miss', 'npx tsx bench/render-miss.ts', rows);
