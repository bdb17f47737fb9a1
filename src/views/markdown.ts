/**
 * Markdown to HTML with raw HTML off. Only http, https and mailto links (and same-site paths and
 * fragments) survive; anything else is rendered as plain text.
 */
import MarkdownIt from 'markdown-it';

const allowedLink = /^(https?:|mailto:|\/(?!\/)|#)/i;

export function isAllowedHref(href: string): boolean {
  const trimmed = href.trim();
  // Browsers ignore tabs and newlines inside URLs ("java\tscript:"), so strip them before judging.
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  const normalised = trimmed.replace(/[\u0000-\u001f\u007f\s]+/g, '');
  return allowedLink.test(normalised);
}

function build(options: { typographer: boolean }): MarkdownIt {
  const md = new MarkdownIt({ html: false, linkify: true, typographer: options.typographer });
  md.validateLink = isAllowedHref;
  return md;
}

const articleRenderer = build({ typographer: true });

/** Article bodies: the full CommonMark set without raw HTML. */
export function renderArticleMarkdown(text: string): string {
  return articleRenderer.render(text);
}
