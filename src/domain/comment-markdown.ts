/**
 * The safe Markdown subset of comments: emphasis, links, quotes, lists, inline code and line
 * breaks. No raw HTML, images, headings, tables or code blocks (their syntax stays as text).
 * Links keep only http, https and mailto, and carry rel="nofollow ugc noopener".
 */
import MarkdownIt from 'markdown-it';

const allowedScheme = /^(https?:|mailto:)/i;

export function isAllowedCommentHref(href: string): boolean {
  // Browsers ignore tabs, newlines and spaces inside URLs ("java\tscript:"); judge without them.
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  const normalised = href.replace(/[\u0000-\u001f\u007f\s]+/g, '');
  return allowedScheme.test(normalised);
}

const md = new MarkdownIt('commonmark', { html: false, linkify: true, breaks: true });
md.enable(['linkify']);
md.disable(['heading', 'lheading', 'image', 'fence', 'code', 'hr', 'html_block', 'html_inline']);
md.validateLink = isAllowedCommentHref;
md.renderer.rules.link_open = (tokens, idx, options, _env, self) => {
  tokens[idx]?.attrSet('rel', 'nofollow ugc noopener');
  return self.renderToken(tokens, idx, options);
};

export function renderCommentMarkdown(text: string): string {
  return md.render(text);
}
