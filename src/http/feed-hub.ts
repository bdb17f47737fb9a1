/**
 * One article's changes as Server-Sent Events, for every live stream of the site (the public
 * comments: http/live.ts; a live coverage's updates: http/live-updates.ts; decisions/0090).
 *
 * Every write the stream shows is stamped with the article's next change number in the same
 * transaction, and those numbers commit in order; an event's id is that number. Each article with
 * subscribers has one feed: when the change bus says the article changed (the hub's change kind),
 * the feed asks the source once for everything after the last number it saw, formats each event
 * once and writes the same bytes to every subscriber. A subscriber that arrives (or comes back
 * with Last-Event-ID) first catches up from its own number, in the feed's queue, so nothing is
 * missed or sent twice. Each open stream holds a lease counted with every other process and
 * server of the site (services/limits.ts), renewed every heartbeat.
 */
import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { Change, ChangeBus } from '../services/changes.js';
import type { StreamFollows, StreamLease } from '../services/limits.js';
import { SseGroup, type SseStream } from './sse.js';

export interface FeedOptions {
  /** A comment line is written to every stream this often, so proxies keep it open. */
  heartbeatMs: number;
  /** Open streams allowed per client address, across every process and server (then 429). */
  streamsPerClient: number;
  /** The browser's reconnection delay, sent as `retry:`. */
  retryMs?: number;
}

/** Where a hub reads an article's changes: those numbered after `afterSeq`, in order. */
export interface FeedSource<Item extends { seq: number }> {
  changesSince(articleId: string, afterSeq: number, limit: number): Promise<Item[]>;
}

/**
 * Makes the SSE text of an article's items for a reader who has seen everything up to change
 * `since` (null: nothing to send for that item). Called once per read, only when there is
 * something to format, so it may look things up first (the site's words, a count).
 */
export type FeedFormatter<Item> = (
  articleId: string,
  since: number,
) => Promise<(item: Item) => string | null>;

/** What makes one stream of the site different from another. */
export interface FeedKind<Item extends { seq: number }> {
  /** The change on the bus that says an article's items changed. */
  change: Change['kind'];
  source: FeedSource<Item>;
  format: FeedFormatter<Item>;
  /** Rows fetched per query; a subscriber far behind catches up in several. */
  batch: number;
  /** The stream's name in the log ("live comment stream"). */
  name: string;
}

/**
 * Where open streams are counted with every other process and server of the site (a lease per
 * stream: services/limits.ts). A lease is renewed every heartbeat and expires when it is not, so
 * the streams of a server that died stop counting within `leaseMs(heartbeatMs)`.
 */
export interface FeedLeases {
  openStream(
    client: string,
    max: number,
    ttlMs: number,
    follows: StreamFollows,
  ): Promise<StreamLease | null>;
  renewStreams(leases: readonly StreamLease[], ttlMs: number): Promise<void>;
  closeStream(lease: StreamLease): Promise<void>;
}

/** How long a stream's lease lasts unrenewed: two missed heartbeats and some slack. */
export function leaseMs(heartbeatMs: number): number {
  return 2 * heartbeatMs + 5_000;
}

export interface FeedLog {
  warn(object: object, message: string): void;
}

/** A stream whose unsent output passes this is closed; the client reconnects and catches up. */
const maxBufferedBytes = 1024 * 1024;

interface Stream {
  articleId: string;
  lease: StreamLease;
  sse: SseStream;
  /** The last change number this stream has been brought up to. */
  position: number;
}

interface Feed {
  /** The last change number this feed has read. */
  seq: number;
  subscribers: Set<Stream>;
  /** Work on this feed runs one task at a time, in order. */
  queue: Promise<void>;
  refreshQueued: boolean;
}

export class SequencedFeedHub<Item extends { seq: number }> {
  private readonly feeds = new Map<string, Feed>();
  private readonly streams = new Set<Stream>();
  private readonly sse: SseGroup;
  private readonly stopListening: () => void;
  private readonly renewing: NodeJS.Timeout;
  /** Leases being given back; close() waits for them. */
  private readonly releasing = new Set<Promise<void>>();
  private closed = false;

  constructor(
    private readonly kind: FeedKind<Item>,
    changes: ChangeBus,
    private readonly options: FeedOptions,
    private readonly log: FeedLog,
    private readonly leases: FeedLeases,
  ) {
    this.stopListening = changes.subscribe((change) => this.heard(change));
    const ttlMs = leaseMs(options.heartbeatMs);
    this.renewing = setInterval(() => {
      if (this.streams.size === 0) return;
      void this.leases.renewStreams(
        [...this.streams].map((stream) => stream.lease),
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

  /** Open streams now (all articles). */
  get size(): number {
    return this.streams.size;
  }

  /**
   * A lease for a new stream of this client on this article, or null when it already has as
   * many open as allowed anywhere on the site (or this server is shutting down). The lease names
   * the article, so that the site's live readers can be counted (decisions/0090).
   */
  async admit(client: string, articleId: string): Promise<StreamLease | null> {
    if (this.closed) return null;
    const lease = await this.leases.openStream(
      client,
      this.options.streamsPerClient,
      leaseMs(this.options.heartbeatMs),
      { articleId, stream: this.kind.change },
    );
    if (lease && this.closed) {
      this.release(lease);
      return null;
    }
    return lease;
  }

  /**
   * Starts streaming to the hijacked `res` the changes after `position`, with these headers
   * besides the stream's own, under the lease `admit` gave.
   */
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
      // The first subscriber's position is where the feed starts reading.
      if (joining.seq < 0) joining.seq = stream.position;
      joining.subscribers.add(stream);
    });
  }

  /** Re-reads every feed, e.g. after the cross-process channel was down for a while. */
  refreshAll(): void {
    for (const articleId of this.feeds.keys()) this.refresh(articleId);
  }

  /** Ends every stream (graceful shutdown); clients reconnect elsewhere with Last-Event-ID. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.renewing);
    this.stopListening();
    this.sse.endAll();
    await Promise.all(this.releasing);
  }

  private heard(change: Change): void {
    if (change.kind === this.kind.change && 'articleId' in change) this.refresh(change.articleId);
    // Anything may have changed (e.g. the cross-process channel was down): look again.
    else if (change.kind === 'site') this.refreshAll();
  }

  private refresh(articleId: string): void {
    const feed = this.feeds.get(articleId);
    // Changes arriving while a read is waiting its turn are covered by that read.
    if (!feed || feed.refreshQueued) return;
    feed.refreshQueued = true;
    this.enqueue(articleId, feed, async () => {
      feed.refreshQueued = false;
      if (feed.seq < 0 || feed.subscribers.size === 0) return;
      const { source, format, batch } = this.kind;
      for (;;) {
        const since = feed.seq;
        const items = await source.changesSince(articleId, since, batch);
        if (items.length === 0) return;
        const text = await format(articleId, since);
        for (const item of items) {
          const event = text(item);
          for (const stream of feed.subscribers) {
            if (item.seq <= stream.position) continue;
            stream.position = item.seq;
            if (event) stream.sse.write(event);
          }
          feed.seq = Math.max(feed.seq, item.seq);
        }
        if (items.length < batch) return;
      }
    });
  }

  private async catchUp(stream: Stream): Promise<void> {
    const { source, format, batch } = this.kind;
    const since = stream.position;
    for (;;) {
      const items = await source.changesSince(stream.articleId, stream.position, batch);
      if (items.length === 0) return;
      const text = await format(stream.articleId, since);
      for (const item of items) {
        if (!stream.sse.open) return;
        stream.position = item.seq;
        const event = text(item);
        if (event) stream.sse.write(event);
      }
      if (items.length < batch) return;
    }
  }

  private enqueue(articleId: string, feed: Feed, task: () => Promise<void>): void {
    feed.queue = feed.queue.then(task).catch((error: unknown) => {
      // The next change retries; a subscriber left behind is closed so that it reconnects.
      this.log.warn({ err: error, articleId }, `${this.kind.name} could not read changes`);
      for (const stream of [...this.streams]) {
        if (stream.articleId === articleId && !feed.subscribers.has(stream)) stream.sse.end();
      }
    });
  }

  /** Runs once per stream, when it ends (see SseStream.end). */
  private drop(stream: Stream): void {
    this.streams.delete(stream);
    this.release(stream.lease);
    const feed = this.feeds.get(stream.articleId);
    if (!feed) return;
    feed.subscribers.delete(stream);
    if (feed.subscribers.size === 0 && !this.hasPending(stream.articleId)) {
      this.feeds.delete(stream.articleId);
    }
  }

  private release(lease: StreamLease): void {
    const done = this.leases.closeStream(lease).finally(() => this.releasing.delete(done));
    this.releasing.add(done);
  }

  /** Whether a stream of this article is still catching up (so its feed must stay). */
  private hasPending(articleId: string): boolean {
    for (const s of this.streams) if (s.articleId === articleId) return true;
    return false;
  }
}
