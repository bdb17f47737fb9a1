/** /admin/site: the site's identity — name, tagline, publisher, footer, logo and icons. */
import { imagePath } from '../../../domain/image.js';
import {
  identityLimits,
  logoDisplaySize,
  siteLanguages,
  timeZoneNames,
  type IdentityText,
} from '../../../domain/site.js';
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
  saved: 'The site’s details are saved. Every page shows them now.',
  logo: 'The new logo is in the masthead.',
  logoRemoved: 'The logo is removed: the masthead shows the site’s name.',
  icons: 'The new icons are made: browsers show them as they next load a page.',
  iconsRemoved: 'The icons are removed.',
} as const;

export interface SitePageProps {
  /** What the form shows: the stored values, or what was sent when it came back. */
  values: IdentityText;
  problem?: FormProblem | undefined;
  done?: string | undefined;
  /** "10 MB": the largest upload. */
  maxSize: string;
}

function textArea(props: {
  name: keyof IdentityText;
  label: string;
  hint: string;
  value: string;
  problem: FormProblem | undefined;
  maxlength: number;
}): SafeHtml {
  const invalid = props.problem?.field === props.name;
  const described = [`${props.name}-hint`, invalid ? `${props.name}-error` : '']
    .filter(Boolean)
    .join(' ');
  return html`<div class="field${invalid ? ' field--invalid' : ''}">
    <label for="${props.name}">${props.label}</label>
    <p class="hint" id="${props.name}-hint">${props.hint}</p>
    ${
      invalid
        ? html`<p class="field-error" id="${props.name}-error">
          <span class="visually-hidden">Error:</span> ${props.problem?.message}
        </p>`
        : ''
    }
    <textarea
      class="text-block"
      id="${props.name}"
      name="${props.name}"
      rows="3"
      maxlength="${props.maxlength}"
      aria-describedby="${described}"
      ${invalid ? html` aria-invalid="true"` : ''}
    >
${props.value}</textarea
    >
  </div>`;
}

function select(props: {
  name: string;
  label: string;
  hint: string;
  value: string;
  options: readonly { value: string; text: string }[];
  problem: FormProblem | undefined;
}): SafeHtml {
  const invalid = props.problem?.field === props.name;
  return html`<div class="field${invalid ? ' field--invalid' : ''}">
    <label for="${props.name}">${props.label}</label>
    <p class="hint" id="${props.name}-hint">${props.hint}</p>
    ${
      invalid
        ? html`<p class="field-error" id="${props.name}-error">
          <span class="visually-hidden">Error:</span> ${props.problem?.message}
        </p>`
        : ''
    }
    <select
      id="${props.name}"
      name="${props.name}"
      aria-describedby="${props.name}-hint${invalid ? ` ${props.name}-error` : ''}"
      ${invalid ? html` aria-invalid="true"` : ''}
    >
      ${props.options.map(
        (o) =>
          html`<option value="${o.value}" ${o.value === props.value ? html` selected` : ''}>
            ${o.text}
          </option>`,
      )}
    </select>
  </div>`;
}

/** The site's time zone and language (the setup wizard asks for them too). */
export function timeAndLanguageFields(
  values: Pick<IdentityText, 'timeZone' | 'language'>,
  problem: FormProblem | undefined,
): SafeHtml {
  return html`${select({
    name: 'timeZone',
    label: 'Time zone',
    hint: 'The zone the newsroom works in: dates, times and scheduling on the site follow it.',
    value: values.timeZone,
    options: timeZoneNames().map((z) => ({ value: z, text: z.replaceAll('_', ' ') })),
    problem,
  })}
  ${select({
    name: 'language',
    label: 'Language',
    hint: 'The language of the site’s pages.',
    value: values.language,
    options: siteLanguages.map((l) => ({ value: l.tag, text: l.name })),
    problem,
  })}`;
}

function uploadForm(
  ctx: PageContext,
  props: { action: string; id: string; label: string; hint: string; problem?: FormProblem },
): SafeHtml {
  const invalid = props.problem !== undefined;
  return html`<form
    method="post"
    action="${props.action}"
    enctype="multipart/form-data"
    class="form"
    aria-label="${props.label}"
    novalidate
  >
    ${csrfField(ctx)}
    <div class="field${invalid ? ' field--invalid' : ''}">
      <label for="${props.id}">${props.label}</label>
      <p class="hint" id="${props.id}-hint">${props.hint}</p>
      ${
        invalid
          ? html`<p class="field-error" id="${props.id}-error">
            <span class="visually-hidden">Error:</span> ${props.problem?.message}
          </p>`
          : ''
      }
      <input
        id="${props.id}"
        name="file"
        type="file"
        accept="image/png,image/jpeg,image/webp"
        aria-describedby="${props.id}-hint${invalid ? ` ${props.id}-error` : ''}"
        ${invalid ? html` aria-invalid="true"` : ''}
      />
    </div>
    ${submitButton('Upload', 'secondary')}
  </form>`;
}

export function sitePageView(ctx: PageContext, props: SitePageProps): SafeHtml {
  const { values, problem } = props;
  const { identity } = ctx;
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
  const main = html`<h1>Site</h1>
    ${doneBanner(props.done)} ${errorSummary(problem)}
    <p>How the site presents itself on every page, in its feeds, its search results and its emails.</p>
    <section aria-labelledby="identity-heading">
      <h2 id="identity-heading">Name and description</h2>
      ${postForm(
        ctx,
        '/admin/site',
        html`${textField('name', 'Site name', {
          hint: 'In the masthead, page titles, feeds and emails.',
        })}
        ${textField('tagline', 'Tagline', { hint: 'A short line above the masthead. Optional.' })}
        ${textArea({
          name: 'description',
          label: 'Description',
          hint: 'One or two sentences for search engines and feed readers. Optional.',
          value: values.description,
          problem,
          maxlength: identityLimits.description,
        })}
        ${textField('publisherName', 'Publisher', {
          hint: 'The organisation that publishes the site, in structured data and feeds. Leave empty to use the site name.',
        })}
        ${textField('publisherUrl', 'Publisher’s web address', {
          hint: 'If the publisher has its own site, e.g. https://example.org. Optional.',
        })}
        ${textField('publisherEmail', 'Publisher’s contact email', {
          type: 'email',
          hint: 'Shown to search engines as the publisher’s contact. Optional.',
        })}
        ${textArea({
          name: 'footerText',
          label: 'Footer text',
          hint: 'A line at the foot of every page: a copyright notice, an address. Optional.',
          value: values.footerText,
          problem,
          maxlength: identityLimits.footerText,
        })}
        ${timeAndLanguageFields(values, problem)}
        <div class="field field--checkbox">
          <input id="credit" name="credit" type="checkbox" value="1" ${values.credit ? html` checked` : ''} />
          <label for="credit">Show “Published with Broadsheet” in the footer</label>
        </div>
        ${submitButton('Save')}`,
        { label: 'Name and description' },
      )}
    </section>
    <section aria-labelledby="logo-heading">
      <h2 id="logo-heading">Logo</h2>
      ${
        identity.logo
          ? html`<p>The masthead shows this logo:</p>
            <p class="site-preview">
              <img
                src="${imagePath(identity.logo.file)}"
                width="${logoDisplaySize(identity.logo).width}"
                height="${logoDisplaySize(identity.logo).height}"
                alt="The current logo"
              />
            </p>
            ${postForm(ctx, '/admin/site/logo/remove', submitButton('Remove the logo', 'danger'), {
              label: 'Remove the logo',
            })}`
          : html`<p>No logo: the masthead shows the site’s name in letters.</p>`
      }
      ${uploadForm(ctx, {
        action: '/admin/site/logo',
        id: 'logo',
        label: identity.logo ? 'Replace the logo' : 'Upload a logo',
        hint: `PNG, JPEG or WebP, at most ${props.maxSize}; a wide picture with a transparent background works best. It is drawn 48 pixels high.`,
        ...(logoProblem ? { problem: logoProblem } : {}),
      })}
    </section>
    <section aria-labelledby="icon-heading">
      <h2 id="icon-heading">Icon</h2>
      ${
        identity.icons
          ? html`<p>Browser tabs, bookmarks and home screens show this icon:</p>
            <p class="site-preview">
              <img src="${imagePath(identity.icons.touch)}" width="90" height="90" alt="The current icon" />
            </p>
            ${postForm(ctx, '/admin/site/icon/remove', submitButton('Remove the icon', 'danger'), {
              label: 'Remove the icon',
            })}`
          : html`<p>No icon yet: browsers show their own.</p>`
      }
      ${uploadForm(ctx, {
        action: '/admin/site/icon',
        id: 'icon',
        label: identity.icons ? 'Replace the icon' : 'Upload an icon',
        hint: `A square PNG, JPEG or WebP of at least 512 × 512 pixels, at most ${props.maxSize}. The favicon and every icon size are made from it.`,
        ...(iconProblem ? { problem: iconProblem } : {}),
      })}
    </section>`;
  return adminPage(ctx, { title: 'Site', current: '/admin/site', problem, main });
}
