/**
 * Audience insights (issue 24): what one page view is counted as. Pure rules, no I/O:
 * the page a view is of, where the reader came from (a category and a host, never the full
 * address), the campaign a link named, and the time buckets counts are kept in.
 *
 * Nothing here sees an address, a user agent or a cookie beyond the moment of the decision:
 * a counted view is only (minute, page, referrer category and host, campaign).
 */

export type PageKind = 'front' | 'section' | 'article';

/** The page a view is of: the front page, a section (by slug) or an article (by id). */
export interface ViewedPage {
  kind: PageKind;
  /** '' for the front page. */
  subject: string;
}

export const referrerCategories = [
  'direct',
  'internal',
  'search',
  'social',
  'newsletter',
  'other',
] as const;
export type ReferrerCategory = (typeof referrerCategories)[number];

export interface Referrer {
  category: ReferrerCategory;
  /** The referring site's host name ('' for direct and internal views). */
  host: string;
}

/** The dimensions of one counted view (besides its minute). */
export interface ViewKey extends ViewedPage, Referrer {
  /** utm_campaign of the address, '' when none. */
  campaign: string;
}

/**
 * The page a cached entry shows, from its page-cache tags (http/page-cache.ts): an article page
 * carries `thread:ID` first, a section page `section:SLUG`, the front page `front`. Print views
 * and any other page are not counted.
 */
export function pageOfTags(tags: readonly string[], url: string): ViewedPage | null {
  const first = tags[0];
  if (first === undefined) return null;
  if (first.startsWith('thread:')) {
    return isPrintUrl(url) ? null : { kind: 'article', subject: first.slice('thread:'.length) };
  }
  if (first.startsWith('section:')) return { kind: 'section', subject: first.slice(8) };
  if (first === 'front') return { kind: 'front', subject: '' };
  return null;
}

function isPrintUrl(url: string): boolean {
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  return path.endsWith('/print');
}

// Hosts by the registrable part they end with; a subdomain (news.google.com) matches too.
const searchHosts = [
  'google',
  'bing.com',
  'duckduckgo.com',
  'ecosia.org',
  'search.yahoo.com',
  'yahoo.com',
  'baidu.com',
  'yandex.ru',
  'yandex.com',
  'startpage.com',
  'qwant.com',
  'search.brave.com',
  'kagi.com',
];
const socialHosts = [
  'facebook.com',
  'fb.com',
  't.co',
  'twitter.com',
  'x.com',
  'linkedin.com',
  'lnkd.in',
  'reddit.com',
  'instagram.com',
  'threads.net',
  'bsky.app',
  'mastodon.social',
  'news.ycombinator.com',
  'pinterest.com',
  'tiktok.com',
  'youtube.com',
  'whatsapp.com',
  'telegram.org',
];
const webmailHosts = [
  'mail.google.com',
  'outlook.live.com',
  'outlook.office.com',
  'mail.yahoo.com',
  'webmail',
];

function matches(host: string, names: readonly string[]): boolean {
  return names.some((name) => {
    // 'google' stands for every Google country domain (google.de, google.co.uk…).
    if (!name.includes('.'))
      return host === name || host.startsWith(`${name}.`) || host.includes(`.${name}.`);
    return host === name || host.endsWith(`.${name}`);
  });
}

/**
 * Where a view came from: its Referer header (only the host is kept) and the address's own
 * utm_medium / utm_source (a newsletter link says so). `siteHost` is this site's host name.
 */
export function referrerOf(
  referer: string | undefined,
  query: URLSearchParams,
  siteHost: string,
): Referrer {
  const medium = (query.get('utm_medium') ?? '').toLowerCase();
  const source = (query.get('utm_source') ?? '').toLowerCase();
  if (medium === 'email' || medium === 'newsletter' || source === 'newsletter') {
    return { category: 'newsletter', host: '' };
  }
  if (!referer) return { category: 'direct', host: '' };
  let host: string;
  try {
    const url = new URL(referer);
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      return { category: 'other', host: '' };
    host = url.hostname.toLowerCase().replace(/^www\./, '');
  } catch {
    return { category: 'direct', host: '' };
  }
  if (host === siteHost.toLowerCase().replace(/^www\./, ''))
    return { category: 'internal', host: '' };
  // Kept short: a host is a name, and an odd one is no one's business.
  host = host.slice(0, 100);
  if (matches(host, webmailHosts)) return { category: 'newsletter', host };
  if (matches(host, searchHosts)) return { category: 'search', host };
  if (matches(host, socialHosts)) return { category: 'social', host };
  return { category: 'other', host };
}

/** The campaign a link names (utm_campaign), trimmed to 60 characters; '' when none. */
export function campaignOf(query: URLSearchParams): string {
  return (query.get('utm_campaign') ?? '').trim().slice(0, 60);
}

/** The grains counts are kept at, and how long each is kept (decisions/0074). */
export const grains = {
  minute: { ms: 60_000, keepMs: 7 * 24 * 3_600_000 },
  hour: { ms: 3_600_000, keepMs: 90 * 24 * 3_600_000 },
  day: { ms: 24 * 3_600_000, keepMs: Infinity },
} as const;
export type Grain = keyof typeof grains;

/** The start of the bucket of a grain that holds an instant (UTC; epoch ms). */
export function bucketOf(grain: Grain, at: number): number {
  const size = grains[grain].ms;
  return Math.floor(at / size) * size;
}

/** The grain to read a range at: hours while they are kept (90 days), days before that. */
export function grainFor(from: number, now: number): Grain {
  return now - from <= grains.hour.keepMs - grains.day.ms ? 'hour' : 'day';
}
