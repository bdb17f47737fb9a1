import { isSuspended, roles, type User } from '../../../domain/user.js';
import type { MessageKey, Translator } from '../../../i18n/translator.js';
import type { PageContext } from '../../context.js';
import { doneBanner, errorSummary, postForm, submitButton, type FormProblem } from '../../forms.js';
import { html, type SafeHtml } from '../../html.js';
import { invitationNotices, invitationsPanel } from './invitations.js';
import { hidden, noticeText, roleName, wrappingEmail } from './moderation.js';
import { adminPage } from './page.js';
import type { ListedInvitation } from '../../../services/invitations.js';

export const userNotices = {
  role: 'moderation.notice.role',
  suspend: 'moderation.notice.suspend',
  ban: 'moderation.notice.ban',
  lift: 'moderation.notice.liftPerson',
  names: 'moderation.notice.names',
  ...invitationNotices,
} as const satisfies Record<string, MessageKey>;

export const suspensionChoices = [{ hours: 1 }, { hours: 24 }, { hours: 24 * 7 }] as const;

/** "24 hours", "7 days". */
function duration(i18n: Translator, hours: number): string {
  return hours % 24 === 0 && hours >= 24 * 2
    ? i18n.t('moderation.people.days', { count: hours / 24 })
    : i18n.t('moderation.people.hours', { count: hours });
}

export interface PeopleQuery {
  q: string;
  role: string;
  page: number;
}

export function peopleHref(query: PeopleQuery, page = query.page): string {
  const params = new URLSearchParams();
  if (query.q) params.set('q', query.q);
  if (query.role) params.set('role', query.role);
  if (page > 1) params.set('page', String(page));
  const search = params.toString();
  return `/admin/users${search ? `?${search}` : ''}`;
}

function standing(i18n: Translator, u: User): SafeHtml {
  if (u.bannedAt)
    return html`<span class="tag tag--warn">${i18n.t('moderation.record.banned')}</span>`;
  if (u.suspendedUntil && isSuspended(u))
    return html`<span class="tag tag--warn">${i18n.t('moderation.record.suspendedUntil', { when: i18n.dateTime(u.suspendedUntil) })}</span>`;
  return html``;
}

function personActions(ctx: PageContext, u: User, back: string): SafeHtml {
  const path = `/admin/users/${encodeURIComponent(u.id)}`;
  const backField = html`<input type="hidden" name="back" value="${back}" />`;
  const sanctioned = u.bannedAt !== null || isSuspended(u);
  const { i18n } = ctx;
  const named = { name: u.name };
  return html`<div class="person__actions">
    ${postForm(
      ctx,
      `${path}/names`,
      html`${backField}
        <div class="field">
          <label for="name-${u.id}">${i18n.t('moderation.people.displayName')}</label>
          <input id="name-${u.id}" name="name" type="text" maxlength="60" required value="${u.name}" />
        </div>
        <div class="field">
          <label for="byline-${u.id}">${i18n.t('moderation.people.bylineField')}</label>
          <input id="byline-${u.id}" name="byline" type="text" maxlength="60" value="${u.byline}" />
        </div>
        ${submitButton(i18n.t('moderation.people.changeName'), 'secondary')}`,
      { className: 'form form--row', label: i18n.t('moderation.people.nameLabel', named) },
    )}
    ${postForm(
      ctx,
      `${path}/role`,
      html`${backField}
        <div class="field">
          <label for="role-${u.id}">${i18n.t('moderation.people.role')}</label>
          <select id="role-${u.id}" name="role">
            ${roles.map((r) => html`<option value="${r}" ${r === u.role ? html` selected` : ''}>${roleName(i18n, r)}</option>`)}
          </select>
        </div>
        ${submitButton(i18n.t('moderation.people.changeRole'), 'secondary')}`,
      { className: 'form form--row', label: i18n.t('moderation.people.roleLabel', named) },
    )}
    ${postForm(
      ctx,
      `${path}/suspend`,
      html`${backField}
        <div class="field">
          <label for="suspend-hours-${u.id}">${i18n.t('moderation.people.suspendFor')}</label>
          <select id="suspend-hours-${u.id}" name="hours">
            ${suspensionChoices.map((c) => html`<option value="${c.hours}">${duration(i18n, c.hours)}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="suspend-reason-${u.id}">${i18n.t('moderation.people.suspendReason')}</label>
          <input id="suspend-reason-${u.id}" name="reason" type="text" maxlength="500" />
        </div>
        ${submitButton(i18n.t('moderation.people.suspend'), 'secondary')}`,
      { className: 'form form--row', label: i18n.t('moderation.people.suspendLabel', named) },
    )}
    ${postForm(
      ctx,
      `${path}/ban`,
      html`${backField}
        <div class="field">
          <label for="ban-reason-${u.id}">${i18n.t('moderation.people.banReason')}</label>
          <input id="ban-reason-${u.id}" name="reason" type="text" maxlength="500" />
        </div>
        ${submitButton(i18n.t('moderation.people.ban'), 'danger')}`,
      { className: 'form form--row', label: i18n.t('moderation.people.banLabel', named) },
    )}
    ${
      sanctioned
        ? postForm(
            ctx,
            `${path}/lift`,
            html`${backField} ${submitButton(i18n.t('moderation.people.lift'), 'secondary')}`,
            {
              className: 'form form--row',
              label: i18n.t('moderation.people.liftLabel', named),
            },
          )
        : ''
    }
  </div>`;
}

function person(
  ctx: PageContext,
  u: User,
  props: { selfId: string; back: string; openId?: string },
) {
  const { i18n } = ctx;
  return html`<li class="person" id="person-${u.id}">
    <h3 class="person__name">${u.name}</h3>
    <p class="person__meta">
      ${u.byline ? html`${i18n.t('moderation.people.byline', { byline: u.byline })} · ` : ''}${wrappingEmail(u.email)} · ${roleName(i18n, u.role)}
      ${u.emailVerifiedAt ? '' : html` · <span class="tag">${i18n.t('moderation.people.unconfirmed')}</span>`}
      ${standing(i18n, u)}
    </p>
    ${u.sanctionReason && (u.bannedAt || isSuspended(u)) ? html`<p class="person__reason">${i18n.t('moderation.people.reason', { reason: u.sanctionReason })}</p>` : ''}
    ${
      u.id === props.selfId
        ? html`<p class="muted">${i18n.t('moderation.people.self')}</p>`
        : html`<details ${props.openId === u.id ? html` open` : ''}>
            <summary>${i18n.rich('moderation.people.manage', { name: u.name }, { hidden })}</summary>
            ${personActions(ctx, u, props.back)}
          </details>`
    }
  </li>`;
}

/** People: search by name or email and role, then manage one person at a time. */
export function usersView(
  ctx: PageContext,
  props: {
    people: User[];
    query: PeopleQuery;
    hasMore: boolean;
    selfId: string;
    done?: string | undefined;
    problem?: FormProblem;
    openId?: string;
    invitations?: ListedInvitation[];
    /** A refusal of the invite form, and what was typed into it. */
    invite?: { problem: FormProblem; values: { email: string; role: string } };
  },
) {
  const { query } = props;
  const problem = props.problem ?? props.invite?.problem;
  const back = peopleHref(query);
  const { i18n } = ctx;
  const main = html`<h1>${i18n.t('moderation.people.title')}</h1>
    ${doneBanner(noticeText(i18n, props.done))} ${errorSummary(problem, props.openId ? `person-${props.openId}` : undefined)}
    ${invitationsPanel(ctx, {
      invitations: props.invitations ?? [],
      problem: props.invite?.problem,
      values: props.invite?.values,
    })}
    <h2>${i18n.t('moderation.people.everyone')}</h2>
    <form method="get" action="/admin/users" class="form form--row search-form" role="search" aria-label="${i18n.t('moderation.people.search')}">
      <div class="field">
        <label for="people-q">${i18n.t('moderation.people.q')}</label>
        <input id="people-q" name="q" type="search" value="${query.q}" maxlength="100" />
      </div>
      <div class="field">
        <label for="people-role">${i18n.t('moderation.people.role')}</label>
        <select id="people-role" name="role">
          <option value="">${i18n.t('moderation.people.anyRole')}</option>
          ${roles.map((r) => html`<option value="${r}" ${r === query.role ? html` selected` : ''}>${roleName(i18n, r)}</option>`)}
        </select>
      </div>
      ${submitButton(i18n.t('moderation.people.searchButton'), 'secondary')}
    </form>
    ${
      props.people.length
        ? html`<ul class="people">
            ${props.people.map((u) =>
              person(ctx, u, {
                selfId: props.selfId,
                back,
                ...(props.openId ? { openId: props.openId } : {}),
              }),
            )}
          </ul>`
        : html`<p>${i18n.t('moderation.people.none')}</p>`
    }
    <p class="pager">
      ${query.page > 1 ? html`<a href="${peopleHref(query, query.page - 1)}" rel="prev">${i18n.t('moderation.pager.previous')}</a>` : ''}
      ${props.hasMore ? html`<a href="${peopleHref(query, query.page + 1)}" rel="next">${i18n.t('moderation.pager.next')}</a>` : ''}
    </p>`;
  return adminPage(ctx, {
    title: i18n.t('moderation.people.title'),
    current: '/admin/users',
    problem,
    main,
  });
}
