/**
 * Counting page views (issue 24). Each process adds views up in memory, per (minute, page,
 * referrer category and host, campaign), and every few seconds adds them to the database's
 * minute, hour and day rows with additive upserts, so the stored sums are exact across processes
 * and servers (decisions/0074). Counting a view is a few map operations: the page cache's fast
 * lane calls it on every hit.
 *
 * What a view is and which requests are not counted are the pure rules of domain/insights*.ts.
 * Nothing about the reader is kept: no address, no user agent, no cookie; the referrer only as a
 * category and a host.
 */
import {
  bucketOf,
  campaignOf,
  grains,
  pageOfTags,
  referrerOf,
  type Grain,
  type Referrer,
  type ViewedPage,
} from '../domain/insights.js';
import {
  privacySignal,
  robotAgent,
  robotBehaviour,
  type ViewHeaders,
} from '../domain/insights-audience.js';
import type { InsightCount, InsightStore } from '../store/ports/insights.js';

/** A request as the counter reads it (Node's IncomingMessage and Fastify's request fit). */
export interface ViewRequest {
  method?: string | undefined;
  url?: string | undefined;
  headers: ViewHeaders & { referer?: string | undefined };
}

/** A page from the page cache: what it shows is read from its tags once per entry. */
export interface CachedView {
  readonly key: string;
  readonly tags: readonly string[];
}

export interface ViewCounterDeps {
  store: { insights: Pick<InsightStore, 'add' | 'prune'> };
  /** This site's host name (BASE_URL): links from it are internal. */
  siteHost: string;
  now?: () => number;
}

/** Views not yet written, by key (`minute\tkind\tsubject\tcategory\thost\tcampaign`). */
type Pending = Map<string, number>;

const sep = '\t';
/** Bounded memo sizes: clients could send endless variations. */
const memoMax = 1024;

export class ViewCounter {
  private pending: Pending = new Map();
  private flushing: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private lastPrune = -Infinity;
  private readonly pages = new WeakMap<CachedView, ViewedPage | null>();
  private readonly agents = new Map<string, boolean>();
  private readonly referrers = new Map<string, Referrer>();
  private readonly tails = new WeakMap<ViewedPage, Map<Referrer, string>>();
  /** This minute's keys by their text after the minute (cleared when the minute turns). */
  private readonly minuteKeys = new Map<string, string>();
  private keysMinute = -1;

  constructor(private readonly deps: ViewCounterDeps) {}

  private now(): number {
    return this.deps.now?.() ?? Date.now();
  }

  /** A page answered from the page cache (the fast lane): counted if it is a reader's view. */
  cachedHit(request: ViewRequest, entry: CachedView): void {
    let page = this.pages.get(entry);
    if (page === undefined) {
      page = pageOfTags(entry.tags, request.url ?? '');
      this.pages.set(entry, page);
    }
    if (page !== null) this.count(page, request);
  }

  /** A view of a page: counted unless a rule says it is not a reader's (domain/insights-audience). */
  count(page: ViewedPage, request: ViewRequest): void {
    if (request.method !== undefined && request.method !== 'GET') return;
    if (!this.counts(request.headers)) return;
    const url = request.url ?? '';
    const q = url.indexOf('?');
    let tail: string;
    if (q === -1) {
      // The common case: no campaign, and page and referrer both remembered objects, so the key's
      // text is made once per pair and the same string is looked up after (its hash is kept).
      tail = this.tailOf(page, this.referrerOf(request.headers.referer, empty, false));
    } else {
      const query = new URLSearchParams(url.slice(q + 1));
      tail = tailText(
        page,
        this.referrerOf(request.headers.referer, query, true),
        campaignOf(query),
      );
    }
    const minute = bucketOf('minute', this.now()) / 60_000;
    if (minute !== this.keysMinute) {
      this.keysMinute = minute;
      this.minuteKeys.clear();
    }
    let key = this.minuteKeys.get(tail);
    if (key === undefined) {
      key = `${minute}${sep}${tail}`;
      if (this.minuteKeys.size < memoMax) this.minuteKeys.set(tail, key);
    }
    this.pending.set(key, (this.pending.get(key) ?? 0) + 1);
  }

  /** The key's text after the minute for a page seen from a remembered referrer (no campaign). */
  private tailOf(page: ViewedPage, from: Referrer): string {
    let byReferrer = this.tails.get(page);
    if (byReferrer === undefined) {
      byReferrer = new Map();
      this.tails.set(page, byReferrer);
    }
    let tail = byReferrer.get(from);
    if (tail === undefined) {
      tail = tailText(page, from, '');
      if (byReferrer.size >= memoMax) byReferrer.clear();
      byReferrer.set(from, tail);
    }
    return tail;
  }

  /** Views counted and not yet written (tests and the metrics). */
  get waiting(): number {
    let n = 0;
    for (const views of this.pending.values()) n += views;
    return n;
  }

  private counts(headers: ViewHeaders): boolean {
    if (privacySignal(headers) !== null) return false;
    // The user agent's verdict is remembered (the robot list is one large expression).
    const agent = headers['user-agent'] ?? '';
    let robot = this.agents.get(agent);
    if (robot === undefined) {
      robot = robotAgent(agent) !== null;
      if (this.agents.size >= memoMax) this.agents.clear();
      this.agents.set(agent, robot);
    }
    return !robot && robotBehaviour(headers) === null;
  }

  private referrerOf(referer: string | undefined, query: URLSearchParams, hasQuery: boolean) {
    // With a query the campaign parameters decide; without one the Referer alone, remembered.
    if (hasQuery) return referrerOf(referer, query, this.deps.siteHost);
    const header = referer ?? '';
    let known = this.referrers.get(header);
    if (known === undefined) {
      known = referrerOf(referer, empty, this.deps.siteHost);
      if (this.referrers.size >= memoMax) this.referrers.clear();
      this.referrers.set(header, known);
    }
    return known;
  }

  /**
   * Writes what was counted: each view added to its minute, hour and day. Views that could not be
   * written are kept for the next flush (a database outage loses none while the process lives).
   */
  flush(): Promise<void> {
    // One flush at a time; a second caller waits for it and then writes what came since.
    const run = (this.flushing ?? Promise.resolve()).catch(() => {}).then(() => this.write());
    this.flushing = run;
    return run.finally(() => {
      if (this.flushing === run) this.flushing = null;
    });
  }

  private async write(): Promise<void> {
    if (this.pending.size === 0) return;
    const taken = this.pending;
    this.pending = new Map();
    try {
      await this.deps.store.insights.add(rollUp(taken));
    } catch (error) {
      for (const [key, views] of taken) this.pending.set(key, (this.pending.get(key) ?? 0) + views);
      throw error;
    }
  }

  /**
   * Deletes minute rows older than 7 days and hour rows older than 90 (days are kept): every
   * process may run it, a DELETE removes each row once. Runs when an hour has passed since the
   * last time (or always, with `force`); returns how many rows went.
   */
  async prune(force = false): Promise<number> {
    const now = this.now();
    if (!force && now - this.lastPrune < grains.hour.ms) return 0;
    this.lastPrune = now;
    let removed = 0;
    for (const grain of ['minute', 'hour'] as const) {
      const before = bucketOf(grain, now - grains[grain].keepMs) / 60_000;
      removed += await this.deps.store.insights.prune(grain, before);
    }
    return removed;
  }

  /** Flushes every `flushMs` (and prunes once an hour) until stopped. */
  start(flushMs = 5_000, onError: (error: unknown) => void = () => {}): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.flush()
        .then(() => this.prune())
        .catch(onError);
    }, flushMs);
    this.timer.unref();
  }

  /** Stops the timer and writes what is left. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.flush();
  }
}

const empty = new URLSearchParams();

/** A pending key after its minute: `kind\tsubject\tcategory\thost\tcampaign`. */
function tailText(page: ViewedPage, from: Referrer, campaign: string): string {
  return `${page.kind}${sep}${page.subject}${sep}${from.category}${sep}${from.host}${sep}${campaign}`;
}

/** The pending views as rows of every grain, each key once per grain. */
export function rollUp(pending: Pending): InsightCount[] {
  const byGrain = new Map<string, InsightCount>();
  for (const [key, views] of pending) {
    const [minute = '0', kind = '', subject = '', category = '', host = '', campaign = ''] =
      key.split(sep);
    const at = Number(minute) * 60_000;
    for (const grain of ['minute', 'hour', 'day'] as Grain[]) {
      const bucket = bucketOf(grain, at) / 60_000;
      const id = `${grain}${sep}${bucket}${sep}${key.slice(minute.length + 1)}`;
      const row = byGrain.get(id);
      if (row) row.views += views;
      else
        byGrain.set(id, {
          grain,
          bucket,
          kind: kind as ViewedPage['kind'],
          subject,
          category: category as Referrer['category'],
          host,
          campaign,
          views,
        });
    }
  }
  return [...byGrain.values()];
}
