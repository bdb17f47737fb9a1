/** /corrections: every public correction, clarification and update, newest first. */
import { articlePath, type Correction } from '../../domain/article.js';
import type { Page } from '../../services/reading.js';
import type { PublishedCorrection } from '../../domain/syndication.js';
import type { PageContext } from '../context.js';
import { formatDateTime } from '../format.js';
import { html, type SafeHtml } from '../html.js';
import { layout } from '../layout.js';

const kindName: Record<Correction['kind'], string> = {
  correction: 'Correction',
  clarification: 'Clarification',
  update: 'Update',
};

/**
 * On the article: high-priority notices stand above the body, the others follow it. A retracted
 * notice stays, struck through and labelled in words, with the retraction's note: nothing is
 * removed silently. The first block's heading is `#corrections-heading`, where links point.
 */
function when(iso: string, timeZone: string): SafeHtml {
  return html`<time datetime="${iso}">${formatDateTime(iso, timeZone)}</time>`;
}

/** One notice: its kind and date, its text, and a retraction if there is one. */
export function correctionNotice(c: Correction, timeZone: string): SafeHtml {
  const text = c.retractedAt ? html`<s>${c.text}</s>` : html`${c.text}`;
  return html`<p class="correction__text">
      <span class="kind">${kindName[c.kind]}</span>, ${when(c.createdAt, timeZone)}: ${text}
    </p>
    ${
      c.retractedAt
        ? html`<p class="correction__retraction">
            <strong>Retracted</strong> ${when(c.retractedAt, timeZone)}: ${c.retractionNote ?? ''}
          </p>`
        : ''
    }`;
}

/** The notices of one place on the article page; nothing when there are none. */
export function correctionsBlock(
  corrections: readonly Correction[],
  place: 'top' | 'bottom',
  headingId: string,
  timeZone: string,
): SafeHtml {
  if (corrections.length === 0) return html``;
  const heading = place === 'top' ? 'Important correction' : 'Corrections and clarifications';
  return html`<section
    class="corrections${place === 'top' ? ' corrections--top' : ''}"
    aria-labelledby="${headingId}"
  >
    <h2 id="${headingId}">${heading}</h2>
    <ul>
      ${corrections.map(
        (c) =>
          html`<li class="correction${c.retractedAt ? ' correction--retracted' : ''}">
            ${correctionNotice(c, timeZone)}
          </li>`,
      )}
    </ul>
  </section>`;
}

function item(c: PublishedCorrection, timeZone: string): SafeHtml {
  return html`<li class="correction-entry">
    <p class="kicker">${kindName[c.kind]}</p>
    <h2><a href="${articlePath(c.article)}#corrections-heading">${c.article.headline}</a></h2>
    <p>${c.text}</p>
    <p class="story-meta">
      <time datetime="${c.createdAt}">${formatDateTime(c.createdAt, timeZone)}</time> ·
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
            ${page.items.map((c) => item(c, ctx.identity.timeZone))}
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
