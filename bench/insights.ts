/**
 * Audience insights (issue 24): the cached article page's throughput with counting on and off,
 * in the same run, with a browser's headers (so every request is a counted view, the dearest
 * case). Target: on ≥ 95 % of off. Then checks that the views were written.
 *
 *   npx tsx bench/insights.ts     (CONNECTIONS=50 DURATION=8 ROUNDS=3 by default)
 *
 * Two servers started alike differ by a few per cent from each other (two runs with counting
 * off: 30,275 and 32,491 req/s), as much as the cost measured: off and on alternate ROUNDS
 * times and the figure is the ratio of the means, with each side's spread printed beside it.
 *
 * Needs wrk (Debian: `apt-get install -y wrk`).
 */
import { rmSync } from 'node:fs';
import { openStore } from '../src/store/index.js';
import { printResult, startBroadsheet, table } from './lib/load.js';
import { createBenchSite } from './lib/site.js';
import { connections, duration, findWrk, wrk, wrkMissing, type Figures } from './lib/wrk.js';

const browser = {
  'User-Agent':
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
  'Accept-Language': 'en-GB,en;q=0.9',
  Accept: 'text/html,application/xhtml+xml,*/*;q=0.8',
  Referer: 'https://www.google.com/',
};
const rounds = Math.max(1, Number(process.env.ROUNDS ?? 3));
const command = `CONNECTIONS=${connections} DURATION=${duration} ROUNDS=${rounds} npx tsx bench/insights.ts`;

if (!findWrk()) {
  console.error(wrkMissing);
  printResult('insights', command, [
    { figure: 'counting on / off', value: `not measured: ${wrkMissing}`, met: false },
  ]);
  process.exit(1);
}

const site = await createBenchSite();
const rows: Figures[] = [];
let counted = 0;
try {
  // Off, on, off, on…: the order's own drift (a warmer machine) shows, and is halved.
  for (const insights of Array.from({ length: rounds }, () => ['0', '1']).flat()) {
    const server = await startBroadsheet(site.dataDir, { INSIGHTS: insights });
    try {
      const url = server.url + site.articlePath;
      for (let i = 0; i < 3; i++) await fetch(url, { headers: browser }).then((r) => r.text());
      await wrk('warm-up', url, { seconds: 2, headers: browser });
      rows.push(
        await wrk(`counting ${insights === '1' ? 'on' : 'off'}`, url, { headers: browser }),
      );
    } finally {
      await server.stop();
    }
  }
  const store = await openStore({ databaseUrl: null, dataDir: site.dataDir });
  try {
    const day = (await store.insights.rows()).filter((r) => r.grain === 'day');
    counted = day.reduce((sum, r) => sum + r.views, 0);
  } finally {
    await store.close();
  }
} finally {
  rmSync(site.dataDir, { recursive: true, force: true });
}

const rates = (name: string) => rows.filter((r) => r.name === name).map((r) => r.requestsPerSecond);
const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
const spread = (values: number[]) =>
  `${Math.round(Math.min(...values))}–${Math.round(Math.max(...values))} req/s`;
const off = rates('counting off');
const on = rates('counting on');
const ratio = Math.round((mean(on) / mean(off)) * 1000) / 10;
const detail = `off ${spread(off)}, on ${spread(on)}, ${rounds} runs each`;
console.log(table(rows));
console.log(`\ncounting on: ${ratio} % of off (means; ${detail}); views written: ${counted}`);
printResult('insights', command, [
  {
    figure: `cached article page, counting on / off (ratio of the means; ${detail})`,
    value: `${ratio} %`,
    target: '≥ 95 %',
    met: ratio >= 95,
  },
  { figure: 'views written by the counting runs', value: String(counted), met: counted > 0 },
]);
