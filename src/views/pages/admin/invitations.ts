/** The invitations part of /admin/users: the form to invite someone, and every invitation. */
import type { InvitationState } from '../../../domain/invitation.js';
import { staffRoles } from '../../../domain/user.js';
import type { ListedInvitation } from '../../../services/invitations.js';
import type { MessageKey } from '../../../i18n/translator.js';
import type { PageContext } from '../../context.js';
import { field, postForm, submitButton, type FormProblem } from '../../forms.js';
import { html, type SafeHtml } from '../../html.js';
import { roleName, wrappingEmail } from './moderation.js';

export const invitationNotices = {
  invited: 'moderation.notice.invited',
  revoked: 'moderation.notice.revoked',
} as const satisfies Record<string, MessageKey>;

const stateClass: Record<InvitationState, string> = {
  pending: 'tag',
  accepted: 'tag tag--ok',
  revoked: 'tag',
  expired: 'tag tag--warn',
};

function invitationItem(ctx: PageContext, i: ListedInvitation): SafeHtml {
  const { i18n } = ctx;
  const when =
    i.state === 'accepted' && i.acceptedAt
      ? i18n.t('moderation.invite.acceptedAt', { when: i18n.dateTime(i.acceptedAt) })
      : i.state === 'revoked' && i.revokedAt
        ? i18n.t('moderation.invite.revokedAt', { when: i18n.dateTime(i.revokedAt) })
        : i.state === 'expired'
          ? i18n.t('moderation.invite.expiredAt', { when: i18n.dateTime(i.expiresAt) })
          : i18n.t('moderation.invite.worksUntil', { when: i18n.dateTime(i.expiresAt) });
  const sent = i18n.dateTime(i.createdAt);
  return html`<li class="person" id="invitation-${i.id}">
    <p class="person__name"><strong>${wrappingEmail(i.email)}</strong> · ${roleName(i18n, i.role)} <span class="${stateClass[i.state]}">${i18n.t(`moderation.invite.state.${i.state}`)}</span></p>
    <p class="person__meta">
      ${i.invitedBy ? i18n.t('moderation.invite.sentBy', { when: sent, name: i.invitedBy.name }) : i18n.t('moderation.invite.sent', { when: sent })} · ${when}
    </p>
    ${
      i.state === 'pending'
        ? postForm(
            ctx,
            `/admin/users/invitations/${encodeURIComponent(i.id)}/revoke`,
            submitButton(i18n.t('moderation.invite.revoke'), 'danger'),
            {
              className: 'form form--inline',
              label: i18n.t('moderation.invite.revokeLabel', { email: i.email }),
            },
          )
        : ''
    }
  </li>`;
}

export function invitationsPanel(
  ctx: PageContext,
  props: {
    invitations: ListedInvitation[];
    /** A refusal of the invite form (its field ids start with invite-). */
    problem?: FormProblem | undefined;
    values?: { email: string; role: string } | undefined;
  },
): SafeHtml {
  const { problem, values } = props;
  const roleInvalid = problem?.field === 'invite-role';
  const { i18n } = ctx;
  return html`<section class="panel" aria-labelledby="invite-heading">
    <h2 id="invite-heading">${i18n.t('moderation.invite.heading')}</h2>
    ${postForm(
      ctx,
      '/admin/users/invitations',
      html`${field({ id: 'invite-email', name: 'email', label: i18n.t('moderation.invite.email'), type: 'email', autocomplete: 'off', value: values?.email, hint: i18n.t('moderation.invite.emailHint'), required: true, maxlength: 254, problem })}
        <div class="field${roleInvalid ? ' field--invalid' : ''}">
          <label for="invite-role">${i18n.t('moderation.invite.role')}</label>
          ${roleInvalid ? html`<p class="field-error" id="invite-role-error"><span class="visually-hidden">${i18n.t('moderation.error')}</span> ${problem?.message}</p>` : ''}
          <select id="invite-role" name="role"${roleInvalid ? html` aria-invalid="true" aria-describedby="invite-role-error"` : ''}>
            ${staffRoles.map((r) => html`<option value="${r}" ${r === (values?.role ?? 'author') ? html` selected` : ''}>${roleName(i18n, r)}</option>`)}
          </select>
        </div>
        ${submitButton(i18n.t('moderation.invite.send'))}`,
      { label: i18n.t('moderation.invite.heading') },
    )}
    <h3>${i18n.t('moderation.invite.list')}</h3>
    ${
      props.invitations.length
        ? html`<ul class="people invitations">
            ${props.invitations.map((i) => invitationItem(ctx, i))}
          </ul>`
        : html`<p>${i18n.t('moderation.invite.none')}</p>`
    }
  </section>`;
}
