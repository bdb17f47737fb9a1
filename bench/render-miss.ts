/**
 * Issue 19, target 2: the first render of the article page with 200 comments when nothing is
 * cached (the reading service, then the page's view), timed in-process like
 * bench/comment-thread.ts, on SQLite and on PostgreSQL (when DATABASE_URL or TEST_DATABASE_URL
 * is set; it works in a database of its own and drops it), on the site bench/lib/site.ts builds for
 * the page benchmarks. Also counts the statements one render
 * runs. Targets: median ≤ 1 ms on SQLite, ≤ 2.5 ms on PostgreSQL. Measured twice: with nothing
 * held, and with the article part, the comment cards (decision 0080), the drawn threads (0093)
 * and the comments as last read (decision 0085) held, after a real new reply in one thread
 * (written before each render, outside the timing).
 *
 *   npx tsx bench/render-miss.ts            (ROUNDS=500 by default)
 */
import { rmSync } from 'node:fs';
import os from 'node:os';
import { createServices } from '../src/compose.js';
import { renderCommentMarkdown } from '../src/domain/comment-markdown.js';
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
/** Statements the last render's reading ran (not the bench's own writes before it). */
let readStatements = 0;

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
  /**
   * Held: before each render (outside the timing) a reader replies in one thread, the threads
   * taken in turn, and the reply this bench made there 20 renders before is deleted, so that
   * every thread keeps its ten replies on show and the new one is drawn (its thread anew).
   */
  let roots: { id: string; articleId: string }[] = [];
  const added = new Map<string, string>();
  let turn = 0;
  let authorId: string | null = null;
  const comment = async () => {
    const root = roots[turn++ % roots.length]!;
    const previous = added.get(root.id);
    const at = new Date().toISOString();
    if (previous !== undefined) await store.comments.delete({ id: previous, at });
    const body = `A new reply, number ${turn}.`;
    const { comment: reply } = await store.comments.create({
      articleId: root.articleId,
      parentId: root.id,
      authorId,
      body,
      html: renderCommentMarkdown(body),
      status: 'published',
      createdAt: at,
    });
    added.set(root.id, reply.id);
  };
  // Warm: the page cache holds the article part (not the page), as after a new comment.
  const parts = new PageCache(64 * 1024 * 1024);
  const serviceCpu: number[] = [];
  const viewCpu: number[] = [];
  /** Outside the timing: what comes before the miss. */
  const prepare = async () => {
    if (cold) store.comments.held().forget();
    else if (roots.length > 0) await comment();
  };
  const render = async () => {
    // Nothing held: every comment is read in full (decision 0085). Held: all but the new reply.
    const statementsBefore = statements;
    const before = process.cpuUsage();
    const lookup = cold
      ? await services.reading.articleAt(pagePath, slug)
      : await articlePageData(services, parts, pagePath, slug, undefined);
    if (lookup.kind !== 'found') throw new Error('the bench article moved');
    if (roots.length === 0) {
      roots = lookup.page.comments.threads.map((t) => t.comment);
      authorId = lookup.page.comments.threads[0]?.replies[0]?.comment.author.id ?? null;
    }
    const read = process.cpuUsage(before);
    readStatements = statements - statementsBefore;
    if (cold) forgetDrawnComments();
    const page = articlePageView(ctx, lookup.page).value;
    const drawn = process.cpuUsage(before);
    serviceCpu.push((read.user + read.system) / 1000);
    viewCpu.push((drawn.user + drawn.system - read.user - read.system) / 1000);
    return page;
  };
  let bytes = 0;
  for (let i = 0; i < 50; i++) {
    await prepare();
    bytes = (await render()).length;
  }
  await prepare();
  await render();
  const perRender = readStatements;
  const samples: number[] = [];
  const cpu: number[] = [];
  serviceCpu.length = 0;
  viewCpu.length = 0;
  for (let i = 0; i < rounds; i++) {
    await prepare();
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
