/**
 * The moderation log: every moderator action, newest first, filterable by action, by name and by
 * day; nothing can be removed. Each entry names the people, the comment (an excerpt) and its
 * article (the headline), with links. At phone widths each entry is a card (site.css).
 */
import { moderationActions, type ModerationLogEntry } from '../../../domain/moderation/log.js';
import type { Translator } from '../../../i18n/translator.js';
import type { PageContext } from '../../context.js';
import { errorSummary, type FormProblem } from '../../forms.js';
import { html, type SafeHtml } from '../../html.js';
import { actionLabel } from './moderation.js';
import { adminPage } from './page.js';

export interface LogFilter {
  action: string;
  /** Person ids, from the names in the table. */
  actor: string;
  target: string;
  /** Part of a name, typed. */
  name: string;
  from: string;
  to: string;
  page: number;
}

export function logHref(f: LogFilter, page = f.page): string {
  const params = new URLSearchParams();
  if (f.action) params.set('action', f.action);
  if (f.actor) params.set('actor', f.actor);
  if (f.target) params.set('target', f.target);
  if (f.name) params.set('name', f.name);
  if (f.from) params.set('from', f.from);
  if (f.to) params.set('to', f.to);
  if (page > 1) params.set('page', String(page));
  const search = params.toString();
  return `/admin/moderation/log${search ? `?${search}` : ''}`;
}

function fieldProblem(problem: FormProblem | undefined, id: string): SafeHtml {
  return problem?.field === id
    ? html`<p class="field-error" id="${id}-error">${problem.message}</p>`
    : html``;
}

function invalid(problem: FormProblem | undefined, id: string): SafeHtml {
  const error = `${id}-error`;
  return problem?.field === id ? html` aria-invalid="true" aria-describedby="${error}"` : html``;
}

function concerning(i18n: Translator, e: ModerationLogEntry, filter: LogFilter): SafeHtml {
  const parts: SafeHtml[] = [];
  if (e.target) {
    parts.push(
      html`<a href="${logHref({ ...filter, target: e.target.id, page: 1 })}">${e.target.name}</a>`,
    );
  }
  const comment = e.context?.comment;
  if (e.commentId) {
    const text = comment?.excerpt
      ? i18n.t('moderation.log.excerpt', { excerpt: comment.excerpt })
      : i18n.t(comment ? 'moderation.log.deletedComment' : 'moderation.log.goneComment');
    parts.push(
      comment && comment.status === 'published'
        ? html`<a class="mod-log__excerpt" href="/comments/${e.commentId}">${text}</a>`
        : html`<span class="mod-log__excerpt">${text}</span>`,
    );
  }
  const article = e.context?.article;
  if (article) {
    parts.push(
      i18n.rich(
        'moderation.log.on',
        { headline: article.headline },
        {
          link: (content) =>
            article.published ? html`<a href="${article.path}">${content}</a>` : content,
        },
      ),
    );
  }
  return html`${parts.map((p, i) => html`${i ? html`<br />` : ''}${p}`)}`;
}

export function moderationLogView(
  ctx: PageContext,
  props: {
    entries: ModerationLogEntry[];
    filter: LogFilter;
    hasMore: boolean;
    problem?: FormProblem;
  },
): SafeHtml {
  const { filter, entries, problem } = props;
  const byId = filter.actor || filter.target;
  const { i18n } = ctx;
  const columns = {
    when: i18n.t('moderation.log.when'),
    who: i18n.t('moderation.log.who'),
    what: i18n.t('moderation.log.what'),
    concerning: i18n.t('moderation.log.concerning'),
    why: i18n.t('moderation.log.why'),
  };
  const main = html`<h1>${i18n.t('moderation.log.title')}</h1>
    ${errorSummary(problem)}
    <p>${i18n.t('moderation.log.intro')}</p>
    <form method="get" action="/admin/moderation/log" class="form form--row mod-log__filters" aria-label="${i18n.t('moderation.log.filterLabel')}">
      ${filter.actor ? html`<input type="hidden" name="actor" value="${filter.actor}" />` : ''}
      ${filter.target ? html`<input type="hidden" name="target" value="${filter.target}" />` : ''}
      <div class="field">
        <label for="log-action">${i18n.t('moderation.log.action')}</label>
        <select id="log-action" name="action">
          <option value="">${i18n.t('moderation.log.anyAction')}</option>
          ${moderationActions.map((a) => html`<option value="${a}" ${a === filter.action ? html` selected` : ''}>${actionLabel(i18n, a)}</option>`)}
        </select>
      </div>
      <div class="field">
        <label for="log-name">${i18n.t('moderation.log.name')}</label>
        <input id="log-name" name="name" type="search" value="${filter.name}" maxlength="100" />
      </div>
      <div class="field${problem?.field === 'log-from' ? ' field--invalid' : ''}">
        <label for="log-from">${i18n.t('moderation.log.from')}</label>
        ${fieldProblem(problem, 'log-from')}
        <input id="log-from" name="from" type="date" value="${filter.from}" ${invalid(problem, 'log-from')} />
      </div>
      <div class="field${problem?.field === 'log-to' ? ' field--invalid' : ''}">
        <label for="log-to">${i18n.t('moderation.log.to')}</label>
        ${fieldProblem(problem, 'log-to')}
        <input id="log-to" name="to" type="date" value="${filter.to}" ${invalid(problem, 'log-to')} />
      </div>
      <button type="submit" class="button button--secondary">${i18n.t('moderation.filter')}</button>
    </form>
    ${
      byId
        ? html`<p class="hint">
            ${i18n.t(filter.actor ? 'moderation.log.byActor' : 'moderation.log.byTarget')}
            <a href="${logHref({ ...filter, actor: '', target: '', page: 1 })}">${i18n.t('moderation.log.everyone')}</a>
          </p>`
        : ''
    }
    ${
      entries.length
        ? html`<div class="table-scroll" role="region" aria-labelledby="mod-log-caption" tabindex="0">
            <table class="mod-log">
              <caption class="visually-hidden" id="mod-log-caption">${i18n.t('moderation.log.caption')}</caption>
              <thead>
                <tr><th scope="col">${columns.when}</th><th scope="col">${columns.who}</th><th scope="col">${columns.what}</th><th scope="col">${columns.concerning}</th><th scope="col">${columns.why}</th></tr>
              </thead>
              <tbody>
                ${entries.map(
                  (e) => html`<tr>
                    <td data-label="${columns.when}"><time datetime="${e.createdAt}">${i18n.dateTime(e.createdAt)}</time></td>
                    <td data-label="${columns.who}"><a href="${logHref({ ...filter, actor: e.actor.id, page: 1 })}">${e.actor.name}</a></td>
                    <td data-label="${columns.what}">${actionLabel(i18n, e.action)}</td>
                    <td data-label="${columns.concerning}">${concerning(i18n, e, filter)}</td>
                    <td data-label="${columns.why}">${e.reason}</td>
                  </tr>`,
                )}
              </tbody>
            </table>
          </div>`
        : html`<p class="empty">${i18n.t('moderation.log.empty')}</p>`
    }
    <p class="pager">
      ${filter.page > 1 ? html`<a href="${logHref(filter, filter.page - 1)}" rel="prev">${i18n.t('moderation.log.newer')}</a>` : ''}
      ${props.hasMore ? html`<a href="${logHref(filter, filter.page + 1)}" rel="next">${i18n.t('moderation.log.older')}</a>` : ''}
    </p>`;
  return adminPage(ctx, {
    title: i18n.t('moderation.log.title'),
    current: '/admin/moderation/log',
    ...(problem ? { problem } : {}),
    main,
  });
}
