import type { MessageKey } from '../../../i18n/translator.js';
import type { PageContext } from '../../context.js';
import { doneBanner } from '../../forms.js';
import { html } from '../../html.js';
import { adminLinks, adminPage } from './page.js';

export const adminHomeNotices = {
  setup: 'admin.home.done.setup',
  'demo-removed': 'admin.home.done.demoRemoved',
} as const satisfies Record<string, MessageKey>;

export function adminHomeView(ctx: PageContext, props: { done?: MessageKey | undefined }) {
  const { t } = ctx.i18n;
  const links = adminLinks(ctx);
  return adminPage(ctx, {
    title: t('admin.home.title'),
    current: '/admin',
    main: html`<h1>${t('admin.home.title')}</h1>
      ${doneBanner(props.done && t(props.done))}
      <p>${t('admin.home.signedInAs', { name: ctx.viewer?.name ?? '', role: ctx.viewer?.role ?? '' })}</p>
      ${
        links.length
          ? html`<ul class="admin-tools">
              ${links.map(
                (l) => html`<li>
                  <a href="${l.href}">${l.text}</a>
                  <p>${l.description}</p>
                </li>`,
              )}
            </ul>`
          : html`<p>${t('admin.home.noTools')}</p>`
      }`,
  });
}
