/** An article's revisions: the list, a readable comparison of any two, and restoring one. */
import type { Article } from '../../../domain/article.js';
import type { ArticleRevision, RevisionSummary } from '../../../domain/newsroom.js';
import type { PageContext } from '../../context.js';
import { diffCounts, textDiff } from '../../diff.js';
import { errorSummary, postForm, submitButton, type FormProblem } from '../../forms.js';
import { html } from '../../html.js';
import { hiddenTag, when } from './article-status.js';
import { adminPage } from './page.js';

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
  const { i18n } = ctx;
  const { t } = i18n;
  const base = `/admin/articles/${article.id}`;
  const newest = revisions[0]?.version ?? 1;
  const older = revisions[1]?.version ?? newest;
  const pickA = compare?.a.version ?? older;
  const pickB = compare?.b.version ?? newest;
  const main = html`<h1>${t('newsroom.revisions.heading', { headline: article.headline })}</h1>
    <p><a href="${base}">${t('newsroom.revisions.back')}</a></p>
    ${errorSummary(props.problem)}
    ${
      compare
        ? html`<section class="panel" aria-labelledby="compare-heading">
            <h2 id="compare-heading">${t('newsroom.revisions.compared', { a: compare.a.version, b: compare.b.version })}</h2>
            <p class="hint">
              ${t('newsroom.revisions.legend', { a: compare.a.version, b: compare.b.version })}
            </p>
            <dl class="conflict__fields">
              ${(
                [
                  [
                    t('newsroom.field.headline'),
                    compare.a.content.headline,
                    compare.b.content.headline,
                  ],
                  [
                    t('newsroom.field.standfirst'),
                    compare.a.content.standfirst,
                    compare.b.content.standfirst,
                  ],
                  [t('newsroom.revisions.slug'), compare.a.content.slug, compare.b.content.slug],
                  [
                    t('newsroom.field.section'),
                    compare.a.content.sectionSlug,
                    compare.b.content.sectionSlug,
                  ],
                  [
                    t('newsroom.revisions.dateline'),
                    compare.a.content.dateline,
                    compare.b.content.dateline,
                  ],
                  [
                    t('newsroom.revisions.tags'),
                    compare.a.content.tags.map((t) => t.name).join(', '),
                    compare.b.content.tags.map((t) => t.name).join(', '),
                  ],
                  [t('newsroom.field.body'), compare.a.content.body, compare.b.content.body],
                ] as const
              ).map(([label, x, y]) => {
                const counts = diffCounts(x, y);
                return html`<dt>${label} ${
                  x === y
                    ? t('newsroom.revisions.unchanged')
                    : t('newsroom.revisions.changed', counts)
                }</dt>
                  <dd class="diff">${textDiff(x, y, i18n)}</dd>`;
              })}
            </dl>
          </section>`
        : ''
    }
    <form method="get" action="${base}/revisions/compare" class="form" aria-label="${t('newsroom.revisions.compareLabel')}">
      <div class="table-scroll" role="region" aria-labelledby="revisions-caption" tabindex="0">
        <table class="data-table">
          <caption id="revisions-caption">${t('newsroom.revisions.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">${t('newsroom.revisions.version')}</th>
              <th scope="col">${t('newsroom.revisions.from')}</th>
              <th scope="col">${t('newsroom.revisions.to')}</th>
              <th scope="col">${t('newsroom.column.saved')}</th>
              <th scope="col">${t('newsroom.revisions.by')}</th>
              <th scope="col">${t('newsroom.revisions.note')}</th>
            </tr>
          </thead>
          <tbody>
            ${revisions.map(
              (r) => html`<tr>
                <th scope="row">${r.version === article.version ? t('newsroom.revisions.current', { version: r.version }) : r.version}</th>
                <td><input type="radio" name="a" value="${r.version}" aria-label="${t('newsroom.revisions.fromVersion', { version: r.version })}" ${r.version === pickA ? html` checked` : ''} /></td>
                <td><input type="radio" name="b" value="${r.version}" aria-label="${t('newsroom.revisions.toVersion', { version: r.version })}" ${r.version === pickB ? html` checked` : ''} /></td>
                <td>${when(r.savedAt, i18n)}</td>
                <td>${r.savedBy?.name ?? '—'}</td>
                <td>${r.substantive ? html`<strong>${t('newsroom.revisions.substantive')}</strong> ` : ''}${r.note}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${submitButton(t('newsroom.revisions.compare'), 'secondary')}
    </form>
    ${
      props.canRestore
        ? html`<section class="panel" aria-labelledby="restore-heading">
            <h2 id="restore-heading">${t('newsroom.revisions.restoreHeading')}</h2>
            <p>${t('newsroom.revisions.restoreText')}</p>
            <ul class="restore-list">
              ${revisions
                .filter((r) => r.version !== article.version)
                .map((r) =>
                  postForm(
                    ctx,
                    `${base}/revisions/${r.version}/restore`,
                    html`<input type="hidden" name="version" value="${article.version}" />
                      <button type="submit" class="button button--secondary button--small">
                        ${i18n.rich('newsroom.revisions.restore', { version: r.version, when: i18n.dateTime(r.savedAt) }, { hidden: hiddenTag })}
                      </button>`,
                    {
                      className: 'form form--bare',
                      label: t('newsroom.revisions.restoreLabel', { version: r.version }),
                    },
                  ),
                )
                .map((f) => html`<li>${f}</li>`)}
            </ul>
          </section>`
        : ''
    }`;
  return adminPage(ctx, {
    title: t('newsroom.revisions.title', { headline: article.headline }),
    current: '/admin/articles',
    problem: props.problem,
    main,
  });
}
