/**
 * Issue 5: the first page of a 100,000-comment thread against that of a 100-comment thread, on
 * SQLite, for every sort order: the API's page (service, query and JSON) and the article's HTML
 * miss path (reading service and view). Target: the big one within 1.5× of the small one. Also
 * prints the SQLite query plan of every statement one first page runs, and fails a row if any of
 * them scans the comments table or sorts in a temporary B-tree.
 *
 *   npx tsx bench/comment-thread.ts          (ROUNDS=300 by default)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { pino } from 'pino';
import { loadConfig } from '../src/config.js';
import { articlePath } from '../src/domain/article.js';
import { renderCommentMarkdown } from '../src/domain/comment-markdown.js';
import { commentSorts, type CommentSort } from '../src/domain/comment.js';
import { newId } from '../src/domain/ids.js';
import { buildApp } from '../src/http/app.js';
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
  store.articles.create({
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

/**
 * Writes a thread straight into SQLite in one transaction (the store's one-by-one path would take
 * minutes for 100,000): a tenth top-level, the rest replies to a random earlier comment of a
 * random thread, with one giant thread of a fifth of all replies; random reaction counts.
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
  const threads: { id: string; members: { id: string; depth: number }[] }[] = [];
  let seed = 42;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const start = now - 86_400_000 * 10;
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const at = start + i * 1000;
      const id = newId(at);
      const author = readers[i % readers.length]!.id;
      const reactions = Math.floor(random() ** 3 * 60);
      const createdAt = new Date(at).toISOString();
      if (i % 10 === 0 || threads.length === 0) {
        insert.run(id, articleId, null, id, author, body, html, 0, reactions, createdAt);
        threads.push({ id, members: [{ id, depth: 0 }] });
        continue;
      }
      const thread = random() < 0.2 ? threads[0]! : threads[Math.floor(random() * threads.length)]!;
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
        reactions,
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
const app = await buildApp({ config, store, logger: pino({ level: 'silent' }) });
const ctx = { siteName: 'Broadsheet', baseUrl: config.baseUrl, assetUrl: () => '/x', sections: [] };

async function time(work: () => Promise<unknown>): Promise<{ median: number; p95: number }> {
  for (let i = 0; i < 20; i++) await work();
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    await work();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return {
    median: samples[Math.floor(samples.length / 2)]!,
    p95: samples[Math.floor(samples.length * 0.95)]!,
  };
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
    const s = await time(make(articles.small, sort));
    const b = await time(make(articles.big, sort));
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
// The profile of the first page: the same page without the Featured strip's query (a later
// page, which starts after a cursor, skips it), and that query on its own.
const secondPage = (a: typeof articles.big, sort: CommentSort) => {
  let cursor: string | undefined;
  return async () => {
    cursor ??= (await app.services.comments.threads(a.id, sort, undefined)).nextCursor ?? undefined;
    return app.services.comments.threads(a.id, sort, cursor);
  };
};
for (const sort of commentSorts) {
  const s = await time(secondPage(articles.small, sort));
  const b = await time(secondPage(articles.big, sort));
  const ratio = b.median / s.median;
  lines.push(
    `| threads after a cursor (no Featured query) | ${sort} | ${s.median.toFixed(2)} (${s.p95.toFixed(2)}) | ${b.median.toFixed(2)} (${b.p95.toFixed(2)}) | ${ratio.toFixed(2)}× |`,
  );
  rows.push({
    figure: `comment threads after a cursor (no Featured query), ${sort}: 100,000 comments vs 100 (median ${b.median.toFixed(2)} vs ${s.median.toFixed(2)} ms)`,
    value: `${ratio.toFixed(2)}×`,
    target: '≤ 1.5×',
    met: ratio <= 1.5,
  });
}
{
  const s = await time(() => store.moderation.featured(articles.small.id, 5));
  const b = await time(() => store.moderation.featured(articles.big.id, 5));
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
