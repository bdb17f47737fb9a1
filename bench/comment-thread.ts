/**
 * Issue 5: the first page of a 100,000-comment thread against that of a 100-comment thread, on
 * SQLite, for every sort order: the API's page (service, query and JSON) and the article's HTML
 * miss path (reading service and view). Target: the big one within 1.5× of the small one. Both
 * articles have comments of the same shape (see `fill`), so their first pages show the same 100
 * comments and only the size of the whole differs; the two are timed in alternation. Also
 * prints the SQLite query plan of every statement one first page runs, and fails a row if any of
 * them scans the comments table or sorts in a temporary B-tree.
 *
 *   npx tsx bench/comment-thread.ts          (ROUNDS=300 by default)
 */
import { translator } from '../src/i18n/translator.js';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { pino } from 'pino';
import { loadConfig } from '../src/config.js';
import { articlePath } from '../src/domain/article.js';
import { renderCommentMarkdown } from '../src/domain/comment-markdown.js';
import { commentSorts, type CommentNode, type CommentSort } from '../src/domain/comment.js';
import { newId } from '../src/domain/ids.js';
import { composeProgram } from '../src/compose.js';
import { buildApp } from '../src/http/app.js';
import { LocalChangeBus } from '../src/services/changes.js';
import { openStore, sqliteFile } from '../src/store/index.js';
import { articlePageView } from '../src/views/pages/article.js';
import { printResult, type ResultRow } from './lib/load.js';

const rounds = Number(process.env.ROUNDS ?? 300);
const big = 100_000;
const small = 100;

// Every statement the app prepares, with the arguments of its last run, for the query plans.
const seen = new Map<string, unknown[]>();
let capturing = false;
const prepare = SQLite.prototype.prepare;
SQLite.prototype.prepare = function (this: SQLite.Database, source: string) {
  const statement = prepare.call(this, source) as SQLite.Statement;
  const all = statement.all.bind(statement) as (...args: unknown[]) => unknown[];
  (statement as unknown as { all: typeof all }).all = (...args) => {
    if (capturing) seen.set(source, args);
    return all(...args);
  };
  return statement;
} as typeof prepare;

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'broadsheet-thread-'));
const store = await openStore({ databaseUrl: null, dataDir });
await store.sections.upsert({ slug: 'news', name: 'News', description: '', position: 0 });
const now = Date.now();
const writer = await store.users.create({
  email: 'writer@example.com',
  name: 'Writer',
  slug: 'writer',
  role: 'author',
  passwordHash: null,
  createdAt: new Date(now - 86_400_000 * 30).toISOString(),
});
const readers = await Promise.all(
  Array.from({ length: 50 }, (_, i) =>
    store.users.create({
      email: `reader-${i}@example.com`,
      name: `Reader ${i + 1}`,
      slug: `reader-${i + 1}`,
      role: 'commenter',
      passwordHash: null,
      createdAt: new Date(now - 86_400_000 * 30).toISOString(),
    }),
  ),
);
const article = (slug: string) =>
  store.newsroom.create({
    slug,
    sectionSlug: 'news',
    headline: `A thread of ${slug}`,
    standfirst: '',
    body: 'The story.',
    dateline: '',
    authorIds: [writer.id],
    tags: [],
    status: 'published',
    publishedAt: new Date(now - 86_400_000 * 20).toISOString(),
    createdAt: new Date(now - 86_400_000 * 21).toISOString(),
  });
const articles = { small: await article('small'), big: await article('big') };

/** Comments a thread holds in both articles: a top-level comment and four replies. */
const perThread = 5;

/**
 * Writes an article's comments straight into SQLite in one transaction (the store's one-by-one
 * path would take minutes for 100,000). Both articles have the same shape, so that their first
 * pages hold the same number of comments and only the size of the whole differs: threads of
 * five comments written one after the other (a top-level comment, then four replies, each to a
 * random earlier comment of the same thread, so depths vary from 1 to 4), random reaction counts
 * on top-level comments, one second apart. The 100-comment article is 20 such threads, the
 * 100,000-comment one 20,000; a first page (20 threads with up to 10 replies each) of either
 * shows 100 comments in every sort.
 */
function fill(articleId: string, count: number): void {
  const db = new SQLite(sqliteFile(dataDir));
  const insert = db.prepare(
    `insert into comments (id, article_id, parent_id, root_id, author_id, body, html, status, depth,
       reaction_count, created_at, edited_at)
     values (?, ?, ?, ?, ?, ?, ?, 'published', ?, ?, ?, null)`,
  );
  const body =
    'A considered reply about the **council** figures, with [a link](https://example.org).';
  const html = renderCommentMarkdown(body);
  let thread: { id: string; members: { id: string; depth: number }[] } | null = null;
  let seed = 42;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const start = now - 86_400_000 * 10;
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const at = start + i * 1000;
      const id = newId(at);
      const author = readers[i % readers.length]!.id;
      const createdAt = new Date(at).toISOString();
      if (i % perThread === 0 || thread === null) {
        const reactions = Math.floor(random() ** 3 * 60);
        insert.run(id, articleId, null, id, author, body, html, 0, reactions, createdAt);
        thread = { id, members: [{ id, depth: 0 }] };
        continue;
      }
      const parent = thread.members[Math.floor(random() * thread.members.length)]!;
      insert.run(
        id,
        articleId,
        parent.id,
        thread.id,
        author,
        body,
        html,
        parent.depth + 1,
        0,
        createdAt,
      );
      thread.members.push({ id, depth: parent.depth + 1 });
    }
    db.prepare('update articles set comment_count = ? where id = ?').run(count, articleId);
  })();
  db.pragma('optimize');
  db.close();
}
const filling = performance.now();
fill(articles.small.id, small);
fill(articles.big.id, big);
console.log(
  `wrote ${big + small} comments in ${((performance.now() - filling) / 1000).toFixed(1)} s`,
);

const config = loadConfig({ DATA_DIR: dataDir, DEMO: '0', LOG_LEVEL: 'silent', PORT: '0' });
const logger = pino({ level: 'silent' });
const program = await composeProgram({ config, store, log: logger, changes: new LocalChangeBus() });
const app = await buildApp({ config, logger, ...program });
const identity = await program.services.site.identity();
const ctx = {
  identity,
  siteName: identity.name,
  now: new Date(),
  baseUrl: config.baseUrl,
  assetUrl: () => '/x',
  menus: { masthead: [], footer: [] },
  i18n: translator(identity.language, identity.timeZone),
};

interface Timing {
  median: number;
  p95: number;
}

/**
 * Times the small and the big article's work in alternation, round after round, so that other
 * work on the machine slows both alike.
 */
async function time(
  small: () => Promise<unknown>,
  big: () => Promise<unknown>,
): Promise<{ s: Timing; b: Timing }> {
  for (let i = 0; i < 20; i++) {
    await small();
    await big();
  }
  const samples: [number[], number[]] = [[], []];
  for (let i = 0; i < rounds; i++) {
    for (const [k, work] of [small, big].entries()) {
      const started = performance.now();
      await work();
      samples[k]!.push(performance.now() - started);
    }
  }
  const timing = (list: number[]): Timing => {
    list.sort((a, b) => a - b);
    return {
      median: list[Math.floor(list.length / 2)]!,
      p95: list[Math.floor(list.length * 0.95)]!,
    };
  };
  return { s: timing(samples[0]), b: timing(samples[1]) };
}

const apiPage = (id: string, sort: CommentSort) => async () => {
  const res = await app.server.inject({ url: `/api/v1/articles/${id}/comments?sort=${sort}` });
  if (res.statusCode !== 200) throw new Error(`API answered ${res.statusCode}`);
  return res.body;
};
const htmlPage = (a: typeof articles.big, sort: CommentSort) => async () => {
  const lookup = await app.services.reading.articleAt(articlePath(a), a.slug, {
    kind: 'page',
    sort,
  });
  if (lookup.kind !== 'found') throw new Error('article moved');
  return articlePageView(ctx, lookup.page).value;
};

// Equal pages: the first page of either article shows the same number of comments.
const shown = (nodes: CommentNode[]): number =>
  nodes.reduce((n, node) => n + 1 + shown(node.replies), 0);
for (const sort of commentSorts) {
  const [s, b] = await Promise.all(
    [articles.small, articles.big].map(async (a) =>
      shown((await app.services.threads.threads(a.id, sort, undefined)).threads),
    ),
  );
  console.log(`first page, ${sort}: ${s} comments of 100, ${b} of 100,000`);
  if (s !== b) throw new Error(`the first pages differ in size (${s} and ${b} comments)`);
}

const rows: ResultRow[] = [];
const lines: string[] = [
  '| first page | sort | 100 comments: median (p95) ms | 100,000: median (p95) ms | ratio |',
  '| --- | --- | ---: | ---: | ---: |',
];
for (const [what, make] of [
  ['API JSON', (a: typeof articles.big, s: CommentSort) => apiPage(a.id, s)],
  ['article HTML (miss path)', htmlPage],
] as const) {
  for (const sort of commentSorts) {
    const { s, b } = await time(make(articles.small, sort), make(articles.big, sort));
    const ratio = b.median / s.median;
    lines.push(
      `| ${what} | ${sort} | ${s.median.toFixed(2)} (${s.p95.toFixed(2)}) | ${b.median.toFixed(2)} (${b.p95.toFixed(2)}) | ${ratio.toFixed(2)}× |`,
    );
    rows.push({
      figure: `${what}, ${sort}: first page of 100,000 comments vs 100 (median ${b.median.toFixed(2)} vs ${s.median.toFixed(2)} ms)`,
      value: `${ratio.toFixed(2)}×`,
      target: '≤ 1.5×',
      met: ratio <= 1.5,
    });
  }
}
// Deep in the big thread: a later page (after a cursor; it skips the Featured strip's query),
// against the small article's only page, the same 100 comments in size.
const laterPage = (a: typeof articles.big, sort: CommentSort) => {
  let cursor: string | undefined;
  return async () => {
    cursor ??= (await app.services.threads.threads(a.id, sort, undefined)).nextCursor ?? undefined;
    if (!cursor) throw new Error('the big thread has no second page');
    return app.services.threads.threads(a.id, sort, cursor);
  };
};
for (const sort of commentSorts) {
  const { s, b } = await time(
    () => app.services.threads.threads(articles.small.id, sort, undefined),
    laterPage(articles.big, sort),
  );
  const ratio = b.median / s.median;
  lines.push(
    `| threads: a later page of 100,000 (after a cursor) vs the only page of 100 | ${sort} | ${s.median.toFixed(2)} (${s.p95.toFixed(2)}) | ${b.median.toFixed(2)} (${b.p95.toFixed(2)}) | ${ratio.toFixed(2)}× |`,
  );
  rows.push({
    figure: `comment threads, ${sort}: a later page of 100,000 comments (after a cursor) vs the only page of 100 (median ${b.median.toFixed(2)} vs ${s.median.toFixed(2)} ms)`,
    value: `${ratio.toFixed(2)}×`,
    target: '≤ 1.5×',
    met: ratio <= 1.5,
  });
}
{
  const { s, b } = await time(
    () => store.moderation.featured(articles.small.id, 5),
    () => store.moderation.featured(articles.big.id, 5),
  );
  lines.push(
    `| Featured strip query alone | – | ${s.median.toFixed(2)} (${s.p95.toFixed(2)}) | ${b.median.toFixed(2)} (${b.p95.toFixed(2)}) | ${(b.median / s.median).toFixed(2)}× |`,
  );
}
console.log(lines.join('\n'));

// The query plans of one first page of the big thread, in every order.
capturing = true;
for (const sort of commentSorts) await htmlPage(articles.big, sort)();
capturing = false;
const explain = new SQLite(sqliteFile(dataDir), { readonly: true });
let badPlans = 0;
console.log('\nQuery plans (SQLite) of the statements one first page runs:');
for (const [source, args] of seen) {
  if (!/\bcomments\b/.test(source)) continue;
  const plan = explain.prepare(`explain query plan ${source}`).all(...(args as unknown[])) as {
    detail: string;
  }[];
  const details = plan.map((p) => p.detail);
  const bad = details.some(
    (d) => /^SCAN (c|comments)\b(?!.*USING)/.test(d) || /TEMP B-TREE/.test(d),
  );
  if (bad) badPlans++;
  console.log(`\n${bad ? 'NOT INDEXED' : 'indexed'}: ${source.replace(/\s+/g, ' ').slice(0, 160)}`);
  for (const d of details) console.log(`    ${d}`);
}
explain.close();
rows.push({
  figure: 'statements of a first comment page that scan comments or sort in a temporary B-tree',
  value: String(badPlans),
  target: '0',
  met: badPlans === 0,
});

await app.server.close();
await store.close();
rmSync(dataDir, { recursive: true, force: true });
printResult('comment-thread', 'npx tsx bench/comment-thread.ts', rows);
