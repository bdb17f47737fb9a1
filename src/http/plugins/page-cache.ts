/**
 * Serving anonymous readers from the page cache. A route opts in with
 * `config: { pageCache: { vary: [...], ignore: [...] } }`: `vary` names the query parameters
 * that change its page (they become part of the key), `ignore` those that do not for an
 * anonymous reader. A request with any other parameter (tracking ones aside), a session cookie,
 * an Authorization header, or a method other than GET/HEAD is neither served from nor stored in
 * the cache. On a miss the handler renders as usual and `sendPage` stores the result.
 *
 * Pages are drawn in the reader's interface language (cookie `bs-lang`, chosen in Adjust), so the
 * language a request names is part of its key, here and in the fast lane: each language has its
 * own entries, and a reader never gets another language's page. A cookie naming no language
 * Broadsheet has is ignored (the page is the site's language, as it is drawn).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { languageOf } from '../../i18n/languages.js';
import { languageCookie } from '../../i18n/languages.js';
import { acceptsGzip } from '../../views/gzip-splice.js';
import { matchesEtag, negotiateEncoding, type CachedPage, type PageCache } from '../page-cache.js';

export interface PageCacheRoute {
  /** Query parameters that select a different page (e.g. `cursor`). */
  vary?: readonly string[];
  /** Query parameters an anonymous reader's page does not depend on (e.g. `reply`). */
  ignore?: readonly string[];
}

export interface PageCacheSlot {
  cache: PageCache;
  key: string;
  ticket: number;
  day: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /**
     * Set for an anonymous, cacheable request that missed: where its page is to be stored; and
     * for a signed-in reader of a cacheable page, where its shell is kept (never their page).
     */
    pageCacheSlot: PageCacheSlot | null;
  }
  interface FastifyContextConfig {
    pageCache?: PageCacheRoute;
  }
}

/** Parameters that links from elsewhere add and no page reads. */
const tracking = /^(utm_[a-z_]+|fbclid|gclid|mc_cid|mc_eid)$/i;

/**
 * The interface language a request's Cookie header names (`bs-lang`), if Broadsheet has it: the
 * fast lane reads the raw header (no cookie parsing for a request it may answer in microseconds).
 */
export function cookieLanguage(cookieHeader: string | undefined): string | undefined {
  if (cookieHeader === undefined || !cookieHeader.includes(languageMark)) return undefined;
  for (const part of cookieHeader.split(';')) {
    const pair = part.trim();
    if (!pair.startsWith(languageMark)) continue;
    // As the cookie parser reads it (the first of that name, percent-escapes decoded).
    let value = pair.slice(languageMark.length).trim();
    try {
      value = decodeURIComponent(value);
    } catch {
      /* left as it is, as the parser leaves it */
    }
    return languageOf(value)?.tag;
  }
  return undefined;
}
const languageMark = `${languageCookie}=`;

/** A cache key (or a request URL) in a language: the site's (none named) or the reader's. */
export function inLanguage(keyOrUrl: string, language: string | undefined): string {
  return language === undefined ? keyOrUrl : `${keyOrUrl}#lang=${language}`;
}

/** The cache key of a request, or null when its query has a parameter the route does not know. */
export function cacheKey(url: string, route: PageCacheRoute): string | null {
  const q = url.indexOf('?');
  if (q === -1) return url;
  const path = url.slice(0, q);
  const kept: [string, string][] = [];
  for (const [name, value] of new URLSearchParams(url.slice(q + 1))) {
    if (route.vary?.includes(name)) kept.push([name, value]);
    else if (!(route.ignore?.includes(name) || tracking.test(name))) return null;
  }
  if (kept.length === 0) return path;
  kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `${path}?${new URLSearchParams(kept).toString()}`;
}

/** Sends a cached page in the encoding the client takes best, or a 304 if it has it already. */
export function sendCached(
  request: FastifyRequest,
  reply: FastifyReply,
  cache: PageCache,
  entry: CachedPage,
  outcome: 'hit' | 'miss',
) {
  const asked = request.headers['accept-encoding'];
  const encoding = cache.encodingFor(entry, negotiateEncoding(asked), acceptsGzip(asked));
  reply
    .header('Content-Type', entry.contentType)
    .header('Cache-Control', entry.cacheControl)
    .header('Vary', 'Accept-Encoding')
    .header('ETag', entry.etags[encoding])
    .header('X-Cache', outcome);
  const { etags } = entry;
  // Later requests for this very URL, in this language, can take the fast lane.
  cache.remember(inLanguage(request.url, readerLanguageOf(request)), entry.key);
  if (matchesEtag(request.headers['if-none-match'], [etags.identity, etags.gzip, etags.br])) {
    return reply.code(304).send();
  }
  if (encoding !== 'identity') reply.header('Content-Encoding', encoding);
  return reply.code(200).send(cache.body(entry, encoding));
}

/** The language of the request's `bs-lang` cookie, if Broadsheet has it. */
function readerLanguageOf(request: FastifyRequest): string | undefined {
  return languageOf(request.cookies[languageCookie])?.tag;
}

export function pageCaching(
  app: FastifyInstance,
  options: {
    cache: PageCache;
    sessionCookie: string;
    /** Told of every hit answered here (audience insights count it, as the fast lane's). */
    seen?: (request: FastifyRequest['raw'], entry: CachedPage) => void;
  },
): void {
  const { cache, sessionCookie, seen } = options;
  app.decorateRequest('pageCacheSlot', null);
  // Registered after authentication: `request.viewer` is known. Someone signed in is never
  // served the cached bytes, and what is rendered for them never enters the cache; a route that
  // fills its cached shell for them (see http/fragments.ts) finds the key in their slot.
  app.addHook('onRequest', async (request, reply) => {
    const route = request.routeOptions.config.pageCache;
    if (route === undefined || cache.maxBytes <= 0) return;
    if (request.method !== 'GET' && request.method !== 'HEAD') return;
    if (request.viewer !== null) {
      const url = cacheKey(request.url, route);
      if (url === null) return;
      const key = inLanguage(url, readerLanguageOf(request));
      request.pageCacheSlot = { cache, key, ticket: cache.begin(), day: cache.today() };
      return;
    }
    if (request.headers.authorization !== undefined) return;
    // A session cookie that no longer resolves still marks someone who signs in: no caching
    // until the browser drops it (the page they get is the anonymous one either way).
    if (request.cookies[sessionCookie] !== undefined) return;
    const url = cacheKey(request.url, route);
    if (url === null) return;
    const key = inLanguage(url, readerLanguageOf(request));
    const entry = cache.get(key);
    if (entry) {
      seen?.(request.raw, entry);
      return sendCached(request, reply, cache, entry, 'hit');
    }
    request.pageCacheSlot = { cache, key, ticket: cache.begin(), day: cache.today() };
  });
}
