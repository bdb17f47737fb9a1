/** The invitations part of /admin/users: the form to invite someone, and every invitation. */
import type { InvitationState } from '../../../domain/invitation.js';
import { staffRoles } from '../../../domain/user.js';
import type { ListedInvitation } from '../../../services/invitations.js';
import type { PageContext } from '../../context.js';
import { formatDateTime } from '../../format.js';
import { field, postForm, submitButton, type FormProblem } from '../../forms.js';
import { html, type SafeHtml } from '../../html.js';

export const invitationNotices = {
  invited: 'The invitation has been sent. Its link works for seven days.',
  revoked: 'The invitation has been revoked: its link no longer works.',
} as const;

const stateTag: Record<InvitationState, SafeHtml> = {
  pending: html`<span class="tag">pending</span>`,
  accepted: html`<span class="tag tag--ok">accepted</span>`,
  revoked: html`<span class="tag">revoked</span>`,
  expired: html`<span class="tag tag--warn">expired</span>`,
};

function invitationItem(ctx: PageContext, i: ListedInvitation): SafeHtml {
  const when =
    i.state === 'accepted' && i.acceptedAt
      ? `accepted ${formatDateTime(i.acceptedAt, ctx.identity.timeZone)}`
      : i.state === 'revoked' && i.revokedAt
        ? `revoked ${formatDateTime(i.revokedAt, ctx.identity.timeZone)}`
        : i.state === 'expired'
          ? `expired ${formatDateTime(i.expiresAt, ctx.identity.timeZone)}`
          : `link works until ${formatDateTime(i.expiresAt, ctx.identity.timeZone)}`;
  return html`<li class="person" id="invitation-${i.id}">
    <p class="person__name"><strong>${i.email}</strong> · ${i.role} ${stateTag[i.state]}</p>
    <p class="person__meta">
      Sent ${formatDateTime(i.createdAt, ctx.identity.timeZone)}${i.invitedBy ? ` by ${i.invitedBy.name}` : ''} · ${when}
    </p>
    ${
      i.state === 'pending'
        ? postForm(
            ctx,
            `/admin/users/invitations/${encodeURIComponent(i.id)}/revoke`,
            submitButton('Revoke', 'danger'),
            { className: 'form form--inline', label: `Revoke the invitation to ${i.email}` },
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
  return html`<section class="panel" aria-labelledby="invite-heading">
    <h2 id="invite-heading">Invite someone to the staff</h2>
    ${postForm(
      ctx,
      '/admin/users/invitations',
      html`${field({ id: 'invite-email', name: 'email', label: 'Email address', type: 'email', autocomplete: 'off', value: values?.email, hint: 'We email a link that works once, for seven days.', required: true, maxlength: 254, problem })}
        <div class="field${roleInvalid ? ' field--invalid' : ''}">
          <label for="invite-role">Role</label>
          ${roleInvalid ? html`<p class="field-error" id="invite-role-error"><span class="visually-hidden">Error:</span> ${problem?.message}</p>` : ''}
          <select id="invite-role" name="role"${roleInvalid ? html` aria-invalid="true" aria-describedby="invite-role-error"` : ''}>
            ${staffRoles.map((r) => html`<option value="${r}" ${r === (values?.role ?? 'author') ? html` selected` : ''}>${r}</option>`)}
          </select>
        </div>
        ${submitButton('Send invitation')}`,
      { label: 'Invite someone to the staff' },
    )}
    <h3>Invitations</h3>
    ${
      props.invitations.length
        ? html`<ul class="people invitations">
            ${props.invitations.map((i) => invitationItem(ctx, i))}
          </ul>`
        : html`<p>No invitations yet.</p>`
    }
  </section>`;
}
