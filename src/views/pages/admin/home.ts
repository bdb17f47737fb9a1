import type { PageContext } from '../../context.js';
import { doneBanner } from '../../forms.js';
import { html } from '../../html.js';
import { adminLinks, adminPage } from './page.js';

export const adminHomeNotices = {
  setup: 'The site is set up and your admin account is ready. Welcome!',
  'demo-removed': 'The demo content has been removed.',
} as const;

export function adminHomeView(ctx: PageContext, props: { done?: string | undefined }) {
  const links = adminLinks(ctx);
  return adminPage(ctx, {
    title: 'Staff',
    current: '/admin',
    main: html`<h1>Staff</h1>
      ${doneBanner(props.done)}
      <p>Signed in as ${ctx.viewer?.name} (${ctx.viewer?.role}).</p>
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
          : html`<p>The newsroom and moderation tools for your role will appear here.</p>`
      }`,
  });
}
