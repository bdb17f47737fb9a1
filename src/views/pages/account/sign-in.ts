import type { MessageKey } from '../../../i18n/translator.js';
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
import { passwordlessOptions } from './email-sign-in.js';
import { accountPage } from './page.js';
import { passkeyScript, signInPasskey } from './passkeys.js';

/** Autocomplete tokens, not text: the browser offers passkeys among the field's suggestions. */
const emailAutocomplete = 'username webauthn'; // i18n-ignore

/** The `?done=` notices of the sign-in page: their messages' keys. */
export const signInNotices = {
  reset: 'account.signIn.done.reset',
  'signed-out-everywhere': 'account.signIn.done.signedOutEverywhere',
} as const satisfies Record<string, MessageKey>;

/**
 * The sign-in form. After a failed attempt nothing typed is shown again, not even the email: the
 * page must be the same bytes whether the account exists or not.
 */
export function signInView(
  ctx: PageContext,
  props: {
    next: string;
    problem?: FormProblem;
    done?: MessageKey | undefined;
    /** Single sign-on providers, one button each (issue 23). */
    providers?: { id: string; name: string }[];
  },
) {
  const { problem } = props;
  const { t } = ctx.i18n;
  return accountPage(ctx, {
    title: t('account.signIn.title'),
    problem,
    head: passkeyScript(ctx),
    main: html`<h1>${t('account.signIn.title')}</h1>
      ${doneBanner(props.done && t(props.done))} ${errorSummary(problem)}
      ${postForm(
        ctx,
        '/signin',
        html`${props.next === '/' ? '' : html`<input type="hidden" name="next" value="${props.next}" />`}
          ${field({ name: 'email', label: t('account.field.email'), type: 'email', autocomplete: emailAutocomplete, required: true, maxlength: 254, problem })}
          ${field({ name: 'password', label: t('account.field.password'), type: 'password', autocomplete: 'current-password', required: true, problem })}
          ${submitButton(t('account.signIn.submit'))}`,
      )}
      ${signInPasskey(ctx)}
      ${passwordlessOptions(ctx, { next: props.next, providers: props.providers ?? [] })}
      <ul class="next-steps">
        <li><a href="/account/forgot">${t('account.signIn.forgotten')}</a></li>
        <li><a href="/signup">${t('account.signIn.new')}</a></li>
      </ul>`,
  });
}
