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
  /** Whether the demo content is (partly) here, to offer removing it. */
  demoLoaded: boolean;
}

/**
 * One input's frame: its label, hint and, when the problem concerns it, the error, with the
 * attributes that tie them to the control (which `control` draws with them).
 */
function framed(
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
            <span class="visually-hidden">Error:</span> ${props.problem?.message}
          </p>`
        : ''
    }
    ${control(aria)}
  </div>`;
}

function textArea(props: {
  name: keyof IdentityText;
  label: string;
  hint: string;
  value: string;
  problem: FormProblem | undefined;
  maxlength: number;
}): SafeHtml {
  return framed(
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

function select(props: {
  name: string;
  label: string;
  hint: string;
  value: string;
  options: readonly { value: string; text: string }[];
  problem: FormProblem | undefined;
}): SafeHtml {
  return framed(
    { ...props, id: props.name },
    (aria) =>
      html`<select id="${props.name}" name="${props.name}" ${aria}>
        ${props.options.map(
          (o) =>
            html`<option value="${o.value}" ${o.value === props.value ? html` selected` : ''}>
              ${o.text}
            </option>`,
        )}
      </select>`,
  );
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
    </section>
    ${
      props.demoLoaded
        ? html`<section aria-labelledby="demo-heading">
          <h2 id="demo-heading">Demo content</h2>
          <p>
            The site still has demo content: the made-up newspaper’s articles, comments, people
            and sections. Remove it, and nothing else, before the site goes public.
          </p>
          <p><a href="/admin/site/demo/remove">Review and remove the demo content</a></p>
        </section>`
        : ''
    }`;
  return adminPage(ctx, { title: 'Site', current: '/admin/site', problem, main });
}
