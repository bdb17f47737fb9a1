import type { PageContext } from '../context.js';
import { html } from '../html.js';
import { layout } from '../layout.js';

/** A plain page for 404s and other errors a reader can hit. */
export function noticeView(ctx: PageContext, props: { title: string; message: string }) {
  return layout(ctx, {
    title: props.title,
    robots: 'noindex',
    main: html`<div class="notice">
      <h1>${props.title}</h1>
      <p>${props.message}</p>
      <p><a href="/">${ctx.i18n.t('reader.notice.front')}</a></p>
    </div>`,
  });
}
