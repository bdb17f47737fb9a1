/**
 * Server-Sent Events on a hijacked response, for every stream the app sends (the readers' live
 * comments, the moderators' change notices): headers that keep proxies from buffering or
 * transforming the stream, the reconnection delay, one heartbeat timer per group of streams, a
 * cap on unsent output, and an end that is safe to call twice and ends every stream on shutdown.
 */
import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';

/** Sent with every stream; a caller may add to them or override one. */
const streamHeaders: OutgoingHttpHeaders = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-store, no-transform',
  'x-accel-buffering': 'no',
  connection: 'keep-alive',
};

/** The reconnection delay sent to every stream ended by a shutdown (milliseconds, at least). */
export const shutdownRetryMs = 500;

/** The open streams of each server (any group), so a draining server can end them all. */
const streamsOfServer = new WeakMap<object, Set<SseStream>>();

/**
 * Ends a stream with a `retry:` hint first, so its client reconnects soon, through the load
 * balancer to another server, with Last-Event-ID. Each stream gets its own delay between `retryMs`
 * and twice that, so they do not all come back at once.
 */
function endWithHint(stream: SseStream, retryMs: number): void {
  stream.write(`retry: ${Math.round(retryMs * (1 + Math.random()))}\n\n`);
  stream.end();
}

/** Ends every stream open on this http.Server (src/http/drain.ts), with a retry hint. */
export function endStreamsOf(server: object, retryMs = shutdownRetryMs): number {
  const streams = [...(streamsOfServer.get(server) ?? [])];
  for (const stream of streams) endWithHint(stream, retryMs);
  return streams.length;
}

/** The text of one event; `data` is split into lines as the format requires. */
export function sseEvent(event: { id?: number | string; event: string; data: string }): string {
  const id = event.id === undefined ? '' : `id: ${event.id}\n`;
  const data = event.data
    .split('\n')
    .map((line) => `data: ${line}\n`)
    .join('');
  return `${id}event: ${event.event}\n${data}\n`;
}

export interface SseStream {
  /** False once the stream has ended, from either side. */
  readonly open: boolean;
  /** Writes ready-made SSE text; a stream too far behind is ended instead (it reconnects). */
  write(text: string): void;
  /** Ends the stream; safe to call again, and called when the client goes away. */
  end(): void;
}

export interface SseGroupOptions {
  /** A comment line (`: text`) goes to every open stream this often, so proxies keep it open. */
  heartbeatMs: number;
  heartbeatText: string;
  /** A stream whose unsent output passes this is ended; none when unset. */
  maxBufferedBytes?: number;
}

export interface OpenOptions {
  /** The browser's reconnection delay, sent as `retry:` first. */
  retryMs: number;
  /** Added to (or replacing) the stream headers. */
  headers?: OutgoingHttpHeaders;
  /** Runs once when the stream ends, whoever ended it. */
  onEnd?: () => void;
}

/** The open streams of one kind, with one heartbeat timer between them. */
export class SseGroup {
  private readonly streams = new Set<SseStream>();
  private heartbeat: NodeJS.Timeout | null = null;

  constructor(private readonly options: SseGroupOptions) {}

  /** Open streams now. */
  get size(): number {
    return this.streams.size;
  }

  /** Sends the headers and the reconnection delay on a hijacked response and keeps it open. */
  open(res: ServerResponse, options: OpenOptions): SseStream {
    // The stream lasts as long as the reader stays; the heartbeat keeps the socket busy.
    res.socket?.setTimeout(0);
    res.writeHead(200, { ...streamHeaders, ...options.headers });
    res.write(`retry: ${options.retryMs}\n\n`);
    const { maxBufferedBytes = Infinity } = this.options;
    const owner = (res.socket as { server?: object } | null)?.server;
    let ofServer: Set<SseStream> | undefined;
    if (owner) {
      ofServer = streamsOfServer.get(owner) ?? new Set();
      streamsOfServer.set(owner, ofServer);
    }
    let open = true;
    const stream: SseStream = {
      get open() {
        return open;
      },
      write: (text) => {
        if (!open) return;
        if (res.writableLength > maxBufferedBytes) stream.end();
        else res.write(text);
      },
      end: () => {
        if (!open) return;
        open = false;
        this.streams.delete(stream);
        ofServer?.delete(stream);
        if (this.streams.size === 0) this.stopHeartbeat();
        options.onEnd?.();
        if (!res.writableEnded && !res.destroyed) res.end();
      },
    };
    this.streams.add(stream);
    ofServer?.add(stream);
    res.on('close', () => stream.end());
    this.heartbeat ??= setInterval(() => this.beat(), this.options.heartbeatMs).unref();
    return stream;
  }

  /** Ends every open stream (graceful shutdown) with a retry hint; clients reconnect elsewhere. */
  endAll(retryMs = shutdownRetryMs): void {
    for (const stream of [...this.streams]) endWithHint(stream, retryMs);
    this.stopHeartbeat();
  }

  private beat(): void {
    const text = `: ${this.options.heartbeatText}\n\n`;
    for (const stream of this.streams) stream.write(text);
  }

  private stopHeartbeat(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
  }
}
