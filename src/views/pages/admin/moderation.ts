/**
 * The moderation queue. Every action is a plain form (no JavaScript needed); a small script adds
 * the keyboard (j/k move, a approve or keep, r reject, f feature) and live notice of new activity.
 */
import { reasonCodes, reasonLabels, type ReasonCode } from '../../../domain/moderation/types.js';
import { reportReasonLabels } from '../../../domain/moderation/reports.js';
import { isSuspended, staffRoles } from '../../../domain/user.js';
import { sanctionChoices, threadModeLabels, type QueueItem } from '../../../services/moderation.js';
import { threadSettingsForm } from '../thread-settings.js';
import { queueTabs, type QueueCounts, type QueueTab } from '../../../domain/moderation/queue.js';
import type { PageContext } from '../../context.js';
import { formatDateTime, plural } from '../../format.js';
import { doneBanner, errorSummary, postForm, type FormProblem } from '../../forms.js';
import { html, raw, type SafeHtml } from '../../html.js';
import { adminPage } from './page.js';

export const moderationNotices = {
  approve: 'Approved.',
  reject: 'Rejected.',
  feature: 'Featured.',
  unfeature: 'No longer featured.',
  keep: 'Kept: its reports were dismissed.',
  thread: 'The thread’s comment settings were saved.',
  suspend: 'The person has been suspended.',
  ban: 'The person has been banned and signed out everywhere.',
  removed:
    'The person has been sanctioned and their comments removed; lifting it within 30 days puts them back.',
  lift: 'The suspension or ban was lifted; comments it removed in the last 30 days are back.',
} as const;

export const tabLabels: Record<QueueTab, string> = {
  pending: 'Pending',
  reported: 'Reported',
  rejected: 'Rejected',
  approved: 'Approved',
  all: 'All',
};

export interface QueueView {
  tab: QueueTab;
  article: string;
  reason: ReasonCode | '';
  page: number;
}

export function queueHref(q: QueueView, changes: Partial<QueueView> = {}): string {
  const v = { ...q, ...changes };
  const params = new URLSearchParams({ status: v.tab });
  if (v.article) params.set('article', v.article);
  if (v.reason) params.set('reason', v.reason);
  if (v.page > 1) params.set('page', String(v.page));
  return `/admin/moderation?${params.toString()}`;
}

function age(since: string, now: Date): string {
  const days = Math.floor((now.getTime() - Date.parse(since)) / 86_400_000);
  if (days < 1) return 'less than a day';
  if (days < 60) return plural(days, 'day', 'days');
  const months = Math.floor(days / 30);
  if (months < 24) return plural(months, 'month', 'months');
  return plural(Math.floor(days / 365), 'year', 'years');
}

function excerpt(text: string, length = 200): string {
  const chars = Array.from(text.replace(/\s+/g, ' ').trim());
  return chars.length > length ? `${chars.slice(0, length).join('')}…` : chars.join('');
}

function statusTag(status: string): SafeHtml {
  const label = status === 'pending' ? 'pending' : status === 'published' ? 'published' : status;
  const cls = status === 'rejected' ? ' tag--warn' : status === 'published' ? ' tag--ok' : '';
  return html`<span class="tag${cls}">${label}</span>`;
}

function itemView(ctx: PageContext, item: QueueItem, back: string, now: Date): SafeHtml {
  const c = item.comment;
  const id = `item-${c.id}`;
  const who = c.author.name;
  const user = item.author.user;
  const backField = html`<input type="hidden" name="back" value="${back}" />`;
  const idField = html`<input type="hidden" name="ids" value="${c.id}" />`;
  const featured = c.featuredAt !== null;
  const canSanction = user !== null && !staffRoles.includes(user.role);
  return html`<li
    class="mod-item"
    id="${id}"
    data-mod-item
    data-id="${c.id}"
    tabindex="-1"
    aria-labelledby="${id}-title"
  >
    <div class="mod-item__head">
      <input
        type="checkbox"
        name="ids"
        value="${c.id}"
        form="bulk-form"
        id="${id}-select"
        class="mod-item__select"
      />
      <label for="${id}-select" class="visually-hidden">Select the comment by ${who}</label>
      <h2 class="mod-item__title" id="${id}-title">
        ${who} ${statusTag(c.status)} ${featured ? html`<span class="tag tag--ok">featured</span>` : ''}
      </h2>
      <p class="mod-item__meta">
        <time datetime="${c.createdAt}">${formatDateTime(c.createdAt, ctx.identity.timeZone)}</time>
        ${c.editedAt ? html` · edited <time datetime="${c.editedAt}">${formatDateTime(c.editedAt, ctx.identity.timeZone)}</time>` : ''}
        ${
          item.article
            ? html` · on <a href="${item.article.path}${c.status === 'published' ? `#comment-${c.id}` : ''}">${item.article.headline}</a>`
            : ''
        }
      </p>
    </div>
    ${
      item.parent
        ? html`<blockquote class="mod-item__parent">
            <p><span class="mod-item__label">In reply to ${item.parent.author.name}:</span>
              ${excerpt(item.parent.body)}</p>
          </blockquote>`
        : ''
    }
    <div class="mod-item__body comment__body">${raw(c.html)}</div>
    ${
      c.reasons.length
        ? html`<div class="mod-item__why">
            <p class="mod-item__label">${c.status === 'pending' ? 'Held because' : 'Was held because'}</p>
            <ul>
              ${c.reasons.map((r) => html`<li><strong>${reasonLabels[r.code] ?? r.code}</strong>: ${r.detail}</li>`)}
            </ul>
          </div>`
        : ''
    }
    ${
      item.reports.length
        ? html`<div class="mod-item__reports">
            <p class="mod-item__label">Reports (${item.reports.filter((r) => !r.resolvedAt).length} open)</p>
            <ul>
              ${item.reports.map(
                (r) => html`<li>
                  <strong>${reportReasonLabels[r.reason] ?? r.reason}</strong>
                  ${r.text ? html`: “${r.text}”` : ''} — ${r.reporter.name},
                  <time datetime="${r.createdAt}">${formatDateTime(r.createdAt, ctx.identity.timeZone)}</time>
                  ${r.resolvedAt ? ' (resolved)' : ''}
                </li>`,
              )}
            </ul>
          </div>`
        : ''
    }
    ${c.status === 'rejected' && c.rejectionReason ? html`<p class="mod-item__rejection">Reason given to the author: ${c.rejectionReason}</p>` : ''}
    ${
      c.author.id === null
        ? html`<div class="mod-item__record">
            <p class="mod-item__label">${who}’s record</p>
            <p>A guest (imported comment): a name without an account, so no record or sanctions.</p>
          </div>`
        : accountRecord(ctx, item, who, user, now, back)
    }
    <div class="mod-item__actions">
      ${postForm(
        ctx,
        '/admin/moderation/act',
        html`${idField}${backField}
          ${
            c.status !== 'published'
              ? html`<button type="submit" name="action" value="approve" class="button button--primary" data-key="a">
                  Approve<span class="visually-hidden"> the comment by ${who}</span> <kbd aria-hidden="true">a</kbd>
                </button>`
              : c.openReports > 0
                ? html`<button type="submit" name="action" value="keep" class="button button--primary" data-key="a">
                    Keep<span class="visually-hidden"> the comment by ${who} and dismiss its reports</span> <kbd aria-hidden="true">a</kbd>
                  </button>`
                : ''
          }
          <button type="submit" name="action" value="${featured ? 'unfeature' : 'feature'}" class="button button--secondary" data-key="f">
            ${featured ? 'Unfeature' : 'Feature'}<span class="visually-hidden"> the comment by ${who}</span> <kbd aria-hidden="true">f</kbd>
          </button>`,
        { className: 'form form--row', label: `Approve, keep or feature the comment by ${who}` },
      )}
      ${
        c.status !== 'rejected'
          ? postForm(
              ctx,
              '/admin/moderation/act',
              html`${idField}${backField}
                <div class="field">
                  <label for="${id}-reason">Reason for rejecting (shown to ${who}, optional)</label>
                  <input id="${id}-reason" name="reason" type="text" maxlength="500" />
                </div>
                <button type="submit" name="action" value="reject" class="button button--danger" data-key="r">
                  Reject<span class="visually-hidden"> the comment by ${who}</span> <kbd aria-hidden="true">r</kbd>
                </button>`,
              { className: 'form form--row', label: `Reject the comment by ${who}` },
            )
          : ''
      }
      ${
        item.article
          ? html`<details class="mod-item__thread">
              <summary>Thread: comments ${threadModeLabels[item.article.commentMode ?? '']}<span class="visually-hidden"> on “${item.article.headline}”</span></summary>
              ${threadSettingsForm(ctx, {
                articleId: item.article.id,
                mode: item.article.commentMode,
                back,
                idPrefix: id,
                headline: item.article.headline,
              })}
            </details>`
          : ''
      }
      ${
        canSanction && user
          ? html`<details class="mod-item__sanction">
              <summary>Suspend or ban<span class="visually-hidden"> ${who}</span></summary>
              ${postForm(
                ctx,
                '/admin/moderation/sanction',
                html`${backField}
                  <input type="hidden" name="userId" value="${user.id}" />
                  <input type="hidden" name="commentId" value="${c.id}" />
                  <div class="field">
                    <label for="${id}-sanction">What to do</label>
                    <select id="${id}-sanction" name="choice">
                      ${sanctionChoices.map((s) => html`<option value="${s.value}">${s.text}</option>`)}
                    </select>
                  </div>
                  <div class="field">
                    <label for="${id}-sanction-reason">Reason (kept in the log)</label>
                    <input id="${id}-sanction-reason" name="reason" type="text" maxlength="500" />
                  </div>
                  <div class="field field--checkbox">
                    <input id="${id}-sanction-remove" name="removeComments" type="checkbox" value="1" />
                    <label for="${id}-sanction-remove">Also remove their published and waiting comments (lifting within 30 days puts them back)</label>
                  </div>
                  <button type="submit" class="button button--danger">Apply<span class="visually-hidden"> to ${who}</span></button>`,
                { className: 'form form--row', label: `Suspend or ban ${who}` },
              )}
            </details>`
          : ''
      }
    </div>
  </li>`;
}

export function moderationQueueView(
  ctx: PageContext,
  props: {
    query: QueueView;
    items: QueueItem[];
    hasMore: boolean;
    articles: { id: string; headline: string }[];
    /** How many comments each tab holds (of the chosen article, if one is). */
    counts: QueueCounts;
    done?: string | undefined;
    problem?: FormProblem;
    now: Date;
  },
): SafeHtml {
  const { query, items, problem } = props;
  const back = queueHref(query);
  const main = html`<h1>Moderation</h1>
    ${doneBanner(props.done)} ${errorSummary(problem)}
    <p class="mod-live" data-mod-live role="status" aria-live="polite"></p>
    <nav class="mod-tabs" aria-label="Queues" data-mod-counts="/api/v1/moderation/counts${query.article ? `?article=${encodeURIComponent(query.article)}` : ''}">
      <ul>
        ${queueTabs.map(
          (t) => html`<li>
            <a href="${queueHref(query, { tab: t, page: 1 })}" ${t === query.tab ? html` aria-current="page"` : ''}>${tabLabels[t]} <span class="mod-tabs__count" data-mod-count="${t}">${String(props.counts[t])}</span></a>
          </li>`,
        )}
      </ul>
    </nav>
    <form method="get" action="/admin/moderation" class="form form--row mod-filters" aria-label="Filter the queue">
      <input type="hidden" name="status" value="${query.tab}" />
      <div class="field">
        <label for="filter-article">Article</label>
        <select id="filter-article" name="article">
          <option value="">Any article</option>
          ${props.articles.map((a) => html`<option value="${a.id}" ${a.id === query.article ? html` selected` : ''}>${excerpt(a.headline, 80)}</option>`)}
        </select>
      </div>
      <div class="field">
        <label for="filter-reason">Reason</label>
        <select id="filter-reason" name="reason">
          <option value="">Any reason</option>
          ${reasonCodes
            .filter(
              (r) =>
                r !== 'closed-article' &&
                r !== 'sanctioned-author' &&
                r !== 'rate-limit' &&
                r !== 'duplicate' &&
                r !== 'banned-words',
            )
            .map(
              (r) =>
                html`<option value="${r}" ${r === query.reason ? html` selected` : ''}>${reasonLabels[r]}</option>`,
            )}
        </select>
      </div>
      <button type="submit" class="button button--secondary">Filter</button>
    </form>
    <p class="hint mod-keys" id="mod-keys">
      Keyboard: <kbd>j</kbd> next, <kbd>k</kbd> previous, <kbd>a</kbd> approve (or keep a reported
      comment, dismissing its reports), <kbd>r</kbd> reject,
      <kbd>f</kbd> feature or unfeature the highlighted comment.
    </p>
    ${
      items.length
        ? html`${postForm(
            ctx,
            '/admin/moderation/act',
            html`<input type="hidden" name="back" value="${back}" />
              <div class="field">
                <label for="bulk-action">With the selected comments</label>
                <select id="bulk-action" name="action">
                  <option value="approve">Approve</option>
                  <option value="reject">Reject</option>
                  <option value="feature">Feature</option>
                  <option value="unfeature">Unfeature</option>
                  <option value="keep">Keep (dismiss reports)</option>
                </select>
              </div>
              <div class="field">
                <label for="bulk-reason">Reason for rejecting (optional)</label>
                <input id="bulk-reason" name="reason" type="text" maxlength="500" />
              </div>
              <button type="submit" class="button button--secondary">Apply to selected</button>`,
            { className: 'form form--row mod-bulk', label: 'Bulk actions', id: 'bulk-form' },
          )}`
        : ''
    }
    ${
      items.length
        ? html`<ol class="mod-queue" data-mod-queue aria-describedby="mod-keys">
            ${items.map((i) => itemView(ctx, i, back, props.now))}
          </ol>`
        : html`<p class="empty">Nothing here. ${query.tab === 'pending' ? 'Every comment has been decided.' : ''}</p>`
    }
    <p class="pager">
      ${query.page > 1 ? html`<a href="${queueHref(query, { page: query.page - 1 })}" rel="prev">Previous page</a>` : ''}
      ${props.hasMore ? html`<a href="${queueHref(query, { page: query.page + 1 })}" rel="next">Next page</a>` : ''}
    </p>`;
  return adminPage(ctx, {
    title: `Moderation: ${tabLabels[query.tab]}`,
    current: '/admin/moderation',
    problem,
    main,
    head: html`<script src="${ctx.assetUrl('moderation.js')}" defer></script>`,
  });
}

function accountRecord(
  ctx: PageContext,
  item: QueueItem,
  who: string,
  user: QueueItem['author']['user'],
  now: Date,
  back: string,
): SafeHtml {
  const timeZone = ctx.identity.timeZone;
  return html`<div class="mod-item__record">
      <p class="mod-item__label">${who}’s record</p>
      <p>
        ${user ? html`Member for ${age(user.createdAt, now)} (since <time datetime="${user.createdAt}">${formatDateTime(user.createdAt, timeZone)}</time>) · ` : ''}
        ${plural(item.author.approved, 'approved comment', 'approved comments')} ·
        ${plural(item.author.rejected, 'rejected comment', 'rejected comments')}
        ${user?.bannedAt ? html` · <span class="tag tag--warn">banned</span>` : ''}
        ${user && user.suspendedUntil && isSuspended(user, now) ? html` · <span class="tag tag--warn">suspended until ${formatDateTime(user.suspendedUntil, timeZone)}</span>` : ''}
      </p>
      ${
        user && !staffRoles.includes(user.role) && (user.bannedAt || isSuspended(user, now))
          ? postForm(
              ctx,
              '/admin/moderation/lift',
              html`<input type="hidden" name="back" value="${back}" />
                <input type="hidden" name="userId" value="${user.id}" />
                <button type="submit" class="button button--secondary button--small">
                  Lift the ${user.bannedAt ? 'ban' : 'suspension'}<span class="visually-hidden"> on ${who}</span>
                </button>`,
              { className: 'form form--row', label: `Lift the sanction on ${who}` },
            )
          : ''
      }
      ${
        item.author.pastActions.length
          ? html`<ul class="mod-item__history" aria-label="Past moderator actions concerning ${who}">
              ${item.author.pastActions.map(
                (a) => html`<li>
                  <time datetime="${a.createdAt}">${formatDateTime(a.createdAt, timeZone)}</time>:
                  ${a.action} by ${a.actor.name}${a.reason ? html` — ${a.reason}` : ''}
                </li>`,
              )}
            </ul>`
          : html`<p class="muted">No past moderator actions.</p>`
      }
    </div>`;
}
