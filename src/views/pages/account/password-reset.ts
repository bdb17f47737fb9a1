import type { PageContext } from '../../context.js';
import { errorSummary, field, postForm, submitButton, type FormProblem } from '../../forms.js';
import { html } from '../../html.js';
import { accountPage } from './page.js';
import { passwordHint } from './sign-up.js';

/** Asking for a reset link. After sending, everyone sees the same words, account or not. */
export function forgotView(ctx: PageContext, props: { sent: boolean; problem?: FormProblem }) {
  const { problem } = props;
  if (props.sent) {
    return accountPage(ctx, {
      title: 'Check your email',
      main: html`<h1>Check your email</h1>
        <p class="done-banner" role="status">
          If that address belongs to an account, we have sent it a link to choose a new password.
          The link works once, for one hour.
        </p>
        <ul class="next-steps">
          <li><a href="/account/forgot">Send another link</a></li>
          <li><a href="/signin">Back to sign in</a></li>
        </ul>`,
    });
  }
  return accountPage(ctx, {
    title: 'Reset your password',
    problem,
    main: html`<h1>Reset your password</h1>
      <p>Enter the email address of your account and we will send you a link to choose a new password.</p>
      ${errorSummary(problem)}
      ${postForm(
        ctx,
        '/account/forgot',
        html`${field({ name: 'email', label: 'Email address', type: 'email', autocomplete: 'email', required: true, maxlength: 254, problem })}
          ${submitButton('Send the link')}`,
      )}
      <p><a href="/signin">Back to sign in</a></p>`,
  });
}

/** Choosing a new password from the emailed link; the token travels in a hidden field. */
export function resetView(ctx: PageContext, props: { token: string; problem?: FormProblem }) {
  const { problem } = props;
  return accountPage(ctx, {
    title: 'Choose a new password',
    problem,
    main: html`<h1>Choose a new password</h1>
      ${errorSummary(problem)}
      ${
        problem && !problem.field
          ? html`<p><a href="/account/forgot">Ask for a new link</a></p>`
          : postForm(
              ctx,
              '/account/reset',
              html`<input type="hidden" name="token" value="${props.token}" />
                ${field({ name: 'password', label: 'New password', type: 'password', autocomplete: 'new-password', hint: passwordHint, required: true, problem })}
                <p class="hint">You will be signed out on every device, then sign in with the new password.</p>
                ${submitButton('Set new password')}`,
            )
      }`,
  });
}
