/**
 * Live readers (decisions/0090): "Reading now" on /admin/insights, per article, and the line in
 * an article's editor. Figures of every server: open live streams and views of the last minutes.
 */
import type { ReadingNow, ReadingNowItem } from '../../../services/insights-report.js';
import type { PageContext } from '../../context.js';
import { html, type SafeHtml } from '../../html.js';

/** One article's live readers, for its editor. */
export type ArticleReading = Omit<ReadingNowItem, 'headline' | 'path'> &
  Pick<ReadingNow, 'at' | 'minutes' | 'streamsCounted'>;

/** The "Reading now" block of /admin/insights: a table of articles, most readers first. */
export function readingNowBlock(ctx: PageContext, reading: ReadingNow): SafeHtml {
  const { t, number } = ctx.i18n;
  return html`<section class="insight-block" aria-labelledby="insight-reading">
    <h2 id="insight-reading">${t('insights.reading.heading')}</h2>
    <p>
      ${t('insights.reading.intro', { minutes: reading.minutes, time: ctx.i18n.dateTime(reading.at) })}
    </p>
    ${reading.streamsCounted ? '' : html`<p>${t('insights.reading.noStreams')}</p>`}
    ${
      reading.articles.length === 0
        ? html`<p>${t('insights.reading.none')}</p>`
        : html`<div class="table-scroll" role="region" aria-labelledby="insight-reading" tabindex="0">
            <table class="data-table">
              <thead>
                <tr>
                  <th scope="col">${t('insights.column.article')}</th>
                  <th scope="col">${t('insights.column.reading')}</th>
                  <th scope="col">${t('insights.column.following')}</th>
                  <th scope="col">${t('insights.column.recentViews', { minutes: reading.minutes })}</th>
                </tr>
              </thead>
              <tbody>
                ${reading.articles.map(
                  (a) => html`<tr>
                    <td><a href="${a.path}">${a.headline}</a></td>
                    <td>${number(a.reading)}</td>
                    <td>${number(a.following)}</td>
                    <td>${number(a.views)}</td>
                  </tr>`,
                )}
              </tbody>
            </table>
          </div>`
    }
  </section>`;
}

/** The article editor's "Reading now" line (editors), under the Readers panel. */
export function readingNowPanel(ctx: PageContext, reading: ArticleReading): SafeHtml {
  const { t, number } = ctx.i18n;
  return html`<section class="insight-panel" aria-labelledby="insight-reading-now">
    <h2 id="insight-reading-now">${t('insights.reading.heading')}</h2>
    <p>
      ${t('insights.reading.article', {
        reading: number(reading.reading),
        following: number(reading.following),
        views: number(reading.views),
        minutes: reading.minutes,
        time: ctx.i18n.dateTime(reading.at),
      })}
    </p>
    ${reading.streamsCounted ? '' : html`<p>${t('insights.reading.noStreams')}</p>`}
  </section>`;
}
