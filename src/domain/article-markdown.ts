/**
 * Markdown to HTML for article bodies and static pages, with raw HTML off. Only http, https and
 * mailto links (and same-site paths and fragments) survive; anything else is rendered as plain
 * text. In domain/ because the store renders a body when it is saved (domain/body.ts).
 */
import MarkdownIt from 'markdown-it';
import { isAllowedHref } from './links.js';

/** Article bodies may also link to paths on this site. */
export function isAllowedArticleHref(href: string): boolean {
  return isAllowedHref(href, { sameSite: true });
}

const articleRenderer = new MarkdownIt({ html: false, linkify: true, typographer: true });
articleRenderer.validateLink = isAllowedArticleHref;

/** Article bodies: the full CommonMark set without raw HTML. */
export function renderArticleMarkdown(text: string): string {
  return articleRenderer.render(text);
}
