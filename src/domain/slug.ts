/**
 * Words that are routes of their own and so can never be section slugs: SPEC §4's list and every
 * other first path segment the app routes (test/http.routes.test.ts checks the route table).
 */
export const reservedSectionSlugs: ReadonlySet<string> = new Set([
  'admin',
  'api',
  'assets',
  'author',
  'tag',
  'search',
  'signin',
  'signup',
  'signout',
  'setup',
  'account',
  'comments',
  'images',
  'corrections',
  'feed.xml',
  'atom.xml',
  'sitemap.xml',
  'news-sitemap.xml',
  'robots.txt',
  'healthz',
  'readyz',
  'metrics',
  'favicon.ico',
  'invitation',
  // POST /language: a reader's interface language without JavaScript.
  'language',
  // Readers' newsletters: subscribing, managing and the archive (docs/newsletters.md).
  'newsletters',
]);

const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function isSlug(value: string): boolean {
  return value.length <= 120 && slugPattern.test(value);
}

/** Lower-case ASCII words joined by hyphens; accents are folded ("Café Zürich" → "cafe-zurich"). */
export function slugify(text: string, maxLength = 80): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= maxLength) return slug;
  const cut = slug.slice(0, maxLength);
  const lastHyphen = cut.lastIndexOf('-');
  return (lastHyphen > maxLength / 2 ? cut.slice(0, lastHyphen) : cut).replace(/-+$/, '');
}

export function isAllowedSectionSlug(slug: string): boolean {
  return isSlug(slug) && !reservedSectionSlugs.has(slug);
}

/**
 * The first of `base`, `base-2`, `base-3`… that `taken` says is free: how new people, articles
 * and imported ones get a unique slug from a name.
 */
export async function freeSlug(
  base: string,
  taken: (candidate: string) => Promise<boolean>,
): Promise<string> {
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    if (!(await taken(candidate))) return candidate;
  }
}
