/** The page an invitation link opens: make an account, or accept with the one the address has. */
import type { Invitation } from '../../../domain/invitation.js';
import type { User } from '../../../domain/user.js';
import type { PageContext } from '../../context.js';
import { errorSummary, field, postForm, submitButton, type FormProblem } from '../../forms.js';
import { html } from '../../html.js';
import { accountPage, emphasis } from './page.js';
import { passwordHint } from './sign-up.js';

export function invitationView(
  ctx: PageContext,
  props: {
    token: string;
    invitation: Invitation;
    /** The account the invited address already has. */
    account: User | null;
    /** Who is signed in on this browser. */
    viewer: User | null;
    values?: { name: string };
    problem?: FormProblem;
  },
) {
  const { invitation, account, viewer, problem } = props;
  const { t, rich } = ctx.i18n;
  const site = ctx.siteName;
  const { role, email } = invitation;
  const intro = html`<p>
    ${
      invitation.invitedBy
        ? rich(
            'account.invitation.introFrom',
            { name: invitation.invitedBy.name, site, role, email },
            emphasis,
          )
        : rich('account.invitation.intro', { site, role, email }, emphasis)
    }
  </p>`;
  const token = html`<input type="hidden" name="token" value="${props.token}" />`;
  let body;
  if (!account) {
    body = html`${intro}
      <p>${t('account.invitation.choose')}</p>
      ${errorSummary(problem)}
      ${postForm(
        ctx,
        '/invitation',
        html`${token}
          ${field({ name: 'name', label: t('account.field.yourName'), autocomplete: 'name', value: props.values?.name, hint: t('account.invitation.nameHint'), required: true, maxlength: 60, problem })}
          ${field({ name: 'password', label: t('account.field.password'), type: 'password', autocomplete: 'new-password', hint: passwordHint(ctx.i18n), required: true, problem })}
          ${submitButton(t('account.invitation.create'))}`,
      )}`;
  } else if (viewer?.id === account.id) {
    body = html`${intro}
      ${errorSummary(problem)}
      <p>${t('account.invitation.roleChange', { from: account.role, to: role })}</p>
      ${postForm(ctx, '/invitation/accept', html`${token} ${submitButton(t('account.invitation.accept'))}`)}`;
  } else if (viewer) {
    body = html`${intro}
      <p>${t('account.invitation.otherViewer', { viewer: viewer.email, email })}</p>
      ${postForm(ctx, '/signout', submitButton(t('account.invitation.signOut'), 'secondary'))}`;
  } else {
    const next = `/invitation?token=${encodeURIComponent(props.token)}`;
    body = html`${intro}
      <p>${t('account.invitation.hasAccount', { email })}</p>
      <p>
        <a class="button button--primary" href="/signin?next=${encodeURIComponent(next)}"
          >${t('account.invitation.signInToAccept')}</a
        >
      </p>`;
  }
  return accountPage(ctx, {
    title: t('account.invitation.title', { site }),
    problem,
    main: html`<h1>${t('account.invitation.heading', { site, role })}</h1>
      ${body}`,
  });
}
