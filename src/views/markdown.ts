/**
 * Markdown to HTML for the views: the article renderer lives in domain/article-markdown.ts,
 * since the store also renders a body when it is saved (decisions/0054).
 */
export { isAllowedArticleHref, renderArticleMarkdown } from '../domain/article-markdown.js';
