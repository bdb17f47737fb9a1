/**
 * An article's header, main image and body, as the article page shows them and as the editor's
 * preview shows an unsaved form: one markup, so the preview cannot drift from the page. Where the
 * two differ, an option says so.
 */
import { articlePath, type ArticleSummary } from '../../domain/article.js';
import { splitBody } from '../../domain/body.js';
import type { Image } from '../../domain/image.js';
import { formatDateTime } from '../format.js';
import { html, raw, type SafeHtml } from '../html.js';
import { figure, sizes } from '../image.js';
import { renderArticleMarkdown } from '../markdown.js';

/** What the header shows: the page passes the article, the preview what the form says. */
export interface ArticleHeading {
  section: { slug: string; name: string };
  headline: string;
  standfirst: string;
  /** In byline order; the preview knows only names, so its people have no slug. */
  authors: readonly { name: string; slug?: string }[];
  dateline: string;
  publishedAt: string | null;
  updatedAt: string | null;
  updateNote: string | null;
}

export interface HeadingOptions {
  /** The page's own `h1`; the preview sits inside the editor, whose page has its `h1` already. */
  headline: 'h1' | 'paragraph';
  /** Section and author links: the page has them; a preview's would lead to unfinished pages. */
  links: boolean;
  /** Between the standfirst and the byline: the article page's tools. */
  tools?: SafeHtml;
  /** The site's time zone, for the published and updated times. */
  timeZone: string;
  /** Last in the header: the article page's print source line. */
  footer?: SafeHtml;
}

function byline(authors: ArticleHeading['authors'], links: boolean): SafeHtml {
  return html`<p class="byline">By ${authors.map((p, i) => html`${i === 0 ? '' : i === authors.length - 1 ? ' and ' : ', '}${links && p.slug ? html`<a rel="author" href="/author/${p.slug}">${p.name}</a>` : p.name}`)}</p>`;
}

/** The meta line; left out only when it would be empty (a preview without a dateline). */
function meta(a: ArticleHeading, timeZone: string): SafeHtml | '' {
  if (!a.dateline && !a.publishedAt && !a.updatedAt) return '';
  return html`<p class="article-meta">
          ${a.dateline ? html`<span class="dateline">${a.dateline}</span>` : ''}
          ${a.publishedAt ? html`<span>Published <time datetime="${a.publishedAt}">${formatDateTime(a.publishedAt, timeZone)}</time></span>` : ''}
          ${a.updatedAt ? html`<span>Updated <time datetime="${a.updatedAt}">${formatDateTime(a.updatedAt, timeZone)}</time></span>` : ''}
        </p>`;
}

export function articleHeader(a: ArticleHeading, options: HeadingOptions): SafeHtml {
  return html`<header class="article__header">
        <p class="kicker">${options.links ? html`<a href="/${a.section.slug}">${a.section.name}</a>` : a.section.name}</p>
        ${options.headline === 'h1' ? html`<h1 id="headline">${a.headline}</h1>` : html`<p class="preview__headline">${a.headline}</p>`}
        ${a.standfirst ? html`<p class="standfirst">${a.standfirst}</p>` : ''}
        ${options.tools ?? ''}
        ${a.authors.length ? byline(a.authors, options.links) : ''}
        ${meta(a, options.timeZone)}
        ${a.updatedAt && a.updateNote ? html`<p class="update-note"><strong>Update:</strong> ${a.updateNote}</p>` : ''}
        ${options.footer ?? ''}
      </header>`;
}

export function mainImage(image: Image | null | undefined): SafeHtml | '' {
  return image ? figure(image, { sizes: sizes.article, lazy: false, className: 'main-image' }) : '';
}

/** What a body places besides its text: uploaded images by id, published headlines by slug. */
export interface BodyPlacements {
  images: ReadonlyMap<string, Image>;
  inline: ReadonlyMap<string, ArticleSummary>;
}

function inlineRelated(content: SafeHtml): SafeHtml {
  return html`<aside class="inline-related" aria-label="Related story">
    <p class="label">Related</p>
    <p>${content}</p>
  </aside>`;
}

/**
 * The body's Markdown with its placed images and related headlines. A placement that is missing
 * (not uploaded, not or no longer published) is left out of the page; with `notes`, the preview
 * says so in its place instead.
 */
export function articleBody(
  text: string,
  placed: BodyPlacements,
  options: { notes: boolean },
): SafeHtml {
  return html`<div class="article__body">${splitBody(text).map((part) => {
    if (part.kind === 'markdown') return raw(renderArticleMarkdown(part.text));
    if (part.kind === 'image') {
      const image = placed.images.get(part.id);
      if (image) return figure(image, { sizes: sizes.article, lazy: true });
      return options.notes
        ? html`<p><em>No uploaded image “${part.id}”: readers will not see this.</em></p>`
        : '';
    }
    const target = placed.inline.get(part.slug);
    if (target) return inlineRelated(html`<a href="${articlePath(target)}">${target.headline}</a>`);
    return options.notes
      ? inlineRelated(
          html`<em>No published article “${part.slug}”: readers will not see this.</em>`,
        )
      : '';
  })}</div>`;
}
