/**
 * Issue 19, target 2: the first render of the article page with 200 comments when nothing is
 * cached (the reading service, then the page's view), timed in-process like
 * bench/comment-thread.ts, on SQLite and on PostgreSQL (when DATABASE_URL or TEST_DATABASE_URL
 * is set; it works in a schema of its own and drops it). Also counts the statements one render
 * runs. Targets: median ≤ 1 ms on SQLite, ≤ 2.5 ms on PostgreSQL.
 *
 *   npx tsx bench/render-miss.ts            (ROUNDS=500 by default)
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createServices } from '../src/compose.js';
import { articlePath } from '../src/domain/article.js';
import { renderCommentMarkdown } from '../src/domain/comment-markdown.js';
import { translator } from '../src/i18n/translator.js';
import { loadDemoIfEmpty } from '../src/services/demo.js';
import { openStore, type Store } from '../src/store/index.js';
import { articlePageView } from '../src/views/pages/article.js';
import { printResult, type ResultRow } from './lib/load.js';

const rounds = Number(process.env.ROUNDS ?? 500);
const postgresUrl = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? null;

const lines = [
  'Comment bodies of the bench article: two of these sentences each, Markdown as readers write it.',
  'I read the council minutes and the figures in the third paragraph do not match them.',
  'Good to see this covered properly; the **local angle** matters more than people think.',
  'Can someone explain why the budget line moved? See [the report](https://example.org/report).',
  '> the cost will fall on renters\n\nIt already has, in my experience.',
  'Worth noting the committee meets again on Thursday, and the public gallery is open.',
];

/** The demo content plus one article with 200 published comments, 20 threads of ten. */
async function fillSite(store: Store): Promise<string> {
  await loadDemoIfEmpty(store);
  const [model] = await store.reader.listPublished({ limit: 1 });
  const full = model && (await store.reader.getById(model.id));
  if (!full) throw new Error('the demo content has no article');
  const now = Date.now();
  const people: { id: string }[] = [];
  for (let i = 0; i < 12; i++) {
    people.push(
      await store.users.create({
        email: `miss-reader-${i}@example.com`,
        name: `Miss Reader ${i + 1}`,
        slug: `miss-reader-${i + 1}`,
        role: 'commenter',
        passwordHash: null,
        createdAt: new Date(now - 86_400_000).toISOString(),
      }),
    );
  }
  const article = await store.newsroom.create({
    slug: 'two-hundred-comments',
    sectionSlug: full.section.slug,
    headline: 'Residents pack the hall as the council weighs the river plan',
    standfirst: full.standfirst,
    body: full.body,
    dateline: full.dateline,
    authorIds: full.authors.map((a) => a.id),
    tags: full.tags,
    status: 'published',
    publishedAt: new Date(now - 60_000).toISOString(),
    createdAt: new Date(now - 120_000).toISOString(),
  });
  let n = 0;
  const write = async (parentId: string | null) => {
    const body = `${lines[n % lines.length]} ${lines[(n * 3 + 1) % lines.length]}`;
    const { comment } = await store.comments.create({
      articleId: article.id,
      parentId,
      authorId: people[n % people.length]!.id,
      body,
      html: renderCommentMarkdown(body),
      status: 'published',
      createdAt: new Date(now - 50_000 + n * 100).toISOString(),
    });
    n++;
    return comment.id;
  };
  while (n < 200) {
    const root = await write(null);
    for (let r = 0; r < 3; r++) {
      const reply = await write(root);
      for (let s = 0; s < 2; s++) await write(reply);
    }
  }
  return articlePath(article);
}

interface Measured {
  median: number;
  p95: number;
  /** This process's CPU time per render (median): steadier than the clock on a busy machine. */
  cpu: number;
  statements: number;
  bytes: number;
}

/** Statements run, counted through the store's query observer. */
let statements = 0;

async function measure(store: Store, pagePath: string): Promise<Measured> {
  store.observeQueries(() => void statements++);
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
  const render = async () => {
    const lookup = await services.reading.articleAt(pagePath, slug);
    if (lookup.kind !== 'found') throw new Error('the bench article moved');
    return articlePageView(ctx, lookup.page).value;
  };
  let bytes = 0;
  for (let i = 0; i < 50; i++) bytes = (await render()).length;
  statements = 0;
  await render();
  const perRender = statements;
  const samples: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    await render();
    samples.push(performance.now() - started);
    const used = process.cpuUsage(cpuBefore);
    cpu.push((used.user + used.system) / 1000);
  }
  samples.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  return {
    median: samples[Math.floor(samples.length / 2)]!,
    p95: samples[Math.floor(samples.length * 0.95)]!,
    cpu: cpu[Math.floor(cpu.length / 2)]!,
    statements: perRender,
    bytes,
  };
}

const rows: ResultRow[] = [];
const report = (database: string, target: number, m: Measured) => {
  console.log(
    `${database}: median ${m.median.toFixed(3)} ms, p95 ${m.p95.toFixed(3)} ms, CPU ${m.cpu.toFixed(3)} ms (median), ${m.statements} statements, ${m.bytes} characters; load average ${os.loadavg()[0]!.toFixed(1)}`,
  );
  rows.push({
    figure: `article page with 200 comments, cache miss (service + view), ${database}: median ms (p95 ${m.p95.toFixed(2)} ms, this process's CPU ${m.cpu.toFixed(2)} ms, ${m.statements} statements)`,
    value: m.median.toFixed(2),
    target: `≤ ${target}`,
    met: m.median <= target,
  });
};

{
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'broadsheet-miss-'));
  const store = await openStore({ databaseUrl: null, dataDir });
  try {
    report('SQLite', 1, await measure(store, await fillSite(store)));
  } finally {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
if (postgresUrl) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'broadsheet-miss-'));
  const pgSchema = `bench_${randomBytes(6).toString('hex')}`;
  const store = await openStore({ databaseUrl: postgresUrl, dataDir, pgSchema });
  try {
    report('PostgreSQL', 2.5, await measure(store, await fillSite(store)));
  } finally {
    await store.close();
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    await client.query(`drop schema if exists ${pgSchema} cascade`);
    await client.end();
    rmSync(dataDir, { recursive: true, force: true });
  }
} else {
  console.log('PostgreSQL: skipped (set DATABASE_URL or TEST_DATABASE_URL)');
}
printResult('render-miss', 'npx tsx bench/render-miss.ts', rows);
