/**
 * The Comments section of an article page: the heading with the count, the sort links, one page
 * of threads (indented to four levels, deeper replies flat with "in reply to"; long threads
 * continue behind "More replies"), "Load more", and the form, the sign-in invitation or the
 * notice that comments are closed. For an anonymous reader it depends only on the article and the
 * URL, so the bytes are the same for everyone; what is personal (the form with its CSRF token,
 * Reply, Like, Edit and Delete, one's own comments awaiting review) appears only for a signed-in
 * reader, whose page is private.
 */
import { randomBytes } from 'node:crypto';
import { hiddenTag, timeTag } from '../rich-tags.js';
import {
  isPlaceholder,
  maxCommentLength,
  maxVisualDepth,
  type Comment,
  type CommentNode,
  type CommentSort,
} from '../../domain/comment.js';
import type { CommentsPage, CommentViewerState } from '../../services/comment-threads.js';
import { defaultLanguage, languageOf } from '../../i18n/languages.js';
import type { MessageKey, RichTag, Translator } from '../../i18n/translator.js';
import type { PageContext, Viewing } from '../context.js';
import type { CommentFormState, PersonalComments } from '../reader-state.js';
import { csrfField, errorSummary } from '../forms.js';
import { FragmentCache, fragmentKey } from '../fragment-cache.js';
import { html, raw, type SafeHtml } from '../html.js';
import { featuredStrip, ownUnpublishedComments, reportControl } from './comment-moderation.js';

export type { CommentFormState, PersonalComments } from '../reader-state.js';

export function commentAnchor(id: string): string {
  return `comment-${id}`;
}

/** The permalink of a comment on its article's page. */
export function commentPermalink(articlePath: string, id: string): string {
  return `${articlePath}?comment=${encodeURIComponent(id)}#${commentAnchor(id)}`;
}

const sortLabels: Record<CommentSort, MessageKey> = {
  oldest: 'comments.sort.oldest',
  newest: 'comments.sort.newest',
  reactions: 'comments.sort.reactions',
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
  /**
   * Drawing a thread to keep (`threadItem`): each comment's controls are a mark naming the
   * comment, filled on every use of the kept thread.
   */
  marking?: boolean;
}

/** A comment list's context for one reader, in a page drawn for everyone (see slots.ts). */
function personalItem(ic: ItemContext, v: Viewing): ItemContext {
  return {
    ...ic,
    ctx: v.ctx,
    viewer: v.ctx.viewer ? v.comments : null,
    personal: v.personal,
  };
}

function reactionControl(ic: ItemContext, c: Comment): SafeHtml {
  const n = c.reactionCount;
  if (!ic.ctx.viewer || !ic.viewer) {
    return n > 0
      ? html`<span class="comment__reactions">${ic.ctx.i18n.t('comments.likes', { count: n })}</span>`
      : html``;
  }
  const reacted = ic.viewer.reacted.has(c.id);
  // The button submits the page's one actions form (the reader's token, where to come back to):
  // no token here, so these bytes are the same for every signed-in reader (decision 0084).
  return html`<span class="comment__react-form"
    ><button
      type="submit"
      form="${actionsFormId}"
      formaction="/comments/${c.id}/reactions"
      name="on"
      value="${reacted ? '0' : '1'}"
      class="comment__react"
      aria-pressed="${reacted ? 'true' : 'false'}"
    >
      ${ic.ctx.i18n.rich('comments.like', { name: c.author.name }, { hidden: hiddenTag })}
      <span class="comment__react-count">${ic.ctx.i18n.number(n)}</span>
    </button></span
  >`;
}

/** The id of the form every comment's buttons submit (`commentActionsForm`). */
export const actionsFormId = 'comment-actions';

/**
 * The one form a signed-in reader's comment buttons belong to (the HTML `form` attribute): their
 * CSRF token and the view to come back to. Each button names its own action (`formaction`).
 */
function commentActionsForm(ctx: PageContext, here: string): SafeHtml {
  if (!ctx.viewer) return html``;
  return html`<form id="${actionsFormId}" method="post" hidden>
    ${csrfField(ctx)}<input type="hidden" name="return" value="${here}" />
  </form>`;
}

/** `here` with `?report=ID`: the page again, with that comment's Report form open. */
function reportUrl(here: string, id: string): string {
  return `${here}${here.includes('?') ? '&' : '?'}report=${encodeURIComponent(id)}#report-${id}`;
}

function actions(ic: ItemContext, c: Comment): SafeHtml {
  const v = ic.viewer;
  const own = v && v.userId === c.author.id;
  const { i18n } = ic.ctx;
  const tags = { hidden: hiddenTag };
  // Drawn only for a signed-in reader (the words are formatted with the author's name).
  const reply = () =>
    own
      ? i18n.rich('comments.reply.own', {}, tags)
      : i18n.rich('comments.reply', { name: c.author.name }, tags);
  const reported = ic.personal.reportedId === c.id || (v?.reported.has(c.id) ?? false);
  return html`<div class="comment__actions">
    ${reactionControl(ic, c)}
    ${ic.ctx.viewer ? html`<a href="${ic.path}?reply=${c.id}#comment-form">${reply()}</a>` : ''}
    ${own && v.editable.has(c.id) ? html`<a href="/comments/${c.id}/edit">${i18n.rich('comments.edit', {}, tags)}</a>` : ''}
    ${own ? html`<a class="comment__delete" href="/comments/${c.id}/delete">${i18n.rich('comments.delete', {}, tags)}</a>` : ''}
    ${reportControl(ic.ctx, c, {
      reported,
      justNow: ic.personal.reportedId === c.id,
      open: ic.personal.reportingId === c.id,
      // Only a signed-in reader is offered Report.
      link: ic.ctx.viewer ? reportUrl(ic.here, c.id) : '',
    })}
  </div>`;
}

function editedMarker(i18n: Translator, c: Comment): SafeHtml {
  return c.editedAt
    ? html`<a class="comment__edited" href="/comments/${c.id}/history"
        >${i18n.rich('comments.edited', {}, { hidden: hiddenTag })}</a
      >`
    : html``;
}

/**
 * Drawn comment cards (all but their controls, which are a hole or per reader), by everything a
 * card is drawn from: a new comment draws one card, not the page's 200 (decision 0080).
 */
export const commentCards = new FragmentCache<string>(4_000_000);

function commentCard(ic: ItemContext, node: CommentNode, flat: boolean): SafeHtml {
  const c = node.comment;
  const anchor = commentAnchor(c.id);
  const { i18n } = ic.ctx;
  if (isPlaceholder(c)) {
    return html`<p class="comment__deleted" id="${anchor}-author">${i18n.t('comments.deleted')}</p>`;
  }
  const showsReplyTo = flat || node.detached === true;
  const head = commentCards.get(
    fragmentKey(c.id, i18n.lang, i18n.timeZone, ic.focus === c.id),
    [
      ic.path,
      showsReplyTo ? (node.inReplyTo?.name ?? null) : false,
      c.author.name,
      c.createdAt,
      c.editedAt,
      c.html,
    ],
    () => cardHead(ic, node, showsReplyTo).value,
  );
  return html`${raw(head)}${
    ic.marking
      ? raw(`${holeMark}${c.id}\u0000`)
      : ic.ctx.slots
        ? controlsSlot(ic, c)
        : actions(ic, c)
  }
  </article>`;
}

/** A comment's controls as a hole of the page drawn for everyone (decision 0052). */
function controlsSlot(ic: ItemContext, c: Comment): SafeHtml {
  return ic.ctx.slots!.add({
    comment: { id: c.id, authorId: c.author.id },
    render: (v) => actions(personalItem(ic, v), c),
  });
}

/**
 * Drawn threads (decision 0093): a top-level comment's `<li>` with its replies, kept by everything
 * it is drawn from — each comment's text, author, times, status and likes, and the thread's shape
 * — so a miss after a new comment draws that comment's thread only and joins the others. In a
 * page drawn for everyone the comments' controls are holes, kept as marks and made holes of the
 * page anew on every use; for an anonymous page drawn without holes the controls are kept drawn.
 * A signed-in reader's own drawing (their controls in the page) is not kept.
 */
export const commentThreads = new FragmentCache<readonly string[]>(4_000_000);

/** Forgets every drawn card and thread (a start with nothing held, for the benchmarks). */
export function forgetDrawnComments(): void {
  commentCards.clear();
  commentThreads.clear();
}

// A mark no text can forge (control characters and a secret drawn at start), then the comment id.
const holeMark = `\u0000${randomBytes(9).toString('base64url')}:`;
const holePattern = new RegExp(`${holeMark}([^\u0000]*)\u0000`);

/** What a thread is drawn from, comment by comment in page order (compared with `===`). */
function threadInputs(node: CommentNode, out: (string | number | boolean | null)[]): void {
  const c = node.comment;
  out.push(
    c.id,
    c.status,
    c.html,
    c.author.id,
    c.author.name,
    c.createdAt,
    c.editedAt,
    c.reactionCount,
    node.inReplyTo ? node.inReplyTo.name : null,
    node.detached === true,
    node.moreReplies ?? null,
    node.replies.length,
  );
  for (const r of node.replies) threadInputs(r, out);
}

/** A top-level comment's `<li>` with its replies, from the drawn threads when it can be. */
function threadItem(ic: ItemContext, node: CommentNode): SafeHtml {
  const anonymous = !ic.ctx.viewer && !ic.personal.reportedId && !ic.personal.reportingId;
  // Kept only where everyone's page is drawn: with holes, or for an anonymous reader.
  if (!ic.ctx.slots && !anonymous) return commentItem(ic, node, 0, false);
  const { i18n } = ic.ctx;
  const inputs: (string | number | boolean | null)[] = [];
  threadInputs(node, inputs);
  const drawn = commentThreads.get(
    // Per view (address, sort, focus): pages of several sorts share threads without taking turns.
    fragmentKey(
      node.comment.id,
      i18n.lang,
      i18n.timeZone,
      ic.ctx.slots ? 'holes' : 'drawn',
      ic.path,
      ic.here,
      ic.focus,
    ),
    inputs,
    () => {
      if (!ic.ctx.slots) return [commentItem(ic, node, 0, false).value];
      return commentItem({ ...ic, marking: true }, node, 0, false).value.split(holePattern);
    },
  );
  if (drawn.length === 1) return raw(drawn[0]!);
  // Text and the ids of the comments whose controls go between: each made a hole of this page.
  const byId = new Map<string, Comment>();
  const walk = (n: CommentNode) => {
    byId.set(n.comment.id, n.comment);
    for (const r of n.replies) walk(r);
  };
  walk(node);
  let out = drawn[0]!;
  for (let i = 1; i < drawn.length; i += 2) {
    out += controlsSlot(ic, byId.get(drawn[i]!)!).value + drawn[i + 1]!;
  }
  return raw(out);
}

/** A comment's card up to its controls: the same for every reader. */
function cardHead(ic: ItemContext, node: CommentNode, showsReplyTo: boolean): SafeHtml {
  const c = node.comment;
  const anchor = commentAnchor(c.id);
  const { i18n } = ic.ctx;
  // Formatted only where it is shown (a reply drawn flat).
  const replyTo = showsReplyTo
    ? html`<span class="comment__reply-to">${
        node.inReplyTo
          ? i18n.t('comments.inReplyTo.name', { name: node.inReplyTo.name })
          : i18n.t('comments.inReplyTo.deleted')
      }</span>`
    : '';
  return html`<article
    class="comment__card${ic.focus === c.id ? ' comment__card--focus' : ''}"
    aria-labelledby="${anchor}-author"
  >
    <p class="comment__meta">
      <strong class="comment__author" id="${anchor}-author">${c.author.name}</strong>
      ${replyTo}
      <a class="comment__time" href="${commentPermalink(ic.path, c.id)}"
        ><time datetime="${c.createdAt}">${i18n.dateTime(c.createdAt)}</time></a
      >
      ${editedMarker(i18n, c)}
    </p>
    <div class="comment__body">${raw(c.html)}</div>
    `;
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
          >${
            isPlaceholder(c)
              ? ic.ctx.i18n.rich('comments.moreReplies.deleted', {}, { hidden: hiddenTag })
              : ic.ctx.i18n.rich(
                  'comments.moreReplies.name',
                  { name: c.author.name },
                  { hidden: hiddenTag },
                )
          }</a
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
  const { i18n } = ctx;
  const what =
    confirm.rule === 'refuse' ? i18n.t('comments.confirm.refuse') : i18n.t('comments.confirm.hold');
  const strong: RichTag = (words) => html`<strong>${words}</strong>`;
  return html`<div class="comment-confirm" id="comment-confirm">
    <p>${what} ${i18n.rich('comments.confirm.sent', { email: confirm.email }, { strong })}</p>
    <form method="post" action="/account/verify/resend" class="comment-confirm__resend">
      ${csrfField(ctx)}
      <button type="submit" class="button">${i18n.t('comments.confirm.resend')}</button>
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
  const { i18n } = ctx;
  const hint = i18n.t('comments.form.hint', { max: maxCommentLength });
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
        >${
          replyTo
            ? i18n.t('comments.form.labelReply', { name: replyTo.authorName })
            : i18n.t('comments.form.label')
        }</label
      >
      <p class="hint" id="comment-body-hint">
        ${hint}${held ? ` ${i18n.t('comments.form.held')}` : ''}
      </p>
      ${
        problem
          ? html`<p class="field-error" id="comment-body-error">
              <span class="visually-hidden">${i18n.t('comments.form.error')}</span> ${problem.message}
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
      ${replyTo ? i18n.t('comments.form.submitReply') : i18n.t('comments.form.submit')}
    </button>
    ${replyTo ? html`<a href="${path}#comment-form">${i18n.t('comments.form.cancelReply')}</a>` : ''}
  </form>`;
}

function closedNotice(page: CommentsPage, i18n: Translator): SafeHtml {
  const p = page.policy;
  return html`<p class="comments-closed" id="comment-form">
    ${
      p.closedBy === 'time' && p.closesAt
        ? i18n.rich(
            'comments.closed.since',
            { when: i18n.dateTime(p.closesAt) },
            { time: timeTag(p.closesAt) },
          )
        : i18n.t('comments.closed')
    }
  </p>`;
}

function sortNav(i18n: Translator, path: string, page: CommentsPage): SafeHtml {
  const current = page.view.kind === 'page' ? page.sort : null;
  return html`<nav class="comment-sort" aria-label="${i18n.t('comments.sort.nav')}">
    <span class="comment-sort__label" aria-hidden="true">${i18n.t('comments.sort.label')}</span>
    <ul>
      ${(Object.keys(sortLabels) as CommentSort[]).map(
        (s) =>
          html`<li>
            <a href="${sortUrl(path, s)}#comments"${s === current ? html` aria-current="true"` : ''}
              >${i18n.t(sortLabels[s])}</a
            >
          </li>`,
      )}
    </ul>
  </nav>`;
}

/** Where the reader is when this is not the first page of comments, and the way back. */
function position(i18n: Translator, path: string, page: CommentsPage): SafeHtml {
  const v = page.view;
  if (v.kind === 'page' && !v.cursor) return html``;
  const what =
    v.kind === 'around'
      ? i18n.t('comments.position.around')
      : v.kind === 'thread'
        ? i18n.t('comments.position.thread')
        : i18n.t('comments.position.page');
  return html`<p class="comments-position">
    ${what} <a href="${path}#comments">${i18n.t('comments.position.back')}</a>
  </p>`;
}

/** The heading: "Comments (3)". */
function heading(i18n: Translator, count: number): SafeHtml {
  const total = i18n.t('comments.total', { count });
  return html`<h2 id="comments-heading">${i18n.t('comments.heading')} <span class="comment-total">${total}</span></h2>`;
}

/**
 * A counted message as the scripts need it: by plural category (Intl.PluralRules of `locale`),
 * the text with `{n}` where the number goes, so they never hold words of their own.
 */
export function pluralTemplates(
  i18n: Translator,
  locale: string,
  key: MessageKey,
): Record<string, string> {
  const rules = new Intl.PluralRules(locale);
  const out: Record<string, string> = {};
  // Numbers of two digits or more first, so the number cannot be mistaken for other text.
  const samples = [...Array.from({ length: 200 }, (_, i) => i + 10), ...Array(10).keys()];
  for (const category of rules.resolvedOptions().pluralCategories) {
    const n = samples.find((x) => rules.select(x) === category);
    if (n === undefined) continue;
    out[category] = i18n.t(key, { count: n }).split(i18n.number(n)).join('{n}');
  }
  return out;
}

/** Drawn once per translator (a language in a time zone): they depend on nothing else. */
const scriptTextsOf = new WeakMap<Translator, string>();

/** The words assets/comments.js and assets/live-comments.js show, in the page's language. */
function scriptTexts(i18n: Translator): string {
  let texts = scriptTextsOf.get(i18n);
  if (texts === undefined) scriptTextsOf.set(i18n, (texts = drawScriptTexts(i18n)));
  return texts;
}

function drawScriptTexts(i18n: Translator): string {
  const language = languageOf(i18n.lang);
  // Pseudo-languages count and write numbers as English does (see translator.ts).
  const locale = !language || language.pseudo ? defaultLanguage : i18n.lang;
  return JSON.stringify({
    locale,
    total: pluralTemplates(i18n, locale, 'comments.total'),
    show: pluralTemplates(i18n, locale, 'comments.live.show'),
    toolbar: pluralTemplates(i18n, locale, 'comments.live.toolbar'),
    waiting: pluralTemplates(i18n, locale, 'comments.empty.waiting'),
    loaded: pluralTemplates(i18n, locale, 'comments.load.done'),
    empty: i18n.t('comments.empty'),
    removed: i18n.t('comments.removed'),
    loading: i18n.t('comments.load.busy'),
  });
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
  if (print) {
    return printedComments({ ...ctx, viewer: null, slots: undefined }, path, count, page, print);
  }
  const { i18n } = ctx;
  const ic: ItemContext = {
    ctx,
    path,
    here: hereUrl(path, page),
    viewer: ctx.viewer ? (options.viewer ?? null) : null,
    focus: page.focus,
    personal: options.personal ?? {},
  };
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
    data-texts="${scriptTexts(i18n)}"
    ${live}
  >
    ${heading(i18n, count)}
    ${featuredStrip(ctx, page.featured)} ${count > 1 ? sortNav(i18n, path, page) : ''}
    ${position(i18n, path, page)}
    ${
      page.threads.length === 0
        ? html`<p class="empty">${i18n.t('comments.empty')}</p>`
        : html`<ol class="comment-thread" data-comment-list>
            ${page.threads.map((n) => threadItem(ic, n))}
          </ol>`
    }
    ${
      page.nextCursor
        ? html`<p class="comments-more">
            <a href="${sortUrl(path, page.sort, page.nextCursor)}#comments" data-load-more
              >${i18n.t('comments.load.more')}</a
            >
          </p>`
        : ''
    }
    ${
      ctx.slots
        ? ctx.slots.add({
            render: (v) => html`${commentActionsForm(v.ctx, ic.here)}${ownPart(v.ctx, v.personal)}`,
          })
        : html`${commentActionsForm(ctx, ic.here)}${ownPart(ctx, ic.personal)}`
    }
    ${
      ctx.slots
        ? ctx.slots.add({
            render: (v) => formPart(v.ctx, path, page, v.form, v.ctx.viewer ? v.comments : null),
          })
        : formPart(ctx, path, page, options.form, ic.viewer)
    }
  </section>`;
}

/** One's own comments awaiting review or rejected (a signed-in reader's alone). */
function ownPart(ctx: PageContext, personal: PersonalComments): SafeHtml {
  return ctx.viewer ? ownUnpublishedComments(ctx, personal.own ?? []) : html``;
}

/** The form, the invitation to sign in, or the notice that comments are closed. */
function formPart(
  ctx: PageContext,
  path: string,
  page: CommentsPage,
  form: CommentFormState | undefined,
  viewer: CommentViewerState | null,
): SafeHtml {
  const { i18n } = ctx;
  const next = `${path}#comments`;
  if (page.policy.mode === 'closed') return closedNotice(page, i18n);
  return ctx.viewer
    ? signedInForm(ctx, path, form, page.policy.mode === 'premoderated', viewer)
    : html`<p class="comment-signin" id="comment-form">
              <a href="/signin?next=${encodeURIComponent(next)}">${i18n.t('comments.signin')}</a>
            </p>`;
}

/**
 * One comment as it would stand in its thread on the article page, for the reader who asks
 * (their Like, Reply, Edit, Delete and Report, with their CSRF token): what the live script
 * inserts when a comment arrives after the page was drawn. `depth` is the comment's depth in
 * its thread (0 for a top-level comment): below the indented levels it is drawn flat, saying
 * whom it answers.
 */
export function commentFragment(
  ctx: PageContext,
  options: {
    path: string;
    sort: CommentSort;
    node: CommentNode;
    viewer: CommentViewerState | null;
  },
): SafeHtml {
  const { node } = options;
  const ic: ItemContext = {
    ctx,
    path: options.path,
    here: sortUrl(options.path, options.sort),
    viewer: ctx.viewer ? options.viewer : null,
    focus: null,
    personal: {},
  };
  const depth = node.comment.depth;
  return commentItem(ic, node, Math.min(depth, maxVisualDepth), depth > maxVisualDepth);
}

/** The discussion on paper: every comment given, nothing to press, and where the rest is. */
function printedComments(
  ctx: PageContext,
  path: string,
  count: number,
  page: CommentsPage,
  print: { shown: number; url: string },
): SafeHtml {
  const { i18n } = ctx;
  const ic: ItemContext = { ctx, path, here: path, viewer: null, focus: null, personal: {} };
  const url: RichTag = (words) => html`<span class="print-url">${words}</span>`;
  return html`<section class="comments comments--print" id="comments" aria-labelledby="comments-heading">
    ${heading(i18n, count)}
    ${
      print.shown < count
        ? html`<p class="comments-print-note">
            ${i18n.rich('comments.print.note', { shown: print.shown, count, address: print.url }, { url })}
          </p>`
        : ''
    }
    ${
      page.threads.length === 0
        ? html`<p class="empty">${i18n.t('comments.empty')}</p>`
        : html`<ol class="comment-thread">
            ${page.threads.map((n) => threadItem(ic, n))}
          </ol>`
    }
  </section>`;
}
