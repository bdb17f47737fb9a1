/**
 * Article pages for everyone from one drawing (issue 19; decision 0052). The page is drawn once
 * without a reader, cut where readers differ (views/slots.ts), and kept in the page cache beside
 * the anonymous bytes made from it. A signed-in reader's page is that shell with their own parts
 * filled in: their name and token, their controls on the comments, their form, their held
 * comments, a moderator's thread settings.
 *
 * Single flight: however many readers (anonymous or signed in) miss the same page at once, it is
 * drawn once and they all wait for that drawing, unless a change was announced since it began (a
 * reader who comes after a change, e.g. right after their comment's 201, must see it).
 */
import type { Viewing } from '../views/context.js';
import { acceptsGzip } from '../views/gzip-splice.js';
import type { GzipLayout, PageShell } from '../views/slots.js';
import { preparePage, type CachedPage, type PageCache } from './page-cache.js';

/** What a drawing gives: the shell and what the page shows (for the cache), or a redirect. */
export type Drawn =
  | { kind: 'page'; shell: PageShell; tags: readonly string[]; expiresAt?: number | undefined }
  | { kind: 'moved'; path: string };

/** The page to send: the cached entry (with the anonymous bytes) and its shell, or a redirect. */
export type Drawing =
  { kind: 'page'; shell: PageShell; entry: CachedPage | null } | { kind: 'moved'; path: string };

interface Flight {
  epoch: number;
  day: string;
  done: Promise<Drawing>;
}

const htmlType = 'text/html; charset=utf-8';

export class PageShells {
  private readonly flights = new Map<string, Flight>();
  /** Drawings begun, and those that waited for another's (for tests and the metrics). */
  readonly counts = { drawn: 0, joined: 0, filled: 0 };

  constructor(private readonly cache: PageCache) {}

  /** The shell of the page under `key`: cached, being drawn (then waited for), or drawn now. */
  async shell(key: string, draw: () => Promise<Drawn>): Promise<Drawing> {
    const { cache } = this;
    const cached = cache.get(key, false);
    if (cached?.shell) return { kind: 'page', shell: cached.shell, entry: cached };
    const epoch = cache.begin();
    const day = cache.today();
    const flight = this.flights.get(key);
    if (flight && flight.epoch === epoch && flight.day === day) {
      this.counts.joined++;
      return flight.done;
    }
    const done = this.count(draw).then((d) => this.drawn(d, key, epoch, day));
    this.flights.set(key, { epoch, day, done });
    const land = () => {
      if (this.flights.get(key)?.done === done) this.flights.delete(key);
    };
    done.then(land, land);
    return done;
  }

  /** Counts a shell filled for a signed-in reader; its shared controls go on the budget. */
  filled(drawing: Extract<Drawing, { kind: 'page' }>): void {
    this.counts.filled++;
    const added = drawing.shell.prepare();
    if (added > 0 && drawing.entry) this.cache.grew(drawing.entry, 4 * added);
  }

  /**
   * A signed-in reader's page: gzip spliced from pieces compressed once (decision 0078) when the
   * client takes gzip and the shell is cached, else the filled bytes (compressed, if at all, by
   * the compression plugin).
   */
  readerBody(
    drawing: Extract<Drawing, { kind: 'page' }>,
    viewing: Viewing,
    acceptEncoding: string | undefined,
    /** The reader's page layout kept with their marks (decision 0092), when it applies. */
    layout?: GzipLayout,
  ): { body: Buffer; gzip: boolean } {
    const { shell, entry } = drawing;
    if (entry && acceptsGzip(acceptEncoding)) {
      const body = shell.fillGzip(viewing, layout);
      const grown = shell.takeGzipGrowth();
      if (grown > 0) this.cache.grew(entry, grown);
      if (body) return { body, gzip: true };
    }
    return { body: shell.fillBytes(viewing), gzip: false };
  }

  private count(draw: () => Promise<Drawn>): Promise<Drawn> {
    this.counts.drawn++;
    return draw();
  }

  private drawn(d: Drawn, key: string, epoch: number, day: string): Drawing {
    if (d.kind === 'moved') return d;
    const entry = preparePage({
      key,
      body: d.shell.anonymous(),
      contentType: htmlType,
      cacheControl: 'public, max-age=0, must-revalidate',
      tags: d.tags,
      day,
      expiresAt: d.expiresAt,
      shell: d.shell,
    });
    // Not stored when a change touching it came while it was drawn: sent all the same.
    this.cache.put(epoch, entry);
    return { kind: 'page', shell: d.shell, entry };
  }
}

/** A page that is not cached (cache off, a query it does not know): drawn for one request. */
export async function drawOnce(draw: () => Promise<Drawn>): Promise<Drawing> {
  const d = await draw();
  return d.kind === 'moved' ? d : { kind: 'page', shell: d.shell, entry: null };
}

const byCache = new WeakMap<PageCache, PageShells>();

/** The shells kept with this page cache. */
export function shellsOf(cache: PageCache): PageShells {
  let shells = byCache.get(cache);
  if (!shells) byCache.set(cache, (shells = new PageShells(cache)));
  return shells;
}
