/** Reply emails: the unsubscribe page reached from an email, and the setting on /account. */
import type { PageContext } from '../../context.js';
import { postForm } from '../../forms.js';
import { html, type SafeHtml } from '../../html.js';
import { accountPage } from './page.js';

/** The page an unsubscribe link opens: one button, so link scanners cannot unsubscribe anyone. */
export function unsubscribeView(ctx: PageContext, token: string): SafeHtml {
  const { t } = ctx.i18n;
  return accountPage(ctx, {
    title: t('account.replies.title'),
    main: html`<h1>${t('account.replies.title')}</h1>
      <p>${t('account.replies.intro')}</p>
      ${postForm(
        ctx,
        `/account/unsubscribe/replies?token=${encodeURIComponent(token)}`,
        html`<button type="submit" class="button">${t('account.replies.stop')}</button>`,
      )}`,
  });
}

/** The panel on /account. */
export function notificationSettings(
  ctx: PageContext,
  replies: boolean,
  digest: boolean | null,
): SafeHtml {
  const { t } = ctx.i18n;
  return html`<section class="panel" aria-labelledby="notifications-heading">
    <h2 id="notifications-heading">${t('account.replies.heading')}</h2>
    ${postForm(
      ctx,
      '/account/notifications',
      html`<div class="field field--checkbox">
          <input type="checkbox" id="notify-replies" name="replies" value="on" ${replies ? html`checked` : ''} />
          <label for="notify-replies">${t('account.replies.setting')}</label>
        </div>
        <button type="submit" class="button button--secondary">${t('account.replies.save')}</button>`,
    )}
    ${
      digest === null
        ? ''
        : postForm(
            ctx,
            '/account/moderation-digest',
            html`<div class="field field--checkbox">
              <input type="checkbox" id="moderation-digest" name="digest" value="on" aria-describedby="moderation-digest-hint" ${digest ? html`checked` : ''} />
              <label for="moderation-digest">${t('account.digest.setting')}</label>
            </div>
            <p class="hint" id="moderation-digest-hint">${t('account.digest.hint')}</p>
            <button type="submit" class="button button--secondary">${t('account.digest.save')}</button>`,
          )
    }
  </section>`;
}
