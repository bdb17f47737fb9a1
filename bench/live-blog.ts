/**
 * Live coverage at scale (issue 22): a live article with UPDATES updates (default 2,000), READERS
 * (default 1,000) Server-Sent Events streams on it in the real server process, then POSTS updates
 * (default 20) posted one after another through the API; for every reader and update, the time
 * from sending the POST to the event arriving (target: p99 ≤ 250 ms). Then the live page's
 * anonymous throughput with wrk, first quiet and then while one update a second is posted (each
 * update drops the page from the cache), beside a bare Node server sending the same bytes, which
 * shows that wrk is not what limits the figures.
 *
 *   npx tsx bench/live-blog.ts
 *   READERS=200 UPDATES=500 DURATION=4 npx tsx bench/live-blog.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createServices } from '../src/compose.js';
import { openStore } from '../src/store/index.js';
import { createCommentSite } from './lib/comment-site.js';
import { get, startBareNode } from './lib/compare.js';
import { liveReaders } from './lib/live-readers.js';
import { machine, printResult, requireOpenFiles, startBroadsheet, table } from './lib/load.js';
import { duration, findWrk, wrk, wrkMissing } from './lib/wrk.js';

const readers = Number(process.env.READERS ?? 1000);
const initialUpdates = Number(process.env.UPDATES ?? 2000);
const posts = Number(process.env.POSTS ?? 20);

if (!findWrk()) {
  console.error(wrkMissing);
  process.exit(1);
}

requireOpenFiles('bench/live-blog.ts', readers, 'READERS');

// The site: one published article made live, with its updates posted through the service.
const site = await createCommentSite(2);
let pagePath: string;
{
  const store = await openStore({ databaseUrl: site.databaseUrl, dataDir: site.dataDir });
  try {
    const services = createServices(store);
    const editor = await store.users.byEmail('writer0@example.com');
    if (!editor) throw new Error('the bench editor is missing');
    await services.live.start(editor, site.articleId);
    const started = performance.now();
    for (let i = 0; i < initialUpdates; i++) {
      await services.live.post(editor, site.articleId, {
        title: i % 50 === 0 ? `Hour ${i / 50}` : null,
        body: `Update ${i}: the count goes on in the **north ward**, turnout ${40 + (i % 30)} %.`,
        keyEvent: i % 200 === 0,
      });
    }
    console.log(
      `${initialUpdates} updates posted in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    pagePath = await services.live.articlePath(site.articleId);
  } finally {
    await store.close();
  }
}

const server = await startBroadsheet(site.dataDir, {
  LIVE_STREAMS_PER_CLIENT: String(readers + 10),
});
const pageUrl = `${server.url}${pagePath}`;
const live = liveReaders(server.url, site.articleId, 'update');

async function postUpdate(n: number): Promise<string> {
  const res = await fetch(`${server.url}/api/v1/articles/${site.articleId}/updates`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${site.tokens[1]}` },
    body: JSON.stringify({ body: `Bench update ${n}: a result from the south ward.` }),
  });
  if (res.status !== 201) throw new Error(`posting an update: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

let peakRss = 0;
const sample = setInterval(() => (peakRss = Math.max(peakRss, server.rss())), 200);
const scratch = mkdtempSync(path.join(os.tmpdir(), 'broadsheet-bench-live-blog-'));
let bare: Awaited<ReturnType<typeof startBareNode>> | null = null;
try {
  // 1. Post → receive, with every reader listening.
  await live.open(readers);
  for (let n = 0; n < posts; n++) await live.time(() => postUpdate(n));
  const p50 = live.percentile(0.5);
  const p99 = live.percentile(0.99);
  const { latencies, missing } = live;
  live.close();

  // 2. The page's throughput, quiet and while one update a second is posted.
  const identity = await get(pageUrl, { 'accept-encoding': 'identity' });
  const gzip = await get(pageUrl, { 'accept-encoding': 'gzip' });
  if (identity.status !== 200 || gzip.status !== 200) {
    throw new Error(`the live page answered ${identity.status}/${gzip.status}`);
  }
  bare = await startBareNode(scratch, identity, gzip);
  const ceiling = await wrk('bare Node http server, the same bytes', bare.url);
  const quiet = await wrk('live page, anonymous (page cache)', pageUrl);
  let posted = 0;
  let posting = true;
  const poster = (async () => {
    while (posting) {
      const next = performance.now() + 1000;
      await postUpdate(posts + posted);
      posted++;
      await new Promise((r) => setTimeout(r, Math.max(0, next - performance.now())));
    }
  })();
  const busy = await wrk('live page, anonymous, while 1 update/s is posted', pageUrl);
  posting = false;
  await poster;
  const ratio = busy.requestsPerSecond / quiet.requestsPerSecond;
  const rssMb = Math.round(Math.max(peakRss, server.rss()));

  console.log(
    `Live coverage: ${initialUpdates} updates, ${readers} live readers, ${posts} updates timed`,
  );
  console.log(machine());
  console.log('| figure | value |');
  console.log('| --- | ---: |');
  console.log(`| deliveries | ${latencies.length} (missing ${missing}) |`);
  console.log(`| POST sent → event received, p50 | ${p50.toFixed(1)} ms |`);
  console.log(`| POST sent → event received, p99 | ${p99.toFixed(1)} ms |`);
  console.log(`| server RSS (peak) | ${rssMb} MB |`);
  console.log(`| updates posted during the busy run | ${posted} in ${duration} s |`);
  console.log(table([ceiling, quiet, busy]));
  printResult('live-blog', 'npx tsx bench/live-blog.ts', [
    { figure: `post→receive p50 (ms), ${readers} live readers`, value: p50.toFixed(1) },
    {
      figure: `post→receive p99 (ms), ${readers} live readers, ${initialUpdates} updates`,
      value: p99.toFixed(1),
      target: '≤ 250',
      met: p99 <= 250 && missing === 0,
    },
    {
      figure: 'live page, anonymous: bare Node http server on the same bytes (the ceiling)',
      value: `${ceiling.requestsPerSecond} req/s`,
    },
    {
      figure: 'live page, anonymous (page cache)',
      value: `${quiet.requestsPerSecond} req/s, p99 ${quiet.p99} ms`,
    },
    {
      figure: 'live page, anonymous, while 1 update/s is posted',
      value: `${busy.requestsPerSecond} req/s, p99 ${busy.p99} ms; ${ratio.toFixed(2)} of quiet`,
    },
    { figure: `server RSS with ${readers} streams (MB)`, value: String(rssMb) },
  ]);
} finally {
  clearInterval(sample);
  live.close();
  bare?.stop();
  await server.stop();
  await site.drop();
  rmSync(site.dataDir, { recursive: true, force: true });
  rmSync(scratch, { recursive: true, force: true });
}
