/** The page an invitation link opens: make an account, or accept with the one the address has. */
import type { Invitation } from '../../../domain/invitation.js';
import type { User } from '../../../domain/user.js';
import type { PageContext } from '../../context.js';
import { errorSummary, field, postForm, submitButton, type FormProblem } from '../../forms.js';
import { html } from '../../html.js';
import { accountPage } from './page.js';
import { passwordHint } from './sign-up.js';

const withArticle = (role: string) => `${/^[aeiou]/.test(role) ? 'an' : 'a'} ${role}`;

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
  const site = ctx.siteName;
  const role = withArticle(invitation.role);
  const from = invitation.invitedBy
    ? ` ${invitation.invitedBy.name} invites you`
    : ' You are invited';
  const intro = html`<p>
      ${from} to join the staff of ${site} as ${role}. This invitation is for
      <strong>${invitation.email}</strong>.
    </p>`;
  const token = html`<input type="hidden" name="token" value="${props.token}" />`;
  let body;
  if (!account) {
    body = html`${intro}
      <p>Choose the name shown with your work and a password; you are signed in straight away.</p>
      ${errorSummary(problem)}
      ${postForm(
        ctx,
        '/invitation',
        html`${token}
          ${field({ name: 'name', label: 'Your name', autocomplete: 'name', value: props.values?.name, hint: 'Shown on your articles and comments. You can change it later.', required: true, maxlength: 60, problem })}
          ${field({ name: 'password', label: 'Password', type: 'password', autocomplete: 'new-password', hint: passwordHint, required: true, problem })}
          ${submitButton('Create account and accept')}`,
      )}`;
  } else if (viewer?.id === account.id) {
    body = html`${intro}
      ${errorSummary(problem)}
      <p>
        Accepting changes the role of your account from ${account.role} to ${invitation.role}.
      </p>
      ${postForm(ctx, '/invitation/accept', html`${token} ${submitButton('Accept the invitation')}`)}`;
  } else if (viewer) {
    body = html`${intro}
      <p>
        You are signed in as ${viewer.email}. To accept, sign out and sign in with
        ${invitation.email}.
      </p>
      ${postForm(ctx, '/signout', submitButton('Sign out', 'secondary'))}`;
  } else {
    const next = `/invitation?token=${encodeURIComponent(props.token)}`;
    body = html`${intro}
      <p>
        ${invitation.email} already has an account here. Sign in with it, then accept the
        invitation on this page.
      </p>
      <p><a class="button button--primary" href="/signin?next=${encodeURIComponent(next)}">Sign in to accept</a></p>`;
  }
  return accountPage(ctx, {
    title: `Join ${site}`,
    problem,
    main: html`<h1>Join ${site} as ${role}</h1>
      ${body}`,
  });
}
