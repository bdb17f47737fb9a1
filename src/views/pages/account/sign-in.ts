import type { PageContext } from '../../context.js';
import {
  doneBanner,
  errorSummary,
  field,
  postForm,
  submitButton,
  type FormProblem,
} from '../../forms.js';
import { html } from '../../html.js';
import { accountPage } from './page.js';

export const signInNotices = {
  reset: 'Your password has been changed. Sign in with the new one.',
  'signed-out-everywhere': 'You have been signed out on every device.',
} as const;

/**
 * The sign-in form. After a failed attempt nothing typed is shown again, not even the email: the
 * page must be the same bytes whether the account exists or not.
 */
export function signInView(
  ctx: PageContext,
  props: { next: string; problem?: FormProblem; done?: string | undefined },
) {
  const { problem } = props;
  return accountPage(ctx, {
    title: 'Sign in',
    problem,
    main: html`<h1>Sign in</h1>
      ${doneBanner(props.done)} ${errorSummary(problem)}
      ${postForm(
        ctx,
        '/signin',
        html`${props.next === '/' ? '' : html`<input type="hidden" name="next" value="${props.next}" />`}
          ${field({ name: 'email', label: 'Email address', type: 'email', autocomplete: 'email', required: true, maxlength: 254, problem })}
          ${field({ name: 'password', label: 'Password', type: 'password', autocomplete: 'current-password', required: true, problem })}
          ${submitButton('Sign in')}`,
      )}
      <ul class="next-steps">
        <li><a href="/account/forgot">Forgotten your password?</a></li>
        <li><a href="/signup">New here? Create an account</a></li>
      </ul>`,
  });
}
