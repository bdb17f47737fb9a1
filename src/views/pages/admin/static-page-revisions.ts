/** A static page's revisions: the list, a readable comparison of any two, and restoring one. */
import type { Page, PageRevision, PageRevisionSummary } from '../../../domain/page.js';
import type { PageContext } from '../../context.js';
import { diffCounts, textDiff } from '../../diff.js';
import { formatDateTime } from '../../format.js';
import { postForm, submitButton } from '../../forms.js';
import { html, type SafeHtml } from '../../html.js';
import { when } from './article-status.js';
import { adminPage } from './page.js';

function comparison(a: PageRevision, b: PageRevision): SafeHtml {
  const rows = [
    ['Title', a.content.title, b.content.title],
    ['Address', a.content.slug, b.content.slug],
    ['Description', a.content.description, b.content.description],
    ['Text', a.content.body, b.content.body],
  ] as const;
  return html`<section class="panel" aria-labelledby="compare-heading">
    <h2 id="compare-heading">Version ${a.version} compared with version ${b.version}</h2>
    <p class="hint">
      Words only in version ${a.version} are marked removed (struck through); words only in
      version ${b.version} are marked added (underlined).
    </p>
    <dl class="conflict__fields">
      ${rows.map(([label, x, y]) => {
        const counts = diffCounts(x, y);
        return html`<dt>${label}${x === y ? ' (unchanged)' : ` (${counts.added} words added, ${counts.removed} removed)`}</dt>
          <dd class="diff">${textDiff(x, y)}</dd>`;
      })}
    </dl>
  </section>`;
}

export function staticPageRevisionsView(
  ctx: PageContext,
  props: {
    page: Page;
    revisions: PageRevisionSummary[];
    compare?: { a: PageRevision; b: PageRevision } | undefined;
  },
): SafeHtml {
  const { page, revisions, compare } = props;
  const base = `/admin/pages/${page.id}`;
  const newest = revisions[0]?.version ?? 1;
  const pickA = compare?.a.version ?? revisions[1]?.version ?? newest;
  const pickB = compare?.b.version ?? newest;
  const older = revisions.filter((r) => r.version !== page.version);
  const main = html`<h1>Revisions of “${page.title}”</h1>
    <p><a href="${base}">Back to the editor</a></p>
    ${compare ? comparison(compare.a, compare.b) : ''}
    <form method="get" action="${base}/revisions/compare" class="form" aria-label="Compare two versions">
      <div class="table-scroll" role="region" aria-labelledby="revisions-caption" tabindex="0">
        <table class="data-table">
          <caption id="revisions-caption">Every saved version, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Compare from</th>
              <th scope="col">Compare to</th>
              <th scope="col">Title</th>
              <th scope="col">Saved</th>
              <th scope="col">By</th>
              <th scope="col">Note</th>
            </tr>
          </thead>
          <tbody>
            ${revisions.map(
              (r) => html`<tr>
                <th scope="row">${r.version}${r.version === page.version ? ' (current)' : ''}</th>
                <td><input type="radio" name="a" value="${r.version}" aria-label="Compare from version ${r.version}" ${r.version === pickA ? html` checked` : ''} /></td>
                <td><input type="radio" name="b" value="${r.version}" aria-label="Compare to version ${r.version}" ${r.version === pickB ? html` checked` : ''} /></td>
                <td>${r.title}</td>
                <td>${when(r.savedAt, ctx.identity.timeZone)}</td>
                <td>${r.savedBy?.name ?? '—'}</td>
                <td>${r.note}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${submitButton('Compare', 'secondary')}
    </form>
    ${
      older.length
        ? html`<section class="panel" aria-labelledby="restore-heading">
            <h2 id="restore-heading">Restore a version</h2>
            <p>Restoring saves that version again as the newest one; nothing is lost.</p>
            <ul class="restore-list">
              ${older.map(
                (r) =>
                  html`<li>${postForm(
                    ctx,
                    `${base}/revisions/${r.version}/restore`,
                    html`<input type="hidden" name="version" value="${page.version}" />
                      <button type="submit" class="button button--secondary button--small">
                        Restore version ${r.version}<span class="visually-hidden"> (${formatDateTime(r.savedAt, ctx.identity.timeZone)})</span>
                      </button>`,
                    { className: 'form form--bare', label: `Restore version ${r.version}` },
                  )}</li>`,
              )}
            </ul>
          </section>`
        : ''
    }`;
  return adminPage(ctx, { title: `Revisions: ${page.title}`, current: '/admin/pages', main });
}
