/**
 * The fast lane against its ceiling (issue 19, target 4), for working on it: Broadsheet's
 * anonymous cache hits and a bare Node server sending the same bytes, in alternating rounds
 * (other work on the machine then slows both alike), with the server CPU time each spends per
 * request (from /proc: steadier than requests per second on a busy machine).
 *
 *   npx tsx bench/lib/ceiling.ts        (ROUNDS=3 DURATION=5 CONNECTIONS=50; PAGE=front)
 */
import { rmSync } from 'node:fs';
import { cpuOf, startBroadsheet } from './load.js';
import { get, startBareNode } from './compare.js';
import { createBenchSite } from './site.js';
import { wrk, type Figures } from './wrk.js';

const rounds = Number(process.env.ROUNDS ?? 3);
const seconds = Number(process.env.DURATION ?? 5);
const site = await createBenchSite();
const server = await startBroadsheet(site.dataDir);
const url = server.url + (process.env.PAGE === 'front' ? '/' : site.articlePath);
const identity = await get(url);
const gzip = await get(url, { 'accept-encoding': 'gzip' });
const bare = await startBareNode(site.dataDir, identity, gzip);
const runs: { bare: Figures; bareCpu: number; lane: Figures; laneCpu: number }[] = [];
try {
  await wrk('warm-up', url, { seconds: 2 });
  await wrk('warm-up', bare.url, { seconds: 2 });
  for (let r = 0; r < rounds; r++) {
    let cpu = cpuOf(bare.pid);
    const b = await wrk('bare', bare.url, { seconds });
    const bareCpu = (1e6 * (cpuOf(bare.pid) - cpu)) / b.requests;
    cpu = server.cpuSeconds();
    const l = await wrk('lane', url, { seconds });
    const laneCpu = (1e6 * (server.cpuSeconds() - cpu)) / l.requests;
    runs.push({ bare: b, bareCpu, lane: l, laneCpu });
    console.log(
      `round ${r + 1}: bare ${b.requestsPerSecond} req/s (${bareCpu.toFixed(1)} µs CPU each), ` +
        `Broadsheet ${l.requestsPerSecond} req/s (${laneCpu.toFixed(1)} µs CPU each, ` +
        `non-2xx ${l.non2xx}, errors ${l.errors}): ${(l.requestsPerSecond / b.requestsPerSecond).toFixed(2)} by req/s, ` +
        `${(bareCpu / laneCpu).toFixed(2)} by CPU`,
    );
  }
} finally {
  bare.stop();
  await server.stop();
  rmSync(site.dataDir, { recursive: true, force: true });
}
const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(
  `median: ${median(runs.map((r) => r.lane.requestsPerSecond / r.bare.requestsPerSecond)).toFixed(2)} of the bare server by req/s, ` +
    `${median(runs.map((r) => r.bareCpu / r.laneCpu)).toFixed(2)} by CPU per request`,
);
