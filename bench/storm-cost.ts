/**
 * Issue 19, target 3, measured where a loaded machine cannot blur it: what one step of a comment
 * storm costs the server in CPU time. A step is one comment posted through the API (201), then
 * the article page with 200 comments read the way the storm's readers read it (gzip, a page
 * cache miss: the comment changed the page) and the way its checker does (identity, which must
 * show the comment). Steps run one after another, so every read after a post is a miss; the
 * server's own CPU time (from /proc) is divided by the steps. wrk's storm run
 * (bench/article-page.ts) gives the throughput; this gives the cost behind it, steady under load.
 *
 *   npx tsx bench/storm-cost.ts     (STEPS=150; BENCH_DATABASE_URL or TEST_DATABASE_URL=postgres://…
 *                                    adds PostgreSQL; READS='gzip|identity' are the reads after
 *                                    each post, by Accept-Encoding: add '|gzip, deflate, br, zstd'
 *                                    for a browser's)
 */
import os from 'node:os';
import { printResult, startBroadsheet, type ResultRow } from './lib/load.js';
import { createBenchSite } from './lib/site.js';

const steps = Number(process.env.STEPS ?? 150);
const reads = (process.env.READS ?? 'gzip|identity').split('|').map((r) => r.trim());
const readsNamed = reads.map((r) => (r.includes(',') ? `"${r}"` : r)).join(' + ');
const postgresUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? null;

async function measure(database: string, serverUrl: string | null): Promise<ResultRow> {
  const site = await createBenchSite(200, serverUrl);
  const server = await startBroadsheet(site.dataDir, {
    PAGE_CACHE_MB: '64',
    ...(site.databaseUrl ? { DATABASE_URL: site.databaseUrl } : {}),
  });
  try {
    const page = server.url + site.articlePath;
    const step = async (k: number) => {
      const posted = await fetch(`${server.url}/api/v1/articles/${site.articleId}/comments`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${site.staffTokens[k % site.staffTokens.length]!}`,
        },
        body: JSON.stringify({ body: `Storm comment ${k}: the *river plan* again.` }),
      });
      await posted.arrayBuffer();
      if (posted.status !== 201) throw new Error(`a storm post answered ${posted.status}`);
      for (const encoding of reads) {
        const read = await fetch(page, { headers: { 'accept-encoding': encoding } });
        await read.arrayBuffer();
        if (read.status !== 200) throw new Error(`the read after a post answered ${read.status}`);
      }
    };
    // Warm-up: the server's first requests compile schemas and load modules.
    for (let k = 0; k < 40; k++) await step(k);
    const cpuBefore = server.cpuSeconds();
    const started = performance.now();
    for (let k = 40; k < 40 + steps; k++) await step(k);
    const cpuMs = (1000 * (server.cpuSeconds() - cpuBefore)) / steps;
    const wallMs = (performance.now() - started) / steps;
    console.log(
      `${database}: server CPU ${cpuMs.toFixed(2)} ms per step (post + reads: ${readsNamed}), ${wallMs.toFixed(1)} ms wall; load average ${os.loadavg()[0]!.toFixed(1)}`,
    );
    return {
      figure: process.env.READS
        ? `Comment storm, server CPU per step (a comment posted, then the article page with 200 comments read: ${readsNamed}; the first after a post misses), ${database}`
        : `Comment storm, server CPU per step (a comment posted, then the article page with 200 comments read gzip and identity, both misses), ${database}`,
      value: `${cpuMs.toFixed(2)} ms (${wallMs.toFixed(1)} ms wall per step)`,
    };
  } finally {
    await server.stop();
    await site.drop();
  }
}

const rows = [await measure('SQLite', null)];
if (postgresUrl) rows.push(await measure('PostgreSQL', postgresUrl));
printResult(
  'storm-cost',
  `STEPS=${steps}${process.env.READS ? ` READS='${process.env.READS}'` : ''}${postgresUrl ? ' BENCH_DATABASE_URL=postgres://…' : ''} npx tsx bench/storm-cost.ts`,
  rows,
);
