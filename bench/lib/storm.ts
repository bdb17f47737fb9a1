/**
 * The comment storm of issue 19, target 3: a paced poster adding comments to the bench article
 * while wrk reads it, and checking after every 201 that the next anonymous page counts it. Used by
 * the page benchmark (compare.ts) and by the profiler (profile.ts, STORM=1).
 *
 * The poster runs in the bench process, on the same two cores as the server and wrk: its own CPU
 * time (`posterCpuMs`, from `process.cpuUsage`) is reported beside the figures, so that what it
 * takes from the readers is known. Each post is a small `http.request` on a kept-alive agent, and
 * its check reads the page gzip-compressed (as wrk's readers do) and inflates only its start,
 * where the count is drawn (decision 0086): less work for the poster than fetching and scanning
 * the 210 KB identity page (decision 0095).
 */
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { constants, gunzipSync } from 'node:zlib';
import type { BenchSite } from './site.js';

export interface StormOutcome {
  posted: number;
  refused: number;
  /** Comments whose 201 was followed by an anonymous page that did not count them. */
  missing: number;
  /** Posts per second actually sent. */
  rate: number;
  p99PostMs: number;
  /** The bench process's own CPU time during the storm (posting and checking), per post. */
  posterCpuMsPerPost: number;
}

/** How many comments the article page says it has ("200 comments", "1 comment"). */
export function commentCount(html: string): number | null {
  const m = /(\d[\d,]*)\s+comments?\b/.exec(html);
  return m ? Number(m[1]!.replace(/,/g, '')) : null;
}

/** Numbers the storm's comments across storms, so that no round repeats an earlier's text. */
let sequence = 0;

const agent = new Agent({ keepAlive: true, maxSockets: 16 });

function send(
  url: string,
  method: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; body: Buffer; encoding: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          body: Buffer.concat(chunks),
          encoding: res.headers['content-encoding'],
        }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * The comment count of the anonymous page, read gzip-compressed as wrk's readers read it: only
 * the start of the page is inflated (the count is drawn in its first 24 KB).
 */
async function pageCount(url: string): Promise<{ status: number; count: number | null }> {
  const res = await send(url, 'GET', { 'accept-encoding': 'gzip' });
  if (res.encoding !== 'gzip')
    return { status: res.status, count: commentCount(res.body.toString('latin1')) };
  const start = gunzipSync(res.body.subarray(0, 8192), { finishFlush: constants.Z_SYNC_FLUSH });
  const count = commentCount(start.toString('latin1'));
  return {
    status: res.status,
    count: count ?? commentCount(gunzipSync(res.body).toString('latin1')),
  };
}

/** The check as it was before decision 0095: the whole identity page, on a new connection. */
function identityCount(url: string): Promise<{ status: number; count: number | null }> {
  return new Promise((resolve, reject) => {
    const req = request(url, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          count: commentCount(Buffer.concat(chunks).toString('utf8')),
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * Posts `rate` comments a second to the article for `seconds`, on a fixed schedule (a post is
 * sent when due, whether or not the one before has been answered), round-robin over staff API
 * tokens. After each 201 it reads the article page as an anonymous reader (the URL wrk reads)
 * and checks that the page counts at least as many comments as have been answered 201 so far.
 * `legacy` (STORM_POSTER=fetch) posts and checks as the bench did before decision 0095: `fetch`,
 * then the identity page on a new connection.
 */
export async function commentStorm(
  serverUrl: string,
  site: BenchSite,
  startCount: number,
  seconds: number,
  rate: number,
  legacy = process.env.STORM_POSTER === 'fetch',
): Promise<StormOutcome> {
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const until = started + seconds * 1000;
  const outcome = { posted: 0, refused: 0, missing: 0 };
  const latencies: number[] = [];
  const pending: Promise<void>[] = [];
  let answered201 = 0;
  const post = async (k: number) => {
    const n = ++sequence;
    const sentAt = performance.now();
    const url = `${serverUrl}/api/v1/articles/${site.articleId}/comments`;
    const headers = {
      'content-type': 'application/json',
      authorization: `Bearer ${site.staffTokens[k % site.staffTokens.length]!}`,
    };
    const body = JSON.stringify({ body: `Storm comment ${n}: the *river plan* again.` });
    const res = legacy
      ? await fetch(url, { method: 'POST', headers, body }).then(async (r) => {
          await r.arrayBuffer();
          return r;
        })
      : await send(url, 'POST', headers, body);
    latencies.push(performance.now() - sentAt);
    if (res.status !== 201) {
      outcome.refused++;
      return;
    }
    outcome.posted++;
    const atLeast = startCount + ++answered201;
    const page = legacy
      ? await identityCount(serverUrl + site.articlePath)
      : await pageCount(serverUrl + site.articlePath);
    if (page.status !== 200 || page.count === null || page.count < atLeast) outcome.missing++;
  };
  for (let k = 0; ; k++) {
    const due = started + (k * 1000) / rate;
    if (due >= until) break;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    pending.push(post(k));
  }
  await Promise.all(pending);
  const cpu = process.cpuUsage(cpuBefore);
  latencies.sort((a, b) => a - b);
  const sent = outcome.posted + outcome.refused;
  return {
    ...outcome,
    rate: sent / seconds,
    p99PostMs: latencies[Math.floor(0.99 * (latencies.length - 1))] ?? 0,
    posterCpuMsPerPost: (cpu.user + cpu.system) / 1000 / Math.max(1, sent),
  };
}
