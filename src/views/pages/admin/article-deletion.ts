/**
 * Deleting drafts (decisions/0040): the editor's "Delete draft" panel, the confirmation page it
 * leads to (a plain form: no script needed), and the admins' list of deleted drafts with
 * "Recover" buttons.
 */
import type { Article } from '../../../domain/article.js';
import { deletedDraftRetentionDays, type DeletedDraft } from '../../../domain/draft-deletion.js';
import type { PageContext } from '../../context.js';
import { formatDay, joinNames, plural } from '../../format.js';
import { doneBanner, errorSummary, postForm, submitButton, type FormProblem } from '../../forms.js';
import { html, type SafeHtml } from '../../html.js';
import { statusNames, statusTag, when } from './article-status.js';
import { adminPage } from './page.js';

/** Under the editor: the way to the confirmation page (a link, so nothing is deleted by it). */
export function deletionPanel(a: Article): SafeHtml {
  return html`<section class="panel deletion" aria-labelledby="deletion-heading">
    <h2 id="deletion-heading">Delete</h2>
    <p>
      This draft has never been published, so it can be deleted. You will be asked to confirm.
    </p>
    <p>
      <a class="button button--danger" href="/admin/articles/${a.id}/delete">Delete draft</a>
    </p>
  </section>`;
}

/** "Are you sure?": what is deleted, what happens to it, and the button; or why it cannot be. */
export function deleteConfirmationView(
  ctx: PageContext,
  props: { article: Article; revisionCount: number; problem?: FormProblem | undefined },
): SafeHtml {
  const { article: a, problem } = props;
  const editor = `/admin/articles/${a.id}`;
  const main = html`<h1>Delete this draft?</h1>
    ${errorSummary(problem)}
    <dl class="details">
      <dt>Headline</dt>
      <dd>${a.headline}</dd>
      <dt>Status</dt>
      <dd>${statusTag(a, ctx.identity.timeZone)}</dd>
      <dt>Authors</dt>
      <dd>${a.authors.length ? joinNames(a.authors.map((p) => p.name)) : 'none yet'}</dd>
      <dt>Saved</dt>
      <dd>${when(a.modifiedAt, ctx.identity.timeZone)} (${plural(props.revisionCount, 'revision', 'revisions')})</dd>
    </dl>
    ${
      problem
        ? html`<p><a href="${editor}">Back to the article</a></p>`
        : html`<p>
              The draft leaves the newsroom at once: it is no longer listed, opened or found. It is
              kept with all its revisions for ${deletedDraftRetentionDays} days, during which an
              admin can recover it exactly as it was; then it is removed for good. Its address
              (<code>${a.slug}</code>) stays reserved until then.
            </p>
            ${postForm(
              ctx,
              `${editor}/delete`,
              html`<div class="form-actions">
                ${submitButton('Delete draft', 'danger')}
                <a class="button button--secondary" href="${editor}">Cancel, keep the draft</a>
              </div>`,
              { className: 'form form--bare', label: 'Delete draft' },
            )}`
    }`;
  return adminPage(ctx, {
    title: `Delete: ${a.headline}`,
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
    done?: string | undefined;
  },
): SafeHtml {
  const { drafts, page } = props;
  const href = (p: number) => `/admin/articles/deleted${p > 1 ? `?page=${p}` : ''}`;
  const main = html`<h1>Deleted drafts</h1>
    ${doneBanner(props.done)}
    <p>
      Drafts deleted in the last ${deletedDraftRetentionDays} days. Recovering one brings it back
      as it was, with its revisions and its status; after ${deletedDraftRetentionDays} days it is
      removed for good.
    </p>
    ${
      drafts.length
        ? html`<div class="table-scroll" role="region" aria-labelledby="deleted-caption" tabindex="0">
            <table class="data-table">
              <caption id="deleted-caption">Deleted drafts, most recently deleted first</caption>
              <thead>
                <tr>
                  <th scope="col">Headline</th>
                  <th scope="col">Status</th>
                  <th scope="col">Section</th>
                  <th scope="col">Authors</th>
                  <th scope="col">Deleted</th>
                  <th scope="col">Removed for good</th>
                  <th scope="col"><span class="visually-hidden">Action</span></th>
                </tr>
              </thead>
              <tbody>
                ${drafts.map(
                  (d) => html`<tr>
                    <th scope="row">${d.headline}</th>
                    <td>${statusNames[d.status]}</td>
                    <td>${d.section.name}</td>
                    <td>${joinNames(d.authors.map((p) => p.name))}</td>
                    <td>${when(d.deletedAt, ctx.identity.timeZone)}${d.deletedBy ? html` by ${d.deletedBy.name}` : ''}</td>
                    <td><time datetime="${d.purgeAt}">${formatDay(d.purgeAt, ctx.identity.timeZone)}</time></td>
                    <td>
                      ${postForm(
                        ctx,
                        `/admin/articles/${d.id}/recover`,
                        html`<button type="submit" class="button button--secondary button--small">
                          Recover<span class="visually-hidden">: ${d.headline}</span>
                        </button>`,
                        { className: 'form form--bare', label: `Recover ${d.headline}` },
                      )}
                    </td>
                  </tr>`,
                )}
              </tbody>
            </table>
          </div>`
        : html`<p>No deleted drafts.</p>`
    }
    <p class="pager">
      ${page > 1 ? html`<a href="${href(page - 1)}" rel="prev">Previous page</a>` : ''}
      ${props.hasMore ? html`<a href="${href(page + 1)}" rel="next">Next page</a>` : ''}
    </p>`;
  return adminPage(ctx, { title: 'Deleted drafts', current: '/admin/articles/deleted', main });
}
