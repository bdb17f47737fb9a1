import type { ApiTokenInfo } from '../../../domain/api-token.js';
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
import { html } from '../../html.js';
import { adminPage } from './page.js';
import { recordAction, recordTable } from './record-table.js';

export const tokenNotices = {
  revoked: 'admin.tokens.done.revoked',
} as const satisfies Record<string, MessageKey>;

function when(ctx: PageContext, iso: string | null) {
  return iso
    ? html`<time datetime="${iso}">${ctx.i18n.dateTime(iso)}</time>`
    : ctx.i18n.t('admin.tokens.never');
}

function tokenRow(ctx: PageContext, t: ApiTokenInfo) {
  const { i18n } = ctx;
  return html`<tr>
    <th scope="row">${t.label}</th>
    <td>${t.userName}<br /><span class="muted">${t.userEmail}</span></td>
    <td>${when(ctx, t.createdAt)}</td>
    <td>${when(ctx, t.lastUsedAt)}</td>
    <td>
      ${
        t.revokedAt
          ? i18n.rich(
              'admin.tokens.revokedAt',
              { when: i18n.dateTime(t.revokedAt) },
              { time: (text) => html`<time datetime="${t.revokedAt}">${text}</time>` },
            )
          : recordAction(ctx, {
              action: `/admin/tokens/${encodeURIComponent(t.id)}/revoke`,
              label: i18n.rich(
                'admin.tokens.revoke',
                { label: t.label, name: t.userName },
                { hidden: (text) => html`<span class="visually-hidden">${text}</span>` },
              ),
              variant: 'danger',
            })
      }
    </td>
  </tr>`;
}

/** Tokens for scripts: the list never contains a token itself, only who has it and its label. */
export function tokensView(
  ctx: PageContext,
  props: {
    tokens: ApiTokenInfo[];
    done?: MessageKey | undefined;
    problem?: FormProblem;
    values?: { email: string; label: string };
    created?: { token: string; email: string; label: string };
  },
) {
  const { problem, created } = props;
  const { t, rich } = ctx.i18n;
  const main = html`<h1>${t('admin.tokens.title')}</h1>
    ${doneBanner(props.done && t(props.done))}
    ${
      created
        ? html`<section class="secret-box" aria-labelledby="new-token-heading">
            <h2 id="new-token-heading">${t('admin.tokens.new.heading', { email: created.email })}</h2>
            <p>${t('admin.tokens.new.once')}</p>
            <p><code class="secret" id="new-token">${created.token}</code></p>
            <p>${rich('admin.tokens.new.use', {}, { code: (text) => html`<code>${text}</code>` })}</p>
          </section>`
        : ''
    }
    ${errorSummary(problem)}
    <section class="panel" aria-labelledby="create-heading">
      <h2 id="create-heading">${t('admin.tokens.create.heading')}</h2>
      ${postForm(
        ctx,
        '/admin/tokens',
        html`${field({ id: 'token-email', name: 'email', label: t('admin.tokens.email.label'), type: 'email', autocomplete: 'off', value: props.values?.email, hint: t('admin.tokens.email.hint'), required: true, maxlength: 254, problem })}
          ${field({ id: 'token-label', name: 'label', label: t('admin.tokens.label.label'), value: props.values?.label, hint: t('admin.tokens.label.hint'), required: true, maxlength: 100, problem })}
          ${submitButton(t('admin.tokens.create'))}`,
      )}
    </section>
    <section aria-labelledby="tokens-heading">
      <h2 id="tokens-heading">${t('admin.tokens.list.heading')}</h2>
      ${recordTable({
        labelledBy: 'tokens-heading',
        columns: [
          t('admin.tokens.column.label'),
          t('admin.tokens.column.person'),
          t('admin.tokens.column.created'),
          t('admin.tokens.column.lastUsed'),
          t('admin.tokens.column.status'),
        ],
        rows: props.tokens.map((token) => tokenRow(ctx, token)),
        empty: t('admin.tokens.none'),
      })}
    </section>`;
  return adminPage(ctx, {
    title: t('admin.tokens.title'),
    current: '/admin/tokens',
    problem,
    main,
  });
}
