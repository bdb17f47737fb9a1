/** The pages around one comment: its earlier versions, editing it, and deleting it. */
import { maxCommentLength, type Comment } from '../../domain/comment.js';
import type { CommentHistory } from '../../services/comment-threads.js';
import type { PageContext } from '../context.js';
import { formatDateTime } from '../format.js';
import { csrfField, errorSummary, type FormProblem } from '../forms.js';
import { html, raw } from '../html.js';
import { layout } from '../layout.js';

interface Where {
  /** The article's path and headline, for the way back. */
  path: string;
  headline: string;
  /** The comment's permalink. */
  permalink: string;
}

function back(where: Where) {
  return html`<p>
    <a href="${where.permalink}">Back to the comment</a> on
    <a href="${where.path}">${where.headline}</a>
  </p>`;
}

export function commentHistoryView(ctx: PageContext, history: CommentHistory, where: Where) {
  const c = history.comment;
  const versions = history.versions;
  return layout(ctx, {
    title: `Versions of a comment by ${c.author.name}`,
    robots: 'noindex',
    main: html`<div class="comment-page">
      <h1>Versions of a comment by ${c.author.name}</h1>
      <p>
        Posted <time datetime="${c.createdAt}">${formatDateTime(c.createdAt, ctx.identity.timeZone)}</time>; edited
        ${versions.length - 1 === 1 ? 'once' : `${versions.length - 1} times`}. Every version is
        kept, newest first.
      </p>
      <ol class="comment-versions" reversed>
        ${[...versions].reverse().map(
          (v, i) => html`<li>
            <h2>
              ${i === 0 ? 'Current version' : `Version ${versions.length - i}`},
              <time datetime="${v.writtenAt}">${formatDateTime(v.writtenAt, ctx.identity.timeZone)}</time>
            </h2>
            <div class="comment__body">${raw(v.html)}</div>
          </li>`,
        )}
      </ol>
      ${back(where)}
    </div>`,
  });
}

export function editCommentView(
  ctx: PageContext,
  comment: Comment,
  where: Where,
  options: { windowMinutes: number; body?: string; problem?: FormProblem },
) {
  const problem = options.problem;
  const described = ['edit-body-hint', problem ? 'edit-body-error' : ''].filter(Boolean).join(' ');
  const until = new Date(Date.parse(comment.createdAt) + options.windowMinutes * 60_000);
  const when =
    comment.status === 'pending'
      ? html`You can edit it until a moderator has looked at it.`
      : html`You can edit until
          <time datetime="${until.toISOString()}">${formatDateTime(until.toISOString(), ctx.identity.timeZone)}</time>;
          readers see that it was edited, and its earlier versions.`;
  return layout(ctx, {
    title: problem ? 'Error: Edit your comment' : 'Edit your comment',
    robots: 'noindex',
    main: html`<div class="comment-page">
      <h1>Edit your comment</h1>
      <form method="post" action="/comments/${comment.id}/edit" class="form comment-form" novalidate>
        ${csrfField(ctx)} ${errorSummary(problem, 'edit-body')}
        <div class="field${problem ? ' field--invalid' : ''}">
          <label for="edit-body">Your comment</label>
          <p class="hint" id="edit-body-hint">
            Up to ${maxCommentLength.toLocaleString('en-GB')} characters. ${when}
          </p>
          ${
            problem
              ? html`<p class="field-error" id="edit-body-error">
                  <span class="visually-hidden">Error:</span> ${problem.message}
                </p>`
              : ''
          }
          <textarea
            id="edit-body"
            name="body"
            rows="6"
            aria-describedby="${described}"
            ${problem ? html` aria-invalid="true"` : ''}
          >
${options.body ?? comment.body}</textarea
          >
        </div>
        <button type="submit" class="button button--primary">Save changes</button>
        <a href="${where.permalink}">Cancel</a>
      </form>
    </div>`,
  });
}

export function deleteCommentView(
  ctx: PageContext,
  comment: Comment,
  where: Where,
  problem?: FormProblem,
) {
  return layout(ctx, {
    title: 'Delete your comment?',
    robots: 'noindex',
    main: html`<div class="comment-page">
      <h1>Delete your comment?</h1>
      ${errorSummary(problem)}
      <blockquote class="comment__body">${raw(comment.html)}</blockquote>
      <p>
        Its text and earlier versions are removed for good. If it has replies, they stay, under
        "Comment deleted".
      </p>
      <form method="post" action="/comments/${comment.id}/delete" class="form">
        ${csrfField(ctx)}
        <button type="submit" class="button button--danger">Delete comment</button>
        <a href="${where.permalink}">Keep it</a>
      </form>
    </div>`,
  });
}
