/**
 * The moderation queue. Every action is a plain form (no JavaScript needed); a small script adds
 * the keyboard (j/k move, a approve or keep, r reject, f feature) and live notice of new activity.
 */
import { reasonCodes, type ReasonCode } from '../../../domain/moderation/types.js';
import { moderationActions, type ModerationAction } from '../../../domain/moderation/log.js';
import { isReportReason } from '../../../domain/moderation/reports.js';
import { isRole, isSuspended, staffRoles } from '../../../domain/user.js';
import { sanctionChoices, type QueueItem } from '../../../services/moderation.js';
import { threadSettingsForm } from '../thread-settings.js';
import { queueTabs, type QueueCounts, type QueueTab } from '../../../domain/moderation/queue.js';
import type { MessageKey, RichTag, Translator } from '../../../i18n/translator.js';
import type { PageContext } from '../../context.js';
import { doneBanner, errorSummary, postForm, type FormProblem } from '../../forms.js';
import { html, raw, type SafeHtml } from '../../html.js';
import { adminPage } from './page.js';

/** What `?done=` says after an action, by the catalogue's key (the route picks, the view words). */
export const moderationNotices = {
  approve: 'moderation.notice.approve',
  reject: 'moderation.notice.reject',
  feature: 'moderation.notice.feature',
  unfeature: 'moderation.notice.unfeature',
  keep: 'moderation.notice.keep',
  thread: 'moderation.notice.thread',
  suspend: 'moderation.notice.suspend',
  ban: 'moderation.notice.ban',
  removed: 'moderation.notice.removed',
  lift: 'moderation.notice.lift',
} as const satisfies Record<string, MessageKey>;

/** A done notice's words: `done` is one of a notices object's keys (`doneMessage` checked it). */
export function noticeText(i18n: Translator, done: string | undefined): string | undefined {
  return done ? i18n.t(done as MessageKey) : undefined;
}

/** Text only screen readers read, inside a rich message (`<hidden>…</hidden>`). */
export const hidden: RichTag = (content) => html`<span class="visually-hidden">${content}</span>`;

export function tabLabel(i18n: Translator, tab: QueueTab): string {
  return i18n.t(`moderation.tab.${tab}`);
}

/** A reason code's words; a code the catalogue does not know is shown as it is. */
export function reasonLabel(i18n: Translator, code: string): string {
  return (reasonCodes as readonly string[]).includes(code)
    ? i18n.t(`moderation.reason.${code as ReasonCode}`)
    : code;
}

function reportReasonLabel(i18n: Translator, reason: string): string {
  return isReportReason(reason) ? i18n.t(`moderation.report.${reason}`) : reason;
}

/** A role's name ("editor"); one the catalogue does not know is shown as it is. */
export function roleName(i18n: Translator, role: string): string {
  return isRole(role) ? i18n.t(`moderation.role.${role}`) : role;
}

/**
 * An email address that may wrap after a dot or before the @ on a narrow screen, rather than in
 * the middle of a word.
 */
export function wrappingEmail(email: string): SafeHtml {
  return html`${email.split(/(?<=\.)|(?=@)/).map((part, i) => (i ? html`<wbr />${part}` : part))}`;
}

/** A logged action's words ("Approved"); an unknown one as it is. */
export function actionLabel(i18n: Translator, action: string): string {
  return (moderationActions as readonly string[]).includes(action)
    ? i18n.t(`moderation.action.${action as ModerationAction}`)
    : action;
}

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

function age(i18n: Translator, since: string, now: Date): string {
  const days = Math.floor((now.getTime() - Date.parse(since)) / 86_400_000);
  if (days < 1) return i18n.t('moderation.age.lessThanDay');
  if (days < 60) return i18n.t('moderation.age.days', { count: days });
  const months = Math.floor(days / 30);
  if (months < 24) return i18n.t('moderation.age.months', { count: months });
  return i18n.t('moderation.age.years', { count: Math.floor(days / 365) });
}

function excerpt(text: string, length = 200): string {
  const chars = Array.from(text.replace(/\s+/g, ' ').trim());
  return chars.length > length ? `${chars.slice(0, length).join('')}…` : chars.join('');
}

const statuses = ['pending', 'published', 'rejected', 'deleted'] as const;

function statusTag(i18n: Translator, status: string): SafeHtml {
  const label = (statuses as readonly string[]).includes(status)
    ? i18n.t(`moderation.status.${status as (typeof statuses)[number]}`)
    : status;
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
  const { i18n } = ctx;
  const named = { name: who };
  const time =
    (iso: string): RichTag =>
    (content) =>
      html`<time datetime="${iso}">${content}</time>`;
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
      <label for="${id}-select" class="visually-hidden">${i18n.t('moderation.item.select', named)}</label>
      <h2 class="mod-item__title" id="${id}-title">
        ${who} ${statusTag(i18n, c.status)} ${featured ? html`<span class="tag tag--ok">${i18n.t('moderation.item.featured')}</span>` : ''}
      </h2>
      <p class="mod-item__meta">
        <time datetime="${c.createdAt}">${i18n.dateTime(c.createdAt)}</time>
        ${c.editedAt ? html` · ${i18n.rich('moderation.item.edited', { when: i18n.dateTime(c.editedAt) }, { time: time(c.editedAt) })}` : ''}
        ${
          item.article
            ? html` · ${i18n.rich(
                'moderation.item.on',
                { headline: item.article.headline },
                {
                  link: (content) =>
                    html`<a href="${item.article!.path}${c.status === 'published' ? `#comment-${c.id}` : ''}">${content}</a>`,
                },
              )}`
            : ''
        }
      </p>
    </div>
    ${
      item.parent
        ? html`<blockquote class="mod-item__parent">
            <p><span class="mod-item__label">${i18n.t('moderation.item.inReplyTo', { name: item.parent.author.name })}</span>
              ${excerpt(item.parent.body)}</p>
          </blockquote>`
        : ''
    }
    <div class="mod-item__body comment__body">${raw(c.html)}</div>
    ${
      c.reasons.length
        ? html`<div class="mod-item__why">
            <p class="mod-item__label">${i18n.t(c.status === 'pending' ? 'moderation.item.heldBecause' : 'moderation.item.wasHeldBecause')}</p>
            <ul>
              ${c.reasons.map((r) => html`<li><strong>${reasonLabel(i18n, r.code)}</strong>: ${r.detail}</li>`)}
            </ul>
          </div>`
        : ''
    }
    ${
      item.reports.length
        ? html`<div class="mod-item__reports">
            <p class="mod-item__label">${i18n.t('moderation.item.reports', { open: i18n.number(item.reports.filter((r) => !r.resolvedAt).length) })}</p>
            <ul>
              ${item.reports.map(
                (r) => html`<li>
                  <strong>${reportReasonLabel(i18n, r.reason)}</strong>
                  ${r.text ? html`: ${i18n.t('moderation.item.reportText', { text: r.text })}` : ''} — ${r.reporter.name},
                  <time datetime="${r.createdAt}">${i18n.dateTime(r.createdAt)}</time>
                  ${r.resolvedAt ? html` ${i18n.t('moderation.item.resolved')}` : ''}
                </li>`,
              )}
            </ul>
          </div>`
        : ''
    }
    ${c.status === 'rejected' && c.rejectionReason ? html`<p class="mod-item__rejection">${i18n.t('moderation.item.rejection', { reason: c.rejectionReason })}</p>` : ''}
    ${
      c.author.id === null
        ? html`<div class="mod-item__record">
            <p class="mod-item__label">${i18n.t('moderation.item.record', named)}</p>
            <p>${i18n.t('moderation.item.guest')}</p>
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
                  ${i18n.rich('moderation.item.approve', named, { hidden })} <kbd aria-hidden="true">a</kbd>
                </button>`
              : c.openReports > 0
                ? html`<button type="submit" name="action" value="keep" class="button button--primary" data-key="a">
                    ${i18n.rich('moderation.item.keep', named, { hidden })} <kbd aria-hidden="true">a</kbd>
                  </button>`
                : ''
          }
          <button type="submit" name="action" value="${featured ? 'unfeature' : 'feature'}" class="button button--secondary" data-key="f">
            ${i18n.rich(featured ? 'moderation.item.unfeature' : 'moderation.item.feature', named, { hidden })} <kbd aria-hidden="true">f</kbd>
          </button>`,
        { className: 'form form--row', label: i18n.t('moderation.item.decideLabel', named) },
      )}
      ${
        c.status !== 'rejected'
          ? postForm(
              ctx,
              '/admin/moderation/act',
              html`${idField}${backField}
                <div class="field">
                  <label for="${id}-reason">${i18n.t('moderation.item.rejectReason', named)}</label>
                  <input id="${id}-reason" name="reason" type="text" maxlength="500" />
                </div>
                <button type="submit" name="action" value="reject" class="button button--danger" data-key="r">
                  ${i18n.rich('moderation.item.reject', named, { hidden })} <kbd aria-hidden="true">r</kbd>
                </button>`,
              { className: 'form form--row', label: i18n.t('moderation.item.rejectLabel', named) },
            )
          : ''
      }
      ${
        item.article
          ? html`<details class="mod-item__thread">
              <summary>${i18n.rich('moderation.item.thread', { mode: item.article.commentMode ?? 'site', headline: item.article.headline }, { hidden })}</summary>
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
              <summary>${i18n.rich('moderation.item.sanction', named, { hidden })}</summary>
              ${postForm(
                ctx,
                '/admin/moderation/sanction',
                html`${backField}
                  <input type="hidden" name="userId" value="${user.id}" />
                  <input type="hidden" name="commentId" value="${c.id}" />
                  <div class="field">
                    <label for="${id}-sanction">${i18n.t('moderation.sanction.choice')}</label>
                    <select id="${id}-sanction" name="choice">
                      ${sanctionChoices.map((s) => html`<option value="${s.value}">${i18n.t(`moderation.sanction.${s.value}`)}</option>`)}
                    </select>
                  </div>
                  <div class="field">
                    <label for="${id}-sanction-reason">${i18n.t('moderation.sanction.reason')}</label>
                    <input id="${id}-sanction-reason" name="reason" type="text" maxlength="500" />
                  </div>
                  <div class="field field--checkbox">
                    <input id="${id}-sanction-remove" name="removeComments" type="checkbox" value="1" />
                    <label for="${id}-sanction-remove">${i18n.t('moderation.sanction.remove')}</label>
                  </div>
                  <button type="submit" class="button button--danger">${i18n.rich('moderation.sanction.apply', named, { hidden })}</button>`,
                { className: 'form form--row', label: i18n.t('moderation.sanction.label', named) },
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
  const { i18n } = ctx;
  const main = html`<h1>${i18n.t('moderation.queue.title')}</h1>
    ${doneBanner(noticeText(i18n, props.done))} ${errorSummary(problem)}
    <p class="mod-live" data-mod-live role="status" aria-live="polite"></p>
    <script type="application/json" id="mod-strings">${scriptStrings(i18n)}</script>
    <nav class="mod-tabs" aria-label="${i18n.t('moderation.queue.tabs')}" data-mod-counts="/api/v1/moderation/counts${query.article ? `?article=${encodeURIComponent(query.article)}` : ''}">
      <ul>
        ${queueTabs.map(
          (t) => html`<li>
            <a href="${queueHref(query, { tab: t, page: 1 })}" ${t === query.tab ? html` aria-current="page"` : ''}>${tabLabel(i18n, t)} <span class="mod-tabs__count" data-mod-count="${t}">${i18n.number(props.counts[t])}</span></a>
          </li>`,
        )}
      </ul>
    </nav>
    <form method="get" action="/admin/moderation" class="form form--row mod-filters" aria-label="${i18n.t('moderation.queue.filterLabel')}">
      <input type="hidden" name="status" value="${query.tab}" />
      <div class="field">
        <label for="filter-article">${i18n.t('moderation.queue.article')}</label>
        <select id="filter-article" name="article">
          <option value="">${i18n.t('moderation.queue.anyArticle')}</option>
          ${props.articles.map((a) => html`<option value="${a.id}" ${a.id === query.article ? html` selected` : ''}>${excerpt(a.headline, 80)}</option>`)}
        </select>
      </div>
      <div class="field">
        <label for="filter-reason">${i18n.t('moderation.queue.reason')}</label>
        <select id="filter-reason" name="reason">
          <option value="">${i18n.t('moderation.queue.anyReason')}</option>
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
                html`<option value="${r}" ${r === query.reason ? html` selected` : ''}>${reasonLabel(i18n, r)}</option>`,
            )}
        </select>
      </div>
      <button type="submit" class="button button--secondary">${i18n.t('moderation.filter')}</button>
    </form>
    <p class="hint mod-keys" id="mod-keys">
      ${i18n.rich('moderation.queue.keys', {}, { kbd: (key) => html`<kbd>${key}</kbd>` })}
    </p>
    ${
      items.length
        ? html`${postForm(
            ctx,
            '/admin/moderation/act',
            html`<input type="hidden" name="back" value="${back}" />
              <div class="field">
                <label for="bulk-action">${i18n.t('moderation.bulk.action')}</label>
                <select id="bulk-action" name="action">
                  ${(['approve', 'reject', 'feature', 'unfeature', 'keep'] as const).map(
                    (a) => html`<option value="${a}">${i18n.t(`moderation.bulk.${a}`)}</option>`,
                  )}
                </select>
              </div>
              <div class="field">
                <label for="bulk-reason">${i18n.t('moderation.bulk.reason')}</label>
                <input id="bulk-reason" name="reason" type="text" maxlength="500" />
              </div>
              <button type="submit" class="button button--secondary">${i18n.t('moderation.bulk.apply')}</button>`,
            {
              className: 'form form--row mod-bulk',
              label: i18n.t('moderation.bulk.label'),
              id: 'bulk-form',
            },
          )}`
        : ''
    }
    ${
      items.length
        ? html`<ol class="mod-queue" data-mod-queue aria-describedby="mod-keys">
            ${items.map((i) => itemView(ctx, i, back, props.now))}
          </ol>`
        : html`<p class="empty">${i18n.t('moderation.queue.empty')} ${query.tab === 'pending' ? i18n.t('moderation.queue.emptyPending') : ''}</p>`
    }
    <p class="pager">
      ${query.page > 1 ? html`<a href="${queueHref(query, { page: query.page - 1 })}" rel="prev">${i18n.t('moderation.pager.previous')}</a>` : ''}
      ${props.hasMore ? html`<a href="${queueHref(query, { page: query.page + 1 })}" rel="next">${i18n.t('moderation.pager.next')}</a>` : ''}
    </p>`;
  return adminPage(ctx, {
    title: i18n.t('moderation.queue.pageTitle', { tab: tabLabel(i18n, query.tab) }),
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
  const { i18n } = ctx;
  const named = { name: who };
  return html`<div class="mod-item__record">
      <p class="mod-item__label">${i18n.t('moderation.item.record', named)}</p>
      <p>
        ${
          user
            ? html`${i18n.rich(
                'moderation.record.member',
                { age: age(i18n, user.createdAt, now), since: i18n.dateTime(user.createdAt) },
                { time: (content) => html`<time datetime="${user.createdAt}">${content}</time>` },
              )} · `
            : ''
        }
        ${i18n.t('moderation.record.approved', { count: item.author.approved })} ·
        ${i18n.t('moderation.record.rejected', { count: item.author.rejected })}
        ${user?.bannedAt ? html` · <span class="tag tag--warn">${i18n.t('moderation.record.banned')}</span>` : ''}
        ${user && user.suspendedUntil && isSuspended(user, now) ? html` · <span class="tag tag--warn">${i18n.t('moderation.record.suspendedUntil', { when: i18n.dateTime(user.suspendedUntil) })}</span>` : ''}
      </p>
      ${
        user && !staffRoles.includes(user.role) && (user.bannedAt || isSuspended(user, now))
          ? postForm(
              ctx,
              '/admin/moderation/lift',
              html`<input type="hidden" name="back" value="${back}" />
                <input type="hidden" name="userId" value="${user.id}" />
                <button type="submit" class="button button--secondary button--small">
                  ${i18n.rich(user.bannedAt ? 'moderation.record.liftBan' : 'moderation.record.liftSuspension', named, { hidden })}
                </button>`,
              { className: 'form form--row', label: i18n.t('moderation.record.liftLabel', named) },
            )
          : ''
      }
      ${
        item.author.pastActions.length
          ? html`<ul class="mod-item__history" aria-label="${i18n.t('moderation.record.history', named)}">
              ${item.author.pastActions.map(
                (a) => html`<li>
                  <time datetime="${a.createdAt}">${i18n.dateTime(a.createdAt)}</time>:
                  ${i18n.t('moderation.record.pastAction', { action: actionLabel(i18n, a.action), name: a.actor.name })}${a.reason ? html` — ${a.reason}` : ''}
                </li>`,
              )}
            </ul>`
          : html`<p class="muted">${i18n.t('moderation.record.none')}</p>`
      }
    </div>`;
}

/** The words moderation.js shows, handed over in the page (the script carries none of its own). */
function scriptStrings(i18n: Translator): SafeHtml {
  const stale = ['created', 'edited', 'deleted', 'moderated', 'reported', 'changed'] as const;
  const strings = {
    changedOne: i18n.t('moderation.script.changedOne'),
    changedMany: i18n.t('moderation.script.changedMany', { count: '{count}' }),
    refresh: i18n.t('moderation.script.refresh'),
    stale: Object.fromEntries(stale.map((k) => [k, i18n.t(`moderation.script.stale.${k}`)])),
  };
  // JSON inside <script>: "<" is written as \u003c so no text can close the element.
  return raw(JSON.stringify(strings).replace(/</g, '\\u003c'));
}
