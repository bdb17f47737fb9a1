/**
 * RSS 2.0 and Atom 1.0 through the `feed` package. Ids are tag: URIs built from the article's
 * id (stable when a headline, slug or section changes; RSS marks them isPermaLink="false").
 * Atom's title and summary are typed "html", so their text is HTML-escaped first; characters
 * XML 1.0 forbids are dropped everywhere.
 */
import { Feed, type Item } from 'feed';
import { articlePath, type Article } from '../domain/article.js';
import { splitBody } from '../domain/body.js';
import { altText, fallbackOf, imagePath, mimeTypes, type Image } from '../domain/image.js';
import type { LiveUpdate } from '../domain/live.js';
import type { ArticleFeed, CorrectionsFeed } from '../services/syndication.js';
import { publisherName } from '../domain/site.js';
import type { SiteContext } from './context.js';
import { escapeHtml } from './html.js';
import { updateExcerpt, updatePath } from './live.js';
import { renderArticleMarkdown } from './markdown.js';
import { xmlText } from './xml.js';

export type FeedFormat = 'rss' | 'atom';

/** tag: URIs (RFC 4151) under the site's host: `tag:example.com,2026-03-04:article/ID`. */
export function tagUri(baseUrl: string, since: string, what: string): string {
  return `tag:${new URL(baseUrl).hostname},${since.slice(0, 10)}:${what}`;
}

/** A placed image for a feed reader: the fallback file (JPEG or PNG), with its caption. */
function imageHtml(image: Image | undefined): string {
  const file = image ? fallbackOf(image) : null;
  if (!image || !file) return '';
  const credit = image.credit ? ` <span class="credit">${escapeHtml(image.credit)}</span>` : '';
  const caption =
    image.caption || image.credit
      ? `<figcaption>${escapeHtml(image.caption)}${credit}</figcaption>`
      : '';
  return `<figure><img src="${imagePath(file.file)}" width="${file.width}" height="${file.height}" alt="${escapeHtml(altText(image))}" />${caption}</figure>`;
}

/** An article's or update's body as HTML for a feed reader: related-story markers out, links absolute. */
function bodyHtml(body: string, baseUrl: string, images: Map<string, Image>): string {
  const html = splitBody(body)
    .map((part) =>
      part.kind === 'markdown'
        ? renderArticleMarkdown(part.text)
        : part.kind === 'image'
          ? imageHtml(images.get(part.id))
          : '',
    )
    .join('');
  return html.replace(/(href|src)="\/(?!\/)/g, `$1="${baseUrl}/`);
}

function newFeed(
  ctx: SiteContext,
  format: FeedFormat,
  props: {
    title: string;
    description: string;
    pagePath: string;
    feedPath: string;
    updated: string | null;
  },
): Feed {
  const page = ctx.baseUrl + (props.pagePath === '/' ? '/' : props.pagePath);
  const self = `${ctx.baseUrl}${props.feedPath}/${format === 'rss' ? 'feed.xml' : 'atom.xml'}`;
  return new Feed({
    id: page,
    title: xmlText(props.title),
    description: xmlText(props.description || props.title),
    link: page,
    // The feed is the site's, in the site's language (whatever a reader chose for the pages).
    language: ctx.identity.language,
    // With nothing in it yet, a feed was last updated at the epoch (stable bytes, stable ETag).
    updated: new Date(props.updated ?? 0),
    // The software's name travels with the footer credit: an admin who turns one off turns off both.
    generator: ctx.identity.credit ? 'Broadsheet' : false, // i18n-ignore: the software's name
    copyright: `© ${publisherName(ctx.identity)}`,
    ...(ctx.identity.icons
      ? {
          image: ctx.baseUrl + imagePath(ctx.identity.icons.png512),
          favicon: `${ctx.baseUrl}/favicon.ico`,
        }
      : {}),
    feedLinks: format === 'rss' ? { rss: self } : { atom: self },
  });
}

const htmlIn = (format: FeedFormat, text: string) =>
  format === 'atom' ? escapeHtml(xmlText(text)) : xmlText(text);

/** What a feed item is made of: an article's, or one update's of a live article. */
interface ItemParts {
  /** The main image, sent as an enclosure (RSS) or link rel="enclosure" (Atom). */
  image?: Image | null;
  /** Plain text (HTML-escaped here for Atom). */
  title: string;
  id: string;
  link: string;
  /** Atom's <updated>: the public "Updated" time only (an editor-marked update). */
  date: Date;
  published: Date;
  /** Plain text. */
  summary: string;
  /** Markdown, sent as HTML when the feed carries full text. */
  body: string;
  authors: readonly { name: string; slug: string }[];
  section: { name: string; slug: string };
  tags: readonly { name: string; slug: string }[];
}

function feedItem(ctx: SiteContext, feed: ArticleFeed, format: FeedFormat, p: ItemParts): Item {
  // The JPEG or PNG file, which every feed reader can show.
  const picture = p.image ? fallbackOf(p.image) : null;
  return {
    ...(picture
      ? {
          image: {
            url: ctx.baseUrl + imagePath(picture.file),
            type: mimeTypes[picture.format],
            length: picture.bytes,
          },
        }
      : {}),
    title: htmlIn(format, p.title),
    id: p.id,
    link: p.link,
    date: p.date,
    published: p.published,
    description: escapeHtml(xmlText(p.summary)),
    ...(feed.fullText ? { content: xmlText(bodyHtml(p.body, ctx.baseUrl, feed.images)) } : {}),
    // RSS 2.0's <author> is an email address: names travel as Dublin Core creators instead,
    // one a person; Atom has <author><name> of its own.
    ...(format === 'rss'
      ? {
          extensions: [
            {
              name: 'dc:creator',
              // An array: one element each (xml-js writes arrays as repeated elements).
              objects: p.authors.map((a) => ({ _text: xmlText(a.name) })) as unknown as Record<
                string,
                unknown
              >,
            },
          ],
        }
      : {
          author: p.authors.map((a) => ({
            name: xmlText(a.name),
            link: `${ctx.baseUrl}/author/${a.slug}`,
          })),
        }),
    category: [
      // Atom's label attribute would carry the name unescaped, so Atom gets slugs as terms.
      format === 'rss'
        ? { name: xmlText(p.section.name), domain: `${ctx.baseUrl}/${p.section.slug}` }
        : { term: p.section.slug, scheme: `${ctx.baseUrl}/` },
      ...p.tags.map((t) =>
        format === 'rss'
          ? { name: xmlText(t.name), domain: `${ctx.baseUrl}/tag/${t.slug}` }
          : { term: t.slug, scheme: `${ctx.baseUrl}/tag/` },
      ),
    ],
  };
}

function articleItem(ctx: SiteContext, feed: ArticleFeed, format: FeedFormat, a: Article): Item {
  return feedItem(ctx, feed, format, {
    image: a.mainImage,
    title: a.headline,
    id: tagUri(ctx.baseUrl, a.createdAt, `article/${a.id}`),
    link: ctx.baseUrl + articlePath(a),
    date: new Date(a.updatedAt ?? a.publishedAt ?? a.createdAt),
    published: new Date(a.publishedAt ?? a.createdAt),
    summary: a.standfirst || a.headline,
    body: a.body,
    authors: a.authors,
    section: a.section,
    tags: a.tags,
  });
}

/** One update of a live article: its own id and permalink, its time, its title or first words. */
function liveUpdateItem(
  ctx: SiteContext,
  feed: ArticleFeed,
  format: FeedFormat,
  a: Article,
  u: LiveUpdate,
): Item {
  const label = u.title ?? ctx.i18n.t('live.feed.update', { time: ctx.i18n.dateTime(u.postedAt) });
  return feedItem(ctx, feed, format, {
    title: `${a.headline}: ${label}`,
    id: tagUri(ctx.baseUrl, u.postedAt, `live-update/${u.id}`),
    link: ctx.baseUrl + updatePath(articlePath(a), u.id),
    date: new Date(u.editedAt ?? u.postedAt),
    published: new Date(u.postedAt),
    summary: updateExcerpt(u.body, 300),
    body: u.body,
    authors: u.authors,
    section: a.section,
    tags: [],
  });
}

export function articleFeedXml(ctx: SiteContext, feed: ArticleFeed, format: FeedFormat): string {
  const out = newFeed(ctx, format, {
    title: feed.subject ? `${ctx.siteName}: ${feed.subject}` : ctx.siteName,
    description: feed.description || ctx.i18n.t('reader.feed.latest', { site: ctx.siteName }),
    pagePath: feed.pagePath,
    feedPath: feed.pagePath === '/' ? '' : feed.pagePath,
    updated: feed.updated,
  });
  for (const a of feed.articles) {
    out.addItem(articleItem(ctx, feed, format, a));
    // A live article's updates follow it, each an item of its own (newest first).
    for (const u of feed.liveUpdates.get(a.id) ?? []) {
      out.addItem(liveUpdateItem(ctx, feed, format, a, u));
    }
  }
  return format === 'rss' ? withDublinCore(out.rss2()) : out.atom1();
}

/** The `feed` package declares the dc: namespace only with full text; creators need it too. */
function withDublinCore(xml: string): string {
  if (xml.includes(' xmlns:dc=') || !xml.includes('<dc:creator>')) return xml;
  return xml.replace(
    '<rss version="2.0"',
    '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"',
  );
}

export function correctionsFeedXml(
  ctx: SiteContext,
  feed: CorrectionsFeed,
  format: FeedFormat,
): string {
  const out = newFeed(ctx, format, {
    title: ctx.i18n.t('reader.feed.corrections', { site: ctx.siteName }),
    description: ctx.i18n.t('reader.feed.correctionsDescription', { site: ctx.siteName }),
    pagePath: '/corrections',
    feedPath: '/corrections',
    updated: feed.updated,
  });
  for (const c of feed.corrections) {
    out.addItem({
      title: htmlIn(
        format,
        ctx.i18n.t('reader.feed.correctionTitle', { kind: c.kind, headline: c.article.headline }),
      ),
      id: tagUri(ctx.baseUrl, c.createdAt, `correction/${c.id}`),
      link: `${ctx.baseUrl}${articlePath(c.article)}#corrections-heading`,
      date: new Date(c.createdAt),
      published: new Date(c.createdAt),
      description: escapeHtml(xmlText(c.text)),
      category:
        format === 'rss'
          ? [
              { name: c.kind },
              {
                name: xmlText(c.article.section.name),
                domain: `${ctx.baseUrl}/${c.article.section.slug}`,
              },
            ]
          : [{ term: c.kind }, { term: c.article.section.slug, scheme: `${ctx.baseUrl}/` }],
    });
  }
  return format === 'rss' ? out.rss2() : out.atom1();
}
