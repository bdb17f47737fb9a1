/**
 * Benchmark 1 (issues 9 and 19): the article page with 200 comments, with wrk. Broadsheet's
 * anonymous readers (page cache) beside nginx and a bare Node server sending the identical
 * bytes (the ceiling), signed-in readers, and anonymous reads during a storm of 50 comments a
 * second; memory idle and under this load (benchmark 6). See lib/compare.ts.
 *
 *   npx tsx bench/article-page.ts     (CONNECTIONS=50 DURATION=8 WORKERS_LIST=1 by default;
 *                                      WORKERS_LIST=1,2 measures both; BENCH_DATABASE_URL or
 *                                      TEST_DATABASE_URL=postgres://… adds PostgreSQL)
 *
 * Needs wrk and nginx (Debian: `apt-get install -y wrk nginx-light`).
 */
import { comparePage } from './lib/compare.js';

await comparePage({
  bench: 'article-page',
  label: 'Article page with 200 comments',
  pathOf: (site) => site.articlePath,
  readers: true,
});
