/** The newsroom's list of articles, with filters by status, section, author and headline. */
import type { NewsroomItem } from '../../../domain/newsroom.js';
import type { Section } from '../../../domain/section.js';
import type { PageContext } from '../../context.js';
import { joinNames } from '../../format.js';
import { doneBanner, submitButton } from '../../forms.js';
import { html } from '../../html.js';
import { select } from './article-fields.js';
import { statusNames, statusTag, when } from './article-status.js';
import { adminPage } from './page.js';

export interface ListQuery {
  status: string;
  section: string;
  author: string;
  q: string;
  page: number;
}

export function listHref(q: ListQuery, page = q.page): string {
  const params = new URLSearchParams();
  if (q.status) params.set('status', q.status);
  if (q.section) params.set('section', q.section);
  if (q.author) params.set('author', q.author);
  if (q.q) params.set('q', q.q);
  if (page > 1) params.set('page', String(page));
  const s = params.toString();
  return `/admin/articles${s ? `?${s}` : ''}`;
}

export function articleListView(
  ctx: PageContext,
  props: {
    items: NewsroomItem[];
    sections: Section[];
    query: ListQuery;
    hasMore: boolean;
    done?: string | undefined;
  },
) {
  const { query } = props;
  const main = html`<h1>Articles</h1>
    ${doneBanner(props.done)}
    <p><a class="button button--primary" href="/admin/articles/new">Write a new article</a></p>
    <form method="get" action="/admin/articles" class="form form--row search-form" role="search" aria-label="Articles">
      <div class="field">
        <label for="articles-q">Headline contains</label>
        <input id="articles-q" name="q" type="search" value="${query.q}" maxlength="100" />
      </div>
      ${select('articles-status', 'status', 'Status', query.status, [
        { value: '', text: 'any' },
        ...Object.entries(statusNames).map(([value, text]) => ({ value, text })),
      ])}
      ${select('articles-section', 'section', 'Section', query.section, [
        { value: '', text: 'any' },
        ...props.sections.map((s) => ({ value: s.slug, text: s.name })),
      ])}
      <div class="field">
        <label for="articles-author">Author (slug)</label>
        <input id="articles-author" name="author" type="text" value="${query.author}" maxlength="120" />
      </div>
      ${submitButton('Filter', 'secondary')}
    </form>
    ${
      props.items.length
        ? html`<div class="table-scroll" role="region" aria-labelledby="articles-caption" tabindex="0">
            <table class="data-table">
              <caption id="articles-caption">Articles, most recently saved first</caption>
              <thead>
                <tr>
                  <th scope="col">Headline</th>
                  <th scope="col">Status</th>
                  <th scope="col">Section</th>
                  <th scope="col">Authors</th>
                  <th scope="col">Saved</th>
                </tr>
              </thead>
              <tbody>
                ${props.items.map(
                  (a) => html`<tr>
                    <th scope="row"><a href="/admin/articles/${a.id}">${a.headline}</a></th>
                    <td>${statusTag(a, ctx.identity.timeZone)}</td>
                    <td>${a.section.name}</td>
                    <td>${joinNames(a.authors.map((p) => p.name))}</td>
                    <td>${when(a.modifiedAt, ctx.identity.timeZone)}</td>
                  </tr>`,
                )}
              </tbody>
            </table>
          </div>`
        : html`<p>No articles match.</p>`
    }
    <p class="pager">
      ${query.page > 1 ? html`<a href="${listHref(query, query.page - 1)}" rel="prev">Previous page</a>` : ''}
      ${props.hasMore ? html`<a href="${listHref(query, query.page + 1)}" rel="next">Next page</a>` : ''}
    </p>`;
  return adminPage(ctx, { title: 'Articles', current: '/admin/articles', main });
}
