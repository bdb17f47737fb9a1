/**
 * The Comments section of an article page: the heading with the count, the first page of threads
 * (indented to four levels, deeper replies flat with "in reply to"), and the form or the sign-in
 * invitation. For an anonymous reader it depends only on the article, so the bytes are the same
 * for everyone; the form (with its CSRF token) and the Reply links appear only for a signed-in one.
 */
import { maxCommentLength, maxVisualDepth, type CommentNode } from '../../domain/comment.js';
import type { ThreadPage } from '../../services/comments.js';
import type { PageContext } from '../context.js';
import { formatDateTime } from '../format.js';
import { csrfField, errorSummary, type FormProblem } from '../forms.js';
import { html, raw, type SafeHtml } from '../html.js';
import type { ModeratedComment } from '../../store/types.js';
import { featuredStrip, ownUnpublishedComments, reportControl } from './comment-moderation.js';

export interface CommentFormState {
  problem?: FormProblem;
  body?: string;
  /** The comment being answered, when the reader chose Reply. */
  replyTo?: { id: string; authorName: string } | null;
}

/** What only the signed-in reader sees around the thread. */
export interface PersonalComments {
  /** Their own comments awaiting review or rejected. */
  own?: readonly ModeratedComment[];
  /** The comment they have just reported. */
  reportedId?: string | undefined;
}

export function commentAnchor(id: string): string {
  return `comment-${id}`;
}

function commentItem(
  ctx: PageContext,
  node: CommentNode,
  level: number,
  flat: boolean,
  personal: PersonalComments = {},
): SafeHtml {
  const c = node.comment;
  const anchor = commentAnchor(c.id);
  // Replies nest until the deepest indented level; below it they follow in the same list.
  const nested = level < maxVisualDepth;
  const children = node.replies.map((r) =>
    commentItem(ctx, r, nested ? level + 1 : level, !nested, personal),
  );
  return html`<li class="comment" id="${anchor}">
      <article class="comment__card" aria-labelledby="${anchor}-author">
        <p class="comment__meta">
          <strong class="comment__author" id="${anchor}-author">${c.author.name}</strong>
          ${flat && node.inReplyTo ? html`<span class="comment__reply-to">in reply to ${node.inReplyTo.name}</span>` : ''}
          <a class="comment__time" href="#${anchor}"><time datetime="${c.createdAt}">${formatDateTime(c.createdAt)}</time></a>
        </p>
        <div class="comment__body">${raw(c.html)}</div>
        ${ctx.viewer ? html`<p class="comment__actions"><a href="?reply=${c.id}#comment-form">Reply<span class="visually-hidden"> to ${c.author.name}</span></a></p>` : ''}
        ${reportControl(ctx, c, personal.reportedId)}
      </article>
      ${nested && children.length ? html`<ol class="comment-replies">${children}</ol>` : ''}
    </li>
    ${nested ? '' : children}`;
}

function commentForm(ctx: PageContext, path: string, state: CommentFormState): SafeHtml {
  const problem = state.problem;
  const replyTo = state.replyTo ?? null;
  const described = ['comment-body-hint', problem ? 'comment-body-error' : '']
    .filter(Boolean)
    .join(' ');
  return html`<form
    method="post"
    action="${path}/comments"
    class="comment-form form"
    id="comment-form"
    novalidate
  >
    ${csrfField(ctx)} ${errorSummary(problem, 'comment-body')}
    ${replyTo ? html`<input type="hidden" name="parentId" value="${replyTo.id}" />` : ''}
    <div class="field${problem ? ' field--invalid' : ''}">
      <label for="comment-body"
        >${replyTo ? `Reply to ${replyTo.authorName}` : 'Your comment'}</label
      >
      <p class="hint" id="comment-body-hint">
        Up to ${maxCommentLength.toLocaleString('en-GB')} characters. You can use *emphasis*,
        links, &gt; quotes, lists and \`code\`.
      </p>
      ${
        problem
          ? html`<p class="field-error" id="comment-body-error">
              <span class="visually-hidden">Error:</span> ${problem.message}
            </p>`
          : ''
      }
      <textarea
        id="comment-body"
        name="body"
        rows="5"
        aria-describedby="${described}"
        ${problem ? html` aria-invalid="true"` : ''}
      >
${state.body ?? ''}</textarea
      >
    </div>
    <button type="submit" class="button button--primary">
      ${replyTo ? 'Post reply' : 'Post comment'}
    </button>
    ${replyTo ? html`<a href="${path}#comment-form">Cancel reply</a>` : ''}
  </form>`;
}

export function commentsSection(
  ctx: PageContext,
  options: {
    path: string;
    count: number;
    page: ThreadPage;
    form?: CommentFormState;
    personal?: PersonalComments;
  },
): SafeHtml {
  const { path, count, page } = options;
  const personal = options.personal ?? {};
  const next = `${path}#comments`;
  return html`<section
    class="comments"
    id="comments"
    aria-labelledby="comments-heading"
    tabindex="-1"
  >
    <h2 id="comments-heading">Comments <span class="comment-total">(${count})</span></h2>
    ${featuredStrip(page.featured)}
    ${
      page.threads.length === 0
        ? html`<p class="empty">No comments yet.</p>`
        : html`<ol class="comment-thread">
            ${page.threads.map((n) => commentItem(ctx, n, 0, false, personal))}
          </ol>`
    }
    ${ctx.viewer ? ownUnpublishedComments(personal.own ?? []) : ''}
    ${
      ctx.viewer
        ? commentForm(ctx, path, options.form ?? {})
        : html`<p class="comment-signin" id="comment-form">
            <a href="/signin?next=${encodeURIComponent(next)}">Sign in to comment</a>
          </p>`
    }
  </section>`;
}
