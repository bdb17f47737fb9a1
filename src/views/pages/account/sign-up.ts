import { minPasswordLength } from '../../../domain/password-policy.js';
import type { PageContext } from '../../context.js';
import { errorSummary, field, postForm, submitButton, type FormProblem } from '../../forms.js';
import { html } from '../../html.js';
import { accountPage } from './page.js';

export const passwordHint = `At least ${minPasswordLength} characters. A few unrelated words make a strong one.`;

export function signUpView(
  ctx: PageContext,
  props: { values?: { email: string; name: string }; problem?: FormProblem },
) {
  const { problem, values } = props;
  return accountPage(ctx, {
    title: 'Create an account',
    problem,
    main: html`<h1>Create an account</h1>
      <p>With an account you can join the conversation under articles.</p>
      ${errorSummary(problem)}
      ${postForm(
        ctx,
        '/signup',
        html`${field({ name: 'name', label: 'Display name', autocomplete: 'name', value: values?.name, hint: 'Shown beside your comments.', required: true, maxlength: 60, problem })}
          ${field({ name: 'email', label: 'Email address', type: 'email', autocomplete: 'email', value: values?.email, hint: 'We send a link to confirm it. Never shown to others.', required: true, maxlength: 254, problem })}
          ${field({ name: 'password', label: 'Password', type: 'password', autocomplete: 'new-password', hint: passwordHint, required: true, problem })}
          ${submitButton('Create account')}`,
      )}
      <p>Already have an account? <a href="/signin">Sign in</a></p>`,
  });
}
