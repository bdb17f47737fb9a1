/**
 * The safe Markdown subset of comments: emphasis, links, quotes, lists, inline code and line
 * breaks. No raw HTML, images, headings, tables or code blocks (their syntax stays as text).
 * Links keep only http, https and mailto, and carry rel="nofollow ugc noopener".
 */
import MarkdownIt from 'markdown-it';
import { isAllowedHref } from './links.js';

/** Comments may link out (http, https, mailto) but not to paths: they are read on many pages. */
export function isAllowedCommentHref(href: string): boolean {
  return isAllowedHref(href, { sameSite: false });
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
