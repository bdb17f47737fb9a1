/**
 * Where the server's time goes under page load: runs the real server with --cpu-prof on a bench
 * site, loads one page, and prints self time by package and by function.
 *
 *   npx tsx bench/lib/profile.ts               (PAGE=article|front, PAGE_CACHE_MB=0 for misses,
 *                                               SIGNED_IN=1 for signed-in readers,
 *                                               BROWSER=1 for a browser's headers, so that
 *                                               audience insights count every view,
 *                                               STORM=1 for anonymous reads while 50 comments
 *                                               a second are posted (storm.ts; STORM_RATE),
 *                                               after a run without them for the CPU per read;
 *                                               STORM=posts for the posts and their checks only,
 *                                               BENCH_DATABASE_URL=postgres://… for PostgreSQL,
 *                                               CONNECTIONS=50, DURATION=5, WARMUP=3)
 *
 * The load comes from wrk (bench/lib/wrk.ts).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { startBroadsheet } from './load.js';
import { createBenchSite } from './site.js';
import { commentCount, commentStorm, type StormOutcome } from './storm.js';
import { wrk } from './wrk.js';

interface ProfileNode {
  id: number;
  children?: number[];
  callFrame: { functionName: string; url: string; lineNumber: number };
}

const storm = process.env.STORM === '1' || process.env.STORM === 'posts';
/** STORM=posts: the storm alone, no reads but its own checks (what a post costs, read after). */
const postsOnly = process.env.STORM === 'posts';
const site = await createBenchSite(200, process.env.BENCH_DATABASE_URL ?? null);
const dir = mkdtempSync(path.join(os.tmpdir(), 'broadsheet-profile-'));
const server = await startBroadsheet(
  site.dataDir,
  {
    PAGE_CACHE_MB: process.env.PAGE_CACHE_MB ?? '64',
    ...(site.databaseUrl ? { DATABASE_URL: site.databaseUrl } : {}),
  },
  ['--cpu-prof', `--cpu-prof-dir=${dir}`],
);
const page = process.env.PAGE === 'front' ? '/' : site.articlePath;
const cookies = process.env.SIGNED_IN === '1' ? site.readerCookies : [];
const headers: Record<string, string> =
  process.env.BROWSER === '1'
    ? {
        'User-Agent':
          'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
        'Accept-Language': 'en-GB,en;q=0.9',
        Accept: 'text/html,application/xhtml+xml,*/*;q=0.8',
        Referer: 'https://www.google.com/',
      }
    : {};
// Warm up first (the profile covers only the measured seconds): a signed-in reader's first pages
// compress the shell's pieces (decision 0078), which later ones reuse.
await wrk('warm-up', server.url + page, {
  seconds: Number(process.env.WARMUP ?? 3),
  cookies,
  headers,
});
const seconds = Number(process.env.DURATION ?? 5);
if (storm) {
  // The same reads without the storm first: the server's CPU per read, to set the storm's
  // extra CPU against.
  const cpuBefore = server.cpuSeconds();
  const calm = await wrk(page, server.url + page, { seconds });
  const cpu = server.cpuSeconds() - cpuBefore;
  console.log(
    `without the storm: ${calm.requestsPerSecond} req/s, p99 ${calm.p99} ms; server CPU ${((1e6 * cpu) / calm.requests).toFixed(1)} µs per request, ${((100 * cpu) / seconds).toFixed(0)} % of a core`,
  );
}
const cpuBefore = server.cpuSeconds();
const before = storm ? commentCount(await (await fetch(server.url + page)).text()) : null;
const [result, outcome] = await Promise.all([
  postsOnly
    ? Promise.resolve({
        name: page,
        requestsPerSecond: 0,
        p50: 0,
        p99: 0,
        errors: 0,
        non2xx: 0,
        requests: 0,
      })
    : wrk(page, server.url + page, { seconds, cookies, headers }),
  storm
    ? commentStorm(server.url, site, before ?? 0, seconds, Number(process.env.STORM_RATE ?? 50))
    : Promise.resolve(null as StormOutcome | null),
]);
const cpu = server.cpuSeconds() - cpuBefore;
if (outcome) {
  console.log(
    `the storm: ${outcome.posted} posted (${outcome.rate.toFixed(1)}/s), ${outcome.refused} refused, ${outcome.missing} missing from the next page, post p99 ${outcome.p99PostMs.toFixed(1)} ms; ` +
      `the poster's own CPU ${outcome.posterCpuMsPerPost.toFixed(2)} ms per post (${((outcome.posterCpuMsPerPost * outcome.rate) / 10).toFixed(1)} % of a core)`,
  );
  console.log(
    `during the storm: server CPU ${((100 * cpu) / seconds).toFixed(0)} % of a core, ${((1e6 * cpu) / result.requests).toFixed(1)} µs per read counted with the posts, ${((1000 * cpu) / Math.max(1, outcome.posted)).toFixed(2)} ms per post counted with the reads`,
  );
}
console.log(
  `${page}: ${result.requestsPerSecond} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms, errors ${result.errors}, non-2xx ${result.non2xx}, RSS ${server.rss().toFixed(0)} MiB; server CPU ${((1e6 * cpu) / result.requests).toFixed(0)} µs per request`,
);
const stopping = performance.now();
await server.stop();
const stopMicros = (performance.now() - stopping) * 1000;
await site.drop();
rmSync(site.dataDir, { recursive: true, force: true });

const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
if (!file) throw new Error('no profile written');
const profile = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  endTime: number;
};
rmSync(dir, { recursive: true, force: true });
// Only the samples of the load (the last DURATION seconds before the server stopped, less the
// shutdown): start-up (loading modules, compiling schemas) would otherwise blur the picture.
const windowStart = profile.endTime - (seconds - 0.2) * 1e6 - stopMicros;
const timeOf = new Map<number, number>();
let at = profile.endTime - profile.timeDeltas.reduce((a, b) => a + b, 0);
profile.samples.forEach((id, i) => {
  at += profile.timeDeltas[i] ?? 0;
  if (at < windowStart || at > windowStart + (seconds - 0.2) * 1e6) return;
  timeOf.set(id, (timeOf.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
});
const byPackage = new Map<string, number>();
const byFunction = new Map<string, number>();
let total = 0;
for (const node of profile.nodes) {
  const ms = timeOf.get(node.id) ?? 0;
  total += ms;
  const { url, functionName, lineNumber } = node.callFrame;
  const pkg = url.includes('node_modules/')
    ? url.replace(/.*node_modules\/((@[^/]+\/)?[^/]+).*/, '$1')
    : url.replace(/^file:\/\/.*?\/(src\/)/, '$1') || `(${functionName || 'native'})`;
  byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + ms);
  const fn = `${functionName || '(anonymous)'} ${pkg}:${lineNumber + 1}`;
  byFunction.set(fn, (byFunction.get(fn) ?? 0) + ms);
}
const top = (m: Map<string, number>, n: number) =>
  [...m]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, v]) => `${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`)
    .join('\n');
console.log(
  `\nself time by package or file (total ${total.toFixed(0)} ms):\n${top(byPackage, 20)}`,
);
console.log(`\nself time by function:\n${top(byFunction, 30)}`);
// Inclusive time by file: a sample counts for every file on its stack, once. (After an `await`
// a stack starts again from the microtask queue, so a route's continuation shows under the files
// it resumed in, e.g. a store's, not under the route.)
const parentOf = new Map<number, number>();
for (const node of profile.nodes) for (const c of node.children ?? []) parentOf.set(c, node.id);
const nodeOf = new Map(profile.nodes.map((n) => [n.id, n]));
const inclusive = new Map<string, number>();
for (const [id, ms] of timeOf) {
  const files = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
    const { url } = nodeOf.get(at)!.callFrame;
    if (url && !url.includes('node_modules/') && !url.startsWith('node:'))
      files.add(url.replace(/^file:\/\/.*?\/(src\/|dist\/)/, '$1'));
  }
  for (const f of files) inclusive.set(f, (inclusive.get(f) ?? 0) + ms);
}
console.log(`\ntime with the file on the stack (inclusive):\n${top(inclusive, 30)}`);
// What the time was for: compression and hashing wherever they are; then each sample goes to the
// first of these met from the bottom of its stack up (the outermost caller decides: a post's statements are the post's). After an `await`
// the stack starts at the code that resumed, so a few continuations land under a lower level's
// name (e.g. the comment store's, which both the post and the page's drawing use).
const activities: [string, RegExp][] = [
  ['hits (the fast lane)', /\/http\/fast-lane\./],
  [
    'the post (API route, comment service, moderation, tokens)',
    /\/(routes\/api\/comments|services\/comments|services\/moderation|services\/tokens|store\/tokens|store\/moderation|domain\/moderation|sqlite\/group-commit|store\/postgres\/comment-create|plugins\/auth)\./,
  ],
  [
    'the page cache (ETag hash, compression, storing)',
    /\/http\/page-cache\.|\/plugins\/page-cache\./,
  ],
  ['cutting and filling the shell', /\/(views\/slots|http\/fragments)\./],
  [
    'drawing the page (route, reads, views)',
    /\/(routes\/reader|http\/article-parts|services\/comment-threads|services\/reading|views\/)/,
  ],
  ['the comment store (post or drawing)', /\/store\/(comments|comment-rows)\./],
  ['live streams', /\/http\/(feed-hub|sse|live)/],
];
const byActivity = new Map<string, number>();
for (const [id, ms] of timeOf) {
  const stack: string[] = [];
  for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at))
    stack.push(nodeOf.get(at)!.callFrame.url);
  // Compression and hashing first, whoever asked for them (the page cache, for a new version).
  const leafUrl = nodeOf.get(id)!.callFrame.url;
  let name: string | undefined = stack.some((url) => url.startsWith('node:zlib'))
    ? 'compression (zlib: a new version of the page, gzip level 3)'
    : leafUrl === 'node:internal/crypto/hash'
      ? "hashing (the new version's ETag)"
      : undefined;
  if (!name)
    for (const url of stack.reverse()) {
      name = activities.find(([, pattern]) => pattern.test(url))?.[0];
      if (name) break;
    }
  const leaf = nodeOf.get(id)!.callFrame;
  name ??= stack.some((url) => url.includes('node_modules/kysely/'))
    ? 'SQL statements resumed after an await (post or drawing; SQLite: the commit waits for the disk)'
    : leaf.functionName === 'writev' || leaf.functionName === 'writeBuffer'
      ? 'writing to sockets'
      : leaf.functionName.startsWith('(')
        ? leaf.functionName
        : `other: ${leaf.url.includes('node_modules/') ? 'packages' : leaf.url.startsWith('node:') ? 'Node' : 'code'} (HTTP parsing, routing, timers)`;
  byActivity.set(name, (byActivity.get(name) ?? 0) + ms);
}
console.log(`\nwhat the time was for:\n${top(byActivity, 20)}`);
