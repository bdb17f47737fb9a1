/**
 * What machines read on an article page: NewsArticle and BreadcrumbList JSON-LD, Open Graph and
 * Twitter card tags. JSON-LD is data, not script: browsers never run it, so the CSP (which
 * allows inline scripts only by hash) does not apply, and `jsonScript` escapes `<` so no
 * headline can close the element.
 */
import { activeCorrections, articlePath, type Article } from '../domain/article.js';
import {
  altText,
  cropOf,
  fallbackOf,
  imagePath,
  mimeTypes,
  type Image,
  type ImageVariant,
} from '../domain/image.js';
import { publisherName } from '../domain/site.js';
import type { SiteContext } from './context.js';
import { translator } from '../i18n/translator.js';
import { nameListText } from './format.js';
import { html, jsonScript, type SafeHtml } from './html.js';
import { liveBlogJsonLd, type LiveData } from './live-structured-data.js';

/**
 * The files search engines get for an article's image: the 16:9, 4:3 and 1:1 crops (Google asks
 * for those ratios), else the uncropped fallback.
 */
export function structuredImages(image: Image): ImageVariant[] {
  const crops = [cropOf(image, '16x9'), cropOf(image, '4x3'), cropOf(image, '1x1')].filter(
    (v): v is ImageVariant => v !== null,
  );
  const fallback = fallbackOf(image);
  return crops.length ? crops : fallback ? [fallback] : [];
}

/** The picture for social cards: the 16:9 crop, else the fallback. */
export function cardImage(image: Image): ImageVariant | null {
  return cropOf(image, '16x9') ?? fallbackOf(image);
}

function imageObjects(ctx: SiteContext, image: Image) {
  return structuredImages(image).map((v) => ({
    '@type': 'ImageObject',
    url: ctx.baseUrl + imagePath(v.file),
    contentUrl: ctx.baseUrl + imagePath(v.file),
    width: v.width,
    height: v.height,
    encodingFormat: mimeTypes[v.format],
    ...(image.caption ? { caption: image.caption } : {}),
    ...(image.credit ? { creditText: image.credit } : {}),
  }));
}

/**
 * The publisher: the name and address the admin gave (the site's own by default), and its logo —
 * the uploaded logo, else the largest icon, else a plain newspaper mark.
 */
export function publisherJsonLd(ctx: SiteContext) {
  const { identity } = ctx;
  const logo = identity.logo
    ? {
        url: ctx.baseUrl + imagePath(identity.logo.file),
        width: identity.logo.width,
        height: identity.logo.height,
      }
    : identity.icons
      ? { url: ctx.baseUrl + imagePath(identity.icons.png512), width: 512, height: 512 }
      : { url: ctx.baseUrl + ctx.assetUrl('logo.svg') };
  return {
    '@type': 'NewsMediaOrganization',
    name: publisherName(identity),
    url: identity.publisherUrl || `${ctx.baseUrl}/`,
    logo: { '@type': 'ImageObject', ...logo },
    ...(identity.publisherEmail ? { email: identity.publisherEmail } : {}),
  };
}

export function newsArticleJsonLd(ctx: SiteContext, a: Article) {
  const url = ctx.baseUrl + articlePath(a);
  const corrections = activeCorrections(a.corrections);
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    '@id': `${url}#article`,
    headline: a.headline,
    ...(a.standfirst ? { description: a.standfirst } : {}),
    ...(a.mainImage ? { image: imageObjects(ctx, a.mainImage) } : {}),
    mainEntityOfPage: { '@type': 'WebPage', '@id': url },
    url,
    datePublished: a.publishedAt,
    // The public "Updated" time (an editor-marked update), never the time of the last save.
    dateModified: a.updatedAt ?? a.publishedAt,
    articleSection: a.section.name,
    ...(a.tags.length ? { keywords: a.tags.map((t) => t.name) } : {}),
    ...(a.dateline ? { dateline: a.dateline } : {}),
    // The article's language: the site's, whatever interface language the reader chose.
    inLanguage: ctx.identity.language,
    isAccessibleForFree: true,
    author: a.authors.map((p) => ({
      '@type': 'Person',
      name: p.name,
      url: `${ctx.baseUrl}/author/${p.slug}`,
    })),
    publisher: publisherJsonLd(ctx),
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
export function articleMetadata(ctx: SiteContext, a: Article, live?: LiveData): SafeHtml {
  const url = ctx.baseUrl + articlePath(a);
  const description = a.standfirst || a.headline;
  // Machines read the site's language, as the article is written in it.
  const siteWords = translator(ctx.identity.language, ctx.identity.timeZone);
  const authorNames = nameListText(
    siteWords,
    a.authors.map((p) => p.name),
  );
  const card = a.mainImage ? cardImage(a.mainImage) : null;
  const cardUrl = card ? ctx.baseUrl + imagePath(card.file) : '';
  const cardAlt = a.mainImage ? altText(a.mainImage) : '';
  return html`<meta property="og:type" content="article" />
    <meta property="og:site_name" content="${ctx.siteName}" />
    <meta property="og:title" content="${a.headline}" />
    <meta property="og:description" content="${description}" />
    <meta property="og:url" content="${url}" />
    <meta property="og:locale" content="${ctx.identity.language.replace('-', '_')}" />
    ${a.publishedAt ? html`<meta property="article:published_time" content="${a.publishedAt}" />` : ''}
    ${a.updatedAt ? html`<meta property="article:modified_time" content="${a.updatedAt}" />` : ''}
    <meta property="article:section" content="${a.section.name}" />
    ${a.tags.map((t) => html`<meta property="article:tag" content="${t.name}" />`)}
    ${a.authors.map((p) => html`<meta property="article:author" content="${ctx.baseUrl}/author/${p.slug}" />`)}
    ${authorNames ? html`<meta name="author" content="${authorNames}" />` : ''}
    ${
      card
        ? html`<meta property="og:image" content="${cardUrl}" />
    <meta property="og:image:type" content="${mimeTypes[card.format]}" />
    <meta property="og:image:width" content="${card.width}" />
    <meta property="og:image:height" content="${card.height}" />
    ${cardAlt ? html`<meta property="og:image:alt" content="${cardAlt}" />` : ''}`
        : ''
    }
    <meta name="twitter:card" content="${card ? 'summary_large_image' : 'summary'}" />
    <meta name="twitter:title" content="${a.headline}" />
    <meta name="twitter:description" content="${description}" />
    ${
      card
        ? html`<meta name="twitter:image" content="${cardUrl}" />
    ${cardAlt ? html`<meta name="twitter:image:alt" content="${cardAlt}" />` : ''}`
        : ''
    }
    <script type="application/ld+json">${jsonScript(live ? liveBlogJsonLd(newsArticleJsonLd(ctx, a), ctx, a, live) : newsArticleJsonLd(ctx, a))}</script>
    <script type="application/ld+json">${jsonScript(breadcrumbJsonLd(ctx, a))}</script>`;
}
