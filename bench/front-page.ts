/**
 * Benchmark 2 (issue 9): the front page, Broadsheet against nginx serving the identical bytes as
 * a static file; memory idle and under this load.
 *
 *   npx tsx bench/front-page.ts      (CONNECTIONS=50 DURATION=8 WORKERS_LIST=1 by default)
 *
 * Needs nginx (Debian: `apt-get install -y nginx-light`).
 */
import { comparePage } from './lib/compare.js';

await comparePage({ bench: 'front-page', label: 'Front page', pathOf: () => '/' });
