/** The newsroom's list of articles, with filters by status, section, author and headline. */
import type { NewsroomItem } from '../../../domain/newsroom.js';
import type { Section } from '../../../domain/section.js';
import type { PageContext } from '../../context.js';
import { doneBanner, submitButton } from '../../forms.js';
import { html } from '../../html.js';
import { select } from './article-fields.js';
import {
  joinNames,
  noticeText,
  statusName,
  statuses,
  statusTag,
  when,
  type ArticleNotice,
} from './article-status.js';
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
    done?: ArticleNotice | undefined;
  },
) {
  const { query } = props;
  const { i18n } = ctx;
  const { t } = i18n;
  const main = html`<h1>${t('newsroom.list.title')}</h1>
    ${doneBanner(noticeText(i18n, props.done))}
    <p><a class="button button--primary" href="/admin/articles/new">${t('newsroom.list.new')}</a></p>
    <form method="get" action="/admin/articles" class="form form--row search-form" role="search" aria-label="${t('newsroom.list.searchLabel')}">
      <div class="field">
        <label for="articles-q">${t('newsroom.list.headlineContains')}</label>
        <input id="articles-q" name="q" type="search" value="${query.q}" maxlength="100" />
      </div>
      ${select('articles-status', 'status', t('newsroom.list.status'), query.status, [
        { value: '', text: t('newsroom.list.any') },
        ...statuses.map((value) => ({ value, text: statusName(i18n, value) })),
      ])}
      ${select('articles-section', 'section', t('newsroom.list.section'), query.section, [
        { value: '', text: t('newsroom.list.any') },
        ...props.sections.map((s) => ({ value: s.slug, text: s.name })),
      ])}
      <div class="field">
        <label for="articles-author">${t('newsroom.list.author')}</label>
        <input id="articles-author" name="author" type="text" value="${query.author}" maxlength="120" />
      </div>
      ${submitButton(t('newsroom.list.filter'), 'secondary')}
    </form>
    ${
      props.items.length
        ? html`<div class="table-scroll" role="region" aria-labelledby="articles-caption" tabindex="0">
            <table class="data-table">
              <caption id="articles-caption">${t('newsroom.list.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">${t('newsroom.column.headline')}</th>
                  <th scope="col">${t('newsroom.column.status')}</th>
                  <th scope="col">${t('newsroom.column.section')}</th>
                  <th scope="col">${t('newsroom.column.authors')}</th>
                  <th scope="col">${t('newsroom.column.saved')}</th>
                </tr>
              </thead>
              <tbody>
                ${props.items.map(
                  (a) => html`<tr>
                    <th scope="row"><a href="/admin/articles/${a.id}">${a.headline}</a></th>
                    <td>${statusTag(a, i18n)}</td>
                    <td>${a.section.name}</td>
                    <td>${joinNames(
                      i18n,
                      a.authors.map((p) => p.name),
                    )}</td>
                    <td>${when(a.modifiedAt, i18n)}</td>
                  </tr>`,
                )}
              </tbody>
            </table>
          </div>`
        : html`<p>${t('newsroom.list.none')}</p>`
    }
    <p class="pager">
      ${query.page > 1 ? html`<a href="${listHref(query, query.page - 1)}" rel="prev">${t('newsroom.pager.previous')}</a>` : ''}
      ${props.hasMore ? html`<a href="${listHref(query, query.page + 1)}" rel="next">${t('newsroom.pager.next')}</a>` : ''}
    </p>`;
  return adminPage(ctx, { title: t('newsroom.list.title'), current: '/admin/articles', main });
}
