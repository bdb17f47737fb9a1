import { minPasswordLength } from '../../../domain/password-policy.js';
import type { Translator } from '../../../i18n/translator.js';
import type { PageContext } from '../../context.js';
import { errorSummary, field, postForm, submitButton, type FormProblem } from '../../forms.js';
import { html } from '../../html.js';
import { accountPage } from './page.js';
import { passkeyScript, signUpPasskey } from './passkeys.js';

/** Under every new-password field: how long, and how to make a strong one. */
export const passwordHint = (i18n: Translator) =>
  i18n.t('account.passwordHint', { min: minPasswordLength });

export function signUpView(
  ctx: PageContext,
  props: { values?: { email: string; name: string }; problem?: FormProblem },
) {
  const { problem, values } = props;
  const { t } = ctx.i18n;
  return accountPage(ctx, {
    title: t('account.signUp.title'),
    problem,
    head: passkeyScript(ctx),
    main: html`<h1>${t('account.signUp.title')}</h1>
      <p>${t('account.signUp.intro')}</p>
      ${errorSummary(problem)}
      ${postForm(
        ctx,
        '/signup',
        html`${field({ name: 'name', label: t('account.field.displayName'), autocomplete: 'name', value: values?.name, hint: t('account.signUp.nameHint'), required: true, maxlength: 60, problem })}
          ${field({ name: 'email', label: t('account.field.email'), type: 'email', autocomplete: 'email', value: values?.email, hint: t('account.signUp.emailHint'), required: true, maxlength: 254, problem })}
          ${field({ name: 'password', label: t('account.field.password'), type: 'password', autocomplete: 'new-password', hint: passwordHint(ctx.i18n), required: true, problem })}
          ${submitButton(t('account.signUp.submit'))}`,
      )}
      ${signUpPasskey(ctx)}
      <p>${ctx.i18n.rich('account.signUp.haveAccount', {}, { link: (c) => html`<a href="/signin">${c}</a>` })}</p>`,
  });
}
