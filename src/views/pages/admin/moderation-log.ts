/**
 * The moderation log: every moderator action, newest first, filterable by action, by name and by
 * day; nothing can be removed. Each entry names the people, the comment (an excerpt) and its
 * article (the headline), with links. At phone widths each entry is a card (site.css).
 */
import {
  moderationActionLabels,
  moderationActions,
  type ModerationLogEntry,
} from '../../../domain/moderation/log.js';
import type { PageContext } from '../../context.js';
import { formatDateTime } from '../../format.js';
import { errorSummary, type FormProblem } from '../../forms.js';
import { html, type SafeHtml } from '../../html.js';
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
  return problem?.field === id ? html` aria-invalid="true" aria-describedby="${id}-error"` : html``;
}

function concerning(e: ModerationLogEntry, filter: LogFilter): SafeHtml {
  const parts: SafeHtml[] = [];
  if (e.target) {
    parts.push(
      html`<a href="${logHref({ ...filter, target: e.target.id, page: 1 })}">${e.target.name}</a>`,
    );
  }
  const comment = e.context?.comment;
  if (e.commentId) {
    const text = comment?.excerpt
      ? html`“${comment.excerpt}”`
      : html`${comment ? 'a deleted comment' : 'a comment no longer kept'}`;
    parts.push(
      comment && comment.status === 'published'
        ? html`<a class="mod-log__excerpt" href="/comments/${e.commentId}">${text}</a>`
        : html`<span class="mod-log__excerpt">${text}</span>`,
    );
  }
  const article = e.context?.article;
  if (article) {
    parts.push(
      html`on ${article.published ? html`<a href="${article.path}">${article.headline}</a>` : article.headline}`,
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
  const main = html`<h1>Moderation log</h1>
    ${errorSummary(problem)}
    <p>Every moderator action, newest first. Entries are kept and cannot be changed or removed.</p>
    <form method="get" action="/admin/moderation/log" class="form form--row mod-log__filters" aria-label="Filter the log">
      ${filter.actor ? html`<input type="hidden" name="actor" value="${filter.actor}" />` : ''}
      ${filter.target ? html`<input type="hidden" name="target" value="${filter.target}" />` : ''}
      <div class="field">
        <label for="log-action">Action</label>
        <select id="log-action" name="action">
          <option value="">Any action</option>
          ${moderationActions.map((a) => html`<option value="${a}" ${a === filter.action ? html` selected` : ''}>${moderationActionLabels[a]}</option>`)}
        </select>
      </div>
      <div class="field">
        <label for="log-name">Name (who acted, or whom it concerned)</label>
        <input id="log-name" name="name" type="search" value="${filter.name}" maxlength="100" />
      </div>
      <div class="field${problem?.field === 'log-from' ? ' field--invalid' : ''}">
        <label for="log-from">From (day)</label>
        ${fieldProblem(problem, 'log-from')}
        <input id="log-from" name="from" type="date" value="${filter.from}" ${invalid(problem, 'log-from')} />
      </div>
      <div class="field${problem?.field === 'log-to' ? ' field--invalid' : ''}">
        <label for="log-to">To (day)</label>
        ${fieldProblem(problem, 'log-to')}
        <input id="log-to" name="to" type="date" value="${filter.to}" ${invalid(problem, 'log-to')} />
      </div>
      <button type="submit" class="button button--secondary">Filter</button>
    </form>
    ${
      byId
        ? html`<p class="hint">
            Showing the actions ${filter.actor ? 'of' : 'concerning'} one person, chosen from the log.
            <a href="${logHref({ ...filter, actor: '', target: '', page: 1 })}">Show everyone’s</a>
          </p>`
        : ''
    }
    ${
      entries.length
        ? html`<table class="mod-log">
            <caption class="visually-hidden">Moderator actions</caption>
            <thead>
              <tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">What</th><th scope="col">Concerning</th><th scope="col">Why</th></tr>
            </thead>
            <tbody>
              ${entries.map(
                (e) => html`<tr>
                  <td data-label="When"><time datetime="${e.createdAt}">${formatDateTime(e.createdAt, ctx.identity.timeZone)}</time></td>
                  <td data-label="Who"><a href="${logHref({ ...filter, actor: e.actor.id, page: 1 })}">${e.actor.name}</a></td>
                  <td data-label="What">${moderationActionLabels[e.action] ?? e.action}</td>
                  <td data-label="Concerning">${concerning(e, filter)}</td>
                  <td data-label="Why">${e.reason}</td>
                </tr>`,
              )}
            </tbody>
          </table>`
        : html`<p class="empty">No actions match.</p>`
    }
    <p class="pager">
      ${filter.page > 1 ? html`<a href="${logHref(filter, filter.page - 1)}" rel="prev">Newer actions</a>` : ''}
      ${props.hasMore ? html`<a href="${logHref(filter, filter.page + 1)}" rel="next">Older actions</a>` : ''}
    </p>`;
  return adminPage(ctx, {
    title: 'Moderation log',
    current: '/admin/moderation/log',
    ...(problem ? { problem } : {}),
    main,
  });
}
