/**
 * Steady load for the cluster test (test/cluster.test.ts), as clients behind a load balancer
 * would make it: readers of pages and comments, writers of comments that retry a failed post
 * with the same Idempotency-Key, and live readers (SSE) that reconnect after the server's
 * `retry:` delay with Last-Event-ID, as a browser's EventSource does.
 */
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';

/** What one phase of load saw, per kind of request. */
export interface Tally {
  requests: number;
  /** Answers other than 2xx, and requests that got no answer. */
  errors: number;
  /** When each error happened (Date.now()) and what it was. */
  errorLog: { at: number; what: string }[];
}

const tally = (): Tally => ({ requests: 0, errors: 0, errorLog: [] });

export interface LoadOptions {
  /** The balancer's address, e.g. http://127.0.0.1:8080 */
  url: string;
  /** The site's origin, for the CSRF check of posts. */
  origin: string;
  articleId: string;
  articlePath: string;
  /** A staff member's session cookie (staff are not rate limited). */
  cookie: string;
}

/** Readers and writers running in loops until `stop`. */
export class SteadyLoad {
  readonly reads = tally();
  readonly posts = tally();
  /** Comment ids whose post was answered 2xx, in order. */
  readonly acknowledged: string[] = [];
  /** Posts retried with the same Idempotency-Key after an error. */
  retries = 0;
  private running = false;
  private loops: Promise<void>[] = [];
  private serial = 0;

  constructor(private readonly options: LoadOptions) {}

  start(readers: number, writers: number, pauseMs: number): void {
    this.running = true;
    for (let i = 0; i < readers; i++) this.loops.push(this.readLoop(i, pauseMs));
    for (let i = 0; i < writers; i++) this.loops.push(this.writeLoop(pauseMs));
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
    this.loops = [];
  }

  /** Counts and phases: a fresh tally for the next phase, the old one returned. */
  take(): { reads: Tally; posts: Tally } {
    const taken = { reads: { ...this.reads }, posts: { ...this.posts } };
    Object.assign(this.reads, tally());
    Object.assign(this.posts, tally());
    return taken;
  }

  private async readLoop(n: number, pauseMs: number): Promise<void> {
    const { url, articleId, articlePath } = this.options;
    const paths = [articlePath, `/api/v1/articles/${articleId}/comments`, '/'];
    let i = n;
    while (this.running) {
      const path = paths[i++ % paths.length]!;
      this.reads.requests++;
      try {
        const res = await fetch(url + path, { signal: AbortSignal.timeout(30_000) });
        await res.arrayBuffer();
        if (!res.ok) this.fail(this.reads, `GET ${path}: ${res.status}`);
      } catch (error) {
        this.fail(this.reads, `GET ${path}: ${(error as Error).message}`);
      }
      await delay(pauseMs); // a reader's pace
    }
  }

  private async writeLoop(pauseMs: number): Promise<void> {
    while (this.running) {
      const body = `Load comment ${++this.serial} ${randomUUID()}`;
      const key = randomUUID();
      // The same post until it is answered: a client that saw an error tries again, same key.
      for (let attempt = 0; ; attempt++) {
        if (attempt > 0) this.retries++;
        const id = await this.post(body, key);
        if (id) {
          this.acknowledged.push(id);
          break;
        }
        if (attempt > 20) throw new Error(`a post was never answered: ${body}`);
        await delay(300); // the client's back-off before trying again
      }
      await delay(pauseMs);
    }
  }

  private async post(body: string, key: string): Promise<string | null> {
    const { url, origin, articleId, cookie } = this.options;
    this.posts.requests++;
    try {
      const res = await fetch(`${url}/api/v1/articles/${articleId}/comments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin, cookie, 'idempotency-key': key },
        body: JSON.stringify({ body }),
        signal: AbortSignal.timeout(30_000),
      });
      const text = await res.text();
      if (!res.ok) {
        this.fail(this.posts, `POST: ${res.status} ${text.replace(/\s+/g, ' ').slice(0, 120)}`);
        return null;
      }
      return (JSON.parse(text) as { id: string }).id;
    } catch (error) {
      this.fail(this.posts, `POST: ${(error as Error).message}`);
      return null;
    }
  }

  private fail(t: Tally, what: string): void {
    t.errors++;
    t.errorLog.push({ at: Date.now(), what });
  }
}

/** One live reader: an EventSource's behaviour, counted. */
export class LiveReader {
  /** Ids of the comments seen in `created` events, with how often each was seen. */
  readonly seen = new Map<string, number>();
  lastEventId: string | null = null;
  /** Connections opened (the first and every reconnection). */
  connections = 0;
  /** Answers other than 200 (each is retried, as EventSource retries a dropped stream). */
  refusals = 0;
  private retryMs = 3000;
  private request: http.ClientRequest | null = null;
  private running = true;
  private live = false;
  private onLive: (() => void)[] = [];

  constructor(
    private readonly url: string,
    private readonly address: string,
  ) {
    this.connect();
  }

  /** Resolves once the stream is open and caught up (the server's `: live` comment). */
  whenLive(): Promise<void> {
    if (this.live) return Promise.resolve();
    return new Promise((resolve) => this.onLive.push(resolve));
  }

  close(): void {
    this.running = false;
    this.request?.destroy();
  }

  private connect(): void {
    if (!this.running) return;
    this.connections++;
    this.live = false;
    const headers: Record<string, string> = {
      accept: 'text/event-stream',
      // A reader of its own: the live-stream cap is per client address.
      'x-forwarded-for': this.address,
    };
    if (this.lastEventId !== null) headers['last-event-id'] = this.lastEventId;
    const req = http.get(this.url, { headers, agent: false }, (res) => {
      if (res.statusCode !== 200) {
        this.refusals++;
        res.resume();
        return;
      }
      res.setEncoding('utf8');
      let buffer = '';
      let event = 'message';
      let id: string | null = null;
      let data = '';
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let nl: number;
        while ((nl = buffer.indexOf('\n')) >= 0) {
          const line = buffer.slice(0, nl);
          buffer = buffer.slice(nl + 1);
          if (line === '') {
            if (data !== '') this.dispatch(event, id, data);
            event = 'message';
            data = '';
            continue;
          }
          if (line === ': live') {
            this.live = true;
            for (const w of this.onLive.splice(0)) w();
          }
          if (line.startsWith(':')) continue;
          const colon = line.indexOf(':');
          const field = line.slice(0, colon);
          const value = line.slice(colon + 1).replace(/^ /, '');
          if (field === 'retry') this.retryMs = Number(value);
          else if (field === 'event') event = value;
          else if (field === 'id') id = value;
          else if (field === 'data') data = data === '' ? value : `${data}\n${value}`;
        }
      });
    });
    this.request = req;
    req.on('error', () => {}); // the close below reconnects
    req.on('close', () => {
      if (!this.running) return;
      setTimeout(() => this.connect(), this.retryMs);
    });
  }

  private dispatch(event: string, id: string | null, data: string): void {
    if (id !== null) this.lastEventId = id;
    if (event !== 'created') return;
    const commentId = (JSON.parse(data) as { comment: { id: string } }).comment.id;
    this.seen.set(commentId, (this.seen.get(commentId) ?? 0) + 1);
  }
}
