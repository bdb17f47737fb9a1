/** /admin/webhooks: the list, the add and edit form, and one webhook's deliveries log. */
import {
  webhookEvents,
  webhookPresets,
  type Webhook,
  type WebhookDelivery,
} from '../../../domain/webhook.js';
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
import { html, type SafeHtml } from '../../html.js';
import { adminPage } from './page.js';
import { recordAction, recordTable } from './record-table.js';

export const webhookNotices = {
  created: 'webhooks.done.created',
  saved: 'webhooks.done.saved',
  deleted: 'webhooks.done.deleted',
  enabled: 'webhooks.done.enabled',
  disabled: 'webhooks.done.disabled',
  tested: 'webhooks.done.tested',
  redelivered: 'webhooks.done.redelivered',
} as const satisfies Record<string, MessageKey>;

const eventName = (ctx: PageContext, event: string) =>
  (webhookEvents as readonly string[]).includes(event) || event === 'webhook.test'
    ? ctx.i18n.t(`webhooks.event.${event}` as MessageKey)
    : event;

const hidden = (text: string) => html`<span class="visually-hidden">${text}</span>`;

function row(ctx: PageContext, w: Webhook) {
  const { t } = ctx.i18n;
  const base = `/admin/webhooks/${encodeURIComponent(w.id)}`;
  const small = (action: string, label: MessageKey, labelled: MessageKey, danger = false) =>
    recordAction(ctx, {
      action: `${base}/${action}`,
      label: t(label),
      forRecord: t(labelled, { url: w.url }),
      variant: danger ? 'danger' : 'secondary',
    });
  return html`<tr>
    <th scope="row">
      <a href="${base}">${w.url}</a>${w.description ? html`<br /><span class="muted">${w.description}</span>` : ''}
    </th>
    <td>${w.events.map((e) => eventName(ctx, e)).join(', ')}</td>
    <td>${w.enabled ? t('webhooks.enabled') : t('webhooks.disabled')}</td>
    <td>
      <div class="actions">
        ${w.enabled ? small('disable', 'webhooks.disable', 'webhooks.disable.label') : small('enable', 'webhooks.enable', 'webhooks.enable.label')}
        ${small('delete', 'webhooks.delete', 'webhooks.delete.label', true)}
      </div>
    </td>
  </tr>`;
}

export function webhookListView(
  ctx: PageContext,
  props: { webhooks: Webhook[]; done?: MessageKey | undefined },
): SafeHtml {
  const { t } = ctx.i18n;
  const main = html`<h1>${t('webhooks.title')}</h1>
    ${doneBanner(props.done && t(props.done))}
    <p>${t('webhooks.intro')}</p>
    <p><a class="button" href="/admin/webhooks/new">${t('webhooks.add')}</a></p>
    <section aria-labelledby="webhooks-heading">
      <h2 id="webhooks-heading">${t('webhooks.list.heading')}</h2>
      ${recordTable({
        labelledBy: 'webhooks-heading',
        columns: [
          t('webhooks.column.url'),
          t('webhooks.column.events'),
          t('webhooks.column.status'),
          t('webhooks.column.actions'),
        ],
        rows: props.webhooks.map((w) => row(ctx, w)),
        empty: t('webhooks.none'),
      })}
    </section>`;
  return adminPage(ctx, { title: t('webhooks.title'), current: '/admin/webhooks', main });
}

export interface WebhookFormValues {
  url: string;
  description: string;
  events: readonly string[];
  preset: string;
  enabled: boolean;
}

function webhookForm(
  ctx: PageContext,
  props: {
    action: string;
    values: WebhookFormValues;
    secret?: string;
    problem?: FormProblem | undefined;
    editing: boolean;
  },
) {
  const { t } = ctx.i18n;
  const { values, problem } = props;
  const invalid = (name: string) => problem?.field === name;
  const fieldError = (name: string) =>
    invalid(name)
      ? html`<p class="field-error" id="webhook-${name}-error">${hidden(t('admin.form.error'))} ${problem?.message}</p>`
      : '';
  return postForm(
    ctx,
    props.action,
    html`${field({ id: 'webhook-url', name: 'url', label: t('webhooks.url.label'), value: values.url, hint: t('webhooks.url.hint'), required: true, maxlength: 2000, problem, i18n: ctx.i18n })}
      ${field({ id: 'webhook-description', name: 'description', label: t('webhooks.description.label'), value: values.description, maxlength: 200, problem, i18n: ctx.i18n })}
      <fieldset id="webhook-events" class="field${invalid('webhook-events') ? ' field--invalid' : ''}" ${invalid('webhook-events') ? html`aria-describedby="webhook-webhook-events-error"` : ''}>
        <legend>${t('webhooks.events.legend')}</legend>
        ${fieldError('webhook-events')}
        ${webhookEvents.map(
          (e) => html`<div class="field field--checkbox">
            <input type="checkbox" id="event-${e.replace('.', '-')}" name="events" value="${e}" ${values.events.includes(e) ? html`checked` : ''} />
            <label for="event-${e.replace('.', '-')}">${t(`webhooks.event.${e}`)}</label>
          </div>`,
        )}
      </fieldset>
      <fieldset class="field">
        <legend>${t('webhooks.preset.legend')}</legend>
        ${webhookPresets.map(
          (p) => html`<div class="field field--checkbox">
            <input type="radio" id="preset-${p}" name="preset" value="${p}" ${values.preset === p ? html`checked` : ''} />
            <label for="preset-${p}">${t(`webhooks.preset.${p}`)}</label>
          </div>`,
        )}
      </fieldset>
      ${props.secret ? html`<p>${t('webhooks.secret.current')} <code class="secret" id="webhook-current-secret">${props.secret}</code></p>` : ''}
      ${field({ id: 'webhook-secret', name: 'secret', label: t('webhooks.secret.label'), hint: t('webhooks.secret.hint'), maxlength: 200, autocomplete: 'off', problem, i18n: ctx.i18n })}
      <div class="field field--checkbox">
        <input type="checkbox" id="webhook-enabled" name="enabled" value="on" ${values.enabled ? html`checked` : ''} />
        <label for="webhook-enabled">${t('webhooks.enabled.label')}</label>
      </div>
      ${submitButton(props.editing ? t('webhooks.save') : t('webhooks.create'))}`,
  );
}

export function webhookNewView(
  ctx: PageContext,
  props: { values?: WebhookFormValues; problem?: FormProblem | undefined },
): SafeHtml {
  const { t } = ctx.i18n;
  const values = props.values ?? {
    url: '',
    description: '',
    events: [],
    preset: 'json',
    enabled: true,
  };
  const main = html`<p><a href="/admin/webhooks">${t('webhooks.back')}</a></p>
    <h1>${t('webhooks.add.heading')}</h1>
    ${errorSummary(props.problem, undefined, ctx.i18n)}
    ${webhookForm(ctx, { action: '/admin/webhooks', values, problem: props.problem, editing: false })}`;
  return adminPage(ctx, {
    title: t('webhooks.add.heading'),
    current: '/admin/webhooks',
    problem: props.problem,
    main,
  });
}

function deliveryStatus(ctx: PageContext, d: WebhookDelivery) {
  const { t, dateTime } = ctx.i18n;
  if (d.status === 'pending')
    return t('webhooks.log.status.pending', { when: dateTime(d.nextAttemptAt) });
  return d.status === 'delivered'
    ? t('webhooks.log.status.delivered')
    : t('webhooks.log.status.failed');
}

function deliveryRow(ctx: PageContext, w: Webhook, d: WebhookDelivery) {
  const { t, dateTime } = ctx.i18n;
  const answer =
    d.responseStatus !== null
      ? t('webhooks.log.http', { status: d.responseStatus, ms: d.durationMs ?? 0 })
      : d.error
        ? t('webhooks.log.error', { error: d.error, ms: d.durationMs ?? 0 })
        : '';
  return html`<tr>
    <th scope="row">${eventName(ctx, d.event)}</th>
    <td><time datetime="${d.createdAt}">${dateTime(d.createdAt)}</time></td>
    <td class="delivery-status">${deliveryStatus(ctx, d)}</td>
    <td>${ctx.i18n.number(d.attempts)}</td>
    <td>
      ${answer}
      ${d.responseBody ? html`<details><summary>${t('webhooks.log.column.response')}</summary><pre>${d.responseBody}</pre></details>` : ''}
      <details><summary>${t('webhooks.log.body')}</summary><pre>${d.payload}</pre></details>
    </td>
    <td>
      ${
        d.status === 'pending'
          ? ''
          : recordAction(ctx, {
              action: `/admin/webhooks/${encodeURIComponent(w.id)}/deliveries/${encodeURIComponent(d.id)}/redeliver`,
              label: t('webhooks.log.redeliver'),
              forRecord: t('webhooks.log.redeliver.label', {
                event: eventName(ctx, d.event),
                when: dateTime(d.createdAt),
              }),
            })
      }
    </td>
  </tr>`;
}

export function webhookView(
  ctx: PageContext,
  props: {
    webhook: Webhook;
    deliveries: WebhookDelivery[];
    values?: WebhookFormValues;
    problem?: FormProblem | undefined;
    done?: MessageKey | undefined;
    older?: string | undefined;
  },
): SafeHtml {
  const { t } = ctx.i18n;
  const w = props.webhook;
  const base = `/admin/webhooks/${encodeURIComponent(w.id)}`;
  const values = props.values ?? {
    url: w.url,
    description: w.description,
    events: w.events,
    preset: w.preset,
    enabled: w.enabled,
  };
  const main = html`<p><a href="/admin/webhooks">${t('webhooks.back')}</a></p>
    <h1>${t('webhooks.edit.heading')}</h1>
    ${doneBanner(props.done && t(props.done))}
    ${errorSummary(props.problem, undefined, ctx.i18n)}
    ${webhookForm(ctx, { action: base, values, secret: w.secret, problem: props.problem, editing: true })}
    <section aria-labelledby="deliveries-heading">
      <h2 id="deliveries-heading">${t('webhooks.log.heading')}</h2>
      ${postForm(ctx, `${base}/test`, submitButton(t('webhooks.test'), 'secondary'), { className: 'form form--bare' })}
      ${recordTable({
        labelledBy: 'deliveries-heading',
        columns: [
          t('webhooks.log.column.event'),
          t('webhooks.log.column.created'),
          t('webhooks.log.column.status'),
          t('webhooks.log.column.attempts'),
          t('webhooks.log.column.response'),
          t('webhooks.log.column.actions'),
        ],
        rows: props.deliveries.map((d) => deliveryRow(ctx, w, d)),
        empty: t('webhooks.log.none'),
      })}
      ${props.deliveries.length && props.older ? html`<p><a href="${base}?before=${encodeURIComponent(props.older)}">${t('webhooks.log.older')}</a></p>` : ''}
    </section>`;
  return adminPage(ctx, {
    title: t('webhooks.edit.heading'),
    current: '/admin/webhooks',
    problem: props.problem,
    main,
  });
}
