/**
 * The fast lane: answers a request for a URL the app has already answered from the page cache,
 * straight from the cache, before Fastify routes it (routing, hooks and the reply machinery cost
 * more than the rest of a hit). Only GET and HEAD without an Authorization header or a session
 * cookie; the same headers as `sendCached` (plugins/page-cache.ts) plus the security headers.
 * Returns false when the request is not for it, and the app handles the request as usual.
 *
 * A hit does as little as it can (decisions/0056-fast-lane-ceiling.md): its headers are built
 * once per entry, encoding and status; the Accept-Encoding header is read once per distinct
 * value; it is counted through metric handles taken once (an addition each), timed with
 * `performance.now()`, and logged only when the logger's level asks for the request line.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import {
  matchesEtag,
  negotiateEncoding,
  type CachedPage,
  type Encoding,
  type PageCache,
} from './page-cache.js';
import { acceptsGzip } from '../views/gzip-splice.js';
import { cookieLanguage, inLanguage } from './plugins/page-cache.js';
import type { CounterSeries, HistogramSeries } from './plugins/metrics.js';

export interface FastLane {
  (req: IncomingMessage, res: ServerResponse): boolean;
  /** Stops answering (the server is closing: Fastify answers, with its 503). */
  close(): void;
}

/** What the lane counts for one method: answers by status, and their time. */
export interface LaneSeries {
  200: CounterSeries;
  304: CounterSeries;
  latency: HistogramSeries;
}

export interface LaneOptions {
  cache: PageCache;
  sessionCookie: string;
  headers: readonly [string, string][];
  /** Metric handles per method. */
  counted: { GET: LaneSeries; HEAD: LaneSeries };
  /** The request log: asked each hit whether it wants the line, then given it. */
  log: {
    enabled(): boolean;
    line(entry: { method: string; path: string; status: number; ms: number }): void;
  };
  /** Told of every hit (audience insights count the reader's view: services/insights.ts). */
  seen?: (req: IncomingMessage, entry: CachedPage) => void;
}

/** What a client's Accept-Encoding header takes: its best encoding, and whether gzip. */
interface Asked {
  best: Encoding;
  gzip: boolean;
}

/** Per entry: the flat [name, value, …] header lists writeHead takes, by status and encoding. */
type Prepared = Record<200 | 304, Partial<Record<Encoding, (string | number)[]>>>;

export function fastLane(options: LaneOptions): FastLane {
  const { cache, counted, log, seen } = options;
  const cookieMark = `${options.sessionCookie}=`;
  const common = options.headers.flat();
  // Built once per entry: a hit allocates no header object (less garbage per request, less
  // memory promoted under load). Entries are dropped with their pages (a WeakMap).
  const prepared = new WeakMap<CachedPage, Prepared>();
  const headersFor = (entry: CachedPage, encoding: Encoding, status: 200 | 304, body?: Buffer) => {
    let forEntry = prepared.get(entry);
    if (forEntry === undefined) prepared.set(entry, (forEntry = { 200: {}, 304: {} }));
    let list = forEntry[status][encoding];
    if (list === undefined) {
      list = [
        ...common,
        'content-type',
        entry.contentType,
        'cache-control',
        entry.cacheControl,
        'vary',
        'Accept-Encoding',
        'etag',
        entry.etags[encoding],
        'x-cache',
        'hit',
      ];
      if (status === 200 && body) {
        if (encoding !== 'identity') list.push('content-encoding', encoding);
        list.push('content-length', body.length);
      }
      forEntry[status][encoding] = list;
    }
    return list;
  };
  // Clients send few distinct Accept-Encoding headers (each browser its own): each is read once,
  // for the best encoding it takes and whether gzip is among them (see `PageCache.encodingFor`).
  const encodings = new Map<string, Asked>();
  const plain: Asked = { best: 'identity', gzip: false };
  const encodingOf = (header: string | undefined): Asked => {
    if (header === undefined) return plain;
    let known = encodings.get(header);
    if (known === undefined) {
      known = { best: negotiateEncoding(header), gzip: acceptsGzip(header) };
      // Bounded: a client could send endless variations.
      if (encodings.size >= 256) encodings.clear();
      encodings.set(header, known);
    }
    return known;
  };
  const done = (req: IncomingMessage, status: 200 | 304, started: number, entry: CachedPage) => {
    seen?.(req, entry);
    const ms = performance.now() - started;
    const series = req.method === 'HEAD' ? counted.HEAD : counted.GET;
    series[status].inc();
    series.latency.observe(ms / 1000);
    if (!log.enabled()) return;
    const url = req.url ?? '';
    const q = url.indexOf('?');
    log.line({
      method: req.method === 'HEAD' ? 'HEAD' : 'GET',
      // Without the query string (it may carry tokens), as the app's request line.
      path: q === -1 ? url : url.slice(0, q),
      status,
      ms: Math.round(ms * 10) / 10,
    });
  };
  let open = true;
  const lane = (req: IncomingMessage, res: ServerResponse): boolean => {
    if (!open) return false;
    const { method } = req;
    if (method !== 'GET' && method !== 'HEAD') return false;
    const { headers } = req;
    if (headers.authorization !== undefined) return false;
    const { cookie } = headers;
    let url = req.url ?? '';
    if (cookie !== undefined) {
      if (cookie.includes(cookieMark)) return false;
      url = inLanguage(url, cookieLanguage(cookie));
    }
    const entry = cache.getByUrl(url);
    if (entry === undefined) return false;
    const started = performance.now();
    const asked = encodingOf(headers['accept-encoding']);
    const encoding = cache.encodingFor(entry, asked.best, asked.gzip);
    const ifNoneMatch = headers['if-none-match'];
    if (ifNoneMatch !== undefined) {
      const { etags } = entry;
      if (matchesEtag(ifNoneMatch, [etags.identity, etags.gzip, etags.br])) {
        res.writeHead(304, headersFor(entry, encoding, 304));
        res.end();
        done(req, 304, started, entry);
        return true;
      }
    }
    const body = cache.body(entry, encoding);
    res.writeHead(200, headersFor(entry, encoding, 200, body));
    if (method === 'HEAD') res.end();
    else res.end(body);
    done(req, 200, started, entry);
    return true;
  };
  return Object.assign(lane, {
    close: () => {
      open = false;
    },
  });
}
