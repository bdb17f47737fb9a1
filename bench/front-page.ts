/**
 * Benchmark 2 (issues 9 and 19): the front page, Broadsheet's anonymous readers against nginx
 * and a bare Node server sending the identical bytes, with wrk; memory idle and under this load.
 *
 *   npx tsx bench/front-page.ts      (CONNECTIONS=50 DURATION=8 WORKERS_LIST=1 by default)
 *
 * Needs wrk and nginx (Debian: `apt-get install -y wrk nginx-light`).
 */
import { comparePage } from './lib/compare.js';

await comparePage({ bench: 'front-page', label: 'Front page', pathOf: () => '/' });
