/**
 * A static page (About, Contact…) as readers see it, and as the editor's preview shows an unsaved
 * form: one markup, drawn with the article page's reading styles and the site's Markdown
 * renderer (raw HTML off, link schemes checked). No byline, date, section or comments: not news.
 */
import { pagePath, type PageContent } from '../../domain/page.js';
import type { PageContext } from '../context.js';
import { html, raw, type SafeHtml } from '../html.js';
import { layout } from '../layout.js';
import { renderArticleMarkdown } from '../markdown.js';

export function staticPageContent(
  page: Pick<PageContent, 'title' | 'description' | 'body'>,
  options: { heading: 'h1' | 'paragraph' },
): SafeHtml {
  return html`<div class="article static-page">
    <header class="article__header">
      ${options.heading === 'h1' ? html`<h1>${page.title}</h1>` : html`<p class="preview__headline">${page.title}</p>`}
      ${page.description ? html`<p class="standfirst">${page.description}</p>` : ''}
    </header>
    <div class="article__body">${raw(renderArticleMarkdown(page.body))}</div>
  </div>`;
}

export function staticPageView(ctx: PageContext, page: PageContent & { id?: string }): SafeHtml {
  return layout(ctx, {
    title: page.title,
    ...(page.id ? { currentPage: page.id } : {}),
    ...(page.description ? { description: page.description } : {}),
    canonical: ctx.baseUrl + pagePath(page),
    main: staticPageContent(page, { heading: 'h1' }),
  });
}
