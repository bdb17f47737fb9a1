/** /corrections: every public correction, clarification and update, newest first. */
import { articlePath } from '../../domain/article.js';
import type { Page } from '../../services/reading.js';
import type { PublishedCorrection } from '../../store/types.js';
import type { PageContext } from '../context.js';
import { formatDateTime } from '../format.js';
import { html, type SafeHtml } from '../html.js';
import { layout } from '../layout.js';

const kindName: Record<PublishedCorrection['kind'], string> = {
  correction: 'Correction',
  clarification: 'Clarification',
  update: 'Update',
};

function item(c: PublishedCorrection): SafeHtml {
  return html`<li class="correction-entry">
    <p class="kicker">${kindName[c.kind]}</p>
    <h2><a href="${articlePath(c.article)}#corrections-heading">${c.article.headline}</a></h2>
    <p>${c.text}</p>
    <p class="story-meta">
      <time datetime="${c.createdAt}">${formatDateTime(c.createdAt)}</time> ·
      <a href="/${c.article.section.slug}">${c.article.section.name}</a>
    </p>
  </li>`;
}

export function correctionsPageView(
  ctx: PageContext,
  page: Page<PublishedCorrection>,
  isFirstPage: boolean,
): SafeHtml {
  const main = html`<h1 class="page-title">Corrections and clarifications</h1>
    <p class="page-intro">
      When we get something wrong we say so, on the article and here. Follow this list with the
      <a href="/corrections/feed.xml">RSS feed</a> or the <a href="/corrections/atom.xml">Atom feed</a>.
    </p>
    ${
      page.items.length
        ? html`<ol class="corrections-list">
            ${page.items.map(item)}
          </ol>`
        : html`<p>No corrections have been published.</p>`
    }
    ${
      page.nextCursor
        ? html`<p class="pager"><a href="/corrections?cursor=${page.nextCursor}" rel="next">Older corrections</a></p>`
        : ''
    }`;
  return layout(ctx, {
    title: 'Corrections and clarifications',
    description: `Corrections, clarifications and updates published by ${ctx.siteName}.`,
    canonical: `${ctx.baseUrl}/corrections`,
    ...(isFirstPage ? {} : { robots: 'noindex, follow' }),
    feeds: [{ title: `${ctx.siteName}: corrections`, path: '/corrections' }],
    main,
  });
}
