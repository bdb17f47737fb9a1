/**
 * The live posting screen (/admin/articles/:id/live): start, end and reopen the coverage; write
 * an update with a preview and post it (Ctrl+Enter with JavaScript, whose island also keeps the
 * unsent text in this browser); every update with its edit, pin, key-event, closing and remove
 * forms. Plain forms throughout: the page works without JavaScript.
 */
import { articlePath, type Article } from '../../../domain/article.js';
import {
  liveLimits,
  presenceTiming,
  type LiveCoverage,
  type LivePresence,
  type LiveUpdate,
} from '../../../domain/live.js';
import type { MessageKey, Translator } from '../../../i18n/translator.js';
import { isEditor } from '../../../domain/workflow.js';
import { nameListText } from '../../format.js';
import type { PageContext } from '../../context.js';
import { doneBanner, errorSummary, postForm, submitButton, type FormProblem } from '../../forms.js';
import { html, type SafeHtml } from '../../html.js';
import { liveUpdateItem } from '../../live.js';
import { adminPage } from './page.js';

export const liveDeskNotices: Readonly<Record<string, MessageKey>> = {
  posted: 'live.done.posted',
  alerted: 'live.done.alerted',
  saved: 'live.done.saved',
  marked: 'live.done.marked',
  removed: 'live.done.removed',
  started: 'live.done.started',
  ended: 'live.done.ended',
  reopened: 'live.done.reopened',
};

export interface UpdateForm {
  title: string;
  body: string;
  keyEvent: boolean;
  closing: boolean;
  /** Also send it as an alert to the breaking-news subscribers (editors). */
  alert?: boolean;
}

export const blankUpdate: UpdateForm = { title: '', body: '', keyEvent: false, closing: false };

export interface LiveDeskProps {
  article: Article;
  coverage: LiveCoverage | null;
  updates: LiveUpdate[];
  next: string | null;
  form?: UpdateForm;
  /** The unsent update as readers would see it. */
  preview?: LiveUpdate | undefined;
  problem?: FormProblem | undefined;
  /** The update whose form the problem belongs to (an edit or a removal). */
  problemFor?: string | undefined;
  done?: MessageKey | undefined;
  /** Who is on this screen now, the viewer among them. */
  presence?: readonly LivePresence[];
  /** The viewer, left out of the presence line. */
  viewerId?: string;
}

/**
 * The presence line: "Ana and Ben are here · Ben is writing…", of the others on the screen
 * (the viewer knows they are here). The island puts the server's line in as it is.
 */
export function presenceLine(
  i18n: Translator,
  presence: readonly LivePresence[],
  viewerId: string,
): string {
  const others = presence.filter((p) => p.userId !== viewerId);
  if (others.length === 0) return i18n.t('live.desk.presence.alone');
  const writers = others.filter((p) => p.writing);
  const list = (people: readonly LivePresence[]) =>
    nameListText(
      i18n,
      people.map((p) => p.name),
    );
  const here = i18n.t('live.desk.presence.here', { count: others.length, names: list(others) });
  if (writers.length === 0) return here;
  const writing = i18n.t('live.desk.presence.writing', {
    count: writers.length,
    names: list(writers),
  });
  return i18n.t('live.desk.presence.both', { here, writing });
}

function presencePanel(ctx: PageContext, props: LiveDeskProps, base: string): SafeHtml {
  if (!props.presence || props.viewerId === undefined) return html``;
  return html`<section class="live-desk__presence" aria-labelledby="live-presence-heading">
    <h2 id="live-presence-heading" class="visually-hidden">${ctx.i18n.t('live.desk.presence.label')}</h2>
    <p
      role="status"
      data-live-presence="${base}/presence"
      data-beat-ms="${presenceTiming.beatMs}"
    >${presenceLine(ctx.i18n, props.presence, props.viewerId)}</p>
  </section>`;
}

function textarea(
  ctx: PageContext,
  id: string,
  label: string,
  value: string,
  problem: FormProblem | undefined,
  options: { hint?: string; rows?: number; data?: SafeHtml } = {},
): SafeHtml {
  const invalid = problem?.field === id;
  const described = [options.hint ? `${id}-hint` : '', invalid ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  return html`<div class="field${invalid ? ' field--invalid' : ''}">
    <label for="${id}">${label}</label>
    ${options.hint ? html`<p class="hint" id="${id}-hint">${options.hint}</p>` : ''}
    ${
      invalid
        ? html`<p class="field-error" id="${id}-error">
          <span class="visually-hidden">${ctx.i18n.t('errors.form.error')}</span> ${problem?.message}
        </p>`
        : ''
    }
    <textarea
      id="${id}"
      name="body"
      rows="${options.rows ?? 6}"
      maxlength="${liveLimits.body}"
      ${described ? html` aria-describedby="${described}"` : ''}
      ${invalid ? html` aria-invalid="true"` : ''}
      ${options.data ?? ''}
    >
${value}</textarea
    >
  </div>`;
}

function titleField(ctx: PageContext, id: string, value: string, problem?: FormProblem): SafeHtml {
  const invalid = problem?.field === id;
  return html`<div class="field${invalid ? ' field--invalid' : ''}">
    <label for="${id}">${ctx.i18n.t('live.desk.titleField')}</label>
    ${
      invalid
        ? html`<p class="field-error" id="${id}-error">
          <span class="visually-hidden">${ctx.i18n.t('errors.form.error')}</span> ${problem?.message}
        </p>`
        : ''
    }
    <input
      id="${id}"
      name="title"
      type="text"
      maxlength="${liveLimits.title}"
      value="${value}"
      ${invalid ? html` aria-invalid="true" aria-describedby="${`${id}-error`}"` : ''}
    />
  </div>`;
}

function checkbox(id: string, name: string, label: string, checked: boolean): SafeHtml {
  return html`<div class="field field--checkbox">
    <input id="${id}" name="${name}" type="checkbox" value="on" ${checked ? html` checked` : ''} />
    <label for="${id}">${label}</label>
  </div>`;
}

function postPanel(ctx: PageContext, props: LiveDeskProps, base: string): SafeHtml {
  const { t } = ctx.i18n;
  const form = props.form ?? blankUpdate;
  const problem = props.problemFor ? undefined : props.problem;
  return html`<section class="panel live-desk__post" aria-labelledby="live-new-heading">
    <h2 id="live-new-heading">${t('live.desk.new')}</h2>
    ${postForm(
      ctx,
      `${base}/updates`,
      html`${titleField(ctx, 'update-title', form.title, problem)}
        ${textarea(ctx, 'update-body', t('live.desk.body'), form.body, problem, {
          hint: t('live.desk.bodyHint'),
          rows: 8,
          data: html`data-live-draft="${props.article.id}"`,
        })}
        ${checkbox('update-key', 'keyEvent', t('live.desk.keyEvent'), form.keyEvent)}
        ${checkbox('update-closing', 'closing', t('live.desk.closing'), form.closing)}
        ${
          ctx.viewer && isEditor(ctx.viewer.role)
            ? checkbox('update-alert', 'alert', t('live.desk.alert'), form.alert === true)
            : ''
        }
        <p class="hint" data-live-draft-saved hidden>${t('live.desk.draftSaved')}</p>
        <div class="form__actions">
          <button type="submit" class="button button--primary" name="action" value="post">
            ${t('live.desk.post')}
          </button>
          <button type="submit" class="button button--secondary" name="action" value="preview">
            ${t('live.desk.preview')}
          </button>
        </div>`,
      // i18n-ignore: class names
      { id: 'live-post-form', className: 'form live-desk__form' },
    )}
    ${
      props.preview
        ? html`<section class="live-desk__preview" aria-labelledby="live-preview-heading">
          <h3 id="live-preview-heading">${t('live.desk.previewHeading')}</h3>
          ${liveUpdateItem(ctx.i18n, props.preview, articlePath(props.article), { pinnedCopy: true, notes: true })}
        </section>`
        : ''
    }
  </section>`;
}

function flagButton(
  ctx: PageContext,
  action: string,
  name: 'pinned' | 'keyEvent' | 'closing',
  on: boolean,
  label: string,
): SafeHtml {
  return postForm(
    ctx,
    action,
    html`<input type="hidden" name="${name}" value="${on ? 'off' : 'on'}" />
      ${submitButton(label, 'secondary')}`,
    { className: 'form form--inline' },
  );
}

function updateRow(ctx: PageContext, props: LiveDeskProps, u: LiveUpdate, base: string): SafeHtml {
  const { t, dateTime } = ctx.i18n;
  const path = `${base}/updates/${u.id}`;
  const problem = props.problemFor === u.id ? props.problem : undefined;
  if (u.removedAt) {
    return html`<li class="live-desk__item live-desk__item--removed">
      <p>
        <time datetime="${u.postedAt}">${dateTime(u.postedAt)}</time> ${u.title ?? ''} —
        ${t('live.desk.removed', { time: dateTime(u.removedAt), note: u.removalNote ?? '' })}
      </p>
    </li>`;
  }
  return html`<li class="live-desk__item">
    ${liveUpdateItem(ctx.i18n, u, articlePath(props.article))}
    <div class="live-desk__actions">
      ${flagButton(ctx, `${path}/flags`, 'pinned', u.pinned, u.pinned ? t('live.desk.unpin') : t('live.desk.pin'))}
      ${flagButton(ctx, `${path}/flags`, 'keyEvent', u.keyEvent, u.keyEvent ? t('live.desk.unmarkKey') : t('live.desk.markKey'))}
      ${flagButton(ctx, `${path}/flags`, 'closing', u.closing, u.closing ? t('live.desk.unmarkClosing') : t('live.desk.markClosing'))}
    </div>
    <details ${problem && problem.field !== `remove-${u.id}` ? html` open` : ''}>
      <summary>${t('live.desk.edit')}</summary>
      ${postForm(
        ctx,
        path,
        html`${titleField(ctx, `edit-title-${u.id}`, u.title ?? '', problem)}
          ${textarea(ctx, `edit-body-${u.id}`, t('live.desk.body'), u.body, problem)}
          ${submitButton(t('live.desk.save'))}`,
        { label: t('live.desk.editLabel', { time: dateTime(u.postedAt) }) },
      )}
    </details>
    <details ${problem?.field === `remove-${u.id}` ? html` open` : ''}>
      <summary>${t('live.desk.remove')}</summary>
      ${postForm(
        ctx,
        `${path}/remove`,
        html`<div class="field${problem?.field === `remove-${u.id}` ? ' field--invalid' : ''}">
            <label for="remove-${u.id}">${t('live.desk.removeWhy')}</label>
            ${
              problem?.field === `remove-${u.id}`
                ? html`<p class="field-error" id="remove-${u.id}-error">${problem.message}</p>`
                : ''
            }
            <input
              id="remove-${u.id}"
              name="note"
              type="text"
              maxlength="${liveLimits.note}"
              required
              ${problem?.field === `remove-${u.id}` ? html` aria-invalid="true" aria-describedby="${`remove-${u.id}-error`}"` : ''}
            />
          </div>
          ${submitButton(t('live.desk.remove'), 'danger')}`,
      )}
    </details>
  </li>`;
}

export function liveDeskView(ctx: PageContext, props: LiveDeskProps): SafeHtml {
  const { t } = ctx.i18n;
  const a = props.article;
  const base = `/admin/articles/${a.id}/live`;
  const coverage = props.coverage;
  const running = coverage !== null && coverage.endedAt === null;
  const problem = props.problem;
  const main = html`<h1>${t('live.desk.title', { headline: a.headline })}</h1>
    <p>
      <a href="/admin/articles/${a.id}">${t('live.desk.back')}</a>
      ${a.status === 'published' ? html` · <a href="${articlePath(a)}#live">${t('live.desk.view')}</a>` : ''}
    </p>
    ${doneBanner(props.done && t(props.done))} ${errorSummary(problem, undefined, ctx.i18n)}
    ${
      coverage === null
        ? html`<p>${t('live.editor.intro')}</p>
          ${postForm(ctx, `${base}/start`, submitButton(t('live.editor.start')))}`
        : html`${
            running
              ? html`<p class="live__status"><span class="live-label">${t('live.label')}</span> ${t('live.since', { time: ctx.i18n.dateTime(coverage.startedAt) })}</p>
                ${presencePanel(ctx, props, base)} ${postPanel(ctx, props, base)}`
              : html`<p class="live__ended" role="note">${t('live.desk.endedNotice')}</p>`
          }
          <section class="panel" aria-labelledby="live-list-heading">
            <h2 id="live-list-heading">${t('live.desk.list')}</h2>
            ${
              props.updates.length
                ? html`<ol class="live-desk__list">
                  ${props.updates.map((u) => updateRow(ctx, props, u, base))}
                </ol>`
                : html`<p>${t('live.desk.none')}</p>`
            }
            ${
              props.next
                ? html`<p><a href="${base}?cursor=${props.next}">${t('live.desk.older')}</a></p>`
                : ''
            }
          </section>
          ${
            running
              ? postForm(ctx, `${base}/end`, submitButton(t('live.desk.end'), 'danger'))
              : postForm(ctx, `${base}/reopen`, submitButton(t('live.desk.reopen')))
          }`
    }`;
  return adminPage(ctx, {
    title: t('live.desk.title', { headline: a.headline }),
    current: '/admin/articles',
    problem,
    main,
    head: html`<script src="${ctx.assetUrl('live-desk.js')}" defer></script>`,
  });
}

/** On the article editor: the way to the live posting screen, where an article is made live. */
export function livePanel(ctx: PageContext, a: Pick<Article, 'id'>): SafeHtml {
  const { t } = ctx.i18n;
  return html`<section class="panel" aria-labelledby="live-panel-heading">
    <h2 id="live-panel-heading">${t('live.editor.heading')}</h2>
    <p>${t('live.editor.intro')}</p>
    <p><a class="button button--secondary" href="/admin/articles/${a.id}/live">${t('live.editor.open')}</a></p>
  </section>`;
}
