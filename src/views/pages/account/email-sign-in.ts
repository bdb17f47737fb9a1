/**
 * Sign-in without a password (issue 23): the sign-in page's additions (ask for an email link,
 * one button per single sign-on provider), the link's own page (a button only), the pages that
 * say why a link or a provider sign-in did not work, and the /account panel of linked accounts.
 */
import type { PageContext } from '../../context.js';
import { errorSummary, field, postForm, submitButton, type FormProblem } from '../../forms.js';
import { html, type SafeHtml } from '../../html.js';
import { accountPage } from './page.js';

/** Below the password form: the email link form and the providers' buttons. */
export function passwordlessOptions(
  ctx: PageContext,
  props: { next: string; providers: { id: string; name: string }[] },
): SafeHtml {
  const { t } = ctx.i18n;
  const next =
    props.next === '/' ? '' : html`<input type="hidden" name="next" value="${props.next}" />`;
  return html`<section class="panel" aria-labelledby="email-link-heading">
      <h2 id="email-link-heading">${t('sign-in.link.heading')}</h2>
      <p>${t('sign-in.link.intro')}</p>
      ${postForm(
        ctx,
        '/signin/email',
        html`${next}
          ${field({ id: 'link-email', name: 'email', label: t('account.field.email'), type: 'email', autocomplete: 'email', required: true, maxlength: 254 })}
          ${submitButton(t('sign-in.link.submit'), 'secondary')}`,
      )}
    </section>
    ${
      props.providers.length === 0
        ? ''
        : html`<section class="panel" aria-labelledby="sso-heading">
            <h2 id="sso-heading">${t('sign-in.sso.heading')}</h2>
            <ul class="plain-list">
              ${props.providers.map((p) => {
                const query = props.next === '/' ? '' : `?next=${encodeURIComponent(props.next)}`;
                return html`<li>
                  <a
                    class="button button--secondary"
                    href="/signin/sso/${encodeURIComponent(p.id)}${query}"
                    >${t('sign-in.sso.button', { provider: p.name })}</a
                  >
                </li>`;
              })}
            </ul>
          </section>`
    }`;
}

export function linkSentView(ctx: PageContext): SafeHtml {
  const { t } = ctx.i18n;
  return accountPage(ctx, {
    title: t('sign-in.sent.title'),
    main: html`<h1>${t('sign-in.sent.title')}</h1>
      <p role="status">${t('sign-in.sent.message')}</p>
      <ul class="next-steps">
        <li><a href="/signin">${t('sign-in.sent.back')}</a></li>
      </ul>`,
  });
}

/** What the emailed link opens: a button, never a sign-in by itself. */
export function linkConfirmView(ctx: PageContext, props: { token: string }): SafeHtml {
  const { t } = ctx.i18n;
  const title = t('sign-in.confirm.title', { site: ctx.identity.name });
  return accountPage(ctx, {
    title,
    main: html`<h1>${title}</h1>
      <p>${t('sign-in.confirm.message')}</p>
      ${postForm(
        ctx,
        '/signin/link',
        html`<input type="hidden" name="token" value="${props.token}" />
          ${submitButton(t('sign-in.confirm.submit'))}`,
      )}`,
  });
}

/** Why a link or a provider sign-in did not sign anyone in, and where to go next. */
export function signInProblemView(
  ctx: PageContext,
  props: { kind: 'other-browser' | 'invalid' | 'sso' | 'unlink'; problem: FormProblem },
): SafeHtml {
  const { t } = ctx.i18n;
  const title =
    props.kind === 'other-browser'
      ? t('sign-in.otherBrowser.title')
      : props.kind === 'invalid'
        ? t('sign-in.invalid.title')
        : props.kind === 'unlink'
          ? t('sign-in.unlink.failed.title')
          : t('sign-in.sso.failed.title');
  // Unlinking happens signed in: the way on is back to the account, not to signing in.
  const next =
    props.kind === 'unlink'
      ? html`<a href="/account">${t('sign-in.unlink.back')}</a>`
      : html`<a href="/signin">${t('sign-in.invalid.again')}</a>`;
  return accountPage(ctx, {
    title,
    main: html`<h1>${title}</h1>
      ${errorSummary(props.problem, undefined, ctx.i18n)}
      <ul class="next-steps">
        <li>${next}</li>
      </ul>`,
  });
}

/** /account: the provider accounts linked to this person, each with an Unlink button. */
export function ssoAccountPanel(
  ctx: PageContext,
  links: { id: string; providerName: string; email: string }[],
): SafeHtml {
  const { t } = ctx.i18n;
  return html`<section class="panel" aria-labelledby="sso-links-heading">
    <h2 id="sso-links-heading">${t('sign-in.account.heading')}</h2>
    ${
      links.length === 0
        ? html`<p>${t('sign-in.account.none')}</p>`
        : html`<ul class="plain-list">
            ${links.map(
              (l) =>
                html`<li>
                  ${t('sign-in.account.linked', { provider: l.providerName, email: l.email })}
                  ${postForm(
                    ctx,
                    `/account/sso/${encodeURIComponent(l.id)}/unlink`,
                    submitButton(
                      t('sign-in.account.unlink', { provider: l.providerName }),
                      'danger',
                    ),
                    { className: 'form form--inline' },
                  )}
                </li>`,
            )}
          </ul>`
    }
  </section>`;
}
