import type { OutboxMessage } from '../../../domain/outbox.js';
import type { PageContext } from '../../context.js';
import { html } from '../../html.js';
import { adminPage } from './page.js';

function status(ctx: PageContext, m: OutboxMessage) {
  const { t, rich, dateTime } = ctx.i18n;
  if (m.sentAt) {
    const at = m.sentAt;
    return html`<span class="tag tag--ok"
      >${rich(
        'admin.outbox.sent',
        { when: dateTime(at) },
        { time: (text) => html`<time datetime="${at}">${text}</time>` },
      )}</span
    >`;
  }
  if (m.error) {
    return html`<span class="tag tag--warn">${t('admin.outbox.failed', { error: m.error })}</span>`;
  }
  return html`<span class="tag">${t('admin.outbox.kept')}</span>`;
}

/** The mail the site has sent (or, without SMTP, kept), newest first. */
export function outboxView(
  ctx: PageContext,
  props: { messages: OutboxMessage[]; olderHref: string | null; isFirstPage: boolean },
) {
  const { t, rich, dateTime } = ctx.i18n;
  return adminPage(ctx, {
    title: t('admin.outbox.title'),
    current: '/admin/outbox',
    main: html`<h1>${t('admin.outbox.title')}</h1>
      <p>${rich('admin.outbox.intro', {}, { code: (text) => html`<code>${text}</code>` })}</p>
      ${
        props.messages.length
          ? html`<ol class="outbox">
              ${props.messages.map(
                (m) => html`<li>
                  <article class="mail" aria-labelledby="mail-${m.id}">
                    <h2 id="mail-${m.id}">${m.subject}</h2>
                    <p class="mail__meta">
                      ${t('admin.outbox.to', { address: m.to })} ·
                      <time datetime="${m.createdAt}">${dateTime(m.createdAt)}</time> ·
                      ${status(ctx, m)}
                    </p>
                    <pre class="mail__body">${m.text}</pre>
                  </article>
                </li>`,
              )}
            </ol>`
          : html`<p>${props.isFirstPage ? t('admin.outbox.none') : t('admin.outbox.noOlder')}</p>`
      }
      <p class="pager">
        ${props.isFirstPage ? '' : html`<a href="/admin/outbox">${t('admin.outbox.newest')}</a>`}
        ${
          props.olderHref
            ? html`<a href="${props.olderHref}" rel="next">${t('admin.outbox.older')}</a>`
            : ''
        }
      </p>`,
  });
}
