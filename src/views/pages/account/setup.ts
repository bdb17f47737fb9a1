import type { PageContext } from '../../context.js';
import { errorSummary, field, postForm, submitButton, type FormProblem } from '../../forms.js';
import { html } from '../../html.js';
import { accountPage } from './page.js';
import { passwordHint } from './sign-up.js';

/** First run: the one-time link printed by the server creates the site's first admin. */
export function setupView(
  ctx: PageContext,
  props: { token: string; values?: { email: string; name: string }; problem?: FormProblem },
) {
  const { problem, values } = props;
  return accountPage(ctx, {
    title: 'Create the first admin',
    problem,
    main: html`<h1>Create the first admin</h1>
      <p>
        This site has no admin yet. The account you create here can manage people, settings and
        everything else. This link works once, within an hour of the server printing it.
      </p>
      ${errorSummary(problem)}
      ${postForm(
        ctx,
        '/setup',
        html`<input type="hidden" name="token" value="${props.token}" />
          ${field({ name: 'name', label: 'Your name', autocomplete: 'name', value: values?.name, required: true, maxlength: 60, problem })}
          ${field({ name: 'email', label: 'Email address', type: 'email', autocomplete: 'email', value: values?.email, required: true, maxlength: 254, problem })}
          ${field({ name: 'password', label: 'Password', type: 'password', autocomplete: 'new-password', hint: passwordHint, required: true, problem })}
          ${submitButton('Create admin account')}`,
      )}`,
  });
}
