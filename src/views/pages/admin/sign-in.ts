/**
 * /admin/sign-in (issue 23): which roles may use passwords and email links, and the OpenID
 * Connect providers. A provider's client secret is never written into the page.
 */
import { roles } from '../../../domain/user.js';
import type { MessageKey } from '../../../i18n/translator.js';
import type { RolePolicies } from '../../../services/sign-in-policy.js';
import type { ProviderSummary } from '../../../services/sso.js';
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
import { roleName } from './moderation.js';
import { adminPage } from './page.js';
import { recordTable } from './record-table.js';

export const signInAdminNotices = {
  policy: 'sign-in.admin.done.policy',
  added: 'sign-in.admin.done.added',
  saved: 'sign-in.admin.done.saved',
  removed: 'sign-in.admin.done.removed',
} as const satisfies Record<string, MessageKey>;

export interface ProviderValues {
  name?: string;
  issuer?: string;
  clientId?: string;
  allowedDomains?: string;
  role?: string;
}

export function signInAdminView(
  ctx: PageContext,
  props: {
    policies: RolePolicies;
    providers: ProviderSummary[];
    callbackUrl: string;
    done?: MessageKey | undefined;
    problem?: FormProblem | undefined;
    /** The provider being edited, if any; else the form adds one. */
    editing?: ProviderSummary | undefined;
    values?: ProviderValues;
  },
): SafeHtml {
  const { t } = ctx.i18n;
  const { problem, editing } = props;
  const values: ProviderValues = props.values ?? {
    ...(editing
      ? {
          name: editing.name,
          issuer: editing.issuer,
          clientId: editing.clientId,
          allowedDomains: editing.allowedDomains.join(', '),
          role: editing.role,
        }
      : { role: 'commenter' }),
  };
  const box = (role: string, kind: 'password' | 'emailLink', checked: boolean) => {
    const id = `${kind}-${role}`;
    return html`<td>
      <input type="checkbox" id="${id}" name="${id}" value="on" ${checked ? html` checked` : ''} />
      <label for="${id}" class="visually-hidden"
        >${t(`sign-in.admin.policy.${kind}`)} — ${roleName(ctx.i18n, role)}</label
      >
    </td>`;
  };
  const providerForm = postForm(
    ctx,
    editing
      ? `/admin/sign-in/providers/${encodeURIComponent(editing.id)}`
      : '/admin/sign-in/providers',
    html`${field({ id: 'provider-name', name: 'name', label: t('sign-in.admin.field.name'), value: values.name, required: true, maxlength: 60, problem })}
      ${field({ id: 'provider-issuer', name: 'issuer', label: t('sign-in.admin.field.issuer'), value: values.issuer, hint: t('sign-in.admin.field.issuer.hint'), required: true, maxlength: 500, problem })}
      ${field({ id: 'provider-clientId', name: 'clientId', label: t('sign-in.admin.field.clientId'), value: values.clientId, required: true, maxlength: 500, autocomplete: 'off', problem })}
      ${field({ id: 'provider-clientSecret', name: 'clientSecret', label: t('sign-in.admin.field.clientSecret'), type: 'password', autocomplete: 'new-password', hint: editing ? t('sign-in.admin.field.clientSecret.keep') : t('sign-in.admin.field.clientSecret.hint'), required: !editing, problem })}
      ${field({ id: 'provider-allowedDomains', name: 'allowedDomains', label: t('sign-in.admin.field.domains'), value: values.allowedDomains, hint: t('sign-in.admin.field.domains.hint'), required: true, maxlength: 2000, problem })}
      <div class="field">
        <label for="provider-role">${t('sign-in.admin.field.role')}</label>
        <select id="provider-role" name="role">
          ${roles.map((r) => html`<option value="${r}" ${r === values.role ? html` selected` : ''}>${roleName(ctx.i18n, r)}</option>`)}
        </select>
      </div>
      ${submitButton(editing ? t('sign-in.admin.edit.submit') : t('sign-in.admin.add.submit'))}`,
  );
  const main = html`<h1>${t('sign-in.admin.title')}</h1>
    ${doneBanner(props.done && t(props.done))} ${errorSummary(problem, undefined, ctx.i18n)}
    <section aria-labelledby="policy-heading">
      <h2 id="policy-heading">${t('sign-in.admin.policy.heading')}</h2>
      <p>${t('sign-in.admin.policy.intro')}</p>
      ${postForm(
        ctx,
        '/admin/sign-in/policy',
        html`${recordTable({
          labelledBy: 'policy-heading',
          columns: [
            t('sign-in.admin.policy.role'),
            t('sign-in.admin.policy.password'),
            t('sign-in.admin.policy.emailLink'),
          ],
          rows: roles.map(
            (role) =>
              html`<tr>
                  <th scope="row">${roleName(ctx.i18n, role)}</th>
                  ${box(role, 'password', props.policies[role].password)}
                  ${box(role, 'emailLink', props.policies[role].emailLink)}
                </tr>`,
          ),
          // Never said: every role has a row.
          empty: '',
        })}
          ${submitButton(t('sign-in.admin.policy.submit'))}`,
      )}
    </section>
    <section aria-labelledby="providers-heading">
      <h2 id="providers-heading">${t('sign-in.admin.providers.heading')}</h2>
      <p>${t('sign-in.admin.providers.intro', { url: props.callbackUrl })}</p>
      ${recordTable({
        labelledBy: 'providers-heading',
        columns: [
          t('sign-in.admin.providers.name'),
          t('sign-in.admin.providers.issuer'),
          t('sign-in.admin.providers.domains'),
          t('sign-in.admin.providers.role'),
          t('sign-in.admin.providers.actions'),
        ],
        rows: props.providers.map(
          (p) =>
            html`<tr>
              <th scope="row">${p.name}</th>
              <td>${p.issuer}</td>
              <td>${p.allowedDomains.join(', ')}</td>
              <td>${roleName(ctx.i18n, p.role)}</td>
              <td>
                <a href="/admin/sign-in?edit=${encodeURIComponent(p.id)}#provider-form"
                  >${t('sign-in.admin.providers.edit', { provider: p.name })}</a
                >
                ${postForm(
                  ctx,
                  `/admin/sign-in/providers/${encodeURIComponent(p.id)}/remove`,
                  submitButton(t('sign-in.admin.providers.remove', { provider: p.name }), 'danger'),
                  { className: 'form form--inline' },
                )}
              </td>
            </tr>`,
        ),
        empty: t('sign-in.admin.providers.none'),
      })}
    </section>
    <section aria-labelledby="provider-form" id="provider-form-section">
      <h2 id="provider-form">
        ${
          editing
            ? t('sign-in.admin.edit.heading', { provider: editing.name })
            : t('sign-in.admin.add.heading')
        }
      </h2>
      ${providerForm}
    </section>`;
  return adminPage(ctx, {
    title: t('sign-in.admin.title'),
    current: '/admin/sign-in',
    problem,
    main,
  });
}
