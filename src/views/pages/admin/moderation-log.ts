/** The moderation log: every moderator action, newest first, filterable; nothing can be removed. */
import { moderationActions, type ModerationLogEntry } from '../../../domain/moderation/log.js';
import type { PageContext } from '../../context.js';
import { formatDateTime } from '../../format.js';
import { html, type SafeHtml } from '../../html.js';
import { adminPage } from './page.js';

export interface LogFilter {
  action: string;
  actor: string;
  target: string;
  page: number;
}

export function logHref(f: LogFilter, page = f.page): string {
  const params = new URLSearchParams();
  if (f.action) params.set('action', f.action);
  if (f.actor) params.set('actor', f.actor);
  if (f.target) params.set('target', f.target);
  if (page > 1) params.set('page', String(page));
  const search = params.toString();
  return `/admin/moderation/log${search ? `?${search}` : ''}`;
}

export function moderationLogView(
  ctx: PageContext,
  props: { entries: ModerationLogEntry[]; filter: LogFilter; hasMore: boolean },
): SafeHtml {
  const { filter, entries } = props;
  const main = html`<h1>Moderation log</h1>
    <p>Every moderator action, newest first. Entries are kept and cannot be changed or removed.</p>
    <form method="get" action="/admin/moderation/log" class="form form--row" aria-label="Filter the log">
      <div class="field">
        <label for="log-action">Action</label>
        <select id="log-action" name="action">
          <option value="">Any action</option>
          ${moderationActions.map((a) => html`<option value="${a}" ${a === filter.action ? html` selected` : ''}>${a}</option>`)}
        </select>
      </div>
      <div class="field">
        <label for="log-actor">By (person id)</label>
        <input id="log-actor" name="actor" type="text" value="${filter.actor}" maxlength="100" />
      </div>
      <div class="field">
        <label for="log-target">Concerning (person id)</label>
        <input id="log-target" name="target" type="text" value="${filter.target}" maxlength="100" />
      </div>
      <button type="submit" class="button button--secondary">Filter</button>
    </form>
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
                  <td><time datetime="${e.createdAt}">${formatDateTime(e.createdAt, ctx.identity.timeZone)}</time></td>
                  <td><a href="${logHref({ ...filter, actor: e.actor.id, page: 1 })}">${e.actor.name}</a></td>
                  <td>${e.action}</td>
                  <td>
                    ${e.target ? html`<a href="${logHref({ ...filter, target: e.target.id, page: 1 })}">${e.target.name}</a>` : ''}
                    ${e.commentId ? html`${e.target ? ', ' : ''}comment ${e.commentId}` : ''}
                  </td>
                  <td>${e.reason}</td>
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
  return adminPage(ctx, { title: 'Moderation log', current: '/admin/moderation/log', main });
}
