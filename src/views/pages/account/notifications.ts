/** Reply emails: the unsubscribe page reached from an email, and the setting on /account. */
import type { PageContext } from '../../context.js';
import { postForm } from '../../forms.js';
import { html, type SafeHtml } from '../../html.js';
import { accountPage } from './page.js';

/** The page an unsubscribe link opens: one button, so link scanners cannot unsubscribe anyone. */
export function unsubscribeView(ctx: PageContext, token: string): SafeHtml {
  return accountPage(ctx, {
    title: 'Stop emails about replies',
    main: html`<h1>Stop emails about replies</h1>
      <p>We email you when someone replies to one of your comments. You can stop these emails here.</p>
      ${postForm(
        ctx,
        `/account/unsubscribe/replies?token=${encodeURIComponent(token)}`,
        html`<button type="submit" class="button">Stop emails about replies</button>`,
      )}`,
  });
}

/** The panel on /account. */
export function notificationSettings(ctx: PageContext, replies: boolean): SafeHtml {
  return html`<section class="panel" aria-labelledby="notifications-heading">
    <h2 id="notifications-heading">Emails</h2>
    ${postForm(
      ctx,
      '/account/notifications',
      html`<div class="field field--checkbox">
          <input type="checkbox" id="notify-replies" name="replies" value="on" ${replies ? html`checked` : ''} />
          <label for="notify-replies">Email me when someone replies to my comments</label>
        </div>
        <button type="submit" class="button button--secondary">Save email settings</button>`,
    )}
  </section>`;
}
