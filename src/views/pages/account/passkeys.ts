/**
 * Passkeys on /account (the list, renaming, removing, adding one) and the list of recent
 * sign-ins. Adding a passkey needs the browser's WebAuthn API, so that form is a script island
 * (assets/passkeys.js): hidden until the script finds the API, with a note in its place.
 */
import type { PasskeyRecord, SignInEvent } from '../../../domain/passkey.js';
import type { PageContext } from '../../context.js';
import { field, postForm, submitButton, type FormProblem } from '../../forms.js';
import { html, type SafeHtml } from '../../html.js';

/** The words the script says, in the page's language, carried on the island. */
export function scriptWords(ctx: PageContext): SafeHtml {
  const { t } = ctx.i18n;
  return html` data-working="${t('passkeys.script.working')}"
    data-cancelled="${t('passkeys.script.cancelled')}"
    data-failed="${t('passkeys.script.failed')}"
    data-fill-in="${t('passkeys.script.fillIn')}"`;
}

/** The passkeys' script, for a page's head. */
export function passkeyScript(ctx: PageContext): SafeHtml {
  return html`<script src="${ctx.assetUrl('passkeys.js')}" defer></script>`;
}

export function passkeysPanel(
  ctx: PageContext,
  props: { passkeys: PasskeyRecord[]; mayRemove: boolean; problem?: FormProblem | undefined },
): SafeHtml {
  const { t } = ctx.i18n;
  const { problem } = props;
  const item = (p: PasskeyRecord) => {
    const renameId = `passkey-name-${p.id.slice(0, 24)}`;
    return html`<li>
      <p>
        <strong>${p.name}</strong><br />
        <span class="hint">
          ${t('passkeys.panel.added', { date: ctx.i18n.date(p.createdAt) })} ·
          ${p.lastUsedAt ? t('passkeys.panel.lastUsed', { when: ctx.i18n.dateTime(p.lastUsedAt) }) : t('passkeys.panel.neverUsed')}
        </span>
      </p>
      ${postForm(
        ctx,
        `/account/passkeys/${encodeURIComponent(p.id)}/rename`,
        html`${field({ id: renameId, name: 'name', label: t('passkeys.panel.rename.label', { name: p.name }), value: p.name, required: true, maxlength: 60, problem })}
        ${submitButton(t('passkeys.panel.rename.submit'), 'secondary')}`,
      )}
      ${
        props.mayRemove
          ? postForm(
              ctx,
              `/account/passkeys/${encodeURIComponent(p.id)}/remove`,
              submitButton(t('passkeys.panel.remove.submit', { name: p.name }), 'danger'),
              { className: 'form form--inline' },
            )
          : html`<p class="hint">${t('passkeys.panel.onlyWayIn')}</p>`
      }
    </li>`;
  };
  return html`<section class="panel" id="passkeys" aria-labelledby="passkeys-heading">
    <h2 id="passkeys-heading">${t('passkeys.panel.heading')}</h2>
    <p>${t('passkeys.panel.intro')}</p>
    ${
      props.passkeys.length === 0
        ? html`<p>${t('passkeys.panel.none')}</p>`
        : html`<ul class="passkey-list">
            ${props.passkeys.map(item)}
          </ul>`
    }
    <p class="hint" data-passkey-fallback>${t('passkeys.panel.add.needsScript')}</p>
    <div data-passkey-island="register" hidden ${scriptWords(ctx)}>
      ${postForm(
        ctx,
        '/account/passkeys',
        html`${field({ id: 'new-passkey-name', name: 'name', label: t('passkeys.panel.add.name'), hint: t('passkeys.panel.add.nameHint'), required: true, maxlength: 60, problem })}
          ${submitButton(t('passkeys.panel.add.submit'))}
          <p class="passkey-status" aria-live="polite" data-passkey-status></p>`,
      )}
    </div>
  </section>`;
}

/** "Signed in with passkey “Laptop” on 5 December 2026, 21:40", in the reader's zone. */
export function signInLine(ctx: PageContext, event: SignInEvent): string {
  const { t } = ctx.i18n;
  const when = ctx.i18n.dateTime(event.at);
  switch (event.method) {
    case 'passkey':
      return t('passkeys.audit.passkey', { label: event.label, when });
    case 'email-link':
      return t('passkeys.audit.emailLink', { when });
    case 'sso':
      return t('passkeys.audit.sso', { label: event.label, when });
    default:
      return t('passkeys.audit.password', { when });
  }
}

export function signInsPanel(ctx: PageContext, events: SignInEvent[]): SafeHtml {
  const { t } = ctx.i18n;
  return html`<section class="panel" aria-labelledby="sign-ins-heading">
    <h2 id="sign-ins-heading">${t('passkeys.audit.heading')}</h2>
    <p>${t('passkeys.audit.intro')}</p>
    ${
      events.length === 0
        ? html`<p>${t('passkeys.audit.none')}</p>`
        : html`<ul class="sign-in-list">
            ${events.map((e) => html`<li>${signInLine(ctx, e)}</li>`)}
          </ul>`
    }
  </section>`;
}

/** The sign-in page's passkey button: hidden until the script finds the WebAuthn API. */
export function signInPasskey(ctx: PageContext): SafeHtml {
  const { t } = ctx.i18n;
  return html`<div data-passkey-island="sign-in" hidden ${scriptWords(ctx)}>
    <p>
      <button type="button" class="button button--secondary" data-passkey-start>
        ${t('passkeys.signIn.button')}
      </button>
    </p>
    <p class="passkey-status" aria-live="polite" data-passkey-status></p>
  </div>`;
}

/** The sign-up page's passkey choice: the same name and address, a passkey for the password. */
export function signUpPasskey(ctx: PageContext): SafeHtml {
  const { t } = ctx.i18n;
  return html`<section
    class="passkey-sign-up"
    aria-labelledby="passkey-sign-up-heading"
    data-passkey-island="sign-up"
    data-default-name="${t('passkeys.defaultName')}"
    hidden
    ${scriptWords(ctx)}
  >
    <h2 id="passkey-sign-up-heading">${t('passkeys.signUp.heading')}</h2>
    <p>${t('passkeys.signUp.intro')}</p>
    <p>
      <button type="button" class="button button--secondary" data-passkey-start>
        ${t('passkeys.signUp.button')}
      </button>
    </p>
    <p class="passkey-status" aria-live="polite" data-passkey-status></p>
  </section>`;
}
