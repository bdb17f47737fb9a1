/** An article's revisions: the list, a readable comparison of any two, and restoring one. */
import type { Article } from '../../../domain/article.js';
import type { ArticleRevision, RevisionSummary } from '../../../domain/newsroom.js';
import type { PageContext } from '../../context.js';
import { diffCounts, textDiff } from '../../diff.js';
import { formatDateTime } from '../../format.js';
import { errorSummary, postForm, submitButton, type FormProblem } from '../../forms.js';
import { html } from '../../html.js';
import { adminPage } from './page.js';

function when(iso: string, timeZone: string) {
  return html`<time datetime="${iso}">${formatDateTime(iso, timeZone)}</time>`;
}

export function revisionsView(
  ctx: PageContext,
  props: {
    article: Article;
    revisions: RevisionSummary[];
    canRestore: boolean;
    compare?: { a: ArticleRevision; b: ArticleRevision } | undefined;
    problem?: FormProblem | undefined;
  },
) {
  const { article, revisions, compare } = props;
  const base = `/admin/articles/${article.id}`;
  const newest = revisions[0]?.version ?? 1;
  const older = revisions[1]?.version ?? newest;
  const pickA = compare?.a.version ?? older;
  const pickB = compare?.b.version ?? newest;
  const main = html`<h1>Revisions of “${article.headline}”</h1>
    <p><a href="${base}">Back to the editor</a></p>
    ${errorSummary(props.problem)}
    ${
      compare
        ? html`<section class="panel" aria-labelledby="compare-heading">
            <h2 id="compare-heading">Version ${compare.a.version} compared with version ${compare.b.version}</h2>
            <p class="hint">
              Words only in version ${compare.a.version} are marked removed (struck through);
              words only in version ${compare.b.version} are marked added (underlined).
            </p>
            <dl class="conflict__fields">
              ${(
                [
                  ['Headline', compare.a.content.headline, compare.b.content.headline],
                  ['Standfirst', compare.a.content.standfirst, compare.b.content.standfirst],
                  ['Slug', compare.a.content.slug, compare.b.content.slug],
                  ['Section', compare.a.content.sectionSlug, compare.b.content.sectionSlug],
                  ['Dateline', compare.a.content.dateline, compare.b.content.dateline],
                  [
                    'Tags',
                    compare.a.content.tags.map((t) => t.name).join(', '),
                    compare.b.content.tags.map((t) => t.name).join(', '),
                  ],
                  ['Body', compare.a.content.body, compare.b.content.body],
                ] as const
              ).map(([label, x, y]) => {
                const counts = diffCounts(x, y);
                return html`<dt>${label}${x === y ? ' (unchanged)' : ` (${counts.added} words added, ${counts.removed} removed)`}</dt>
                  <dd class="diff">${textDiff(x, y)}</dd>`;
              })}
            </dl>
          </section>`
        : ''
    }
    <form method="get" action="${base}/revisions/compare" class="form" aria-label="Compare two versions">
      <div class="table-scroll" role="region" aria-labelledby="revisions-caption" tabindex="0">
        <table class="data-table">
          <caption id="revisions-caption">Every saved version, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Compare from</th>
              <th scope="col">Compare to</th>
              <th scope="col">Saved</th>
              <th scope="col">By</th>
              <th scope="col">Note</th>
            </tr>
          </thead>
          <tbody>
            ${revisions.map(
              (r) => html`<tr>
                <th scope="row">${r.version}${r.version === article.version ? ' (current)' : ''}</th>
                <td><input type="radio" name="a" value="${r.version}" aria-label="Compare from version ${r.version}" ${r.version === pickA ? html` checked` : ''} /></td>
                <td><input type="radio" name="b" value="${r.version}" aria-label="Compare to version ${r.version}" ${r.version === pickB ? html` checked` : ''} /></td>
                <td>${when(r.savedAt, ctx.identity.timeZone)}</td>
                <td>${r.savedBy?.name ?? '—'}</td>
                <td>${r.substantive ? html`<strong>Substantive update:</strong> ` : ''}${r.note}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${submitButton('Compare', 'secondary')}
    </form>
    ${
      props.canRestore
        ? html`<section class="panel" aria-labelledby="restore-heading">
            <h2 id="restore-heading">Restore a version</h2>
            <p>Restoring saves that version again as the newest one; nothing is lost.</p>
            <ul class="restore-list">
              ${revisions
                .filter((r) => r.version !== article.version)
                .map((r) =>
                  postForm(
                    ctx,
                    `${base}/revisions/${r.version}/restore`,
                    html`<input type="hidden" name="version" value="${article.version}" />
                      <button type="submit" class="button button--secondary button--small">
                        Restore version ${r.version}<span class="visually-hidden"> (${formatDateTime(r.savedAt, ctx.identity.timeZone)})</span>
                      </button>`,
                    { className: 'form form--bare', label: `Restore version ${r.version}` },
                  ),
                )
                .map((f) => html`<li>${f}</li>`)}
            </ul>
          </section>`
        : ''
    }`;
  return adminPage(ctx, {
    title: `Revisions: ${article.headline}`,
    current: '/admin/articles',
    problem: props.problem,
    main,
  });
}
