/** The editors' list of static pages (About, Contact…), with their status. */
import { pagePath, type PageListItem, type PageStatus } from '../../../domain/page.js';
import type { MessageKey, Translator } from '../../../i18n/translator.js';
import type { PageContext } from '../../context.js';
import { doneBanner } from '../../forms.js';
import { html, type SafeHtml } from '../../html.js';
import { adminPage } from './page.js';
import { noticeText, timeOf } from './structure-parts.js';

/** The notices a redirect back to the list or the editor names (`?done=`). */
export const pageNotices = {
  created: 'structure.page.notice.created',
  saved: 'structure.page.notice.saved',
  published: 'structure.page.notice.published',
  unpublished: 'structure.page.notice.unpublished',
  restored: 'structure.page.notice.restored',
} as const satisfies Record<string, MessageKey>;
export type PageNotice = keyof typeof pageNotices;

export const pageStatusNames = {
  draft: 'structure.pages.status.draft',
  published: 'structure.pages.status.published',
} as const satisfies Record<PageStatus, MessageKey>;

export function pageStatusTag(i18n: Translator, status: PageStatus): SafeHtml {
  return html`<span class="tag${status === 'published' ? ' tag--ok' : ''}">${i18n.t(pageStatusNames[status])}</span>`;
}

export function staticPageListView(
  ctx: PageContext,
  props: { pages: PageListItem[]; done?: PageNotice | undefined },
): SafeHtml {
  const { i18n } = ctx;
  const { t } = i18n;
  const main = html`<h1>${t('structure.pages.title')}</h1>
    ${doneBanner(noticeText(i18n, pageNotices, props.done))}
    <p>${t('structure.pages.intro')}</p>
    <p><a class="button button--primary" href="/admin/pages/new">${t('structure.pages.new')}</a></p>
    ${
      props.pages.length
        ? html`<div class="table-scroll" role="region" aria-labelledby="pages-caption" tabindex="0">
            <table class="data-table">
              <caption id="pages-caption">${t('structure.pages.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">${t('structure.pages.column.title')}</th>
                  <th scope="col">${t('structure.pages.column.status')}</th>
                  <th scope="col">${t('structure.pages.column.address')}</th>
                  <th scope="col">${t('structure.pages.column.changed')}</th>
                </tr>
              </thead>
              <tbody>
                ${props.pages.map(
                  (p) => html`<tr>
                    <th scope="row"><a href="/admin/pages/${p.id}">${p.title}</a></th>
                    <td>${pageStatusTag(i18n, p.status)}</td>
                    <td>${p.status === 'published' ? html`<a href="${pagePath(p)}">${pagePath(p)}</a>` : pagePath(p)}</td>
                    <td>${timeOf(i18n, p.modifiedAt)}</td>
                  </tr>`,
                )}
              </tbody>
            </table>
          </div>`
        : html`<p>${t('structure.pages.empty')}</p>`
    }`;
  return adminPage(ctx, { title: t('structure.pages.title'), current: '/admin/pages', main });
}
