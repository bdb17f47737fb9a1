/** The search page: a form, how many matched, highlighted results, and pages of them. */
import { articlePath } from '../../domain/article.js';
import { hasHighlight, highlightedParts, readableSnippet } from '../../domain/search.js';
import type { SearchPage } from '../../services/search.js';
import type { SearchHit } from '../../domain/search.js';
import type { PageContext } from '../context.js';
import { plural } from '../format.js';
import { html, type SafeHtml } from '../html.js';
import { layout } from '../layout.js';
import { storyMeta } from './listing.js';

/** Marked text as HTML: every part escaped, then the matches wrapped in <mark>. */
export function markedHtml(text: string): SafeHtml {
  return html`${highlightedParts(text).map((p) => (p.marked ? html`<mark>${p.text}</mark>` : p.text))}`;
}

function hitItem(hit: SearchHit, timeZone: string): SafeHtml {
  const a = hit.article;
  const snippet = readableSnippet(hit.snippet);
  // A passage with a match says why the article was found; without one, the standfirst is better.
  const text = hasHighlight(snippet)
    ? markedHtml(snippet)
    : hit.standfirst && markedHtml(hit.standfirst);
  return html`<li class="story search-hit">
    <p class="kicker"><a href="/${a.section.slug}">${a.section.name}</a></p>
    <h2><a href="${articlePath(a)}">${markedHtml(hit.headline)}</a></h2>
    ${text ? html`<p class="search-hit__snippet">${text}</p>` : ''} ${storyMeta(a, timeZone)}
  </li>`;
}

function pageHref(query: string, page: number): string {
  const params = new URLSearchParams({ q: query });
  if (page > 1) params.set('page', String(page));
  return `/search?${params.toString()}`;
}

function pager(result: SearchPage): SafeHtml | string {
  if (result.pageCount <= 1 || result.page > result.pageCount) return '';
  const { page, pageCount, query } = result;
  return html`<nav class="pager search-pager" aria-label="Search result pages">
    ${page > 1 ? html`<a href="${pageHref(query, page - 1)}" rel="prev">Previous page</a>` : ''}
    <span>Page ${page} of ${pageCount}</span>
    ${page < pageCount ? html`<a href="${pageHref(query, page + 1)}" rel="next">Next page</a>` : ''}
  </nav>`;
}

function summary(result: SearchPage): SafeHtml {
  if (!result.searched) {
    return html`<p class="page-intro">
      Type one or more words. Put words in "quotes" to find them together, or put a minus before a
      word to leave out articles that have it.
    </p>`;
  }
  if (result.total === 0) {
    return html`<div class="search-empty">
      <p class="search-summary">No articles match <strong>${result.query}</strong>.</p>
      <p>Check the spelling, try fewer or more general words, or browse the sections above.</p>
    </div>`;
  }
  const first = (result.page - 1) * result.perPage + 1;
  const last = first + result.hits.length - 1;
  if (result.hits.length === 0) {
    return html`<p class="search-summary">
      ${plural(result.total, 'article matches', 'articles match')}
      <strong>${result.query}</strong>, but there are no more on this page.
      <a href="${pageHref(result.query, 1)}">Go to the first page</a>
    </p>`;
  }
  return html`<p class="search-summary">
    ${plural(result.total, 'article matches', 'articles match')} <strong>${result.query}</strong
    >${result.total > result.hits.length ? html`; showing ${first} to ${last}` : ''}.
  </p>`;
}

export function searchPageView(ctx: PageContext, result: SearchPage): SafeHtml {
  const main = html`<div class="search-page">
    <h1 class="page-title">Search</h1>
    <form class="search-form" role="search" action="/search" method="get">
      <label for="search-q">Search articles</label>
      <div class="search-form__row">
        <input id="search-q" type="search" name="q" value="${result.query}" maxlength="400" />
        <button class="button" type="submit">Search</button>
      </div>
    </form>
    ${summary(result)}
    ${
      result.hits.length
        ? html`<ol class="stories search-results" aria-label="Search results">
            ${result.hits.map((h) => hitItem(h, ctx.identity.timeZone))}
          </ol>`
        : ''
    }
    ${pager(result)}
  </div>`;
  return layout(ctx, {
    title: result.searched ? `Search: ${result.query}` : 'Search',
    description: `Search the articles of ${ctx.siteName}.`,
    // Result pages are for readers, not for search engines' indexes.
    robots: 'noindex, follow',
    main,
  });
}
