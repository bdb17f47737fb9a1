/**
 * Imported HTML (WordPress posts and comments, Disqus messages) to our Markdown. The HTML is
 * never kept or trusted: it is read into a DOM, and only what Markdown can say comes out.
 * Scripts, styles, frames, forms and embeds are dropped with their content; a link keeps its
 * target only when our Markdown would allow it (never `javascript:` or `data:`), otherwise just
 * its text; an image becomes a link to the picture (the old site's files are not imported, and
 * the page's Content-Security-Policy only shows pictures from this site). The Markdown renderer
 * (raw HTML off, the same link rules) is the second fence.
 */
import { createRequire } from 'node:module';
import type TurndownService from 'turndown';
import { isAllowedHref } from '../../domain/links.js';

const dropped = [
  'script',
  'style',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'form',
  'input',
  'button',
  'select',
  'textarea',
  'noscript',
  'template',
  'svg',
  'math',
  'head',
  'title',
  'meta',
  'link',
] as const;

/** The part of a DOM element the rules read (the project compiles without the DOM types). */
interface Attributes {
  getAttribute(name: string): string | null;
}

const blockStart =
  /^<(p|div|ul|ol|li|blockquote|h[1-6]|table|thead|tbody|tr|pre|figure|figcaption|hr|dl|dt|dd|section|article|aside|header|footer|address|details|summary)[\s>/]/i;

/**
 * WordPress stores text with blank lines for paragraphs and single newlines for line breaks,
 * and adds the tags when it shows the page (its "autop"). Turning them into tags first keeps
 * them: a DOM reads raw newlines as plain spaces.
 */
export function autoParagraphs(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n+/)
    .map((chunk) => chunk.trim())
    .filter((chunk) => chunk !== '')
    .map((chunk) => (blockStart.test(chunk) ? chunk : `<p>${chunk.replace(/\n/g, '<br>\n')}</p>`))
    .join('\n\n');
}

/** WordPress's [caption] wrapper keeps the picture and its caption as plain content. */
function unwrapShortcodes(text: string): string {
  return text.replace(/\[caption[^\]]*\]([\s\S]*?)\[\/caption\]/gi, '$1');
}

/**
 * Turndown (and the HTML parser it brings) is loaded at the first import that needs it, not when
 * the server starts: most processes never import a file (decisions/0083).
 */
const load = createRequire(import.meta.url);

function converter(options: { sameSiteLinks: boolean; hardBreak: string }): TurndownService {
  const Turndown = load('turndown') as typeof TurndownService;
  const service = new Turndown({
    headingStyle: 'atx',
    codeBlockStyle: 'fenced',
    bulletListMarker: '-',
    emDelimiter: '*',
    br: options.hardBreak,
  });
  service.remove([...dropped]);
  const allowed = (href: string) => isAllowedHref(href, { sameSite: options.sameSiteLinks });
  service.addRule('safeLinks', {
    filter: 'a',
    replacement: (content, node) => {
      const href = (node as unknown as Attributes).getAttribute('href') ?? '';
      if (!content.trim()) return '';
      if (!allowed(href)) return content;
      return `[${content}](${escapeTarget(href)})`;
    },
  });
  service.addRule('imagesAsLinks', {
    filter: 'img',
    replacement: (_content, node) => {
      const element = node as unknown as Attributes;
      const src = element.getAttribute('src') ?? '';
      const alt = (element.getAttribute('alt') ?? '').replace(/\s+/g, ' ').trim();
      const label = escapeLabel(alt ? `Image: ${alt}` : 'Image');
      return allowed(src) && !src.startsWith('#') ? `[${label}](${escapeTarget(src)})` : alt;
    },
  });
  return service;
}

/** Markdown link targets: spaces and parentheses would end them early. */
function escapeTarget(href: string): string {
  return href.trim().replace(/[\s()<>]/g, (c) => encodeURIComponent(c));
}

function escapeLabel(text: string): string {
  return text.replace(/([\\[\]*_`])/g, '\\$1');
}

let made: { articles: TurndownService; comments: TurndownService } | null = null;
function converters() {
  made ??= {
    articles: converter({ sameSiteLinks: true, hardBreak: '  ' }),
    // Comment Markdown turns every newline into a line break.
    comments: converter({ sameSiteLinks: false, hardBreak: '' }),
  };
  return made;
}

/** An article body from a WordPress post's HTML. */
export function articleMarkdown(html: string): string {
  return converters()
    .articles.turndown(autoParagraphs(unwrapShortcodes(html)))
    .trim();
}

/** A comment's Markdown from WordPress or Disqus HTML. */
export function commentMarkdown(html: string): string {
  return converters().comments.turndown(autoParagraphs(html)).trim();
}

/** Plain text from HTML (titles, excerpts): tags dropped, entities read, spaces collapsed. */
export function plainText(html: string): string {
  if (!/[<&]/.test(html)) return html.replace(/\s+/g, ' ').trim();
  const text = converters().comments.turndown(`<p>${html}</p>`);
  // Undo Markdown's escaping: this text is shown as text, never rendered as Markdown.
  return text
    .replace(/\\([\\`*_{}[\]()#+\-.!>~|])/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

const entities: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
};

/**
 * A field that is text, not HTML (a commenter's name, a category's name), as WordPress stores
 * it: with some characters as entities. `Ned <Tester>` stays exactly that.
 */
export function textField(value: string): string {
  return value
    .replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,6});/gi, (whole, name: string) => {
      if (name.startsWith('#')) {
        const code =
          name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
        return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
      }
      return entities[name.toLowerCase()] ?? whole;
    })
    .replace(/\s+/g, ' ')
    .trim();
}
