import type { PageContext } from '../../context.js';
import { errorSummary, field, postForm, submitButton, type FormProblem } from '../../forms.js';
import { html } from '../../html.js';
import { accountPage } from './page.js';
import { passwordHint } from './sign-up.js';

/** Asking for a reset link. After sending, everyone sees the same words, account or not. */
export function forgotView(ctx: PageContext, props: { sent: boolean; problem?: FormProblem }) {
  const { problem } = props;
  const { t } = ctx.i18n;
  if (props.sent) {
    return accountPage(ctx, {
      title: t('account.forgot.sentTitle'),
      main: html`<h1>${t('account.forgot.sentTitle')}</h1>
        <p class="done-banner" role="status">${t('account.forgot.sent')}</p>
        <ul class="next-steps">
          <li><a href="/account/forgot">${t('account.forgot.again')}</a></li>
          <li><a href="/signin">${t('account.link.backToSignIn')}</a></li>
        </ul>`,
    });
  }
  return accountPage(ctx, {
    title: t('account.forgot.title'),
    problem,
    main: html`<h1>${t('account.forgot.title')}</h1>
      <p>${t('account.forgot.intro')}</p>
      ${errorSummary(problem)}
      ${postForm(
        ctx,
        '/account/forgot',
        html`${field({ name: 'email', label: t('account.field.email'), type: 'email', autocomplete: 'email', required: true, maxlength: 254, problem })}
          ${submitButton(t('account.forgot.submit'))}`,
      )}
      <p><a href="/signin">${t('account.link.backToSignIn')}</a></p>`,
  });
}

/** Choosing a new password from the emailed link; the token travels in a hidden field. */
export function resetView(ctx: PageContext, props: { token: string; problem?: FormProblem }) {
  const { problem } = props;
  const { t } = ctx.i18n;
  return accountPage(ctx, {
    title: t('account.reset.title'),
    problem,
    main: html`<h1>${t('account.reset.title')}</h1>
      ${errorSummary(problem)}
      ${
        problem && !problem.field
          ? html`<p><a href="/account/forgot">${t('account.reset.askAgain')}</a></p>`
          : postForm(
              ctx,
              '/account/reset',
              html`<input type="hidden" name="token" value="${props.token}" />
                ${field({ name: 'password', label: t('account.reset.newPassword'), type: 'password', autocomplete: 'new-password', hint: passwordHint(ctx.i18n), required: true, problem })}
                <p class="hint">${t('account.reset.signedOut')}</p>
                ${submitButton(t('account.reset.submit'))}`,
            )
      }`,
  });
}
