/**
 * What machines read on an article page: NewsArticle and BreadcrumbList JSON-LD, Open Graph and
 * Twitter card tags. JSON-LD is data, not script: browsers never run it, so the CSP (which
 * allows inline scripts only by hash) does not apply, and `jsonScript` escapes `<` so no
 * headline can close the element.
 */
import { activeCorrections, articlePath, type Article } from '../domain/article.js';
import type { SiteContext } from './context.js';
import { joinNames } from './format.js';
import { html, jsonScript, type SafeHtml } from './html.js';

export function newsArticleJsonLd(ctx: SiteContext, a: Article) {
  const url = ctx.baseUrl + articlePath(a);
  const corrections = activeCorrections(a.corrections);
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    '@id': `${url}#article`,
    headline: a.headline,
    ...(a.standfirst ? { description: a.standfirst } : {}),
    mainEntityOfPage: { '@type': 'WebPage', '@id': url },
    url,
    datePublished: a.publishedAt,
    // The public "Updated" time (an editor-marked update), never the time of the last save.
    dateModified: a.updatedAt ?? a.publishedAt,
    articleSection: a.section.name,
    ...(a.tags.length ? { keywords: a.tags.map((t) => t.name) } : {}),
    ...(a.dateline ? { dateline: a.dateline } : {}),
    inLanguage: 'en-GB',
    isAccessibleForFree: true,
    author: a.authors.map((p) => ({
      '@type': 'Person',
      name: p.name,
      url: `${ctx.baseUrl}/author/${p.slug}`,
    })),
    publisher: {
      '@type': 'NewsMediaOrganization',
      name: ctx.siteName,
      url: `${ctx.baseUrl}/`,
      logo: { '@type': 'ImageObject', url: ctx.baseUrl + ctx.assetUrl('logo.svg') },
    },
    ...(corrections.length
      ? {
          correction: corrections.map((c) => ({
            '@type': 'CorrectionComment',
            text: c.text,
            datePublished: c.createdAt,
          })),
        }
      : {}),
  };
}

export function breadcrumbJsonLd(ctx: SiteContext, a: Article) {
  const crumbs = [
    { name: ctx.siteName, item: `${ctx.baseUrl}/` },
    { name: a.section.name, item: `${ctx.baseUrl}/${a.section.slug}` },
    { name: a.headline, item: ctx.baseUrl + articlePath(a) },
  ];
  return {
    '@context': 'https://schema.org',
    '@type': 'BreadcrumbList',
    itemListElement: crumbs.map((c, i) => ({ '@type': 'ListItem', position: i + 1, ...c })),
  };
}

/** Open Graph, Twitter card and JSON-LD for an article's <head>. */
export function articleMetadata(ctx: SiteContext, a: Article): SafeHtml {
  const url = ctx.baseUrl + articlePath(a);
  const description = a.standfirst || a.headline;
  const authorNames = joinNames(a.authors.map((p) => p.name));
  return html`<meta property="og:type" content="article" />
    <meta property="og:site_name" content="${ctx.siteName}" />
    <meta property="og:title" content="${a.headline}" />
    <meta property="og:description" content="${description}" />
    <meta property="og:url" content="${url}" />
    <meta property="og:locale" content="en_GB" />
    ${a.publishedAt ? html`<meta property="article:published_time" content="${a.publishedAt}" />` : ''}
    ${a.updatedAt ? html`<meta property="article:modified_time" content="${a.updatedAt}" />` : ''}
    <meta property="article:section" content="${a.section.name}" />
    ${a.tags.map((t) => html`<meta property="article:tag" content="${t.name}" />`)}
    ${a.authors.map((p) => html`<meta property="article:author" content="${ctx.baseUrl}/author/${p.slug}" />`)}
    ${authorNames ? html`<meta name="author" content="${authorNames}" />` : ''}
    <meta name="twitter:card" content="summary" />
    <meta name="twitter:title" content="${a.headline}" />
    <meta name="twitter:description" content="${description}" />
    <script type="application/ld+json">${jsonScript(newsArticleJsonLd(ctx, a))}</script>
    <script type="application/ld+json">${jsonScript(breadcrumbJsonLd(ctx, a))}</script>`;
}
