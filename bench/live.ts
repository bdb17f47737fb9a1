/**
 * Live comments at scale (issue 5): SUBSCRIBERS (default 1,000) Server-Sent Events streams on one
 * article of the real server process, then POSTS comments (default 20) one after another; for
 * every subscriber and comment, the time from sending the POST to the event arriving. Targets:
 * p99 ≤ 100 ms, server RSS ≤ 200 MB.
 *
 *   npx tsx bench/live.ts
 */
import { rmSync } from 'node:fs';
import { createCommentSite } from './lib/comment-site.js';
import { liveReaders } from './lib/live-readers.js';
import { machine, printResult, requireOpenFiles, startBroadsheet } from './lib/load.js';

const subscribers = Number(process.env.SUBSCRIBERS ?? 1000);
const posts = Number(process.env.POSTS ?? 20);

requireOpenFiles('bench/live.ts', subscribers, 'SUBSCRIBERS');

const site = await createCommentSite(1);
const server = await startBroadsheet(site.dataDir, {
  LIVE_STREAMS_PER_CLIENT: String(subscribers + 10),
});
const readers = liveReaders(server.url, site.articleId, 'comment');

let peakRss = 0;
const sample = setInterval(() => (peakRss = Math.max(peakRss, server.rss())), 200);
try {
  await readers.open(subscribers);
  for (let n = 0; n < posts; n++) {
    await readers.time(async () => {
      const res = await fetch(`${server.url}/api/v1/articles/${site.articleId}/comments`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${site.tokens[0]}`,
          'idempotency-key': `live-${n}`,
        },
        body: JSON.stringify({ body: `Live comment ${n}` }),
      });
      return ((await res.json()) as { id: string }).id;
    });
  }
  const p = (q: number) => readers.percentile(q);
  const rssMb = Math.round(Math.max(peakRss, server.rss())); // rss() is in MB
  console.log(`Live comments: ${readers.ready} SSE subscribers on one article, ${posts} comments`);
  console.log(machine());
  console.log('| figure | value |');
  console.log('| --- | ---: |');
  console.log(`| deliveries | ${readers.latencies.length} (missing ${readers.missing}) |`);
  console.log(`| POST sent → event received, p50 | ${p(0.5).toFixed(1)} ms |`);
  console.log(`| POST sent → event received, p99 | ${p(0.99).toFixed(1)} ms |`);
  console.log(`| server RSS (peak) | ${rssMb} MB |`);
  printResult('live', 'npx tsx bench/live.ts', [
    {
      figure: `publish→receive p50 (ms), ${subscribers} subscribers`,
      value: p(0.5).toFixed(1),
    },
    {
      figure: `publish→receive p99 (ms), ${subscribers} subscribers`,
      value: p(0.99).toFixed(1),
      target: '≤ 100',
      met: p(0.99) <= 100 && readers.missing === 0,
    },
    {
      figure: `server RSS with ${subscribers} streams (MB)`,
      value: String(rssMb),
      target: '≤ 200',
      met: rssMb <= 200,
    },
  ]);
} finally {
  clearInterval(sample);
  readers.close();
  await server.stop();
  rmSync(site.dataDir, { recursive: true, force: true });
}
