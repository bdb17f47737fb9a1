/**
 * The cache of rendered pages for anonymous readers: the final bytes of each page, compressed
 * once per encoding (identity, gzip, Brotli; each the first time a client asks for it) with
 * their ETags, kept until a change on the bus makes them
 * wrong, or the day they show ends (at the site's midnight), or memory runs short (least recently used goes first).
 *
 * Entries are tagged with what they show (`article:ID` for every article summarised or shown,
 * `thread:ID` for an article's comments, `front`, `section:SLUG`, `author:SLUG`, `tag:SLUG`, `listings`,
 * `page:ID` for a static page, `live:ID` for a live article's updates); a change drops exactly the entries whose tags it touches. A page
 * rendered while a change that touches it was announced is not stored, so a slow render can never
 * put back what a change just removed (see `begin`/`put`).
 */
import { createHash } from 'node:crypto';
import { brotliCompress, brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { dayClock } from '../domain/local-time.js';
import type { Change } from '../services/changes.js';
import type { PageShell } from '../views/slots.js';

export type Encoding = 'br' | 'gzip' | 'identity';

export interface CachedPage {
  readonly key: string;
  readonly contentType: string;
  readonly cacheControl: string;
  /** The ETag of each encoding (quoted): one content, three byte sequences. */
  readonly etags: Readonly<Record<Encoding, string>>;
  /** The identity body; each compressed one is made the first time a client asks for it. */
  readonly bodies: { readonly identity: Buffer; gzip?: Buffer; br?: Buffer };
  readonly tags: readonly string[];
  /** The site's day (YYYY-MM-DD) the page was rendered on: the masthead shows it. */
  readonly day: string;
  /** When the page changes by itself (epoch ms; e.g. comments closing at a set time), if ever. */
  readonly expiresAt: number;
  /** What the entry holds, bodies included, as counted against the cache's budget. */
  bytes: number;
  /**
   * The page cut where signed-in readers differ (views/slots.ts): their page is filled in from it
   * (see http/fragments.ts). Counted in `bytes` twice over (UTF-16 text, and what it refers to).
   */
  readonly shell?: PageShell | undefined;
}

export interface CacheStats {
  entries: number;
  bytes: number;
  maxBytes: number;
  hits: number;
  misses: number;
  stored: number;
  evicted: number;
  invalidated: number;
}

/** Tags every page carries: a `site` change drops everything anyway, so none is needed. */
export const listingsTag = 'listings';

/**
 * The tag of an article's page without its comments (decision 0080): every change of the article
 * itself carries it, a comment's change does not (the comment count is read with the comments).
 */
export function articlePartTag(articleId: string): string {
  return `article-part:${articleId}`;
}

/** What a change makes wrong, as tags; `null` means everything. */
export function tagsOf(change: Change): string[] | null {
  switch (change.kind) {
    case 'comment':
      // Counts appear wherever the article is summarised; the comments only on its own pages.
      return change.action === 'edited' || change.action === 'reacted'
        ? [`thread:${change.articleId}`]
        : [`article:${change.articleId}`, `thread:${change.articleId}`];
    case 'article': {
      // Pages that show the article carry its tag. Listings it may newly belong to are named by
      // the change when the publisher knows them; otherwise every listing is dropped. The article
      // part of its own page (held apart from its comments: see `part`) changes only here.
      const tags = [`article:${change.articleId}`, articlePartTag(change.articleId)];
      if (change.sections === undefined || change.authors === undefined)
        return [...tags, listingsTag];
      const topics = change.tags ?? [];
      // Listed nowhere before or after (a draft's edit): only pages showing the article itself.
      if (change.sections.length + change.authors.length + topics.length === 0) return tags;
      return [
        ...tags,
        'front',
        'feeds',
        ...change.sections.map((s) => `section:${s}`),
        ...change.authors.map((a) => `author:${a}`),
        ...topics.map((t) => `tag:${t}`),
      ];
    }
    case 'site':
      return null;
    case 'front':
      return ['front'];
    case 'page':
      // The page's own address (the sitemap is built per request, with its own validators).
      return [`page:${change.pageId}`];
    case 'queue':
    case 'sessions':
    case 'webhooks':
      return [];
    case 'live':
      // Only the live article's own page and its updates' permalinks show the updates.
      return [`live:${change.articleId}`];
    default:
      return null;
  }
}

/**
 * The encoding to send, from an Accept-Encoding header: Brotli, then gzip, then identity, among
 * those the client accepts with a non-zero q (a `*` accepts what it does not name).
 */
export function negotiateEncoding(header: string | undefined): Encoding {
  if (!header) return 'identity';
  let br: number | undefined;
  let gzip: number | undefined;
  let star: number | undefined;
  for (const part of header.split(',')) {
    const [rawName = '', ...params] = part.split(';');
    const name = rawName.trim().toLowerCase();
    let q = 1;
    for (const p of params) {
      const m = /^\s*q\s*=\s*([0-9.]+)\s*$/i.exec(p);
      if (m) q = Number(m[1]);
    }
    if (name === 'br') br = q;
    else if (name === 'gzip' || name === 'x-gzip') gzip = q;
    else if (name === '*') star = q;
  }
  if ((br ?? star ?? 0) > 0) return 'br';
  if ((gzip ?? star ?? 0) > 0) return 'gzip';
  return 'identity';
}

/** True when an If-None-Match header names one of these ETags (or is `*`). */
export function matchesEtag(ifNoneMatch: string | undefined, etags: readonly string[]): boolean {
  if (ifNoneMatch === undefined) return false;
  for (const raw of ifNoneMatch.split(',')) {
    const tag = raw.trim().replace(/^W\//, '');
    if (tag === '*' || etags.includes(tag)) return true;
  }
  return false;
}

/**
 * Compression settings: measured on the 175 KB article page with 200 comments, gzip 6 takes
 * 3 ms (level 9: 9 ms for 1.5 % less) and Brotli 5 takes 4 ms (quality 9: 39 ms for 1 % less;
 * 11: 400 ms for 12 % less). A miss pays for one of them, once per change of the page.
 */
export function compress(body: Buffer, encoding: 'gzip' | 'br', gzipLevel = 6): Buffer {
  return encoding === 'gzip'
    ? gzipSync(body, { level: gzipLevel })
    : brotliCompressSync(body, brotliOptions(body));
}

const brotliOptions = (body: Buffer) => ({
  params: {
    [constants.BROTLI_PARAM_QUALITY]: 5,
    [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
    [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
  },
});

/**
 * The gzip level of a page that a change dropped while it was cached (decision 0086): on the
 * 210 KB article page with 200 comments level 3 takes 0.48 ms against level 6's 1.3 ms, for 7.8 %
 * more bytes (17.8 KB against 16.5 KB); a page under a comment storm is compressed again after
 * every comment.
 */
export const changingGzipLevel = 3;
/** How long after a change a page counts as changing (ms). */
const changingFor = 60_000;

export interface PageCacheOptions {
  /**
   * How long an entry must stay unchanged before its Brotli form is made, off the request path
   * (ms); until then a client that takes gzip as well gets gzip (decision 0086).
   */
  brotliAfterMs?: number;
}

/** Builds an entry and names each encoding by the hash of the content. */
export function preparePage(input: {
  key: string;
  body: string | Buffer;
  contentType: string;
  cacheControl: string;
  tags: readonly string[];
  day: string;
  expiresAt?: number | undefined;
  shell?: PageShell | undefined;
}): CachedPage {
  const identity = Buffer.isBuffer(input.body) ? input.body : Buffer.from(input.body);
  const hash = createHash('sha1').update(identity).digest('base64url');
  const bodies = { identity };
  const tags = [...new Set(input.tags)];
  return {
    key: input.key,
    contentType: input.contentType,
    cacheControl: input.cacheControl,
    etags: { identity: `"${hash}"`, gzip: `"${hash}-gz"`, br: `"${hash}-br"` },
    bodies,
    tags,
    day: input.day,
    expiresAt: input.expiresAt ?? Infinity,
    ...(input.shell ? { shell: input.shell } : {}),
    // The buffers plus a rough allowance for the key, the tags and the object itself.
    bytes:
      4 * (input.shell?.size ?? 0) +
      identity.length +
      2 * input.key.length +
      tags.reduce((n, t) => n + 2 * t.length + 64, 0) +
      512,
  };
}

export class PageCache {
  /** In least-recently-used order: a hit moves its entry to the end. */
  private readonly entries = new Map<string, CachedPage>();
  /** The key last moved to the end of `entries` (the most recently used), if it is still there. */
  private newest: string | null = null;
  private readonly byTag = new Map<string, Set<string>>();
  private total = 0;
  /** Counts invalidations; a render remembers the value it started at. */
  private epoch = 0;
  /** The epoch at which each tag was last invalidated (pruned: see `invalidate`). */
  private readonly invalidatedAt = new Map<string, number>();
  /** Renders that started before this epoch may not store (after a clear, or pruning). */
  private floor = 0;
  private readonly counters = { hits: 0, misses: 0, stored: 0, evicted: 0, invalidated: 0 };
  /**
   * Parts of pages (decision 0080): what a page is drawn from that changes less often than the
   * page, e.g. an article page's article while its comments change. Same tags, same invalidation
   * and the same tickets as pages, so a part is exactly as current as a page would be; in
   * least-recently-used order, within an eighth of the budget.
   */
  private readonly parts = new Map<
    string,
    { value: unknown; tags: readonly string[]; bytes: number }
  >();
  private readonly partsByTag = new Map<string, Set<string>>();
  private partBytes = 0;
  /**
   * Request URLs exactly as received, each with the key of the page the app answered it with
   * (remembered by `remember`), so that later requests for the same URL can be answered before
   * routing (see `fastLane` in plugins/page-cache.ts).
   */
  private readonly keyByUrl = new Map<string, string>();

  /** When a change last dropped the page under each key while it was cached (decision 0086). */
  private readonly changed = new Map<string, number>();
  /** Entries whose Brotli form is on its way. */
  private readonly brotliPending = new WeakSet<CachedPage>();
  private readonly brotliAfterMs: number;

  constructor(
    readonly maxBytes: number,
    /** Today's date (YYYY-MM-DD) where the site is: `dayClock` in domain/local-time.ts. */
    readonly today: () => string = dayClock(Date.now, () => 'UTC'),
    options: PageCacheOptions = {},
  ) {
    this.brotliAfterMs = options.brotliAfterMs ?? 1000;
  }

  /** The entry for this key if it is still right for today; counts a hit or a miss. */
  get(key: string, countMiss = true): CachedPage | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined || entry.day !== this.today() || Date.now() >= entry.expiresAt) {
      if (entry) this.remove(entry);
      if (countMiss) this.counters.misses++;
      return undefined;
    }
    // Least recently used order: move it to the end (unless it is there already, as the one
    // page everyone reads is; moving it would rebuild the Map's table again and again).
    if (key !== this.newest) {
      this.entries.delete(key);
      this.entries.set(key, entry);
      this.newest = key;
    }
    this.counters.hits++;
    return entry;
  }

  /** The part under this key, if no change has touched it since it was stored. */
  part<T>(key: string): T | undefined {
    const held = this.parts.get(key);
    if (held === undefined) return undefined;
    this.parts.delete(key);
    this.parts.set(key, held);
    return held.value as T;
  }

  /**
   * Stores a part read since `ticket` (see `begin`), unless a change touching one of its tags was
   * announced meanwhile; `bytes` is what it holds, roughly. Returns whether it was stored.
   */
  putPart(
    ticket: number,
    key: string,
    value: unknown,
    tags: readonly string[],
    bytes: number,
  ): boolean {
    const budget = this.maxBytes / 8;
    if (this.maxBytes <= 0 || ticket < this.floor || bytes > budget / 4) return false;
    for (const tag of tags) {
      if ((this.invalidatedAt.get(tag) ?? -1) > ticket) return false;
    }
    this.removePart(key);
    this.parts.set(key, { value, tags, bytes });
    this.partBytes += bytes;
    for (const tag of tags) {
      let keys = this.partsByTag.get(tag);
      if (!keys) this.partsByTag.set(tag, (keys = new Set()));
      keys.add(key);
    }
    for (const oldest of this.parts.keys()) {
      if (this.partBytes <= budget) break;
      this.removePart(oldest);
    }
    return true;
  }

  /** How many parts are held, and their bytes (roughly). */
  partStats(): { parts: number; bytes: number } {
    return { parts: this.parts.size, bytes: this.partBytes };
  }

  private removePart(key: string): void {
    const held = this.parts.get(key);
    if (!held) return;
    this.parts.delete(key);
    this.partBytes -= held.bytes;
    for (const tag of held.tags) {
      const keys = this.partsByTag.get(tag);
      if (!keys) continue;
      keys.delete(key);
      if (keys.size === 0) this.partsByTag.delete(tag);
    }
  }

  /** Remembers that the app answers this exact request URL with the page under this key. */
  remember(url: string, key: string): void {
    if (this.keyByUrl.get(url) === key) return;
    // Bounded: URLs with endless tracking parameters must not grow it without end.
    if (this.keyByUrl.size >= 10_000) this.keyByUrl.clear();
    this.keyByUrl.set(url, key);
  }

  /** The cached page for a request URL seen before, if it is still cached and current. */
  getByUrl(url: string): CachedPage | undefined {
    const key = this.keyByUrl.get(url);
    // A miss here is counted where the app then looks the page up.
    return key === undefined ? undefined : this.get(key, false);
  }

  /** Marks the start of a render; pass the ticket to `put` when its bytes are ready. */
  begin(): number {
    return this.epoch;
  }

  /**
   * Stores a page rendered since `ticket`, unless a change touching one of its tags (or a clear)
   * was announced meanwhile, in which case the page may already be out of date. Returns whether
   * it was stored.
   */
  put(ticket: number, entry: CachedPage): boolean {
    if (this.maxBytes <= 0 || ticket < this.floor) return false;
    if (entry.day !== this.today() || Date.now() >= entry.expiresAt) return false;
    for (const tag of entry.tags) {
      if ((this.invalidatedAt.get(tag) ?? -1) > ticket) return false;
    }
    // One page may not push out a large part of the cache.
    if (entry.bytes > this.maxBytes / 4) return false;
    const old = this.entries.get(entry.key);
    if (old) this.remove(old);
    this.entries.set(entry.key, entry);
    this.newest = entry.key;
    this.total += entry.bytes;
    for (const tag of entry.tags) {
      let keys = this.byTag.get(tag);
      if (!keys) this.byTag.set(tag, (keys = new Set()));
      keys.add(entry.key);
    }
    this.counters.stored++;
    this.evictOverBudget(entry);
    return true;
  }

  private evictOverBudget(keep: CachedPage): void {
    for (const oldest of this.entries.values()) {
      if (this.total <= this.maxBytes) break;
      if (oldest === keep) continue;
      this.remove(oldest);
      this.counters.evicted++;
    }
  }

  /**
   * The body of an entry in an encoding, compressed now if this is the first time it is asked
   * for; the bytes count against the budget while the entry is cached.
   */
  body(entry: CachedPage, encoding: Encoding): Buffer {
    if (encoding === 'identity') return entry.bodies.identity;
    const known = entry.bodies[encoding];
    if (known !== undefined) return known;
    const made = encoding === 'gzip' ? this.gzip(entry) : compress(entry.bodies.identity, 'br');
    this.add(entry, encoding, made);
    return made;
  }

  /**
   * The encoding to send an entry in to a client whose best is `wanted`: Brotli once its form has
   * been made, which happens off the request path after the entry stayed unchanged for a moment
   * (a page under a comment storm changes many times a second); until then gzip, if the client
   * takes it (`gzipAccepted`). A client that takes Brotli only is sent Brotli at once.
   */
  encodingFor(entry: CachedPage, wanted: Encoding, gzipAccepted: boolean): Encoding {
    if (wanted !== 'br' || entry.bodies.br !== undefined || !gzipAccepted) return wanted;
    this.brotliLater(entry);
    return 'gzip';
  }

  private brotliLater(entry: CachedPage): void {
    if (this.brotliPending.has(entry)) return;
    this.brotliPending.add(entry);
    const current = () => this.entries.get(entry.key) === entry;
    setTimeout(() => {
      // Dropped meanwhile: its successor makes its own when it is asked for.
      if (!current() || entry.bodies.br !== undefined) return;
      // In the thread pool: a hit being answered meanwhile is not held up.
      brotliCompress(entry.bodies.identity, brotliOptions(entry.bodies.identity), (error, br) => {
        if (error || entry.bodies.br !== undefined || !current()) return;
        this.add(entry, 'br', br);
      });
    }, this.brotliAfterMs).unref();
  }

  private add(entry: CachedPage, encoding: 'gzip' | 'br', made: Buffer): void {
    entry.bodies[encoding] = made;
    entry.bytes += made.length;
    if (this.entries.get(entry.key) === entry) {
      this.total += made.length;
      this.evictOverBudget(entry);
    }
  }

  /**
   * An entry's gzip form: at level 6, or at a faster level when the page changed while cached in
   * the last minute, so that a page changing many times a second costs less each time (decision
   * 0086).
   */
  private gzip(entry: CachedPage): Buffer {
    return compress(
      entry.bodies.identity,
      'gzip',
      this.changing(entry.key) ? changingGzipLevel : 6,
    );
  }

  /** Whether a change dropped the page under this key while it was cached, in the last minute. */
  changing(key: string): boolean {
    const at = this.changed.get(key);
    return at !== undefined && Date.now() - at < changingFor;
  }

  /** Counts what an entry came to hold since it was stored (e.g. its shell's drawn controls). */
  grew(entry: CachedPage, bytes: number): void {
    entry.bytes += bytes;
    if (this.entries.get(entry.key) === entry) {
      this.total += bytes;
      this.evictOverBudget(entry);
    }
  }

  /** Drops every entry carrying one of these tags. */
  invalidate(tags: readonly string[]): void {
    this.epoch++;
    // Bounded: when too many tags are remembered, forget them all and refuse every render that
    // started before now instead (a few pages are rendered again; none is stored stale).
    if (this.invalidatedAt.size > 10_000) {
      this.invalidatedAt.clear();
      this.floor = this.epoch;
    }
    for (const tag of tags) {
      this.invalidatedAt.set(tag, this.epoch);
      const parts = this.partsByTag.get(tag);
      if (parts) for (const key of [...parts]) this.removePart(key);
      const keys = this.byTag.get(tag);
      if (!keys) continue;
      for (const key of [...keys]) {
        const entry = this.entries.get(key);
        if (entry) {
          this.remove(entry);
          this.counters.invalidated++;
          this.markChanged(key);
        }
      }
    }
  }

  /** Drops everything. */
  clear(): void {
    this.epoch++;
    this.floor = this.epoch;
    this.counters.invalidated += this.entries.size;
    this.entries.clear();
    this.newest = null;
    this.byTag.clear();
    this.invalidatedAt.clear();
    this.total = 0;
    this.parts.clear();
    this.partsByTag.clear();
    this.partBytes = 0;
    this.changed.clear();
  }

  private markChanged(key: string): void {
    this.changed.delete(key);
    this.changed.set(key, Date.now());
    // Bounded: the oldest are forgotten (their next versions are compressed at level 6 again).
    if (this.changed.size > 10_000) {
      for (const oldest of this.changed.keys()) {
        this.changed.delete(oldest);
        break;
      }
    }
  }

  /** Applies a change from the bus. */
  apply(change: Change): void {
    const tags = tagsOf(change);
    if (tags === null) this.clear();
    else this.invalidate(tags);
  }

  stats(): CacheStats {
    return {
      entries: this.entries.size,
      bytes: this.total,
      maxBytes: this.maxBytes,
      ...this.counters,
    };
  }

  private remove(entry: CachedPage): void {
    if (this.entries.get(entry.key) !== entry) return;
    this.entries.delete(entry.key);
    if (this.newest === entry.key) this.newest = null;
    this.total -= entry.bytes;
    for (const tag of entry.tags) {
      const keys = this.byTag.get(tag);
      if (!keys) continue;
      keys.delete(entry.key);
      if (keys.size === 0) this.byTag.delete(tag);
    }
  }
}
