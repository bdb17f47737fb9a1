/**
 * Markdown to HTML with raw HTML off. Only http, https and mailto links (and same-site paths and
 * fragments) survive; anything else is rendered as plain text.
 */
import MarkdownIt from 'markdown-it';
import { isAllowedHref } from '../domain/links.js';

/** Article bodies may also link to paths on this site. */
export function isAllowedArticleHref(href: string): boolean {
  return isAllowedHref(href, { sameSite: true });
}

function build(options: { typographer: boolean }): MarkdownIt {
  const md = new MarkdownIt({ html: false, linkify: true, typographer: options.typographer });
  md.validateLink = isAllowedArticleHref;
  return md;
}

const articleRenderer = build({ typographer: true });

/** Article bodies: the full CommonMark set without raw HTML. */
export function renderArticleMarkdown(text: string): string {
  return articleRenderer.render(text);
}
