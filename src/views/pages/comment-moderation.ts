/**
 * What moderation adds to an article's comments: the Featured strip (public, the same for
 * everyone), a Report form on each comment for signed-in readers (works without JavaScript), and
 * for the signed-in author alone their comments that are awaiting review or were rejected.
 */
import type { Comment } from '../../domain/comment.js';
import { reportReasonLabels, reportReasons } from '../../domain/moderation/reports.js';
import type { ModeratedComment } from '../../domain/moderation/queue.js';
import type { PageContext } from '../context.js';
import { formatDateTime } from '../format.js';
import { csrfField } from '../forms.js';
import { html, raw, type SafeHtml } from '../html.js';

export function featuredStrip(featured: readonly Comment[], timeZone: string): SafeHtml {
  if (featured.length === 0) return html``;
  return html`<section class="featured-comments" aria-labelledby="featured-heading">
    <h3 id="featured-heading">Featured</h3>
    <ol>
      ${featured.map(
        (c) => html`<li class="featured-comment">
          <p class="comment__meta">
            <strong>${c.author.name}</strong>
            <a class="comment__time" href="#comment-${c.id}"
              ><time datetime="${c.createdAt}">${formatDateTime(c.createdAt, timeZone)}</time
              ><span class="visually-hidden"> (go to the comment in the thread)</span></a
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
  reported: boolean,
  justNow: boolean,
): SafeHtml {
  if (!ctx.viewer || ctx.viewer.id === comment.author.id) return html``;
  if (reported) {
    return html`<span class="comment__reported"${justNow ? html` role="status"` : ''}
      >Reported<span class="visually-hidden"> the comment by ${comment.author.name}</span>${
        justNow ? ': thank you, your report was sent to the moderators.' : ''
      }</span
    >`;
  }
  const id = `report-${comment.id}`;
  return html`<details class="comment__report">
    <summary>Report<span class="visually-hidden"> the comment by ${comment.author.name}</span></summary>
    <form method="post" action="/comments/${comment.id}/reports" class="form report-form" novalidate>
      ${csrfField(ctx)}
      <fieldset>
        <legend>Why should moderators look at this comment?</legend>
        ${reportReasons.map(
          (r, i) => html`<div class="choice">
            <input type="radio" id="${id}-${r}" name="reason" value="${r}" ${i === 0 ? html` checked` : ''} />
            <label for="${id}-${r}">${reportReasonLabels[r]}</label>
          </div>`,
        )}
      </fieldset>
      <div class="field">
        <label for="${id}-text">Anything to add (optional)</label>
        <textarea id="${id}-text" name="text" rows="2" maxlength="1000"></textarea>
      </div>
      <button type="submit" class="button button--secondary">Send report</button>
    </form>
  </details>`;
}

/**
 * The author's own comments nobody else sees: awaiting review (which they may still edit or
 * delete), or rejected with the reason.
 */
export function ownUnpublishedComments(
  own: readonly ModeratedComment[],
  timeZone: string,
): SafeHtml {
  if (own.length === 0) return html``;
  return html`<section class="own-comments" aria-labelledby="own-comments-heading">
    <h3 id="own-comments-heading">Your comments only you can see</h3>
    <ol>
      ${own.map(
        (c) => html`<li class="own-comment own-comment--${c.status}" id="comment-${c.id}">
          <p class="comment__meta">
            ${
              c.status === 'pending'
                ? html`<span class="tag">Awaiting review</span>`
                : html`<span class="tag tag--warn">Rejected</span>`
            }
            <time datetime="${c.createdAt}">${formatDateTime(c.createdAt, timeZone)}</time>
          </p>
          ${
            c.status === 'rejected'
              ? html`<p class="own-comment__reason">
                  ${c.rejectionReason ? html`Reason: ${c.rejectionReason}` : 'The moderators gave no reason.'}
                </p>`
              : html`<p class="own-comment__reason">
                  A moderator will look at it soon. Until then only you can see it.
                </p>`
          }
          <div class="comment__body">${raw(c.html)}</div>
          ${
            c.status === 'pending'
              ? html`<div class="comment__actions">
                  <a href="/comments/${c.id}/edit"
                    >Edit<span class="visually-hidden"> your comment awaiting review</span></a
                  >
                  <a class="comment__delete" href="/comments/${c.id}/delete"
                    >Delete<span class="visually-hidden"> your comment awaiting review</span></a
                  >
                </div>`
              : ''
          }
        </li>`,
      )}
    </ol>
  </section>`;
}
