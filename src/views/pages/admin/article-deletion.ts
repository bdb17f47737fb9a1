/**
 * Deleting drafts (decisions/0040): the editor's "Delete draft" panel, the confirmation page it
 * leads to (a plain form: no script needed), and the admins' list of deleted drafts with
 * "Recover" buttons.
 */
import type { Article } from '../../../domain/article.js';
import { deletedDraftRetentionDays, type DeletedDraft } from '../../../domain/draft-deletion.js';
import type { Translator } from '../../../i18n/translator.js';
import type { PageContext } from '../../context.js';
import { doneBanner, errorSummary, postForm, submitButton, type FormProblem } from '../../forms.js';
import { html, type SafeHtml } from '../../html.js';
import {
  hiddenTag,
  joinNames,
  noticeText,
  statusName,
  statusTag,
  timeTag,
  when,
  type ArticleNotice,
} from './article-status.js';
import { adminPage } from './page.js';

/** Under the editor: the way to the confirmation page (a link, so nothing is deleted by it). */
export function deletionPanel(a: Article, i18n: Translator): SafeHtml {
  return html`<section class="panel deletion" aria-labelledby="deletion-heading">
    <h2 id="deletion-heading">${i18n.t('newsroom.deletion.heading')}</h2>
    <p>${i18n.t('newsroom.deletion.text')}</p>
    <p>
      <a class="button button--danger" href="/admin/articles/${a.id}/delete">${i18n.t('newsroom.deletion.button')}</a>
    </p>
  </section>`;
}

/** "Are you sure?": what is deleted, what happens to it, and the button; or why it cannot be. */
export function deleteConfirmationView(
  ctx: PageContext,
  props: { article: Article; revisionCount: number; problem?: FormProblem | undefined },
): SafeHtml {
  const { article: a, problem } = props;
  const { i18n } = ctx;
  const { t } = i18n;
  const editor = `/admin/articles/${a.id}`;
  const main = html`<h1>${t('newsroom.deletion.confirm')}</h1>
    ${errorSummary(problem)}
    <dl class="details">
      <dt>${t('newsroom.column.headline')}</dt>
      <dd>${a.headline}</dd>
      <dt>${t('newsroom.column.status')}</dt>
      <dd>${statusTag(a, i18n)}</dd>
      <dt>${t('newsroom.column.authors')}</dt>
      <dd>${
        a.authors.length
          ? joinNames(
              i18n,
              a.authors.map((p) => p.name),
            )
          : t('newsroom.deletion.noAuthors')
      }</dd>
      <dt>${t('newsroom.column.saved')}</dt>
      <dd>${when(a.modifiedAt, i18n)} ${t('newsroom.deletion.revisions', { count: props.revisionCount })}</dd>
    </dl>
    ${
      problem
        ? html`<p><a href="${editor}">${t('newsroom.deletion.back')}</a></p>`
        : html`<p>
              ${i18n.rich(
                'newsroom.deletion.explain',
                { days: deletedDraftRetentionDays, slug: a.slug },
                { code: (c) => html`<code>${c}</code>` },
              )}
            </p>
            ${postForm(
              ctx,
              `${editor}/delete`,
              html`<div class="form-actions">
                ${submitButton(t('newsroom.deletion.button'), 'danger')}
                <a class="button button--secondary" href="${editor}">${t('newsroom.deletion.cancel')}</a>
              </div>`,
              { className: 'form form--bare', label: t('newsroom.deletion.button') },
            )}`
    }`;
  return adminPage(ctx, {
    title: t('newsroom.deletion.title', { headline: a.headline }),
    current: '/admin/articles',
    problem,
    main,
  });
}

/** The admins' list: every deleted draft still kept, newest deletion first, each recoverable. */
export function deletedDraftsView(
  ctx: PageContext,
  props: {
    drafts: DeletedDraft[];
    page: number;
    hasMore: boolean;
    done?: ArticleNotice | undefined;
  },
): SafeHtml {
  const { drafts, page } = props;
  const { i18n } = ctx;
  const { t } = i18n;
  const href = (p: number) => `/admin/articles/deleted${p > 1 ? `?page=${p}` : ''}`;
  const main = html`<h1>${t('newsroom.deleted.title')}</h1>
    ${doneBanner(noticeText(i18n, props.done))}
    <p>${t('newsroom.deleted.intro', { days: deletedDraftRetentionDays })}</p>
    ${
      drafts.length
        ? html`<div class="table-scroll" role="region" aria-labelledby="deleted-caption" tabindex="0">
            <table class="data-table">
              <caption id="deleted-caption">${t('newsroom.deleted.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">${t('newsroom.column.headline')}</th>
                  <th scope="col">${t('newsroom.column.status')}</th>
                  <th scope="col">${t('newsroom.column.section')}</th>
                  <th scope="col">${t('newsroom.column.authors')}</th>
                  <th scope="col">${t('newsroom.deleted.deleted')}</th>
                  <th scope="col">${t('newsroom.deleted.purge')}</th>
                  <th scope="col"><span class="visually-hidden">${t('newsroom.deleted.action')}</span></th>
                </tr>
              </thead>
              <tbody>
                ${drafts.map(
                  (d) => html`<tr>
                    <th scope="row">${d.headline}</th>
                    <td>${statusName(i18n, d.status)}</td>
                    <td>${d.section.name}</td>
                    <td>${joinNames(
                      i18n,
                      d.authors.map((p) => p.name),
                    )}</td>
                    <td>${
                      d.deletedBy
                        ? i18n.rich(
                            'newsroom.deleted.by',
                            { when: i18n.dateTime(d.deletedAt), name: d.deletedBy.name },
                            { time: timeTag(d.deletedAt) },
                          )
                        : when(d.deletedAt, i18n)
                    }</td>
                    <td><time datetime="${d.purgeAt}">${i18n.day(d.purgeAt)}</time></td>
                    <td>
                      ${postForm(
                        ctx,
                        `/admin/articles/${d.id}/recover`,
                        html`<button type="submit" class="button button--secondary button--small">
                          ${i18n.rich('newsroom.deleted.recover', { headline: d.headline }, { hidden: hiddenTag })}
                        </button>`,
                        {
                          className: 'form form--bare',
                          label: t('newsroom.deleted.recoverLabel', { headline: d.headline }),
                        },
                      )}
                    </td>
                  </tr>`,
                )}
              </tbody>
            </table>
          </div>`
        : html`<p>${t('newsroom.deleted.none')}</p>`
    }
    <p class="pager">
      ${page > 1 ? html`<a href="${href(page - 1)}" rel="prev">${t('newsroom.pager.previous')}</a>` : ''}
      ${props.hasMore ? html`<a href="${href(page + 1)}" rel="next">${t('newsroom.pager.next')}</a>` : ''}
    </p>`;
  return adminPage(ctx, {
    title: t('newsroom.deleted.title'),
    current: '/admin/articles/deleted',
    main,
  });
}
