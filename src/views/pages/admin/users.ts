import { isSuspended, roles, type User } from '../../../domain/user.js';
import type { PageContext } from '../../context.js';
import { formatDateTime } from '../../format.js';
import { doneBanner, errorSummary, postForm, submitButton, type FormProblem } from '../../forms.js';
import { html, type SafeHtml } from '../../html.js';
import { invitationNotices, invitationsPanel } from './invitations.js';
import { adminPage } from './page.js';
import type { ListedInvitation } from '../../../services/invitations.js';

export const userNotices = {
  role: 'The role has been changed. It applies from their next request.',
  suspend: 'The person has been suspended.',
  ban: 'The person has been banned and signed out everywhere.',
  lift: 'Their suspension or ban has been lifted.',
  names: 'Their name and byline have been changed.',
  ...invitationNotices,
} as const;

export const suspensionChoices = [
  { hours: 1, text: '1 hour' },
  { hours: 24, text: '24 hours' },
  { hours: 24 * 7, text: '7 days' },
] as const;

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

function standing(u: User, timeZone: string): SafeHtml {
  if (u.bannedAt) return html`<span class="tag tag--warn">banned</span>`;
  if (u.suspendedUntil && isSuspended(u))
    return html`<span class="tag tag--warn">suspended until ${formatDateTime(u.suspendedUntil, timeZone)}</span>`;
  return html``;
}

function personActions(ctx: PageContext, u: User, back: string): SafeHtml {
  const path = `/admin/users/${encodeURIComponent(u.id)}`;
  const backField = html`<input type="hidden" name="back" value="${back}" />`;
  const sanctioned = u.bannedAt !== null || isSuspended(u);
  return html`<div class="person__actions">
    ${postForm(
      ctx,
      `${path}/names`,
      html`${backField}
        <div class="field">
          <label for="name-${u.id}">Display name</label>
          <input id="name-${u.id}" name="name" type="text" maxlength="60" required value="${u.name}" />
        </div>
        <div class="field">
          <label for="byline-${u.id}">Byline (empty: the display name)</label>
          <input id="byline-${u.id}" name="byline" type="text" maxlength="60" value="${u.byline}" />
        </div>
        ${submitButton('Change name', 'secondary')}`,
      { className: 'form form--row', label: `Name of ${u.name}` },
    )}
    ${postForm(
      ctx,
      `${path}/role`,
      html`${backField}
        <div class="field">
          <label for="role-${u.id}">Role</label>
          <select id="role-${u.id}" name="role">
            ${roles.map((r) => html`<option value="${r}" ${r === u.role ? html` selected` : ''}>${r}</option>`)}
          </select>
        </div>
        ${submitButton('Change role', 'secondary')}`,
      { className: 'form form--row', label: `Role of ${u.name}` },
    )}
    ${postForm(
      ctx,
      `${path}/suspend`,
      html`${backField}
        <div class="field">
          <label for="suspend-hours-${u.id}">Suspend for</label>
          <select id="suspend-hours-${u.id}" name="hours">
            ${suspensionChoices.map((c) => html`<option value="${c.hours}">${c.text}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="suspend-reason-${u.id}">Reason for the suspension</label>
          <input id="suspend-reason-${u.id}" name="reason" type="text" maxlength="500" />
        </div>
        ${submitButton('Suspend', 'secondary')}`,
      { className: 'form form--row', label: `Suspend ${u.name}` },
    )}
    ${postForm(
      ctx,
      `${path}/ban`,
      html`${backField}
        <div class="field">
          <label for="ban-reason-${u.id}">Reason for the ban</label>
          <input id="ban-reason-${u.id}" name="reason" type="text" maxlength="500" />
        </div>
        ${submitButton('Ban', 'danger')}`,
      { className: 'form form--row', label: `Ban ${u.name}` },
    )}
    ${
      sanctioned
        ? postForm(
            ctx,
            `${path}/lift`,
            html`${backField} ${submitButton('Lift suspension or ban', 'secondary')}`,
            {
              className: 'form form--row',
              label: `Lift sanctions on ${u.name}`,
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
  return html`<li class="person" id="person-${u.id}">
    <h3 class="person__name">${u.name}</h3>
    <p class="person__meta">
      ${u.byline ? html`byline “${u.byline}” · ` : ''}${u.email} · ${u.role}
      ${u.emailVerifiedAt ? '' : html` · <span class="tag">email not confirmed</span>`}
      ${standing(u, ctx.identity.timeZone)}
    </p>
    ${u.sanctionReason && (u.bannedAt || isSuspended(u)) ? html`<p class="person__reason">Reason: ${u.sanctionReason}</p>` : ''}
    ${
      u.id === props.selfId
        ? html`<p class="muted">This is you: another admin can change your role.</p>`
        : html`<details ${props.openId === u.id ? html` open` : ''}>
            <summary>Manage<span class="visually-hidden"> ${u.name}</span></summary>
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
  const main = html`<h1>People</h1>
    ${doneBanner(props.done)} ${errorSummary(problem, props.openId ? `person-${props.openId}` : undefined)}
    ${invitationsPanel(ctx, {
      invitations: props.invitations ?? [],
      problem: props.invite?.problem,
      values: props.invite?.values,
    })}
    <h2>Everyone</h2>
    <form method="get" action="/admin/users" class="form form--row search-form" role="search" aria-label="People">
      <div class="field">
        <label for="people-q">Name or email</label>
        <input id="people-q" name="q" type="search" value="${query.q}" maxlength="100" />
      </div>
      <div class="field">
        <label for="people-role">Role</label>
        <select id="people-role" name="role">
          <option value="">any</option>
          ${roles.map((r) => html`<option value="${r}" ${r === query.role ? html` selected` : ''}>${r}</option>`)}
        </select>
      </div>
      ${submitButton('Search', 'secondary')}
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
        : html`<p>Nobody matches.</p>`
    }
    <p class="pager">
      ${query.page > 1 ? html`<a href="${peopleHref(query, query.page - 1)}" rel="prev">Previous page</a>` : ''}
      ${props.hasMore ? html`<a href="${peopleHref(query, query.page + 1)}" rel="next">Next page</a>` : ''}
    </p>`;
  return adminPage(ctx, { title: 'People', current: '/admin/users', problem, main });
}
