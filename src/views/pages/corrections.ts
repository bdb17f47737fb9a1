/** /corrections: every public correction, clarification and update, newest first. */
import { articlePath, type Correction } from '../../domain/article.js';
import type { Page } from '../../services/reading.js';
import type { PublishedCorrection } from '../../domain/syndication.js';
import type { PageContext } from '../context.js';
import { defaultLanguage } from '../../i18n/languages.js';
import { translator, type Translator } from '../../i18n/translator.js';
import { html, type SafeHtml } from '../html.js';
import { layout } from '../layout.js';

/** A translator, or (from a caller not moved to the catalogue yet) a time zone for English. */
type Words = Translator | string;
const wordsOf = (w: Words): Translator =>
  typeof w === 'string' ? translator(defaultLanguage, w) : w;

const kindName = (i18n: Translator, kind: Correction['kind']) =>
  i18n.t('reader.corrections.kind', { kind });

/**
 * On the article: high-priority notices stand above the body, the others follow it. A retracted
 * notice stays, struck through and labelled in words, with the retraction's note: nothing is
 * removed silently. The first block's heading is `#corrections-heading`, where links point.
 */
function when(iso: string, i18n: Translator): SafeHtml {
  return html`<time datetime="${iso}">${i18n.dateTime(iso)}</time>`;
}

/** One notice: its kind and date, its text, and a retraction if there is one. */
export function correctionNotice(c: Correction, words: Words): SafeHtml {
  const i18n = wordsOf(words);
  const text = c.retractedAt ? html`<s>${c.text}</s>` : html`${c.text}`;
  return html`<p class="correction__text">
      <span class="kind">${kindName(i18n, c.kind)}</span>, ${when(c.createdAt, i18n)}: ${text}
    </p>
    ${
      c.retractedAt
        ? html`<p class="correction__retraction">
            <strong>${i18n.t('reader.corrections.retracted')}</strong> ${when(c.retractedAt, i18n)}: ${c.retractionNote ?? ''}
          </p>`
        : ''
    }`;
}

/** The notices of one place on the article page; nothing when there are none. */
export function correctionsBlock(
  corrections: readonly Correction[],
  place: 'top' | 'bottom',
  headingId: string,
  i18n: Translator,
): SafeHtml {
  if (corrections.length === 0) return html``;
  const heading = i18n.t(
    place === 'top' ? 'reader.corrections.important' : 'reader.corrections.heading',
  );
  return html`<section
    class="corrections${place === 'top' ? ' corrections--top' : ''}"
    aria-labelledby="${headingId}"
  >
    <h2 id="${headingId}">${heading}</h2>
    <ul>
      ${corrections.map(
        (c) =>
          html`<li class="correction${c.retractedAt ? ' correction--retracted' : ''}">
            ${correctionNotice(c, i18n)}
          </li>`,
      )}
    </ul>
  </section>`;
}

function item(c: PublishedCorrection, i18n: Translator): SafeHtml {
  return html`<li class="correction-entry">
    <p class="kicker">${kindName(i18n, c.kind)}</p>
    <h2><a href="${articlePath(c.article)}#corrections-heading">${c.article.headline}</a></h2>
    <p>${c.text}</p>
    <p class="story-meta">
      <time datetime="${c.createdAt}">${i18n.dateTime(c.createdAt)}</time> ·
      <a href="/${c.article.section.slug}">${c.article.section.name}</a>
    </p>
  </li>`;
}

export function correctionsPageView(
  ctx: PageContext,
  page: Page<PublishedCorrection>,
  isFirstPage: boolean,
): SafeHtml {
  const { i18n } = ctx;
  const site = ctx.siteName;
  const main = html`<h1 class="page-title">${i18n.t('reader.corrections.heading')}</h1>
    <p class="page-intro">
      ${i18n.rich(
        'reader.corrections.intro',
        {},
        {
          rss: (c) => html`<a href="/corrections/feed.xml">${c}</a>`,
          atom: (c) => html`<a href="/corrections/atom.xml">${c}</a>`,
        },
      )}
    </p>
    ${
      page.items.length
        ? html`<ol class="corrections-list">
            ${page.items.map((c) => item(c, i18n))}
          </ol>`
        : html`<p>${i18n.t('reader.corrections.empty')}</p>`
    }
    ${
      page.nextCursor
        ? html`<p class="pager"><a href="/corrections?cursor=${page.nextCursor}" rel="next">${i18n.t('reader.corrections.older')}</a></p>`
        : ''
    }`;
  return layout(ctx, {
    title: i18n.t('reader.corrections.heading'),
    description: i18n.t('reader.corrections.description', { site }),
    canonical: `${ctx.baseUrl}/corrections`,
    ...(isFirstPage ? {} : { robots: 'noindex, follow' }),
    feeds: [{ title: i18n.t('reader.corrections.feedTitle', { site }), path: '/corrections' }],
    main,
  });
}
