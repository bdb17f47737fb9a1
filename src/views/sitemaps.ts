/** sitemap.xml (a URL set or an index of them), the Google News sitemap, and robots.txt. */
import { articlePath, type ArticleSummary } from '../domain/article.js';
import type { SitemapUrl } from '../services/syndication.js';
import type { SiteContext } from './context.js';
import { escapeXml } from './xml.js';

const declaration = '<?xml version="1.0" encoding="UTF-8"?>';
const sitemapNs = 'http://www.sitemaps.org/schemas/sitemap/0.9';
const newsNs = 'http://www.google.com/schemas/sitemap-news/0.9';

function entry(tag: 'url' | 'sitemap', baseUrl: string, u: SitemapUrl): string {
  const lastmod = u.lastmod ? `<lastmod>${escapeXml(u.lastmod)}</lastmod>` : '';
  return `<${tag}><loc>${escapeXml(baseUrl + u.path)}</loc>${lastmod}</${tag}>`;
}

export function urlsetXml(baseUrl: string, urls: readonly SitemapUrl[]): string {
  return [
    declaration,
    `<urlset xmlns="${sitemapNs}">`,
    ...urls.map((u) => entry('url', baseUrl, u)),
    '</urlset>',
    '',
  ].join('\n');
}

export function sitemapIndexXml(baseUrl: string, sitemaps: readonly SitemapUrl[]): string {
  return [
    declaration,
    `<sitemapindex xmlns="${sitemapNs}">`,
    ...sitemaps.map((u) => entry('sitemap', baseUrl, u)),
    '</sitemapindex>',
    '',
  ].join('\n');
}

/** Google News: each article's publication (name, language), publication date and title. */
export function newsSitemapXml(ctx: SiteContext, articles: readonly ArticleSummary[]): string {
  // Google News takes the language's ISO 639 code: en, de.
  const language = ctx.identity.language.split('-')[0] ?? 'en';
  const publication = `<news:publication><news:name>${escapeXml(ctx.siteName)}</news:name><news:language>${escapeXml(language)}</news:language></news:publication>`;
  return [
    declaration,
    `<urlset xmlns="${sitemapNs}" xmlns:news="${newsNs}">`,
    ...articles.map(
      (a) =>
        `<url><loc>${escapeXml(ctx.baseUrl + articlePath(a))}</loc><news:news>${publication}<news:publication_date>${escapeXml(a.publishedAt ?? '')}</news:publication_date><news:title>${escapeXml(a.headline)}</news:title></news:news></url>`,
    ),
    '</urlset>',
    '',
  ].join('\n');
}

/** Crawlers may read every public page; staff, account and API paths are not for them. */
export function robotsTxt(baseUrl: string): string {
  // robots.txt is read by crawlers: its directives are English by definition.
  return [
    'User-agent: *', // i18n-ignore
    'Disallow: /admin', // i18n-ignore
    'Disallow: /account', // i18n-ignore
    'Disallow: /api/', // i18n-ignore
    'Disallow: /search', // i18n-ignore
    '',
    `Sitemap: ${baseUrl}/sitemap.xml`,
    `Sitemap: ${baseUrl}/news-sitemap.xml`,
    '',
  ].join('\n');
}
