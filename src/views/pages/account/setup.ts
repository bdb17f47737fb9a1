import type { IdentityText } from '../../../domain/site.js';
import type { Section } from '../../../domain/section.js';
import type { MessageKey, Translator } from '../../../i18n/translator.js';
import type { AddressCheck } from '../../../services/setup.js';
import type { PageContext } from '../../context.js';
import { errorSummary, field, postForm, submitButton, type FormProblem } from '../../forms.js';
import { html, type SafeHtml } from '../../html.js';
import { timeAndLanguageFields } from '../admin/site.js';
import { accountPage, emphasis } from './page.js';
import { passwordHint } from './sign-up.js';

/** The wizard's steps in order, by their names' message keys. */
export const setupStepNames = {
  admin: 'account.setup.step.admin',
  site: 'account.setup.step.site',
  content: 'account.setup.step.content',
  sections: 'account.setup.step.sections',
} as const satisfies Record<string, MessageKey>;
export type SetupStep = keyof typeof setupStepNames;

/** Where the admin is in the wizard: the steps in order, this one marked for screen readers. */
export function setupSteps(i18n: Translator, current: SetupStep): SafeHtml {
  const steps = Object.entries(setupStepNames) as [SetupStep, MessageKey][];
  const index = steps.findIndex(([step]) => step === current);
  return html`<nav class="setup-steps" aria-label="${i18n.t('account.setup.steps')}">
    <ol>
      ${steps.map(
        ([, name], i) =>
          html`<li
            class="${i < index ? 'setup-steps__done' : i === index ? 'setup-steps__current' : ''}"
            ${i === index ? html` aria-current="step"` : ''}
          >
            ${i18n.t(name)}${
              i < index
                ? html`<span class="visually-hidden"> ${i18n.t('account.setup.step.done')}</span>`
                : ''
            }
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
  const { t, rich } = ctx.i18n;
  const url = address.publicUrl;
  const { openedAt } = address;
  return accountPage(ctx, {
    title: t('account.setup.site.title'),
    problem,
    main: html`${setupSteps(ctx.i18n, 'site')}
      <h1>${t('account.setup.site.heading')}</h1>
      ${errorSummary(problem)}
      <section aria-labelledby="address-heading" class="setup-address">
        <h2 id="address-heading">${t('account.setup.site.address')}</h2>
        <p>${rich('account.setup.site.links', { url }, emphasis)}</p>
        ${
          address.sameOrigin
            ? html`<p>${t('account.setup.site.same')}</p>`
            : html`<p class="warning">${rich('account.setup.site.other', { openedAt }, emphasis)}</p>`
        }
        ${
          address.reachable.ok
            ? html`<p>${t('account.setup.site.reached', { url })}</p>`
            : html`<p class="warning">
                ${t('account.setup.site.unreachable', { url, reason: address.reachable.reason })}
              </p>`
        }
      </section>
      ${postForm(
        ctx,
        '/setup/site',
        html`${field({ name: 'name', label: t('account.setup.site.name'), value: values.name, required: true, maxlength: 100, hint: t('account.setup.site.nameHint'), problem })}
          ${field({ name: 'tagline', label: t('account.setup.site.tagline'), value: values.tagline, maxlength: 150, hint: t('account.setup.site.taglineHint'), problem })}
          ${timeAndLanguageFields(values, problem, ctx.i18n)} ${submitButton(t('account.setup.site.submit'))}`,
        { label: t('account.setup.site.heading') },
      )}
      <p>${t('account.setup.site.later')}</p>`,
  });
}

/** First run: the one-time link printed by the server creates the site's first admin. */
export function setupView(
  ctx: PageContext,
  props: { token: string; values?: { email: string; name: string }; problem?: FormProblem },
) {
  const { problem, values } = props;
  const { t } = ctx.i18n;
  return accountPage(ctx, {
    title: t('account.setup.admin.title'),
    problem,
    main: html`${setupSteps(ctx.i18n, 'admin')}
      <h1>${t('account.setup.admin.title')}</h1>
      <p>${t('account.setup.admin.intro')}</p>
      ${errorSummary(problem)}
      ${postForm(
        ctx,
        '/setup',
        html`<input type="hidden" name="token" value="${props.token}" />
          ${field({ name: 'name', label: t('account.field.yourName'), autocomplete: 'name', value: values?.name, required: true, maxlength: 60, problem })}
          ${field({ name: 'email', label: t('account.field.email'), type: 'email', autocomplete: 'email', value: values?.email, required: true, maxlength: 254, problem })}
          ${field({ name: 'password', label: t('account.field.password'), type: 'password', autocomplete: 'new-password', hint: passwordHint(ctx.i18n), required: true, problem })}
          ${submitButton(t('account.setup.admin.submit'))}`,
      )}`,
  });
}

/** Step 3: what the site starts with — nothing, or the demo to explore (kept or removed). */
export function setupContentView(
  ctx: PageContext,
  props: { demoLoaded: boolean; siteEmpty: boolean; problem?: FormProblem | undefined },
): SafeHtml {
  const { demoLoaded, siteEmpty, problem } = props;
  const { t } = ctx.i18n;
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
        t('account.setup.content.empty'),
        t('account.setup.content.emptyDemoHint'),
        true,
      )}
      ${choice(
        'demo',
        t('account.setup.content.keepDemo'),
        t('account.setup.content.keepDemoHint'),
        false,
      )}`
    : siteEmpty
      ? html`${choice(
          'empty',
          t('account.setup.content.empty'),
          t('account.setup.content.emptyHint'),
          true,
        )}
        ${choice(
          'demo',
          t('account.setup.content.demo'),
          t('account.setup.content.demoHint'),
          false,
        )}`
      : html`<p>${t('account.setup.content.own')}</p>
          <input type="hidden" name="start" value="keep" />`;
  return accountPage(ctx, {
    title: t('account.setup.content.title'),
    problem,
    main: html`${setupSteps(ctx.i18n, 'content')}
      <h1>${t('account.setup.content.title')}</h1>
      ${errorSummary(problem)}
      ${demoLoaded ? html`<p>${t('account.setup.content.demoLoaded')}</p>` : ''}
      ${postForm(
        ctx,
        '/setup/content',
        html`<fieldset class="fieldset">
            <legend>${t('account.setup.content.startWith')}</legend>
            ${options}
          </fieldset>
          ${submitButton(t('account.setup.content.submit'))}`,
        { label: t('account.setup.content.title') },
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
  const { t } = ctx.i18n;
  return accountPage(ctx, {
    title: t('account.setup.sections.title'),
    problem,
    main: html`${setupSteps(ctx.i18n, 'sections')}
      <h1>${t('account.setup.sections.title')}</h1>
      ${errorSummary(problem)}
      <p>${t('account.setup.sections.intro')}</p>
      ${
        existing.length
          ? html`<h2>${t('account.setup.sections.existing')}</h2>
            <ul>
              ${existing.map((s) => html`<li>${s.name} <span class="hint">/${s.slug}</span></li>`)}
            </ul>`
          : ''
      }
      ${postForm(
        ctx,
        '/setup/sections',
        html`<fieldset class="fieldset">
            <legend>
              ${existing.length ? t('account.setup.sections.add') : t('account.setup.sections.first')}
            </legend>
            ${Array.from({ length: setupSectionFields }, (_, i) =>
              field({
                id: `section${i + 1}`,
                name: 'section',
                label: t('account.setup.sections.field', { n: i + 1 }),
                value: values[i] ?? '',
                maxlength: 100,
                problem,
              }),
            )}
          </fieldset>
          ${submitButton(t('account.setup.sections.submit'))}`,
        { label: t('account.setup.sections.title') },
      )}`,
  });
}
