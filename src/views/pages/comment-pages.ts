/** The pages around one comment: its earlier versions, editing it, and deleting it. */
import { maxCommentLength, type Comment } from '../../domain/comment.js';
import type { CommentHistory } from '../../services/comment-threads.js';
import type { PageContext } from '../context.js';
import { csrfField, errorSummary, type FormProblem } from '../forms.js';
import { html, raw, type SafeHtml } from '../html.js';
import { layout } from '../layout.js';
import { timeTag } from '../rich-tags.js';

interface Where {
  /** The article's path and headline, for the way back. */
  path: string;
  headline: string;
  /** The comment's permalink. */
  permalink: string;
}

function back(ctx: PageContext, where: Where) {
  const link = (href: string) => (words: SafeHtml) => html`<a href="${href}">${words}</a>`;
  return html`<p>
    ${ctx.i18n.rich(
      'comments.page.back',
      { headline: where.headline },
      { comment: link(where.permalink), article: link(where.path) },
    )}
  </p>`;
}

export function commentHistoryView(ctx: PageContext, history: CommentHistory, where: Where) {
  const { i18n } = ctx;
  const c = history.comment;
  const versions = history.versions;
  const title = i18n.t('comments.history.title', { name: c.author.name });
  return layout(ctx, {
    title,
    robots: 'noindex',
    main: html`<div class="comment-page">
      <h1>${title}</h1>
      <p>
        ${i18n.rich(
          'comments.history.posted',
          { when: i18n.dateTime(c.createdAt), edits: versions.length - 1 },
          { time: timeTag(c.createdAt) },
        )}
      </p>
      <ol class="comment-versions" reversed>
        ${[...versions].reverse().map(
          (v, i) => html`<li>
            <h2>
              ${
                i === 0
                  ? i18n.rich(
                      'comments.history.current',
                      { when: i18n.dateTime(v.writtenAt) },
                      { time: timeTag(v.writtenAt) },
                    )
                  : i18n.rich(
                      'comments.history.version',
                      { n: versions.length - i, when: i18n.dateTime(v.writtenAt) },
                      { time: timeTag(v.writtenAt) },
                    )
              }
            </h2>
            <div class="comment__body">${raw(v.html)}</div>
          </li>`,
        )}
      </ol>
      ${back(ctx, where)}
    </div>`,
  });
}

export function editCommentView(
  ctx: PageContext,
  comment: Comment,
  where: Where,
  options: { windowMinutes: number; body?: string; problem?: FormProblem },
) {
  const { i18n } = ctx;
  const problem = options.problem;
  const described = ['edit-body-hint', problem ? 'edit-body-error' : ''].filter(Boolean).join(' ');
  const until = new Date(Date.parse(comment.createdAt) + options.windowMinutes * 60_000);
  const when =
    comment.status === 'pending'
      ? i18n.t('comments.edit.untilReviewed')
      : i18n.rich(
          'comments.edit.until',
          { when: i18n.dateTime(until) },
          { time: timeTag(until.toISOString()) },
        );
  return layout(ctx, {
    title: problem ? i18n.t('comments.edit.titleError') : i18n.t('comments.edit.title'),
    robots: 'noindex',
    main: html`<div class="comment-page">
      <h1>${i18n.t('comments.edit.title')}</h1>
      <form method="post" action="/comments/${comment.id}/edit" class="form comment-form" novalidate>
        ${csrfField(ctx)} ${errorSummary(problem, 'edit-body')}
        <div class="field${problem ? ' field--invalid' : ''}">
          <label for="edit-body">${i18n.t('comments.form.label')}</label>
          <p class="hint" id="edit-body-hint">
            ${i18n.t('comments.edit.limit', { max: maxCommentLength })} ${when}
          </p>
          ${
            problem
              ? html`<p class="field-error" id="edit-body-error">
                  <span class="visually-hidden">${i18n.t('comments.form.error')}</span> ${problem.message}
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
        <button type="submit" class="button button--primary">${i18n.t('comments.edit.save')}</button>
        <a href="${where.permalink}">${i18n.t('comments.edit.cancel')}</a>
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
  const { i18n } = ctx;
  return layout(ctx, {
    title: i18n.t('comments.delete.title'),
    robots: 'noindex',
    main: html`<div class="comment-page">
      <h1>${i18n.t('comments.delete.title')}</h1>
      ${errorSummary(problem)}
      <blockquote class="comment__body">${raw(comment.html)}</blockquote>
      <p>${i18n.t('comments.delete.text')}</p>
      <form method="post" action="/comments/${comment.id}/delete" class="form">
        ${csrfField(ctx)}
        <button type="submit" class="button button--danger">${i18n.t('comments.delete.submit')}</button>
        <a href="${where.permalink}">${i18n.t('comments.delete.keep')}</a>
      </form>
    </div>`,
  });
}
