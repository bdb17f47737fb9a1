import { subscribeBox } from '../newsletters.js';
import { articlePath } from '../../domain/article.js';
import type { FrontPage } from '../../services/reading.js';
import type { MostReadItem } from '../../services/insights-report.js';
import type { PageContext } from '../context.js';
import { html, type SafeHtml } from '../html.js';
import { layout } from '../layout.js';
import { imgTag, sizes } from '../image.js';
import { storyCard, storyMeta } from './listing.js';

/** "Most read" (the last 24 hours, by counted views: services/insights-report.ts). */
export function mostReadBlock(ctx: PageContext, items: readonly MostReadItem[], heading?: string) {
  return html`<section class="section-block most-read" aria-labelledby="most-read-heading">
    <h2 id="most-read-heading">${heading ?? ctx.i18n.t('insights.mostRead.heading')}</h2>
    <ol>
      ${items.map(
        (a) =>
          html`<li>
            <a href="${a.path}">${a.headline}</a>
            <span class="story-meta">${a.sectionName}</span>
          </li>`,
      )}
    </ol>
  </section>`;
}

export function frontPageView(
  ctx: PageContext,
  front: FrontPage,
  /** The editors' preview of an unsaved arrangement: a banner above, and not for search engines. */
  options: { preview?: SafeHtml; mostRead?: readonly MostReadItem[] } = {},
) {
  const { lead } = front;
  const { i18n } = ctx;
  const site = ctx.siteName;
  const main = html`${options.preview ?? ''}<h1 class="visually-hidden">${i18n.t('reader.front.heading', { site })}</h1>
    ${
      lead
        ? html`<div class="top-stories">
            <article class="lead" aria-labelledby="lead-headline">
              ${lead.mainImage ? imgTag(lead.mainImage, { sizes: sizes.lead, lazy: false, className: 'lead__image' }) : ''}
              <p class="kicker"><a href="/${lead.section.slug}">${lead.section.name}</a></p>
              <h2 id="lead-headline"><a href="${articlePath(lead)}">${lead.headline}</a></h2>
              ${lead.standfirst ? html`<p class="standfirst">${lead.standfirst}</p>` : ''}
              ${storyMeta(lead, i18n)}
            </article>
            ${
              front.latest.length
                ? html`<aside class="latest" aria-labelledby="latest-heading">
                    <h2 id="latest-heading">${i18n.t('reader.front.latest')}</h2>
                    <ol>
                      ${front.latest.map(
                        (a) =>
                          html`<li>
                            <a href="${articlePath(a)}">${a.headline}</a>
                            <span class="story-meta">${a.section.name}</span>
                          </li>`,
                      )}
                    </ol>
                  </aside>`
                : ''
            }
          </div>`
        : front.featured.length
          ? ''
          : html`<p class="page-intro">${i18n.t('reader.front.empty')}</p>`
    }
    ${
      front.featured.length
        ? html`<section class="section-block front-featured" aria-labelledby="featured-heading">
            <h2 id="featured-heading">${i18n.t('reader.front.featured')}</h2>
            <ul class="stories">
              ${front.featured.map((a) => storyCard(a, { headingLevel: 3, kicker: true, i18n }))}
            </ul>
          </section>`
        : ''
    }
    ${options.mostRead?.length ? mostReadBlock(ctx, options.mostRead) : ''}
    ${front.bySection.map(
      ({ section, articles }) =>
        html`<section class="section-block" aria-labelledby="sec-${section.slug}">
          <h2 id="sec-${section.slug}"><a href="/${section.slug}">${section.name}</a></h2>
          <ul class="stories">
            ${articles.map((a) => storyCard(a, { headingLevel: 3, i18n }))}
          </ul>
        </section>`,
    )}
    ${subscribeBox(ctx, { id: 'newsletter' })}`;
  return layout(ctx, {
    title: ctx.siteName,
    description: ctx.identity.description || i18n.t('reader.front.description', { site }),
    canonical: `${ctx.baseUrl}/`,
    currentSection: '',
    ...(options.preview ? { robots: 'noindex' } : {}),
    main,
  });
}
