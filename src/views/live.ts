/**
 * Live coverage on the reader's article page (docs/live-coverage.md): the running or ended
 * status, the key events, the pinned update, the updates in the chosen order with cursor paging,
 * and each update as one markup that the page, its permalink and the live stream all use. The
 * whole part is the same bytes for every reader, so the page cache keeps serving it.
 */
import { renderedParts } from '../domain/body.js';
import { updateAnchor, updateExcerpt, type LiveOrder, type LiveUpdate } from '../domain/live.js';

export { updateExcerpt };
import type { Translator } from '../i18n/translator.js';
import type { LiveView } from '../services/live.js';
import { defaultLanguage, languageOf } from '../i18n/languages.js';
import { nameList } from './format.js';
import { pluralTemplates } from './pages/comments.js';
import { html, type SafeHtml } from './html.js';
import { articleBody } from './pages/article-content.js';

/** The reader's address of one update, which works without JavaScript. */
export const updatePath = (articlePath: string, id: string): string =>
  `${articlePath}/updates/${id}`;

const nothingPlaced = { images: new Map(), inline: new Map() } as const;

/**
 * An update's body: its saved HTML with its images and related headlines filled in as the
 * article's body does (views/pages/article-content.ts). A placement that is missing is left
 * out; with `notes` (the posting screen's preview) it is named instead.
 */
function updateBody(i18n: Translator, update: LiveUpdate, notes: boolean): SafeHtml {
  const parts = renderedParts(update.bodyHtml);
  const placed = update.placed ?? nothingPlaced;
  return articleBody(
    update.body,
    { ...placed, renderedBody: parts ? { source: update.body, parts } : null },
    { notes, i18n, className: 'live-update__body' },
  );
}

/** One update as readers see it, wherever it is shown. */
export function liveUpdateItem(
  i18n: Translator,
  update: LiveUpdate,
  articlePath: string,
  options: { heading?: 'h2' | 'h3'; pinnedCopy?: boolean; notes?: boolean } = {},
): SafeHtml {
  // The pinned update's copy at the top has ids of its own: the list keeps the anchor.
  const anchor = options.pinnedCopy ? `pinned-${update.id}` : updateAnchor(update.id);
  const titleId = `${anchor}-title`;
  const heading = options.heading ?? 'h3';
  const title = update.title
    ? heading === 'h2'
      ? html`<h2 class="live-update__title" id="${titleId}">${update.title}</h2>`
      : html`<h3 class="live-update__title" id="${titleId}">${update.title}</h3>`
    : '';
  const flags = [
    update.keyEvent
      ? html`<span class="live-flag live-flag--key">${i18n.t('live.keyEvent')}</span>`
      : '',
    update.pinned ? html`<span class="live-flag">${i18n.t('live.pinned')}</span>` : '',
    update.closing ? html`<span class="live-flag">${i18n.t('live.closing')}</span>` : '',
  ];
  return html`<article
    class="live-update${update.keyEvent ? ' live-update--key' : ''}"
    id="${anchor}"
    ${options.pinnedCopy ? '' : html`data-update-id="${update.id}"`}
    data-posted-at="${update.postedAt}"
    ${update.title ? html`aria-labelledby="${titleId}"` : html`aria-label="${i18n.t('live.updateAt', { time: i18n.dateTime(update.postedAt) })}"`}
  >
    <p class="live-update__meta">
      <a class="live-update__time" href="${updatePath(articlePath, update.id)}"
        ><time datetime="${update.postedAt}">${i18n.dateTime(update.postedAt)}</time></a
      >
      ${flags}
    </p>
    ${title} ${updateBody(i18n, update, options.notes === true)}
    <p class="live-update__byline">
      ${
        update.authors.length
          ? i18n.rich(
              'live.by',
              {},
              {
                names: () =>
                  nameList(
                    i18n,
                    update.authors.map((a) => a.name),
                  ),
              },
            )
          : ''
      }
      ${
        update.editedAt
          ? html`<span class="live-update__edited"
            >${i18n.t('live.edited', { time: i18n.dateTime(update.editedAt) })}</span
          >`
          : ''
      }
    </p>
  </article>`;
}

function orderLinks(i18n: Translator, path: string, order: LiveOrder): SafeHtml {
  const link = (o: LiveOrder, label: string) =>
    o === order
      ? html`<strong aria-current="true">${label}</strong>`
      : html`<a href="${o === 'newest' ? path : `${path}?live_order=oldest`}#live" data-live-order="${o}"
          >${label}</a
        >`;
  return html`<p class="live-order" role="group" aria-label="${i18n.t('live.order')}">
    ${i18n.t('live.order')}: ${link('newest', i18n.t('live.newestFirst'))} ·
    ${link('oldest', i18n.t('live.oldestFirst'))}
  </p>`;
}

/** One entry of the key events summary: a link to the update on this page or to its own. */
export function keyEventItem(
  i18n: Translator,
  u: LiveUpdate,
  articlePath: string,
  onPage: boolean,
): SafeHtml {
  return html`<li data-key-id="${u.id}">
    <a href="${onPage ? `#${updateAnchor(u.id)}` : updatePath(articlePath, u.id)}"
      ><time datetime="${u.postedAt}">${i18n.dateTime(u.postedAt)}</time>
      ${u.title ?? excerpt(u.body)}</a
    >
  </li>`;
}

/** The live part of a live article's page. */
export function liveSection(i18n: Translator, view: LiveView, articlePath: string): SafeHtml {
  const { coverage, order } = view;
  const onPage = new Set(view.updates.map((u) => u.id));
  const running = coverage.endedAt === null;
  const language = languageOf(i18n.lang);
  // Pseudo-languages count and write numbers as English does (see translator.ts).
  const locale = !language || language.pseudo ? defaultLanguage : i18n.lang;
  const texts = {
    locale,
    show: pluralTemplates(i18n, locale, 'live.newUpdates'),
    count: pluralTemplates(i18n, locale, 'live.count'),
    countNone: i18n.t('live.count', { count: 0 }),
    keyEvents: i18n.t('live.keyEvents'),
    removed: i18n.t('live.removed'),
  };
  return html`<section
    class="live"
    id="live"
    aria-labelledby="live-heading"
    data-live-updates
    data-article-id="${coverage.articleId}"
    data-seq="${coverage.seq}"
    data-order="${order}"
    data-first="${view.first ? '1' : '0'}"
    data-texts="${JSON.stringify(texts)}"
  >
    <h2 id="live-heading" class="live__heading">
      ${running ? html`<span class="live-label">${i18n.t('live.label')}</span> ` : ''}${i18n.t('live.heading')}
    </h2>
    ${
      running
        ? html`<p class="live__status">
          ${i18n.t('live.since', { time: i18n.dateTime(coverage.startedAt) })}
          <span data-live-count>${i18n.t('live.count', { count: view.count })}</span>
        </p>`
        : html`<p class="live__ended" role="note">
          ${i18n.t('live.ended', { time: i18n.dateTime(coverage.endedAt ?? coverage.startedAt) })}
        </p>`
    }
    ${
      view.keyEvents.length
        ? html`<nav class="live-key-events" aria-labelledby="key-events-heading">
          <h3 id="key-events-heading">${i18n.t('live.keyEvents')}</h3>
          <ol>
            ${view.keyEvents.map((u) => keyEventItem(i18n, u, articlePath, onPage.has(u.id)))}
          </ol>
        </nav>`
        : ''
    }
    ${
      view.pinned && view.first
        ? html`<div class="live-pinned" aria-labelledby="pinned-heading">
          <h3 id="pinned-heading" class="visually-hidden">${i18n.t('live.pinned')}</h3>
          ${liveUpdateItem(i18n, view.pinned, articlePath, { pinnedCopy: true })}
        </div>`
        : ''
    }
    ${orderLinks(i18n, articlePath, order)}
    <div class="live-new" role="status" data-live-new></div>
    ${
      view.updates.length
        ? html`<ol class="live-updates" data-live-list>
          ${view.updates.map((u) => html`<li>${liveUpdateItem(i18n, u, articlePath)}</li>`)}
        </ol>`
        : html`<p class="live-empty" data-live-empty>${i18n.t('live.none')}</p>`
    }
    ${
      view.next
        ? html`<p class="live-more">
          <a
            href="${articlePath}?${new URLSearchParams({
              ...(order === 'oldest' ? { live_order: 'oldest' } : {}),
              live_cursor: view.next,
            }).toString()}#live"
            >${order === 'newest' ? i18n.t('live.older') : i18n.t('live.newer')}</a
          >
        </p>`
        : ''
    }
  </section>`;
}

/** The first words of an update without a title, for the key events list. */
function excerpt(body: string): string {
  return updateExcerpt(body, 80);
}
