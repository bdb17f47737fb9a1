/** A Server-Sent Events client for tests: reads a stream with fetch and parses its events. */

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
  /** Resolves with the first event after index `from` that matches (or one already there). */
  next(match?: (e: SseEvent) => boolean, from?: number): Promise<SseEvent>;
  /** Resolves once a comment line with this text has arrived. */
  comment(text: string): Promise<void>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

export async function openSse(
  url: string,
  headers: Record<string, string> = {},
): Promise<SseClient> {
  const abort = new AbortController();
  const res = await fetch(url, {
    headers: { accept: 'text/event-stream', ...headers },
    signal: abort.signal,
  });
  const events: SseEvent[] = [];
  const comments: string[] = [];
  let wake: (() => void)[] = [];
  const notify = () => {
    for (const w of wake.splice(0)) w();
  };
  let finished = false;
  const client: SseClient = {
    status: res.status,
    headers: res.headers,
    events,
    comments,
    async next(match = () => true, from = 0) {
      for (;;) {
        const found = events.slice(from).find(match);
        if (found) return found;
        if (finished) throw new Error('the stream ended first');
        await new Promise<void>((resolve) => wake.push(resolve));
      }
    },
    async comment(text) {
      for (;;) {
        if (comments.includes(text)) return;
        if (finished) throw new Error(`the stream ended before ": ${text}"`);
        await new Promise<void>((resolve) => wake.push(resolve));
      }
    },
    ended: Promise.resolve(),
    close: () => abort.abort(),
  };
  if (!res.ok || !res.body) {
    finished = true;
    await res.text().catch(() => '');
    return client;
  }
  const body = res.body;
  client.ended = (async () => {
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
  wake = [];
  return client;
}
