/**
 * Benchmark 1 (issue 9): the article page with 200 comments, Broadsheet against nginx serving
 * the identical bytes as a static file; memory idle and under this load (benchmark 6).
 *
 *   npx tsx bench/article-page.ts     (CONNECTIONS=50 DURATION=8 WORKERS_LIST=1 by default;
 *                                      WORKERS_LIST=1,2 measures both)
 *
 * Needs nginx (Debian: `apt-get install -y nginx-light`).
 */
import { comparePage } from './lib/compare.js';

await comparePage({
  bench: 'article-page',
  label: 'Article page with 200 comments',
  pathOf: (site) => site.articlePath,
});
