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
