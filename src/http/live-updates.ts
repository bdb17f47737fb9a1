/**
 * The live stream of a live article's updates (docs/live-coverage.md): Server-Sent Events whose
 * id is the coverage's change number, built like the comment stream (http/live.ts). Every write
 * to an update takes the next number in its transaction; when the change bus says a coverage
 * changed, its feed reads everything after the last number it saw, formats each event once and
 * writes the same bytes to every subscriber. A subscriber that arrives, or comes back with
 * Last-Event-ID, first catches up from its own number in the feed's queue, so nothing is missed
 * or sent twice. Removed updates are sent as `removed`; every other write as `update`, with the
 * update's HTML as the page draws it, so the reader's page only has to insert it.
 */
import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { LiveUpdate } from '../domain/live.js';
import type { StreamLease } from '../services/limits.js';
import type { Change, ChangeBus } from '../services/changes.js';
import { leaseMs, type LiveLeases, type LiveLog } from './live.js';
import { SseGroup, sseEvent, type SseStream } from './sse.js';

export interface LiveUpdateSource {
  changesSince(articleId: string, afterSeq: number, limit: number): Promise<LiveUpdate[]>;
}

/** Turns updates into their events' data; made once per read, in the site's current words. */
export type UpdateFormatter = (articleId: string) => Promise<(update: LiveUpdate) => object>;

export interface LiveUpdateOptions {
  heartbeatMs: number;
  streamsPerClient: number;
  retryMs?: number;
}

const batch = 200;
const maxBufferedBytes = 1024 * 1024;

interface Stream {
  articleId: string;
  lease: StreamLease;
  sse: SseStream;
  position: number;
}

interface Feed {
  seq: number;
  subscribers: Set<Stream>;
  queue: Promise<void>;
  refreshQueued: boolean;
}

/** The SSE text of one written update. */
export function updateEventText(update: LiveUpdate, data: (u: LiveUpdate) => object): string {
  if (update.removedAt) {
    // The number of updates shown now travels with a removal too (the reader's page shows it).
    const { count } = data(update) as { count?: unknown };
    const removed = typeof count === 'number' ? { id: update.id, count } : { id: update.id };
    return sseEvent({ id: update.seq, event: 'removed', data: JSON.stringify(removed) });
  }
  return sseEvent({ id: update.seq, event: 'update', data: JSON.stringify(data(update)) });
}

export class LiveUpdateHub {
  private readonly feeds = new Map<string, Feed>();
  private readonly streams = new Set<Stream>();
  private readonly sse: SseGroup;
  private readonly stopListening: () => void;
  private readonly renewing: NodeJS.Timeout;
  private readonly releasing = new Set<Promise<void>>();
  private closed = false;

  constructor(
    private readonly source: LiveUpdateSource,
    changes: ChangeBus,
    private readonly format: UpdateFormatter,
    private readonly options: LiveUpdateOptions,
    private readonly log: LiveLog,
    private readonly leases: LiveLeases,
  ) {
    this.stopListening = changes.subscribe((change) => this.heard(change));
    const ttlMs = leaseMs(options.heartbeatMs);
    this.renewing = setInterval(() => {
      if (this.streams.size === 0) return;
      void this.leases.renewStreams(
        [...this.streams].map((s) => s.lease),
        ttlMs,
      );
    }, options.heartbeatMs);
    this.renewing.unref();
    this.sse = new SseGroup({
      heartbeatMs: options.heartbeatMs,
      heartbeatText: 'heartbeat',
      maxBufferedBytes,
    });
  }

  get size(): number {
    return this.streams.size;
  }

  async admit(client: string): Promise<StreamLease | null> {
    if (this.closed) return null;
    const lease = await this.leases.openStream(
      client,
      this.options.streamsPerClient,
      leaseMs(this.options.heartbeatMs),
    );
    if (lease && this.closed) {
      this.release(lease);
      return null;
    }
    return lease;
  }

  open(
    articleId: string,
    lease: StreamLease,
    res: ServerResponse,
    position: number,
    headers: OutgoingHttpHeaders,
  ): void {
    const sse = this.sse.open(res, {
      retryMs: this.options.retryMs ?? 3000,
      headers,
      onEnd: () => this.drop(stream),
    });
    const stream: Stream = { articleId, lease, sse, position };
    this.streams.add(stream);
    let feed = this.feeds.get(articleId);
    if (!feed) {
      feed = { seq: -1, subscribers: new Set(), queue: Promise.resolve(), refreshQueued: false };
      this.feeds.set(articleId, feed);
    }
    const joining = feed;
    this.enqueue(articleId, joining, async () => {
      await this.catchUp(stream);
      if (!stream.sse.open) return;
      // Clients may ignore this comment; tests wait for it before they write.
      stream.sse.write(': live\n\n');
      if (joining.seq < 0) joining.seq = stream.position;
      joining.subscribers.add(stream);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.renewing);
    this.stopListening();
    this.sse.endAll();
    await Promise.all(this.releasing);
  }

  private heard(change: Change): void {
    if (change.kind === 'live') this.refresh(change.articleId);
    else if (change.kind === 'site') for (const id of this.feeds.keys()) this.refresh(id);
  }

  private refresh(articleId: string): void {
    const feed = this.feeds.get(articleId);
    if (!feed || feed.refreshQueued) return;
    feed.refreshQueued = true;
    this.enqueue(articleId, feed, async () => {
      feed.refreshQueued = false;
      if (feed.seq < 0 || feed.subscribers.size === 0) return;
      for (;;) {
        const updates = await this.source.changesSince(articleId, feed.seq, batch);
        if (updates.length === 0) return;
        const data = await this.format(articleId);
        for (const update of updates) {
          const text = updateEventText(update, data);
          for (const stream of feed.subscribers) {
            if (update.seq <= stream.position) continue;
            stream.position = update.seq;
            stream.sse.write(text);
          }
          feed.seq = Math.max(feed.seq, update.seq);
        }
        if (updates.length < batch) return;
      }
    });
  }

  private async catchUp(stream: Stream): Promise<void> {
    for (;;) {
      const updates = await this.source.changesSince(stream.articleId, stream.position, batch);
      if (updates.length === 0) return;
      const data = await this.format(stream.articleId);
      for (const update of updates) {
        if (!stream.sse.open) return;
        stream.position = update.seq;
        stream.sse.write(updateEventText(update, data));
      }
      if (updates.length < batch) return;
    }
  }

  private enqueue(articleId: string, feed: Feed, task: () => Promise<void>): void {
    feed.queue = feed.queue.then(task).catch((error: unknown) => {
      this.log.warn({ err: error, articleId }, 'live update stream could not read changes');
      for (const stream of [...this.streams]) {
        if (stream.articleId === articleId && !feed.subscribers.has(stream)) stream.sse.end();
      }
    });
  }

  private drop(stream: Stream): void {
    this.streams.delete(stream);
    this.release(stream.lease);
    const feed = this.feeds.get(stream.articleId);
    if (!feed) return;
    feed.subscribers.delete(stream);
    if (
      feed.subscribers.size === 0 &&
      ![...this.streams].some((s) => s.articleId === stream.articleId)
    ) {
      this.feeds.delete(stream.articleId);
    }
  }

  private release(lease: StreamLease): void {
    const done = this.leases.closeStream(lease).finally(() => this.releasing.delete(done));
    this.releasing.add(done);
  }
}
