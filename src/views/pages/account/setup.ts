import type { IdentityText } from '../../../domain/site.js';
import type { Section } from '../../../domain/section.js';
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
  content: 'Content',
  sections: 'Sections',
} as const;
export type SetupStep = keyof typeof setupStepNames;

/** Where the admin is in the wizard: the steps in order, this one marked for screen readers. */
export function setupSteps(current: SetupStep): SafeHtml {
  const steps = Object.entries(setupStepNames) as [SetupStep, string][];
  const index = steps.findIndex(([step]) => step === current);
  return html`<nav class="setup-steps" aria-label="Setting up the site">
    <ol>
      ${steps.map(
        ([, name], i) =>
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
        ${
          address.sameOrigin
            ? html`<p>That is the address you opened this page at.</p>`
            : html`<p class="warning">
              You opened this page at <strong>${address.openedAt}</strong>, which is not the
              public address. If readers will use ${address.openedAt}, stop the server and set
              <code>BASE_URL=${address.openedAt}</code> before going on.
            </p>`
        }
        ${
          address.reachable.ok
            ? html`<p>This server reached ${address.publicUrl} and it answered.</p>`
            : html`<p class="warning">
              This server could not reach ${address.publicUrl}: ${address.reachable.reason}.
              Behind a proxy or a firewall that may be expected; check it from another machine.
            </p>`
        }
      </section>
      ${postForm(
        ctx,
        '/setup/site',
        html`${field({ name: 'name', label: 'Site name', value: values.name, required: true, maxlength: 100, hint: 'In the masthead, page titles, feeds and emails.', problem })}
          ${field({ name: 'tagline', label: 'Tagline', value: values.tagline, maxlength: 150, hint: 'A short line above the masthead. Optional.', problem })}
          ${timeAndLanguageFields(values, problem, ctx.i18n)} ${submitButton('Save and go on')}`,
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

/** Step 3: what the site starts with — nothing, or the demo to explore (kept or removed). */
export function setupContentView(
  ctx: PageContext,
  props: { demoLoaded: boolean; siteEmpty: boolean; problem?: FormProblem | undefined },
): SafeHtml {
  const { demoLoaded, siteEmpty, problem } = props;
  const choice = (value: string, label: string, hint: string, checked: boolean) =>
    html`<div class="field field--radio">
      <input
        type="radio"
        id="start-${value}"
        name="start"
        value="${value}"
        aria-describedby="start-${value}-hint"
        ${checked ? html` checked` : ''}
      />
      <label for="start-${value}">${label}</label>
      <p class="hint" id="start-${value}-hint">${hint}</p>
    </div>`;
  const options = demoLoaded
    ? html`${choice(
        'empty',
        'Start empty',
        'Removes the demo’s articles, comments, people and sections. Nothing you made is touched.',
        true,
      )}
      ${choice(
        'demo',
        'Keep the demo site to explore',
        'Remove it later from Admin → Site, or with “broadsheet demo remove”.',
        false,
      )}`
    : siteEmpty
      ? html`${choice('empty', 'Start empty', 'You add your own sections next.', true)}
        ${choice(
          'demo',
          'Start with the demo site to explore',
          'A small made-up newspaper with articles, comments and people. Remove it later from Admin → Site.',
          false,
        )}`
      : html`<p>The site already has content of its own, so it starts with that.</p>
          <input type="hidden" name="start" value="keep" />`;
  return accountPage(ctx, {
    title: 'What the site starts with',
    problem,
    main: html`${setupSteps('content')}
      <h1>What the site starts with</h1>
      ${errorSummary(problem)}
      ${
        demoLoaded
          ? html`<p>
            This site has the demo content loaded: a made-up newspaper to show how everything
            works.
          </p>`
          : ''
      }
      ${postForm(
        ctx,
        '/setup/content',
        html`<fieldset class="fieldset">
            <legend>Start with</legend>
            ${options}
          </fieldset>
          ${submitButton('Go on')}`,
        { label: 'What the site starts with' },
      )}`,
  });
}

/** How many new sections the wizard's form offers at once. */
export const setupSectionFields = 6;

/** Step 4: the site's first sections (more, and everything else, in Admin → Sections). */
export function setupSectionsView(
  ctx: PageContext,
  props: {
    existing: readonly Section[];
    values?: readonly string[];
    problem?: FormProblem | undefined;
  },
): SafeHtml {
  const { existing, problem } = props;
  const values = props.values ?? [];
  return accountPage(ctx, {
    title: 'The site’s sections',
    problem,
    main: html`${setupSteps('sections')}
      <h1>The site’s sections</h1>
      ${errorSummary(problem)}
      <p>
        Every article belongs to a section, and the sections are the site’s navigation: News,
        Sport, Opinion… Rename, reorder, hide and add more later in Admin → Sections.
      </p>
      ${
        existing.length
          ? html`<h2>The site has these</h2>
            <ul>
              ${existing.map((s) => html`<li>${s.name} <span class="hint">/${s.slug}</span></li>`)}
            </ul>`
          : ''
      }
      ${postForm(
        ctx,
        '/setup/sections',
        html`<fieldset class="fieldset">
            <legend>${existing.length ? 'Add sections' : 'Its first sections'}</legend>
            ${Array.from({ length: setupSectionFields }, (_, i) =>
              field({
                id: `section${i + 1}`,
                name: 'section',
                label: `Section ${i + 1}`,
                value: values[i] ?? '',
                maxlength: 100,
                problem,
              }),
            )}
          </fieldset>
          ${submitButton('Finish')}`,
        { label: 'The site’s sections' },
      )}`,
  });
}
