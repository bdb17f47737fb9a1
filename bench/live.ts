/**
 * Live comments at scale (issue 5): SUBSCRIBERS (default 1,000) Server-Sent Events streams on one
 * article of the real server process, then POSTS comments (default 20) one after another; for
 * every subscriber and comment, the time from sending the POST to the event arriving. Targets:
 * p99 ≤ 100 ms, server RSS ≤ 200 MB.
 *
 *   npx tsx bench/live.ts
 */
import http from 'node:http';
import { rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createCommentSite } from './lib/comment-site.js';
import { machine, printResult, requireOpenFiles, startBroadsheet } from './lib/load.js';

const subscribers = Number(process.env.SUBSCRIBERS ?? 1000);
const posts = Number(process.env.POSTS ?? 20);

requireOpenFiles('bench/live.ts', subscribers, 'SUBSCRIBERS');

const site = await createCommentSite(1);
const server = await startBroadsheet(site.dataDir, {
  LIVE_STREAMS_PER_CLIENT: String(subscribers + 10),
});
const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
const { hostname, port } = new URL(server.url);

/** Per subscriber: the comment ids it has seen, with when. */
const arrivals: Map<string, number>[] = [];
const streams: http.ClientRequest[] = [];
let ready = 0;

function subscribe(i: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const seen = new Map<string, number>();
    arrivals[i] = seen;
    const req = http.get(
      {
        agent,
        hostname,
        port,
        path: `/api/v1/articles/${site.articleId}/comments/live`,
        headers: { accept: 'text/event-stream' },
      },
      (res) => {
        if (res.statusCode !== 200) return reject(new Error(`stream ${i}: ${res.statusCode}`));
        res.setEncoding('utf8');
        let live = false;
        res.on('data', (chunk: string) => {
          const now = performance.now();
          if (!live && chunk.includes(': live')) {
            live = true;
            ready++;
            resolve();
          }
          for (const m of chunk.matchAll(/"comment":\{"id":"([^"]+)"/g)) seen.set(m[1]!, now);
        });
      },
    );
    req.on('error', reject);
    streams.push(req);
  });
}

let peakRss = 0;
const sample = setInterval(() => (peakRss = Math.max(peakRss, server.rss())), 200);
try {
  for (let i = 0; i < subscribers; i += 100) {
    await Promise.all(
      Array.from({ length: Math.min(100, subscribers - i) }, (_, k) => subscribe(i + k)),
    );
  }
  const latencies: number[] = [];
  let missing = 0;
  for (let n = 0; n < posts; n++) {
    const sent = performance.now();
    const res = await fetch(`${server.url}/api/v1/articles/${site.articleId}/comments`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${site.tokens[0]}`,
        'idempotency-key': `live-${n}`,
      },
      body: JSON.stringify({ body: `Live comment ${n}` }),
    });
    const id = ((await res.json()) as { id: string }).id;
    // Wait until every subscriber has it (or 5 s), then the next one.
    const deadline = performance.now() + 5000;
    while (arrivals.some((s) => !s.has(id)) && performance.now() < deadline) {
      await new Promise((r) => setTimeout(r, 5));
    }
    for (const s of arrivals) {
      const at = s.get(id);
      if (at === undefined) missing++;
      else latencies.push(at - sent);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  latencies.sort((a, b) => a - b);
  const p = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  const rssMb = Math.round(Math.max(peakRss, server.rss())); // rss() is in MB
  console.log(`Live comments: ${ready} SSE subscribers on one article, ${posts} comments`);
  console.log(machine());
  console.log('| figure | value |');
  console.log('| --- | ---: |');
  console.log(`| deliveries | ${latencies.length} (missing ${missing}) |`);
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
      met: p(0.99) <= 100 && missing === 0,
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
  for (const s of streams) s.destroy();
  agent.destroy();
  await server.stop();
  rmSync(site.dataDir, { recursive: true, force: true });
}
