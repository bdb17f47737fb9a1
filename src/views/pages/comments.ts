/**
 * The Comments section of an article page: the heading with the count, the sort links, one page
 * of threads (indented to four levels, deeper replies flat with "in reply to"; long threads
 * continue behind "More replies"), "Load more", and the form, the sign-in invitation or the
 * notice that comments are closed. For an anonymous reader it depends only on the article and the
 * URL, so the bytes are the same for everyone; what is personal (the form with its CSRF token,
 * Reply, Like, Edit and Delete, one's own comments awaiting review) appears only for a signed-in
 * reader, whose page is private.
 */
import {
  isPlaceholder,
  maxCommentLength,
  maxVisualDepth,
  type Comment,
  type CommentNode,
  type CommentSort,
} from '../../domain/comment.js';
import type { CommentsPage, CommentViewerState } from '../../services/comment-threads.js';
import type { PageContext } from '../context.js';
import { formatDateTime, plural } from '../format.js';
import { csrfField, errorSummary, type FormProblem } from '../forms.js';
import { html, raw, type SafeHtml } from '../html.js';
import type { ModeratedComment } from '../../domain/moderation/queue.js';
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

/** The permalink of a comment on its article's page. */
export function commentPermalink(articlePath: string, id: string): string {
  return `${articlePath}?comment=${encodeURIComponent(id)}#${commentAnchor(id)}`;
}

const sortLabels: Record<CommentSort, string> = {
  oldest: 'Oldest',
  newest: 'Newest',
  reactions: 'Most liked',
};

function sortUrl(path: string, sort: CommentSort, cursor?: string | null): string {
  const q = new URLSearchParams();
  if (sort !== 'oldest' || cursor) q.set('comments_sort', sort);
  if (cursor) q.set('comments_cursor', cursor);
  const query = q.toString();
  return `${path}${query ? `?${query}` : ''}`;
}

/** The URL of the view on show, so that a Like sends the reader back to it. */
function hereUrl(path: string, page: CommentsPage): string {
  const v = page.view;
  if (v.kind === 'page') return sortUrl(path, v.sort, v.cursor);
  if (v.kind === 'around') return `${path}?comment=${encodeURIComponent(v.commentId)}`;
  return `${path}?${new URLSearchParams({ thread: v.rootId, replies: v.cursor }).toString()}`;
}

interface ItemContext {
  ctx: PageContext;
  path: string;
  here: string;
  viewer: CommentViewerState | null;
  focus: string | null;
  personal: PersonalComments;
}

function reactionControl(ic: ItemContext, c: Comment): SafeHtml {
  const n = c.reactionCount;
  if (!ic.ctx.viewer || !ic.viewer) {
    return n > 0
      ? html`<span class="comment__reactions">${plural(n, 'like', 'likes')}</span>`
      : html``;
  }
  const reacted = ic.viewer.reacted.has(c.id);
  return html`<form method="post" action="/comments/${c.id}/reactions" class="comment__react-form">
    ${csrfField(ic.ctx)}<input type="hidden" name="on" value="${reacted ? '0' : '1'}" /><input
      type="hidden"
      name="return"
      value="${ic.here}"
    /><button type="submit" class="comment__react" aria-pressed="${reacted ? 'true' : 'false'}">
      Like<span class="visually-hidden"> the comment by ${c.author.name}</span>
      <span class="comment__react-count">${n}</span>
    </button>
  </form>`;
}

function actions(ic: ItemContext, c: Comment): SafeHtml {
  const v = ic.viewer;
  const own = v && v.userId === c.author.id;
  const name = html`<span class="visually-hidden"> ${own ? 'your comment' : `to ${c.author.name}`}</span>`;
  const reported = ic.personal.reportedId === c.id || (v?.reported.has(c.id) ?? false);
  return html`<div class="comment__actions">
    ${reactionControl(ic, c)}
    ${ic.ctx.viewer ? html`<a href="${ic.path}?reply=${c.id}#comment-form">Reply${name}</a>` : ''}
    ${own && v.editable.has(c.id) ? html`<a href="/comments/${c.id}/edit">Edit${name}</a>` : ''}
    ${own ? html`<a class="comment__delete" href="/comments/${c.id}/delete">Delete${name}</a>` : ''}
    ${reportControl(ic.ctx, c, reported, ic.personal.reportedId === c.id)}
  </div>`;
}

function editedMarker(c: Comment): SafeHtml {
  return c.editedAt
    ? html`<a class="comment__edited" href="/comments/${c.id}/history"
        >edited<span class="visually-hidden">: see earlier versions</span></a
      >`
    : html``;
}

function commentCard(ic: ItemContext, node: CommentNode, flat: boolean): SafeHtml {
  const c = node.comment;
  const anchor = commentAnchor(c.id);
  if (isPlaceholder(c)) {
    return html`<p class="comment__deleted" id="${anchor}-author">Comment deleted</p>`;
  }
  const answers = node.inReplyTo ? node.inReplyTo.name : 'a deleted comment';
  const replyTo =
    flat || node.detached
      ? html`<span class="comment__reply-to">in reply to ${answers}</span>`
      : '';
  return html`<article
    class="comment__card${ic.focus === c.id ? ' comment__card--focus' : ''}"
    aria-labelledby="${anchor}-author"
  >
    <p class="comment__meta">
      <strong class="comment__author" id="${anchor}-author">${c.author.name}</strong>
      ${replyTo}
      <a class="comment__time" href="${commentPermalink(ic.path, c.id)}"
        ><time datetime="${c.createdAt}">${formatDateTime(c.createdAt, ic.ctx.identity.timeZone)}</time></a
      >
      ${editedMarker(c)}
    </p>
    <div class="comment__body">${raw(c.html)}</div>
    ${actions(ic, c)}
  </article>`;
}

function commentItem(ic: ItemContext, node: CommentNode, level: number, flat: boolean): SafeHtml {
  const c = node.comment;
  // Replies nest until the deepest indented level; below it they follow in the same list.
  const nested = level < maxVisualDepth;
  const children = node.replies.map((r) => commentItem(ic, r, nested ? level + 1 : level, !nested));
  const more = node.moreReplies
    ? html`<p class="comment-more-replies">
        <a
          href="${ic.path}?${new URLSearchParams({ thread: c.id, replies: node.moreReplies }).toString()}#${commentAnchor(c.id)}"
          >More replies<span class="visually-hidden"> to ${isPlaceholder(c) ? 'a deleted comment' : c.author.name}</span></a
        >
      </p>`
    : '';
  return html`<li class="comment${isPlaceholder(c) ? ' comment--deleted' : ''}" id="${commentAnchor(c.id)}">
      ${commentCard(ic, node, flat)}
      ${nested && children.length ? html`<ol class="comment-replies">${children}</ol>` : ''}
      ${more}
    </li>
    ${nested ? '' : children}`;
}

/**
 * Said before a commenter with an unconfirmed address types: refused until they confirm (with the
 * link sent again on request), or held for review.
 */
function confirmEmailNotice(
  ctx: PageContext,
  confirm: NonNullable<CommentViewerState['confirmEmail']>,
): SafeHtml {
  const what =
    confirm.rule === 'refuse'
      ? 'Confirm your email address to comment.'
      : 'Your comments wait for review until you confirm your email address.';
  return html`<div class="comment-confirm" id="comment-confirm">
    <p>
      ${what} We sent a link to <strong>${confirm.email}</strong>: open it, then come back to
      this page.
    </p>
    <form method="post" action="/account/verify/resend" class="comment-confirm__resend">
      ${csrfField(ctx)}
      <button type="submit" class="button">Send the link again</button>
    </form>
  </div>`;
}

/** The form for a signed-in reader, with what they must know before typing. */
function signedInForm(
  ctx: PageContext,
  path: string,
  state: CommentFormState | undefined,
  held: boolean,
  viewer: CommentViewerState | null,
): SafeHtml {
  const confirm = viewer?.confirmEmail ?? null;
  if (!confirm) return commentForm(ctx, path, state ?? {}, held);
  // Refused until confirmed: no form to type into, unless a refused post brought its text back.
  if (confirm.rule === 'refuse' && !state) {
    return html`<div id="comment-form">${confirmEmailNotice(ctx, confirm)}</div>`;
  }
  return html`${confirmEmailNotice(ctx, confirm)}
  ${commentForm(ctx, path, state ?? {}, held)}`;
}

function commentForm(ctx: PageContext, path: string, state: CommentFormState, held: boolean) {
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
        links, &gt; quotes, lists and \`code\`.${held ? ' Comments on this article are reviewed before they appear.' : ''}
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

function closedNotice(page: CommentsPage, timeZone: string): SafeHtml {
  const p = page.policy;
  return html`<p class="comments-closed" id="comment-form">
    Comments are closed${p.closedBy === 'time' && p.closesAt ? html` (since <time datetime="${p.closesAt}">${formatDateTime(p.closesAt, timeZone)}</time>)` : ''}.
  </p>`;
}

function sortNav(path: string, page: CommentsPage): SafeHtml {
  const current = page.view.kind === 'page' ? page.sort : null;
  return html`<nav class="comment-sort" aria-label="Sort comments">
    <span class="comment-sort__label" aria-hidden="true">Sort:</span>
    <ul>
      ${(Object.keys(sortLabels) as CommentSort[]).map(
        (s) =>
          html`<li>
            <a href="${sortUrl(path, s)}#comments"${s === current ? html` aria-current="true"` : ''}
              >${sortLabels[s]}</a
            >
          </li>`,
      )}
    </ul>
  </nav>`;
}

/** Where the reader is when this is not the first page of comments, and the way back. */
function position(path: string, page: CommentsPage): SafeHtml {
  const v = page.view;
  if (v.kind === 'page' && !v.cursor) return html``;
  const what =
    v.kind === 'around'
      ? 'Showing the thread of one comment and the comments after it.'
      : v.kind === 'thread'
        ? 'Showing later replies in one thread.'
        : 'Showing later comments.';
  return html`<p class="comments-position">
    ${what} <a href="${path}#comments">Back to the first comments</a>
  </p>`;
}

export function commentsSection(
  ctx: PageContext,
  options: {
    path: string;
    count: number;
    page: CommentsPage;
    /** The article's id: with it (and the page's change number), new comments arrive live. */
    liveArticleId?: string;
    form?: CommentFormState;
    viewer?: CommentViewerState | null;
    personal?: PersonalComments;
    /**
     * On paper: the comments alone, no control to press; `shown` of `count` comments, the rest
     * at `url`.
     */
    print?: { shown: number; url: string };
  },
): SafeHtml {
  const { path, count, page, print } = options;
  if (print) return printedComments({ ...ctx, viewer: null }, path, count, page, print);
  const ic: ItemContext = {
    ctx,
    path,
    here: hereUrl(path, page),
    viewer: ctx.viewer ? (options.viewer ?? null) : null,
    focus: page.focus,
    personal: options.personal ?? {},
  };
  const next = `${path}#comments`;
  const open = page.policy.mode !== 'closed';
  const since = page.liveSince;
  const live =
    options.liveArticleId !== undefined && since !== undefined && page.view.kind === 'page'
      ? html` data-live="/api/v1/articles/${options.liveArticleId}/comments/live" data-live-since="${String(since)}" data-live-sort="${page.sort}"`
      : '';
  return html`<section
    class="comments"
    id="comments"
    aria-labelledby="comments-heading"
    tabindex="-1"
    ${live}
  >
    <h2 id="comments-heading">Comments <span class="comment-total">(${count})</span></h2>
    ${featuredStrip(page.featured, ctx.identity.timeZone)} ${count > 1 ? sortNav(path, page) : ''}
    ${position(path, page)}
    ${
      page.threads.length === 0
        ? html`<p class="empty">No comments yet.</p>`
        : html`<ol class="comment-thread" data-comment-list>
            ${page.threads.map((n) => commentItem(ic, n, 0, false))}
          </ol>`
    }
    ${
      page.nextCursor
        ? html`<p class="comments-more">
            <a href="${sortUrl(path, page.sort, page.nextCursor)}#comments" data-load-more
              >Load more comments</a
            >
          </p>`
        : ''
    }
    ${ctx.viewer ? ownUnpublishedComments(ic.personal.own ?? [], ctx.identity.timeZone) : ''}
    ${
      !open
        ? closedNotice(page, ctx.identity.timeZone)
        : ctx.viewer
          ? signedInForm(ctx, path, options.form, page.policy.mode === 'premoderated', ic.viewer)
          : html`<p class="comment-signin" id="comment-form">
              <a href="/signin?next=${encodeURIComponent(next)}">Sign in to comment</a>
            </p>`
    }
  </section>`;
}

/** The discussion on paper: every comment given, nothing to press, and where the rest is. */
function printedComments(
  ctx: PageContext,
  path: string,
  count: number,
  page: CommentsPage,
  print: { shown: number; url: string },
): SafeHtml {
  const ic: ItemContext = { ctx, path, here: path, viewer: null, focus: null, personal: {} };
  return html`<section class="comments comments--print" id="comments" aria-labelledby="comments-heading">
    <h2 id="comments-heading">Comments <span class="comment-total">(${count})</span></h2>
    ${
      print.shown < count
        ? html`<p class="comments-print-note">
            The first ${print.shown.toLocaleString('en-GB')} of ${count.toLocaleString('en-GB')}
            comments; the discussion continues at <span class="print-url">${print.url}</span>.
          </p>`
        : ''
    }
    ${
      page.threads.length === 0
        ? html`<p class="empty">No comments yet.</p>`
        : html`<ol class="comment-thread">
            ${page.threads.map((n) => commentItem(ic, n, 0, false))}
          </ol>`
    }
  </section>`;
}
