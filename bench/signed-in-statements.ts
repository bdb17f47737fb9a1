/**
 * Statements and server CPU per signed-in article page view (issue 19, decision 0096): the real
 * server on the bench site, its readers asking the 200-comment article with gzip, a few at a
 * time; the statements from the server's /metrics, the CPU from /proc.
 *
 *   npx tsx bench/signed-in-statements.ts      (VIEWS=2000, CONCURRENCY=8,
 *                                               BENCH_DATABASE_URL=postgres://… for a
 *                                               PostgreSQL site: a scratch database, dropped)
 */
import { rmSync } from 'node:fs';
import { startBroadsheet } from './lib/load.js';
import { createBenchSite } from './lib/site.js';

const views = Number(process.env.VIEWS ?? 2000);
const concurrency = Number(process.env.CONCURRENCY ?? 8);
const site = await createBenchSite(200, process.env.BENCH_DATABASE_URL ?? null);
const server = await startBroadsheet(site.dataDir, {
  ...(site.databaseUrl ? { DATABASE_URL: site.databaseUrl } : {}),
});

async function statementsSoFar(): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const counts = text.match(/^broadsheet_db_query_duration_seconds_count\{[^}]*\} (\d+)/gm) ?? [];
  return counts.reduce((n, line) => n + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

async function load(count: number): Promise<void> {
  let next = 0;
  const one = async () => {
    while (next < count) {
      const cookie = site.readerCookies[next++ % site.readerCookies.length]!;
      const res = await fetch(server.url + site.articlePath, {
        headers: { cookie, 'accept-encoding': 'gzip' },
      });
      if (res.status !== 200) throw new Error(`status ${res.status}`);
      await res.arrayBuffer();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, one));
}

try {
  // Every reader's first pages (and the shell) are drawn in the warm-up.
  await load(Math.max(200, site.readerCookies.length * 4));
  const statements = await statementsSoFar();
  const cpu = server.cpuSeconds();
  await load(views);
  const cpuAfter = server.cpuSeconds();
  // /metrics itself runs no statement; subtract nothing.
  const perView = ((await statementsSoFar()) - statements) / views;
  console.log(
    `${site.databaseUrl ? 'postgres' : 'sqlite'}: ${views} signed-in views by ${site.readerCookies.length} readers, ` +
      `${perView.toFixed(3)} statements per view, server CPU ${(((cpuAfter - cpu) * 1e6) / views).toFixed(0)} µs per view`,
  );
} finally {
  await server.stop();
  rmSync(site.dataDir, { recursive: true, force: true });
  await site.drop();
}
