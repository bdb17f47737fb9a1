import type { IdentityText } from '../../../domain/site.js';
import type { AddressCheck } from '../../../services/setup.js';
import type { PageContext } from '../../context.js';
import { errorSummary, field, postForm, submitButton, type FormProblem } from '../../forms.js';
import { html, type SafeHtml } from '../../html.js';
import { timeAndLanguageFields } from '../admin/site.js';
import { accountPage } from './page.js';
import { passwordHint } from './sign-up.js';

export const setupStepNames = {
  admin: 'Your admin account',
  site: 'The site',
  sections: 'Sections',
  content: 'Content',
} as const;
export type SetupStep = keyof typeof setupStepNames;

/** Where the admin is in the wizard: the steps in order, this one marked for screen readers. */
export function setupSteps(current: SetupStep): SafeHtml {
  const steps = Object.entries(setupStepNames) as [SetupStep, string][];
  const index = steps.findIndex(([step]) => step === current);
  return html`<nav class="setup-steps" aria-label="Setting up the site">
    <ol>
      ${steps.map(
        ([step, name], i) =>
          html`<li
            class="${i < index ? 'setup-steps__done' : i === index ? 'setup-steps__current' : ''}"
            ${i === index ? html` aria-current="step"` : ''}
          >
            ${name}${i < index ? html`<span class="visually-hidden"> (done)</span>` : ''}
          </li>`,
      )}
    </ol>
  </nav>`;
}

/** Step 2: the site's name, tagline, time zone and language, and its public address. */
export function setupSiteView(
  ctx: PageContext,
  props: { values: IdentityText; address: AddressCheck; problem?: FormProblem | undefined },
): SafeHtml {
  const { values, address, problem } = props;
  return accountPage(ctx, {
    title: 'Set up the site',
    problem,
    main: html`${setupSteps('site')}
      <h1>The site</h1>
      ${errorSummary(problem)}
      <section aria-labelledby="address-heading" class="setup-address">
        <h2 id="address-heading">Its public address</h2>
        <p>
          Links in emails, feeds and search results use
          <strong>${address.publicUrl}</strong> (the <code>BASE_URL</code> setting).
        </p>
        ${address.sameOrigin
          ? html`<p>That is the address you opened this page at.</p>`
          : html`<p class="warning">
              You opened this page at <strong>${address.openedAt}</strong>, which is not the
              public address. If readers will use ${address.openedAt}, stop the server and set
              <code>BASE_URL=${address.openedAt}</code> before going on.
            </p>`}
        ${address.reachable.ok
          ? html`<p>This server reached ${address.publicUrl} and it answered.</p>`
          : html`<p class="warning">
              This server could not reach ${address.publicUrl}: ${address.reachable.reason}.
              Behind a proxy or a firewall that may be expected; check it from another machine.
            </p>`}
      </section>
      ${postForm(
        ctx,
        '/setup/site',
        html`${field({ name: 'name', label: 'Site name', value: values.name, required: true, maxlength: 100, hint: 'In the masthead, page titles, feeds and emails.', problem })}
          ${field({ name: 'tagline', label: 'Tagline', value: values.tagline, maxlength: 150, hint: 'A short line above the masthead. Optional.', problem })}
          ${timeAndLanguageFields(values, problem)} ${submitButton('Save and go on')}`,
        { label: 'The site' },
      )}
      <p>The logo, icon, publisher and footer can be set later in Admin → Site.</p>`,
  });
}

/** First run: the one-time link printed by the server creates the site's first admin. */
export function setupView(
  ctx: PageContext,
  props: { token: string; values?: { email: string; name: string }; problem?: FormProblem },
) {
  const { problem, values } = props;
  return accountPage(ctx, {
    title: 'Create the first admin',
    problem,
    main: html`${setupSteps('admin')}
      <h1>Create the first admin</h1>
      <p>
        This site has no admin yet. The account you create here can manage people, settings and
        everything else. This link works once, within an hour of the server printing it.
      </p>
      ${errorSummary(problem)}
      ${postForm(
        ctx,
        '/setup',
        html`<input type="hidden" name="token" value="${props.token}" />
          ${field({ name: 'name', label: 'Your name', autocomplete: 'name', value: values?.name, required: true, maxlength: 60, problem })}
          ${field({ name: 'email', label: 'Email address', type: 'email', autocomplete: 'email', value: values?.email, required: true, maxlength: 254, problem })}
          ${field({ name: 'password', label: 'Password', type: 'password', autocomplete: 'new-password', hint: passwordHint, required: true, problem })}
          ${submitButton('Create admin account')}`,
      )}`,
  });
}
