import type { OutboxMessage } from '../../../domain/outbox.js';
import type { PageContext } from '../../context.js';
import { formatDateTime } from '../../format.js';
import { html } from '../../html.js';
import { adminPage } from './page.js';

function status(m: OutboxMessage, timeZone: string) {
  if (m.sentAt)
    return html`<span class="tag tag--ok">sent ${formatDateTime(m.sentAt, timeZone)}</span>`;
  if (m.error) return html`<span class="tag tag--warn">not delivered: ${m.error}</span>`;
  return html`<span class="tag">kept in the outbox</span>`;
}

/** The mail the site has sent (or, without SMTP, kept), newest first. */
export function outboxView(
  ctx: PageContext,
  props: { messages: OutboxMessage[]; olderHref: string | null; isFirstPage: boolean },
) {
  return adminPage(ctx, {
    title: 'Outbox',
    current: '/admin/outbox',
    main: html`<h1>Outbox</h1>
      <p>
        Every email the site sends is recorded here. Without an SMTP server configured
        (<code>SMTP_URL</code>), this is the only place the messages go.
      </p>
      ${
        props.messages.length
          ? html`<ol class="outbox">
              ${props.messages.map(
                (m) => html`<li>
                  <article class="mail" aria-labelledby="mail-${m.id}">
                    <h2 id="mail-${m.id}">${m.subject}</h2>
                    <p class="mail__meta">
                      To ${m.to} ·
                      <time datetime="${m.createdAt}">${formatDateTime(m.createdAt, ctx.identity.timeZone)}</time> ·
                      ${status(m, ctx.identity.timeZone)}
                    </p>
                    <pre class="mail__body">${m.text}</pre>
                  </article>
                </li>`,
              )}
            </ol>`
          : html`<p>${props.isFirstPage ? 'No mail yet.' : 'No older mail.'}</p>`
      }
      <p class="pager">
        ${props.isFirstPage ? '' : html`<a href="/admin/outbox">Newest</a>`}
        ${props.olderHref ? html`<a href="${props.olderHref}" rel="next">Older mail</a>` : ''}
      </p>`,
  });
}
