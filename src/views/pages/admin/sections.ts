/**
 * /admin/sections: the sections in navigation order, each with Move up / Move down buttons (plain
 * forms, so they work from the keyboard and without JavaScript), and a form to create one;
 * /admin/sections/:slug: rename, describe, hide, and remove (moving the articles elsewhere).
 */
import { sectionLimits, type SectionSummary } from '../../../domain/section.js';
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

export const sectionNotices = {
  created: 'The section has been created. It is at the end of the navigation.',
  moved: 'The order has been changed.',
  removed:
    'The section has been removed. Its address, and its articles’ old addresses, lead to where the articles are now.',
  saved: 'The section has been saved.',
} as const;

/** The inputs of the forms here, by the service's field names. */
export const newSectionFields = {
  name: 'new-name',
  slug: 'new-slug',
  description: 'new-description',
} as const;
export const sectionFields = {
  name: 'section-name',
  slug: 'section-slug',
  description: 'section-description',
} as const;
export const removeFields = { moveTo: 'remove-move-to' } as const;

export interface SectionFormValues {
  name: string;
  slug: string;
  description: string;
  hidden: boolean;
}

const articles = (n: number) => `${n} ${n === 1 ? 'article' : 'articles'}`;

function invalidity(id: string, hint: string | undefined, problem: FormProblem | undefined) {
  const invalid = problem?.field === id;
  const described = [hint ? `${id}-hint` : '', invalid ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  return {
    invalid,
    before: html`${hint ? html`<p class="hint" id="${id}-hint">${hint}</p>` : ''}
    ${invalid ? html`<p class="field-error" id="${id}-error"><span class="visually-hidden">Error:</span> ${problem?.message}</p>` : ''}`,
    attributes: html`${described ? html` aria-describedby="${described}"` : ''}${invalid ? html` aria-invalid="true"` : ''}`,
  };
}

function textArea(props: {
  id: string;
  name: string;
  label: string;
  value: string;
  hint?: string;
  problem: FormProblem | undefined;
}): SafeHtml {
  const v = invalidity(props.id, props.hint, props.problem);
  return html`<div class="field${v.invalid ? ' field--invalid' : ''}">
    <label for="${props.id}">${props.label}</label>
    ${v.before}
    <textarea id="${props.id}" name="${props.name}" rows="3" maxlength="${sectionLimits.description}" ${v.attributes}>${props.value}</textarea>
  </div>`;
}

function hiddenBox(id: string, checked: boolean): SafeHtml {
  return html`<div class="field field--checkbox">
    <input id="${id}" name="hidden" type="checkbox" value="1" ${checked ? html` checked` : ''} />
    <label for="${id}">Hide from the navigation and the front page (its page and articles still work)</label>
  </div>`;
}

function detailFields(
  ids: { name: string; slug: string; description: string },
  values: SectionFormValues,
  problem: FormProblem | undefined,
  slugHint: string,
  hiddenId: string,
): SafeHtml {
  return html`${field({ id: ids.name, name: 'name', label: 'Name', value: values.name, required: true, maxlength: sectionLimits.name, problem })}
    ${field({ id: ids.slug, name: 'slug', label: 'Slug', value: values.slug, hint: slugHint, maxlength: 120, autocomplete: 'off', problem })}
    ${textArea({ id: ids.description, name: 'description', label: 'Description', value: values.description, hint: 'Shown on the section’s page and in its feed.', problem })}
    ${hiddenBox(hiddenId, values.hidden)}`;
}

function orderButtons(
  ctx: PageContext,
  s: SectionSummary,
  index: number,
  count: number,
  focus: { slug: string; direction: 'up' | 'down' } | undefined,
): SafeHtml {
  const first = index === 0;
  const last = index === count - 1;
  // After a move, the button just used has the focus again (or the other one, at an end), so
  // pressing it again keeps moving the same section.
  const focusHere = focus?.slug === s.slug ? focus.direction : undefined;
  const wants = (direction: 'up' | 'down') =>
    focusHere !== undefined &&
    (focusHere === direction
      ? !(direction === 'up' ? first : last)
      : direction === 'up'
        ? last
        : first);
  const button = (direction: 'up' | 'down', text: string, disabled: boolean) =>
    html`<button type="submit" name="direction" value="${direction}" class="button button--secondary button--small"
      ${disabled ? html` disabled` : ''}${wants(direction) && !disabled ? html` autofocus` : ''}>
      ${text}<span class="visually-hidden"> ${s.name}</span>
    </button>`;
  return postForm(
    ctx,
    `/admin/sections/${encodeURIComponent(s.slug)}/move`,
    html`${button('up', 'Move up', first)} ${button('down', 'Move down', last)}`,
    { className: 'form form--bare form--inline', label: `Order of ${s.name}` },
  );
}

export function sectionsView(
  ctx: PageContext,
  props: {
    sections: SectionSummary[];
    done?: string | undefined;
    problem?: FormProblem | undefined;
    values?: SectionFormValues;
    focus?: { slug: string; direction: 'up' | 'down' } | undefined;
  },
): SafeHtml {
  const { sections, problem } = props;
  const values = props.values ?? { name: '', slug: '', description: '', hidden: false };
  const main = html`<h1>Sections</h1>
    ${doneBanner(props.done)} ${errorSummary(problem)}
    <section aria-labelledby="sections-heading">
      <h2 id="sections-heading">In navigation order</h2>
      ${
        sections.length
          ? html`<div class="table-scroll" role="region" aria-labelledby="sections-heading" tabindex="0">
              <table class="data-table sections-table">
                <thead>
                  <tr>
                    <th scope="col">Section</th>
                    <th scope="col">Address</th>
                    <th scope="col">Articles</th>
                    <th scope="col">Navigation</th>
                    <th scope="col">Order</th>
                  </tr>
                </thead>
                <tbody>
                  ${sections.map(
                    (s, i) => html`<tr id="section-${s.slug}">
                      <th scope="row"><a href="/admin/sections/${encodeURIComponent(s.slug)}">${s.name}</a></th>
                      <td><a href="/${s.slug}">/${s.slug}</a></td>
                      <td>${articles(s.articleCount)}</td>
                      <td>${s.hidden ? html`<span class="tag tag--warn">hidden</span>` : html`shown`}</td>
                      <td>${orderButtons(ctx, s, i, sections.length, props.focus)}</td>
                    </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
          : html`<p>No sections yet. Articles need one: create the first below.</p>`
      }
    </section>
    <section class="panel" aria-labelledby="create-heading">
      <h2 id="create-heading">Create a section</h2>
      ${postForm(
        ctx,
        '/admin/sections',
        html`${detailFields(newSectionFields, values, problem, 'Its address, such as “local-news” for /local-news. Made from the name if left empty.', 'new-hidden')}
          ${submitButton('Create section')}`,
      )}
    </section>`;
  return adminPage(ctx, { title: 'Sections', current: '/admin/sections', problem, main });
}

export function sectionEditView(
  ctx: PageContext,
  props: {
    section: SectionSummary;
    /** The other sections, where its articles may move. */
    others: SectionSummary[];
    done?: string | undefined;
    problem?: FormProblem | undefined;
    values?: SectionFormValues;
    moveTo?: string;
  },
): SafeHtml {
  const { section, problem } = props;
  const path = `/admin/sections/${encodeURIComponent(section.slug)}`;
  const values = props.values ?? {
    name: section.name,
    slug: section.slug,
    description: section.description,
    hidden: section.hidden,
  };
  const moveId = removeFields.moveTo;
  const move = invalidity(
    moveId,
    section.articleCount > 0
      ? `It has ${articles(section.articleCount)}, drafts included: they move to the section you choose, and the old addresses lead there.`
      : 'It has no articles, so it can be removed as it is.',
    problem,
  );
  const main = html`<p><a href="/admin/sections">All sections</a></p>
    <h1>Section: ${section.name}</h1>
    ${doneBanner(props.done)} ${errorSummary(problem)}
    <p>Its page: <a href="/${section.slug}">/${section.slug}</a> · ${articles(section.articleCount)}</p>
    <section class="panel" aria-labelledby="details-heading">
      <h2 id="details-heading">Name, address and description</h2>
      ${postForm(
        ctx,
        path,
        html`${detailFields(sectionFields, values, problem, 'Its address. If you change it, the old address and its articles’ old addresses redirect to the new ones.', 'section-hidden')}
          ${submitButton('Save section')}`,
      )}
    </section>
    <section class="panel" aria-labelledby="remove-heading">
      <h2 id="remove-heading">Remove this section</h2>
      ${postForm(
        ctx,
        `${path}/remove`,
        html`<div class="field${move.invalid ? ' field--invalid' : ''}">
            <label for="${moveId}">Move its articles to</label>
            ${move.before}
            <select id="${moveId}" name="moveTo" ${move.attributes}>
              <option value="">${section.articleCount > 0 ? 'Choose a section' : 'Nowhere: it is empty'}</option>
              ${props.others.map((o) => html`<option value="${o.slug}" ${o.slug === props.moveTo ? html` selected` : ''}>${o.name}</option>`)}
            </select>
          </div>
          ${submitButton('Remove section', 'danger')}`,
      )}
    </section>`;
  return adminPage(ctx, {
    title: `Section: ${section.name}`,
    current: '/admin/sections',
    problem,
    main,
  });
}
