/** The editors' list of static pages (About, Contact…), with their status. */
import { pagePath, type PageListItem, type PageStatus } from '../../../domain/page.js';
import type { PageContext } from '../../context.js';
import { doneBanner } from '../../forms.js';
import { html, type SafeHtml } from '../../html.js';
import { when } from './article-status.js';
import { adminPage } from './page.js';

export const pageStatusNames: Record<PageStatus, string> = {
  draft: 'Draft',
  published: 'Published',
};

export function pageStatusTag(status: PageStatus): SafeHtml {
  return html`<span class="tag${status === 'published' ? ' tag--ok' : ''}">${pageStatusNames[status]}</span>`;
}

export function staticPageListView(
  ctx: PageContext,
  props: { pages: PageListItem[]; done?: string | undefined },
): SafeHtml {
  const main = html`<h1>Pages</h1>
    ${doneBanner(props.done)}
    <p>
      Pages such as About, Contact or a corrections policy: each at its own address, never listed
      as news.
    </p>
    <p><a class="button button--primary" href="/admin/pages/new">Write a new page</a></p>
    ${
      props.pages.length
        ? html`<div class="table-scroll" role="region" aria-labelledby="pages-caption" tabindex="0">
            <table class="data-table">
              <caption id="pages-caption">Pages, most recently changed first</caption>
              <thead>
                <tr>
                  <th scope="col">Title</th>
                  <th scope="col">Status</th>
                  <th scope="col">Address</th>
                  <th scope="col">Changed</th>
                </tr>
              </thead>
              <tbody>
                ${props.pages.map(
                  (p) => html`<tr>
                    <th scope="row"><a href="/admin/pages/${p.id}">${p.title}</a></th>
                    <td>${pageStatusTag(p.status)}</td>
                    <td>${p.status === 'published' ? html`<a href="${pagePath(p)}">${pagePath(p)}</a>` : pagePath(p)}</td>
                    <td>${when(p.modifiedAt, ctx.identity.timeZone)}</td>
                  </tr>`,
                )}
              </tbody>
            </table>
          </div>`
        : html`<p>No pages yet.</p>`
    }`;
  return adminPage(ctx, { title: 'Pages', current: '/admin/pages', main });
}
