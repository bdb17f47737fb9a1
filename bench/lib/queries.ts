/**
 * The SQL one render of the article page (200 comments) and of the front page runs, with the
 * time each statement takes on SQLite: the check on the miss path.
 *
 *   npx tsx bench/lib/queries.ts
 */
import { rmSync } from 'node:fs';
import SQLite from 'better-sqlite3';
import { createServices } from '../../src/compose.js';
import { openStore } from '../../src/store/index.js';
import { createBenchSite } from './site.js';

const stats = new Map<string, { runs: number; ms: number }>();
let counting = false;
// Times every statement's `all`, by SQL text.
const prepare = SQLite.prototype.prepare;
SQLite.prototype.prepare = function (this: SQLite.Database, source: string) {
  const statement = prepare.call(this, source) as SQLite.Statement;
  const all = statement.all.bind(statement) as (...args: unknown[]) => unknown[];
  (statement as unknown as { all: typeof all }).all = (...args) => {
    const started = performance.now();
    const rows = all(...args);
    if (counting) {
      const s = stats.get(source) ?? { runs: 0, ms: 0 };
      s.runs++;
      s.ms += performance.now() - started;
      stats.set(source, s);
    }
    return rows;
  };
  return statement;
} as typeof prepare;

const site = await createBenchSite();
const store = await openStore({ databaseUrl: null, dataDir: site.dataDir });
const services = createServices(store);
const slug = site.articlePath.split('/').pop()!;
const renders = 100;
const pages: [string, () => Promise<unknown>][] = [
  ['article page', () => services.reading.articleAt(site.articlePath, slug)],
  ['front page', () => services.reading.frontPage()],
  ['sections (every page)', () => services.reading.sections()],
];
for (const [name, render] of pages) {
  for (let i = 0; i < 20; i++) await render();
  stats.clear();
  counting = true;
  const started = performance.now();
  for (let i = 0; i < renders; i++) await render();
  const wall = (performance.now() - started) / renders;
  counting = false;
  const count = [...stats.values()].reduce((n, s) => n + s.runs, 0) / renders;
  console.log(`\n${name}: ${count} queries, ${wall.toFixed(2)} ms per render (wall)`);
  for (const [sql, s] of [...stats].sort((a, b) => b[1].ms - a[1].ms)) {
    console.log(
      `  ${(s.ms / renders).toFixed(3)} ms  ×${s.runs / renders}  ${sql.replace(/\s+/g, ' ').slice(0, 150)}`,
    );
  }
}
await store.close();
rmSync(site.dataDir, { recursive: true, force: true });
