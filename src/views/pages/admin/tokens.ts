import type { ApiTokenInfo } from '../../../domain/api-token.js';
import type { PageContext } from '../../context.js';
import { formatDateTime } from '../../format.js';
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

export const tokenNotices = { revoked: 'The token has been revoked.' } as const;

function when(iso: string | null, timeZone: string) {
  return iso ? html`<time datetime="${iso}">${formatDateTime(iso, timeZone)}</time>` : html`never`;
}

function tokenRow(ctx: PageContext, t: ApiTokenInfo) {
  return html`<tr>
    <th scope="row">${t.label}</th>
    <td>${t.userName}<br /><span class="muted">${t.userEmail}</span></td>
    <td>${when(t.createdAt, ctx.identity.timeZone)}</td>
    <td>${when(t.lastUsedAt, ctx.identity.timeZone)}</td>
    <td>
      ${
        t.revokedAt
          ? html`Revoked ${when(t.revokedAt, ctx.identity.timeZone)}`
          : postForm(
              ctx,
              `/admin/tokens/${encodeURIComponent(t.id)}/revoke`,
              html`<button type="submit" class="button button--danger button--small">
                Revoke<span class="visually-hidden"> the token “${t.label}” of ${t.userName}</span>
              </button>`,
              { className: 'form form--bare' },
            )
      }
    </td>
  </tr>`;
}

/** Tokens for scripts: the list never contains a token itself, only who has it and its label. */
export function tokensView(
  ctx: PageContext,
  props: {
    tokens: ApiTokenInfo[];
    done?: string | undefined;
    problem?: FormProblem;
    values?: { email: string; label: string };
    created?: { token: string; email: string; label: string };
  },
) {
  const { problem, created } = props;
  const main = html`<h1>API tokens</h1>
    ${doneBanner(props.done)}
    ${
      created
        ? html`<section class="secret-box" aria-labelledby="new-token-heading">
            <h2 id="new-token-heading">New token for ${created.email}</h2>
            <p>Copy it now: it is shown only this once, and it cannot be recovered.</p>
            <p><code class="secret" id="new-token">${created.token}</code></p>
            <p>Scripts send it as <code>Authorization: Bearer …</code>.</p>
          </section>`
        : ''
    }
    ${errorSummary(problem)}
    <section class="panel" aria-labelledby="create-heading">
      <h2 id="create-heading">Create a token</h2>
      ${postForm(
        ctx,
        '/admin/tokens',
        html`${field({ id: 'token-email', name: 'email', label: 'Email address of the person', type: 'email', autocomplete: 'off', value: props.values?.email, hint: 'The token acts as this person, with their role.', required: true, maxlength: 254, problem })}
          ${field({ id: 'token-label', name: 'label', label: 'Label', value: props.values?.label, hint: 'What it is for, e.g. “nightly import”.', required: true, maxlength: 100, problem })}
          ${submitButton('Create token')}`,
      )}
    </section>
    <section aria-labelledby="tokens-heading">
      <h2 id="tokens-heading">Tokens</h2>
      ${
        props.tokens.length
          ? html`<div class="table-scroll" role="region" aria-labelledby="tokens-heading" tabindex="0">
              <table class="data-table">
                <thead>
                  <tr>
                    <th scope="col">Label</th>
                    <th scope="col">Person</th>
                    <th scope="col">Created</th>
                    <th scope="col">Last used</th>
                    <th scope="col">Status</th>
                  </tr>
                </thead>
                <tbody>
                  ${props.tokens.map((t) => tokenRow(ctx, t))}
                </tbody>
              </table>
            </div>`
          : html`<p>No tokens yet.</p>`
      }
    </section>`;
  return adminPage(ctx, { title: 'API tokens', current: '/admin/tokens', problem, main });
}
