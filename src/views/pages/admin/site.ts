/** /admin/site: the site's identity — name, tagline, publisher, footer, logo and icons. */
import { imagePath } from '../../../domain/image.js';
import {
  identityLimits,
  logoDisplaySize,
  siteLanguages,
  timeZoneNames,
  type IdentityText,
} from '../../../domain/site.js';
import type { MessageKey, Translator } from '../../../i18n/translator.js';
import type { PageContext } from '../../context.js';
import {
  csrfField,
  doneBanner,
  errorSummary,
  field,
  postForm,
  submitButton,
  type FormProblem,
} from '../../forms.js';
import { html, type SafeHtml } from '../../html.js';
import { adminPage } from './page.js';

export const siteNotices = {
  saved: 'admin.site.done.saved',
  logo: 'admin.site.done.logo',
  logoRemoved: 'admin.site.done.logoRemoved',
  icons: 'admin.site.done.icons',
  iconsRemoved: 'admin.site.done.iconsRemoved',
} as const satisfies Record<string, MessageKey>;

export interface SitePageProps {
  /** What the form shows: the stored values, or what was sent when it came back. */
  values: IdentityText;
  problem?: FormProblem | undefined;
  done?: MessageKey | undefined;
  /** "10 MB": the largest upload. */
  maxSize: string;
  /** Whether the demo content is (partly) here, to offer removing it. */
  demoLoaded: boolean;
}

/**
 * One input's frame: its label, hint and, when the problem concerns it, the error, with the
 * attributes that tie them to the control (which `control` draws with them).
 */
function framed(
  i18n: Translator,
  props: { id: string; label: string; hint: string; problem: FormProblem | undefined },
  control: (aria: SafeHtml) => SafeHtml,
): SafeHtml {
  const { id } = props;
  const invalid = props.problem?.field === id;
  const aria = html`aria-describedby="${id}-hint${invalid ? ` ${id}-error` : ''}"
  ${invalid ? html` aria-invalid="true"` : ''}`;
  return html`<div class="field${invalid ? ' field--invalid' : ''}">
    <label for="${id}">${props.label}</label>
    <p class="hint" id="${id}-hint">${props.hint}</p>
    ${
      invalid
        ? html`<p class="field-error" id="${id}-error">
            <span class="visually-hidden">${i18n.t('admin.form.error')}</span> ${props.problem?.message}
          </p>`
        : ''
    }
    ${control(aria)}
  </div>`;
}

function textArea(
  i18n: Translator,
  props: {
    name: keyof IdentityText;
    label: string;
    hint: string;
    value: string;
    problem: FormProblem | undefined;
    maxlength: number;
  },
): SafeHtml {
  return framed(
    i18n,
    { ...props, id: props.name },
    (aria) =>
      html`<textarea
        class="text-block"
        id="${props.name}"
        name="${props.name}"
        rows="3"
        maxlength="${props.maxlength}"
        ${aria}
      >
${props.value}</textarea
      >`,
  );
}

function select(
  i18n: Translator,
  props: {
    name: string;
    label: string;
    hint: string;
    value: string;
    /** `lang`: the option's own language, when it is named in it. */
    options: readonly { value: string; text: string; lang?: string }[];
    problem: FormProblem | undefined;
  },
): SafeHtml {
  return framed(
    i18n,
    { ...props, id: props.name },
    (aria) =>
      html`<select id="${props.name}" name="${props.name}" ${aria}>
        ${props.options.map(
          (o) =>
            // prettier-ignore
            html`<option value="${o.value}"${o.lang ? html` lang="${o.lang}"` : ''}${o.value === props.value ? html` selected` : ''}>${o.text}</option>`,
        )}
      </select>`,
  );
}

/**
 * The site's time zone and language (the setup wizard asks for them too). Each language is
 * named in itself, whatever the page's language.
 */
export function timeAndLanguageFields(
  values: Pick<IdentityText, 'timeZone' | 'language'>,
  problem: FormProblem | undefined,
  i18n: Translator,
): SafeHtml {
  return html`${select(i18n, {
    name: 'timeZone',
    label: i18n.t('admin.site.timeZone.label'),
    hint: i18n.t('admin.site.timeZone.hint'),
    value: values.timeZone,
    options: timeZoneNames().map((z) => ({ value: z, text: z.replaceAll('_', ' ') })),
    problem,
  })}
  ${select(i18n, {
    name: 'language',
    label: i18n.t('admin.site.language.label'),
    hint: i18n.t('admin.site.language.hint'),
    value: values.language,
    options: siteLanguages.map((l) => ({ value: l.tag, text: l.name, lang: l.tag })),
    problem,
  })}`;
}

function uploadForm(
  ctx: PageContext,
  props: { action: string; id: string; label: string; hint: string; problem?: FormProblem },
): SafeHtml {
  return html`<form
    method="post"
    action="${props.action}"
    enctype="multipart/form-data"
    class="form"
    aria-label="${props.label}"
    novalidate
  >
    ${csrfField(ctx)}
    ${framed(
      ctx.i18n,
      { ...props, problem: props.problem },
      (aria) =>
        html`<input
          id="${props.id}"
          name="file"
          type="file"
          accept="image/png,image/jpeg,image/webp"
          ${aria}
        />`,
    )}
    ${submitButton(ctx.i18n.t('admin.site.upload'), 'secondary')}
  </form>`;
}

export function sitePageView(ctx: PageContext, props: SitePageProps): SafeHtml {
  const { values, problem } = props;
  const { identity } = ctx;
  const { t } = ctx.i18n;
  const textField = (
    name: keyof typeof identityLimits,
    label: string,
    extra: { hint?: string; type?: 'text' | 'email' } = {},
  ) =>
    field({
      name,
      label,
      value: values[name],
      maxlength: identityLimits[name],
      problem,
      ...extra,
    });
  const uploadProblem = (f: string) => (problem?.field === f ? problem : undefined);
  const logoProblem = uploadProblem('logo');
  const iconProblem = uploadProblem('icon');
  const main = html`<h1>${t('admin.site.title')}</h1>
    ${doneBanner(props.done && t(props.done))} ${errorSummary(problem)}
    <p>${t('admin.site.intro')}</p>
    <section aria-labelledby="identity-heading">
      <h2 id="identity-heading">${t('admin.site.identity.heading')}</h2>
      ${postForm(
        ctx,
        '/admin/site',
        html`${textField('name', t('admin.site.name.label'), {
          hint: t('admin.site.name.hint'),
        })}
        ${textField('tagline', t('admin.site.tagline.label'), {
          hint: t('admin.site.tagline.hint'),
        })}
        ${textArea(ctx.i18n, {
          name: 'description',
          label: t('admin.site.description.label'),
          hint: t('admin.site.description.hint'),
          value: values.description,
          problem,
          maxlength: identityLimits.description,
        })}
        ${textField('publisherName', t('admin.site.publisherName.label'), {
          hint: t('admin.site.publisherName.hint'),
        })}
        ${textField('publisherUrl', t('admin.site.publisherUrl.label'), {
          hint: t('admin.site.publisherUrl.hint'),
        })}
        ${textField('publisherEmail', t('admin.site.publisherEmail.label'), {
          type: 'email',
          hint: t('admin.site.publisherEmail.hint'),
        })}
        ${textArea(ctx.i18n, {
          name: 'footerText',
          label: t('admin.site.footerText.label'),
          hint: t('admin.site.footerText.hint'),
          value: values.footerText,
          problem,
          maxlength: identityLimits.footerText,
        })}
        ${timeAndLanguageFields(values, problem, ctx.i18n)}
        <div class="field field--checkbox">
          <input id="credit" name="credit" type="checkbox" value="1" ${values.credit ? html` checked` : ''} />
          <label for="credit">${t('admin.site.credit')}</label>
        </div>
        ${submitButton(t('admin.site.save'))}`,
        { label: t('admin.site.identity.heading') },
      )}
    </section>
    <section aria-labelledby="logo-heading">
      <h2 id="logo-heading">${t('admin.site.logo.heading')}</h2>
      ${
        identity.logo
          ? html`<p>${t('admin.site.logo.current')}</p>
            <p class="site-preview">
              <img
                src="${imagePath(identity.logo.file)}"
                width="${logoDisplaySize(identity.logo).width}"
                height="${logoDisplaySize(identity.logo).height}"
                alt="${t('admin.site.logo.alt')}"
              />
            </p>
            ${postForm(
              ctx,
              '/admin/site/logo/remove',
              submitButton(t('admin.site.logo.remove'), 'danger'),
              { label: t('admin.site.logo.remove') },
            )}`
          : html`<p>${t('admin.site.logo.none')}</p>`
      }
      ${uploadForm(ctx, {
        action: '/admin/site/logo',
        id: 'logo',
        label: identity.logo ? t('admin.site.logo.replace') : t('admin.site.logo.upload'),
        hint: t('admin.site.logo.hint', { maxSize: props.maxSize }),
        ...(logoProblem ? { problem: logoProblem } : {}),
      })}
    </section>
    <section aria-labelledby="icon-heading">
      <h2 id="icon-heading">${t('admin.site.icon.heading')}</h2>
      ${
        identity.icons
          ? html`<p>${t('admin.site.icon.current')}</p>
            <p class="site-preview">
              <img
                src="${imagePath(identity.icons.touch)}"
                width="90"
                height="90"
                alt="${t('admin.site.icon.alt')}"
              />
            </p>
            ${postForm(
              ctx,
              '/admin/site/icon/remove',
              submitButton(t('admin.site.icon.remove'), 'danger'),
              { label: t('admin.site.icon.remove') },
            )}`
          : html`<p>${t('admin.site.icon.none')}</p>`
      }
      ${uploadForm(ctx, {
        action: '/admin/site/icon',
        id: 'icon',
        label: identity.icons ? t('admin.site.icon.replace') : t('admin.site.icon.upload'),
        hint: t('admin.site.icon.hint', { maxSize: props.maxSize }),
        ...(iconProblem ? { problem: iconProblem } : {}),
      })}
    </section>
    ${
      props.demoLoaded
        ? html`<section aria-labelledby="demo-heading">
          <h2 id="demo-heading">${t('admin.site.demo.heading')}</h2>
          <p>${t('admin.site.demo.text')}</p>
          <p><a href="/admin/site/demo/remove">${t('admin.site.demo.link')}</a></p>
        </section>`
        : ''
    }`;
  return adminPage(ctx, { title: t('admin.site.title'), current: '/admin/site', problem, main });
}
