/** The "Newsroom emails" panel on /account: which workflow emails a staff member gets. */
import type { MessageKey } from '../../../i18n/translator.js';
import type { StaffMailKind } from '../../../services/staff-notifications.js';
import type { PageContext } from '../../context.js';
import { postForm } from '../../forms.js';
import { html, type SafeHtml } from '../../html.js';

const labels: Record<StaffMailKind, MessageKey> = {
  submitted: 'staff-mail.settings.submitted',
  returned: 'staff-mail.settings.returned',
  scheduled: 'staff-mail.settings.scheduled',
  published: 'staff-mail.settings.published',
};

/** `offered` is what the person's role may get, `on` what they get now. */
export function newsroomEmailSettings(
  ctx: PageContext,
  settings: { offered: readonly StaffMailKind[]; on: Readonly<Record<StaffMailKind, boolean>> },
): SafeHtml {
  const { t } = ctx.i18n;
  return html`<section class="panel" id="newsroom-emails" aria-labelledby="newsroom-emails-heading">
    <h2 id="newsroom-emails-heading">${t('staff-mail.settings.heading')}</h2>
    ${postForm(
      ctx,
      '/account/newsroom-emails',
      html`<fieldset>
          <legend>${t('staff-mail.settings.intro')}</legend>
          ${settings.offered.map(
            (kind) => html`<div class="field field--checkbox">
              <input type="checkbox" id="newsroom-email-${kind}" name="on" value="${kind}" ${settings.on[kind] ? html`checked` : ''} />
              <label for="newsroom-email-${kind}">${t(labels[kind])}</label>
            </div>`,
          )}
        </fieldset>
        <button type="submit" class="button button--secondary">${t('staff-mail.settings.save')}</button>`,
    )}
  </section>`;
}
