/** The search page: a form, how many matched, highlighted results, and pages of them. */
import { articlePath } from '../../domain/article.js';
import { hasHighlight, highlightedParts, readableSnippet } from '../../domain/search.js';
import type { SearchPage } from '../../services/search.js';
import type { SearchHit } from '../../domain/search.js';
import type { PageContext } from '../context.js';
import type { Translator } from '../../i18n/translator.js';
import { html, type SafeHtml } from '../html.js';
import { layout } from '../layout.js';
import { storyMeta } from './listing.js';

/** Marked text as HTML: every part escaped, then the matches wrapped in <mark>. */
export function markedHtml(text: string): SafeHtml {
  return html`${highlightedParts(text).map((p) => (p.marked ? html`<mark>${p.text}</mark>` : p.text))}`;
}

function hitItem(hit: SearchHit, i18n: Translator): SafeHtml {
  const a = hit.article;
  const snippet = readableSnippet(hit.snippet);
  // A passage with a match says why the article was found; without one, the standfirst is better.
  const text = hasHighlight(snippet)
    ? markedHtml(snippet)
    : hit.standfirst && markedHtml(hit.standfirst);
  return html`<li class="story search-hit">
    <p class="kicker"><a href="/${a.section.slug}">${a.section.name}</a></p>
    <h2><a href="${articlePath(a)}">${markedHtml(hit.headline)}</a></h2>
    ${text ? html`<p class="search-hit__snippet">${text}</p>` : ''} ${storyMeta(a, i18n)}
  </li>`;
}

function pageHref(query: string, page: number): string {
  const params = new URLSearchParams({ q: query });
  if (page > 1) params.set('page', String(page));
  return `/search?${params.toString()}`;
}

function pager(i18n: Translator, result: SearchPage): SafeHtml | string {
  if (result.pageCount <= 1 || result.page > result.pageCount) return '';
  const { page, pageCount, query } = result;
  return html`<nav class="pager search-pager" aria-label="${i18n.t('reader.search.pages')}">
    ${page > 1 ? html`<a href="${pageHref(query, page - 1)}" rel="prev">${i18n.t('reader.search.previous')}</a>` : ''}
    <span>${i18n.t('reader.search.page', { page, count: pageCount })}</span>
    ${page < pageCount ? html`<a href="${pageHref(query, page + 1)}" rel="next">${i18n.t('reader.search.next')}</a>` : ''}
  </nav>`;
}

const strong = { strong: (c: SafeHtml) => html`<strong>${c}</strong>` };

function summary(i18n: Translator, result: SearchPage): SafeHtml {
  if (!result.searched) {
    return html`<p class="page-intro">${i18n.t('reader.search.help')}</p>`;
  }
  const { query, total: count } = result;
  if (count === 0) {
    return html`<div class="search-empty">
      <p class="search-summary">${i18n.rich('reader.search.none', { query }, strong)}</p>
      <p>${i18n.t('reader.search.noneHelp')}</p>
    </div>`;
  }
  const first = (result.page - 1) * result.perPage + 1;
  const last = first + result.hits.length - 1;
  if (result.hits.length === 0) {
    return html`<p class="search-summary">
      ${i18n.rich('reader.search.pastEnd', { count, query }, strong)}
      <a href="${pageHref(query, 1)}">${i18n.t('reader.search.firstPage')}</a>
    </p>`;
  }
  return html`<p class="search-summary">
    ${
      count > result.hits.length
        ? i18n.rich('reader.search.foundSome', { count, query, first, last }, strong)
        : i18n.rich('reader.search.found', { count, query }, strong)
    }
  </p>`;
}

export function searchPageView(ctx: PageContext, result: SearchPage): SafeHtml {
  const { i18n } = ctx;
  const main = html`<div class="search-page">
    <h1 class="page-title">${i18n.t('common.search')}</h1>
    <form class="search-form" role="search" action="/search" method="get">
      <label for="search-q">${i18n.t('reader.search.label')}</label>
      <div class="search-form__row">
        <input id="search-q" type="search" name="q" value="${result.query}" maxlength="400" />
        <button class="button" type="submit">${i18n.t('common.search')}</button>
      </div>
    </form>
    ${summary(i18n, result)}
    ${
      result.hits.length
        ? html`<ol class="stories search-results" aria-label="${i18n.t('reader.search.results')}">
            ${result.hits.map((h) => hitItem(h, i18n))}
          </ol>`
        : ''
    }
    ${pager(i18n, result)}
  </div>`;
  return layout(ctx, {
    title: result.searched
      ? i18n.t('reader.search.title', { query: result.query })
      : i18n.t('common.search'),
    description: i18n.t('reader.search.description', { site: ctx.siteName }),
    // Result pages are for readers, not for search engines' indexes.
    robots: 'noindex, follow',
    main,
  });
}
