/**
 * A Server-Sent Events client for tests: reads a stream with fetch and parses its events. Every
 * wait has a deadline (default `defaultWaitMs`), so a lost event fails the test instead of
 * hanging it.
 */
import { defaultWaitMs, withDeadline } from './wait.js';

export interface SseEvent {
  id: string | null;
  event: string;
  data: string;
}

export interface SseClient {
  status: number;
  headers: Headers;
  events: SseEvent[];
  /** Comment lines (": heartbeat") in order. */
  comments: string[];
  /** The reconnection delay the server asked for (`retry:`), once it has. */
  retry: number | null;
  /**
   * Resolves with the first event after index `from` that matches (or one already there);
   * rejects when the stream ends first or nothing matches within `timeoutMs`.
   */
  next(match?: (e: SseEvent) => boolean, from?: number, timeoutMs?: number): Promise<SseEvent>;
  /** Resolves once a comment line with this text has arrived; rejects like `next`. */
  comment(text: string, timeoutMs?: number): Promise<void>;
  /** Resolves when the stream has ended (by the server or `close()`); the deadline starts now. */
  readonly ended: Promise<void>;
  close(): void;
}

export interface SseOptions {
  /** How long `next`, `comment` and `ended` wait unless told otherwise (milliseconds). */
  timeoutMs?: number;
}

export async function openSse(
  url: string,
  headers: Record<string, string> = {},
  { timeoutMs = defaultWaitMs }: SseOptions = {},
): Promise<SseClient> {
  const abort = new AbortController();
  const res = await withDeadline(
    fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: abort.signal }),
    timeoutMs,
    `the response headers of ${url}`,
  );
  const events: SseEvent[] = [];
  const comments: string[] = [];
  const wake: (() => void)[] = [];
  const notify = () => {
    for (const w of wake.splice(0)) w();
  };
  let finished = false;

  /** Resolves with what `find` finds, once it finds something; the stream may end first. */
  const until = async <T>(find: () => T | undefined, what: () => string, ms: number) => {
    const end = Date.now() + ms;
    for (;;) {
      const found = find();
      if (found !== undefined) return found;
      if (finished) throw new Error(`the stream ended before ${what()}`);
      const left = end - Date.now();
      if (left <= 0) throw new Error(`timed out after ${ms} ms waiting for ${what()}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        wake.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  };
  const seen = () =>
    `${events.length} event(s) so far: ${events.map((e) => e.event).join(', ') || 'none'}`;

  let done: Promise<void> = Promise.resolve();
  const client: SseClient = {
    status: res.status,
    headers: res.headers,
    events,
    comments,
    retry: null,
    next(match = () => true, from = 0, ms = timeoutMs) {
      return until(
        () => events.slice(from).find(match),
        () => `an event after #${from} that matches (${seen()})`,
        ms,
      );
    },
    async comment(text, ms = timeoutMs) {
      await until(
        () => (comments.includes(text) ? true : undefined),
        () => `": ${text}" (comments so far: ${comments.join(', ') || 'none'})`,
        ms,
      );
    },
    get ended() {
      return withDeadline(done, timeoutMs, `the end of ${url}`);
    },
    close: () => abort.abort(),
  };
  if (!res.ok || !res.body) {
    finished = true;
    await res.text().catch(() => '');
    return client;
  }
  const body = res.body;
  done = (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    let current: SseEvent = { id: null, event: 'message', data: '' };
    let hasData = false;
    try {
      for await (const chunk of body) {
        buffer += decoder.decode(chunk as Uint8Array, { stream: true });
        let nl: number;
        while ((nl = buffer.indexOf('\n')) >= 0) {
          const line = buffer.slice(0, nl).replace(/\r$/, '');
          buffer = buffer.slice(nl + 1);
          if (line === '') {
            if (hasData) events.push(current);
            current = { id: null, event: 'message', data: '' };
            hasData = false;
            continue;
          }
          if (line.startsWith(':')) {
            comments.push(line.slice(1).trim());
            continue;
          }
          const colon = line.indexOf(':');
          const field = colon < 0 ? line : line.slice(0, colon);
          const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
          if (field === 'id') current.id = value;
          else if (field === 'event') current.event = value;
          else if (field === 'retry') client.retry = Number(value);
          else if (field === 'data') {
            current.data = hasData ? `${current.data}\n${value}` : value;
            hasData = true;
          }
        }
        notify();
      }
    } catch {
      // aborted by close()
    } finally {
      finished = true;
      notify();
    }
  })();
  return client;
}
