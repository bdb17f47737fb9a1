/**
 * What moderation adds to an article's comments: the Featured strip (public, the same for
 * everyone), a Report form on each comment for signed-in readers (works without JavaScript), and
 * for the signed-in author alone their comments that are awaiting review or were rejected.
 */
import type { Comment } from '../../domain/comment.js';
import { reportReasons, type ReportReason } from '../../domain/moderation/reports.js';
import type { ModeratedComment } from '../../domain/moderation/queue.js';
import type { MessageKey } from '../../i18n/translator.js';
import type { PageContext } from '../context.js';
import { csrfField } from '../forms.js';
import { html, raw, type SafeHtml } from '../html.js';
import { hiddenTag } from '../rich-tags.js';

const reasonLabels: Record<ReportReason, MessageKey> = {
  spam: 'comments.report.reason.spam',
  abuse: 'comments.report.reason.abuse',
  'off-topic': 'comments.report.reason.off-topic',
  other: 'comments.report.reason.other',
};

export function featuredStrip(ctx: PageContext, featured: readonly Comment[]): SafeHtml {
  if (featured.length === 0) return html``;
  const { i18n } = ctx;
  return html`<section class="featured-comments" aria-labelledby="featured-heading">
    <h3 id="featured-heading">${i18n.t('comments.featured.heading')}</h3>
    <ol>
      ${featured.map(
        (c) => html`<li class="featured-comment">
          <p class="comment__meta">
            <strong>${c.author.name}</strong>
            <a class="comment__time" href="#comment-${c.id}"
              ><time datetime="${c.createdAt}">${i18n.dateTime(c.createdAt)}</time
              ><span class="visually-hidden"> ${i18n.t('comments.featured.goTo')}</span></a
            >
          </p>
          <div class="comment__body">${raw(c.html)}</div>
        </li>`,
      )}
    </ol>
  </section>`;
}

/**
 * Report, folded away until asked for, among the comment's other actions; only for signed-in
 * readers and never on their own. Once they have reported it, "Reported" stands in its place.
 */
export function reportControl(
  ctx: PageContext,
  comment: Comment,
  state: {
    reported: boolean;
    /** Reported by this reader with the request before this one: said as a status. */
    justNow: boolean;
    /** The reader chose Report (`?report=ID`): the form is drawn open, with their token. */
    open: boolean;
    /** Where Report leads otherwise: this page with `?report=ID` (decision 0084). */
    link: string;
  },
): SafeHtml {
  if (!ctx.viewer || ctx.viewer.id === comment.author.id) return html``;
  const { i18n } = ctx;
  const name = { name: comment.author.name };
  const tags = { hidden: hiddenTag };
  const { justNow } = state;
  if (state.reported) {
    return html`<span class="comment__reported"${justNow ? html` role="status"` : ''}
      >${i18n.rich(justNow ? 'comments.report.doneNow' : 'comments.report.done', name, tags)}</span
    >`;
  }
  // A link, not a form: the same bytes for every signed-in reader, no token in each comment.
  if (!state.open) {
    return html`<a class="comment__report-link" href="${state.link}"
      >${i18n.rich('comments.report.summary', name, tags)}</a
    >`;
  }
  const id = `report-${comment.id}`;
  return html`<details class="comment__report" id="${id}" open>
    <summary>${i18n.rich('comments.report.summary', name, tags)}</summary>
    <form method="post" action="/comments/${comment.id}/reports" class="form report-form" novalidate>
      ${csrfField(ctx)}
      <fieldset>
        <legend>${i18n.t('comments.report.legend')}</legend>
        ${reportReasons.map(
          (r, i) => html`<div class="choice">
            <input type="radio" id="${id}-${r}" name="reason" value="${r}" ${i === 0 ? html` checked` : ''} />
            <label for="${id}-${r}">${i18n.t(reasonLabels[r])}</label>
          </div>`,
        )}
      </fieldset>
      <div class="field">
        <label for="${id}-text">${i18n.t('comments.report.text')}</label>
        <textarea id="${id}-text" name="text" rows="2" maxlength="1000"></textarea>
      </div>
      <button type="submit" class="button button--secondary">${i18n.t('comments.report.send')}</button>
    </form>
  </details>`;
}

/**
 * The author's own comments nobody else sees: awaiting review (which they may still edit or
 * delete), or rejected with the reason.
 */
export function ownUnpublishedComments(
  ctx: PageContext,
  own: readonly ModeratedComment[],
): SafeHtml {
  if (own.length === 0) return html``;
  const { i18n } = ctx;
  const tags = { hidden: hiddenTag };
  return html`<section class="own-comments" aria-labelledby="own-comments-heading">
    <h3 id="own-comments-heading">${i18n.t('comments.own.heading')}</h3>
    <ol>
      ${own.map(
        (c) => html`<li class="own-comment own-comment--${c.status}" id="comment-${c.id}">
          <p class="comment__meta">
            ${
              c.status === 'pending'
                ? html`<span class="tag">${i18n.t('comments.own.pending')}</span>`
                : html`<span class="tag tag--warn">${i18n.t('comments.own.rejected')}</span>`
            }
            <time datetime="${c.createdAt}">${i18n.dateTime(c.createdAt)}</time>
          </p>
          ${
            c.status === 'rejected'
              ? html`<p class="own-comment__reason">
                  ${
                    c.rejectionReason
                      ? i18n.t('comments.own.reason', { reason: c.rejectionReason })
                      : i18n.t('comments.own.noReason')
                  }
                </p>`
              : html`<p class="own-comment__reason">${i18n.t('comments.own.waiting')}</p>`
          }
          <div class="comment__body">${raw(c.html)}</div>
          ${
            c.status === 'pending'
              ? html`<div class="comment__actions">
                  <a href="/comments/${c.id}/edit">${i18n.rich('comments.own.edit', {}, tags)}</a>
                  <a class="comment__delete" href="/comments/${c.id}/delete"
                    >${i18n.rich('comments.own.delete', {}, tags)}</a
                  >
                </div>`
              : ''
          }
        </li>`,
      )}
    </ol>
  </section>`;
}
