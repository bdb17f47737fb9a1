/**
 * An article's header, main image and body, as the article page shows them and as the editor's
 * preview shows an unsaved form: one markup, so the preview cannot drift from the page. Where the
 * two differ, an option says so.
 */
import { articlePath, type ArticleSummary } from '../../domain/article.js';
import { splitBody, type RenderedPart } from '../../domain/body.js';
import type { Image } from '../../domain/image.js';
import { defaultLanguage } from '../../i18n/languages.js';
import { translator, type Translator } from '../../i18n/translator.js';
import { nameList } from '../format.js';
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
  /**
   * The page's words and dates. Without it (a caller not moved to the catalogue yet), English in
   * `timeZone`.
   */
  i18n?: Translator;
  /** Last in the header: the article page's print source line. */
  footer?: SafeHtml;
}

/** Without a translator: the default language (English) in the given zone. */
const fallback = (i18n: Translator | undefined, timeZone = 'UTC') =>
  i18n ?? translator(defaultLanguage, timeZone);

function byline(i18n: Translator, authors: ArticleHeading['authors'], links: boolean): SafeHtml {
  const names = authors.map((p) =>
    links && p.slug ? html`<a rel="author" href="/author/${p.slug}">${p.name}</a>` : p.name,
  );
  return html`<p class="byline">${i18n.rich('reader.byline', {}, { names: () => nameList(i18n, names) })}</p>`;
}

/** One time of the meta line: "Published <time>…</time>". */
function stamp(
  i18n: Translator,
  key: 'reader.article.published' | 'reader.article.updated',
  iso: string,
): SafeHtml {
  return i18n.rich(
    key,
    { when: i18n.dateTime(iso) },
    { time: (c) => html`<time datetime="${iso}">${c}</time>` },
  );
}

/** The meta line; left out only when it would be empty (a preview without a dateline). */
function meta(a: ArticleHeading, i18n: Translator): SafeHtml | '' {
  if (!a.dateline && !a.publishedAt && !a.updatedAt) return '';
  return html`<p class="article-meta">
          ${a.dateline ? html`<span class="dateline">${a.dateline}</span>` : ''}
          ${a.publishedAt ? html`<span>${stamp(i18n, 'reader.article.published', a.publishedAt)}</span>` : ''}
          ${a.updatedAt ? html`<span>${stamp(i18n, 'reader.article.updated', a.updatedAt)}</span>` : ''}
        </p>`;
}

export function articleHeader(a: ArticleHeading, options: HeadingOptions): SafeHtml {
  const i18n = fallback(options.i18n, options.timeZone);
  return html`<header class="article__header">
        <p class="kicker">${options.links ? html`<a href="/${a.section.slug}">${a.section.name}</a>` : a.section.name}</p>
        ${options.headline === 'h1' ? html`<h1 id="headline">${a.headline}</h1>` : html`<p class="preview__headline">${a.headline}</p>`}
        ${a.standfirst ? html`<p class="standfirst">${a.standfirst}</p>` : ''}
        ${options.tools ?? ''}
        ${a.authors.length ? byline(i18n, a.authors, options.links) : ''}
        ${meta(a, i18n)}
        ${a.updatedAt && a.updateNote ? html`<p class="update-note">${i18n.rich('reader.article.updateNote', { note: a.updateNote }, { strong: (c) => html`<strong>${c}</strong>` })}</p>` : ''}
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
  /** The body rendered when saved, used when `source` is the text shown (decisions/0054). */
  renderedBody?: { source: string; parts: readonly RenderedPart[] } | null;
}

function inlineRelated(i18n: Translator, content: SafeHtml): SafeHtml {
  return html`<aside class="inline-related" aria-label="${i18n.t('reader.article.inlineRelated')}">
    <p class="label">${i18n.t('reader.article.inlineRelatedLabel')}</p>
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
  options: { notes: boolean; i18n?: Translator; className?: string },
): SafeHtml {
  const i18n = fallback(options.i18n);
  const stored = placed.renderedBody?.source === text ? placed.renderedBody.parts : null;
  return html`<div class="${options.className ?? 'article__body'}">${(
    stored ?? splitBody(text)
  ).map((part) => {
    if (part.kind === 'html') return raw(part.html);
    if (part.kind === 'markdown') return raw(renderArticleMarkdown(part.text));
    if (part.kind === 'image') {
      const image = placed.images.get(part.id);
      if (image) return figure(image, { sizes: sizes.article, lazy: true });
      return options.notes
        ? html`<p><em>${i18n.t('reader.article.missingImage', { id: part.id })}</em></p>`
        : '';
    }
    const target = placed.inline.get(part.slug);
    if (target) {
      return inlineRelated(i18n, html`<a href="${articlePath(target)}">${target.headline}</a>`);
    }
    return options.notes
      ? inlineRelated(
          i18n,
          html`<em>${i18n.t('reader.article.missingArticle', { slug: part.slug })}</em>`,
        )
      : '';
  })}</div>`;
}
