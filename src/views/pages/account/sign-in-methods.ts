/**
 * /account's password panel and the owner's confirmation of risky changes (issue 23): a person
 * with a password changes it (and may remove it when another way in remains); a person without
 * one — passkey-only or single-sign-on-only — is offered "Set a password", and confirms with a
 * sign-in of the last 10 minutes instead of a password they do not have.
 */
import type { PageContext } from '../../context.js';
import { field, postForm, submitButton, type FormProblem } from '../../forms.js';
import { html, type SafeHtml } from '../../html.js';
import { passwordHint } from './sign-up.js';

/** What the page needs to know about the person's ways in. */
export interface SignInState {
  hasPassword: boolean;
  /** Whether removing the password leaves another usable way in (the role's policy applied). */
  mayRemovePassword: boolean;
  /** Whether this session began with a sign-in in the last 10 minutes. */
  fresh: boolean;
}

/** The password panel: change or remove it, or set a first one. */
export function passwordPanel(
  ctx: PageContext,
  state: SignInState,
  problem: FormProblem | undefined,
): SafeHtml {
  const { t } = ctx.i18n;
  if (!state.hasPassword) {
    return html`<section class="panel" aria-labelledby="password-heading">
      <h2 id="password-heading">${t('sign-in.password.set.heading')}</h2>
      <p>${t('sign-in.password.set.intro')}</p>
      ${
        state.fresh
          ? postForm(
              ctx,
              '/account/password',
              html`${field({ id: 'new-password', name: 'password', label: t('account.password.new'), type: 'password', autocomplete: 'new-password', hint: passwordHint(ctx.i18n), required: true, problem })}
                <p class="hint">${t('account.password.signsOut')}</p>
                ${submitButton(t('sign-in.password.set.submit'))}`,
            )
          : html`<p class="hint">${t('sign-in.fresh.needed')}</p>`
      }
    </section>`;
  }
  return html`<section class="panel" aria-labelledby="password-heading">
    <h2 id="password-heading">${t('account.password.heading')}</h2>
    ${postForm(
      ctx,
      '/account/password',
      html`${field({ id: 'current-password', name: 'current', label: t('account.password.current'), type: 'password', autocomplete: 'current-password', required: true, problem })}
        ${field({ id: 'new-password', name: 'password', label: t('account.password.new'), type: 'password', autocomplete: 'new-password', hint: passwordHint(ctx.i18n), required: true, problem })}
        <p class="hint">${t('account.password.signsOut')}</p>
        ${submitButton(t('account.password.submit'))}`,
    )}
    ${
      state.mayRemovePassword
        ? postForm(
            ctx,
            '/account/password/remove',
            html`<h3>${t('sign-in.password.remove.heading')}</h3>
              <p>${t('sign-in.password.remove.intro')}</p>
              ${submitButton(t('sign-in.password.remove.submit'), 'secondary')}`,
          )
        : ''
    }
  </section>`;
}

/**
 * The confirmation inside the email-change and deletion forms: the password field, or, for a
 * person without a password, a note on the fresh sign-in that stands in for it.
 */
export function ownerConfirmation(
  ctx: PageContext,
  state: SignInState | undefined,
  passwordField: SafeHtml,
): SafeHtml {
  if (!state || state.hasPassword) return passwordField;
  const { t } = ctx.i18n;
  return html`<p class="hint">
    ${state.fresh ? t('sign-in.fresh.confirmed') : t('sign-in.fresh.needed')}
  </p>`;
}
