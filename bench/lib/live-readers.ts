/**
 * Many readers of one article's live stream (comments or updates) in the bench process, each its
 * own Server-Sent Events connection to the real server, and the time from sending a POST to its
 * event reaching every reader: bench/live.ts and bench/live-blog.ts.
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';

export interface LiveReaders {
  /** The streams that said `: live` (the hub has them). */
  readonly ready: number;
  /** Every delivery timed so far, in milliseconds from the POST being sent. */
  readonly latencies: readonly number[];
  /** Events a reader had not received 5 s after their POST. */
  readonly missing: number;
  /** Opens `count` more streams, 100 at a time; resolves once each is live. */
  open(count: number): Promise<void>;
  /**
   * Sends one POST (`post` resolves with the new item's id), waits until every reader has its
   * event (or 5 s), records the times, then pauses 100 ms before the next.
   */
  time(post: () => Promise<string>): Promise<void>;
  /** The q-quantile (0.5, 0.99) of the latencies so far. */
  percentile(q: number): number;
  /** Ends every stream (safe to call twice). */
  close(): void;
}

export function liveReaders(
  serverUrl: string,
  articleId: string,
  stream: 'comment' | 'update',
): LiveReaders {
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  const { hostname, port } = new URL(serverUrl);
  const ids = new RegExp(`"${stream}":\\{"id":"([^"]+)"`, 'g');
  /** Per reader: the ids it has seen, with when. */
  const arrivals: Map<string, number>[] = [];
  const streams: http.ClientRequest[] = [];
  const latencies: number[] = [];
  let ready = 0;
  let missing = 0;

  const subscribe = (i: number) =>
    new Promise<void>((resolve, reject) => {
      const seen = new Map<string, number>();
      arrivals[i] = seen;
      const req = http.get(
        {
          agent,
          hostname,
          port,
          path: `/api/v1/articles/${articleId}/${stream}s/live`,
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
            for (const m of chunk.matchAll(ids)) seen.set(m[1]!, now);
          });
        },
      );
      req.on('error', reject);
      streams.push(req);
    });

  return {
    get ready() {
      return ready;
    },
    latencies,
    get missing() {
      return missing;
    },
    async open(count) {
      const first = arrivals.length;
      for (let i = 0; i < count; i += 100) {
        await Promise.all(
          Array.from({ length: Math.min(100, count - i) }, (_, k) => subscribe(first + i + k)),
        );
      }
    },
    async time(post) {
      const sent = performance.now();
      const id = await post();
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
    },
    percentile(q) {
      const sorted = [...latencies].sort((a, b) => a - b);
      return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
    },
    close() {
      for (const s of streams) s.destroy();
      agent.destroy();
    },
  };
}
