/**
 * The permalink page of one live update (`/…/updates/ID`): the update on its own, under the
 * article's headline, with a link to it in the whole coverage. Works without JavaScript.
 */
import { articlePath, type Article } from '../../domain/article.js';
import { updateAnchor, type LiveCoverage, type LiveUpdate } from '../../domain/live.js';
import type { PageContext } from '../context.js';
import { html } from '../html.js';
import { layout } from '../layout.js';
import { liveUpdateItem, updatePath } from '../live.js';

export function liveUpdatePageView(
  ctx: PageContext,
  article: Article,
  coverage: LiveCoverage,
  update: LiveUpdate,
) {
  const { i18n } = ctx;
  const path = articlePath(article);
  const time = i18n.dateTime(update.postedAt);
  const running = coverage.endedAt === null;
  const main = html`<div class="live-permalink">
    <p class="live-permalink__kicker">
      ${running ? html`<span class="live-label">${i18n.t('live.label')}</span> ` : ''}<a
        href="${path}"
        >${article.headline}</a
      >
    </p>
    <h1>${i18n.t('live.permalink.title', { headline: article.headline, time })}</h1>
    ${
      running
        ? ''
        : html`<p class="live__ended" role="note">
          ${i18n.t('live.ended', { time: i18n.dateTime(coverage.endedAt ?? coverage.startedAt) })}
        </p>`
    }
    ${liveUpdateItem(i18n, update, path, { heading: 'h2' })}
    <p><a href="${path}#${updateAnchor(update.id)}">${i18n.t('live.permalink.back')}</a></p>
  </div>`;
  return layout(ctx, {
    title: update.title ?? i18n.t('live.permalink.title', { headline: article.headline, time }),
    description: update.title ?? article.headline,
    canonical: ctx.baseUrl + updatePath(path, update.id),
    currentSection: article.section.slug,
    main,
  });
}
