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
import type { MessageKey, Translator } from '../../../i18n/translator.js';
import { adminPage } from './page.js';
import { recordTable } from './record-table.js';
import { fieldParts, noticeText, orderButtons, type Direction } from './structure-parts.js';

export const sectionNotices = {
  created: 'structure.sections.notice.created',
  moved: 'structure.sections.notice.moved',
  removed: 'structure.sections.notice.removed',
  saved: 'structure.sections.notice.saved',
} as const satisfies Record<string, MessageKey>;
export type SectionNotice = keyof typeof sectionNotices;

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

function textArea(
  i18n: Translator,
  props: {
    id: string;
    name: string;
    label: string;
    value: string;
    hint?: string;
    problem: FormProblem | undefined;
  },
): SafeHtml {
  const v = fieldParts(i18n, props.id, props.hint, props.problem);
  return html`<div class="field${v.className}">
    <label for="${props.id}">${props.label}</label>
    ${v.before}
    <textarea id="${props.id}" name="${props.name}" rows="3" maxlength="${sectionLimits.description}" ${v.attributes}>${props.value}</textarea>
  </div>`;
}

function hiddenBox(i18n: Translator, id: string, checked: boolean): SafeHtml {
  return html`<div class="field field--checkbox">
    <input id="${id}" name="hidden" type="checkbox" value="1" ${checked ? html` checked` : ''} />
    <label for="${id}">${i18n.t('structure.sections.field.hidden')}</label>
  </div>`;
}

function detailFields(
  i18n: Translator,
  ids: { name: string; slug: string; description: string },
  values: SectionFormValues,
  problem: FormProblem | undefined,
  slugHint: string,
  hiddenId: string,
): SafeHtml {
  const { t } = i18n;
  return html`${field({ id: ids.name, name: 'name', label: t('structure.sections.field.name'), value: values.name, required: true, maxlength: sectionLimits.name, problem })}
    ${field({ id: ids.slug, name: 'slug', label: t('structure.sections.field.slug'), value: values.slug, hint: slugHint, maxlength: 120, autocomplete: 'off', problem })}
    ${textArea(i18n, { id: ids.description, name: 'description', label: t('structure.sections.field.description'), value: values.description, hint: t('structure.sections.field.description.hint'), problem })}
    ${hiddenBox(i18n, hiddenId, values.hidden)}`;
}

export function sectionsView(
  ctx: PageContext,
  props: {
    sections: SectionSummary[];
    done?: SectionNotice | undefined;
    problem?: FormProblem | undefined;
    values?: SectionFormValues;
    focus?: { slug: string; direction: Direction } | undefined;
  },
): SafeHtml {
  const { sections, problem } = props;
  const { t } = ctx.i18n;
  const values = props.values ?? { name: '', slug: '', description: '', hidden: false };
  const main = html`<h1>${t('structure.sections.title')}</h1>
    ${doneBanner(noticeText(ctx.i18n, sectionNotices, props.done))} ${errorSummary(problem)}
    <section aria-labelledby="sections-heading">
      <h2 id="sections-heading">${t('structure.sections.order')}</h2>
      ${recordTable({
        labelledBy: 'sections-heading',
        className: 'sections-table',
        columns: [
          t('structure.sections.column.section'),
          t('structure.sections.column.address'),
          t('structure.sections.column.articles'),
          t('structure.sections.column.navigation'),
          t('structure.sections.column.order'),
        ],
        rows: sections.map(
          (s, i) => html`<tr id="section-${s.slug}">
            <th scope="row"><a href="/admin/sections/${encodeURIComponent(s.slug)}">${s.name}</a></th>
            <td><a href="/${s.slug}">/${s.slug}</a></td>
            <td>${t('structure.articles', { count: s.articleCount })}</td>
            <td>${s.hidden ? html`<span class="tag tag--warn">${t('structure.sections.hidden')}</span>` : t('structure.sections.shown')}</td>
            <td>${orderButtons(ctx, {
              action: `/admin/sections/${encodeURIComponent(s.slug)}/move`,
              name: s.name,
              index: i,
              count: sections.length,
              focus: props.focus?.slug === s.slug ? props.focus.direction : undefined,
            })}</td>
          </tr>`,
        ),
        empty: t('structure.sections.empty'),
      })}
    </section>
    <section class="panel" aria-labelledby="create-heading">
      <h2 id="create-heading">${t('structure.sections.create')}</h2>
      ${postForm(
        ctx,
        '/admin/sections',
        html`${detailFields(ctx.i18n, newSectionFields, values, problem, t('structure.sections.field.slug.hint.new'), 'new-hidden')}
          ${submitButton(t('structure.sections.create.submit'))}`,
      )}
    </section>`;
  return adminPage(ctx, {
    title: t('structure.sections.title'),
    current: '/admin/sections',
    problem,
    main,
  });
}

export function sectionEditView(
  ctx: PageContext,
  props: {
    section: SectionSummary;
    /** The other sections, where its articles may move. */
    others: SectionSummary[];
    done?: SectionNotice | undefined;
    problem?: FormProblem | undefined;
    values?: SectionFormValues;
    moveTo?: string;
  },
): SafeHtml {
  const { section, problem } = props;
  const { t } = ctx.i18n;
  const path = `/admin/sections/${encodeURIComponent(section.slug)}`;
  const values = props.values ?? {
    name: section.name,
    slug: section.slug,
    description: section.description,
    hidden: section.hidden,
  };
  const moveId = removeFields.moveTo;
  const move = fieldParts(
    ctx.i18n,
    moveId,
    section.articleCount > 0
      ? t('structure.sections.remove.hint', { count: section.articleCount })
      : t('structure.sections.remove.hint.empty'),
    problem,
  );
  const title = t('structure.sections.section', { name: section.name });
  const main = html`<p><a href="/admin/sections">${t('structure.sections.all')}</a></p>
    <h1>${title}</h1>
    ${doneBanner(noticeText(ctx.i18n, sectionNotices, props.done))} ${errorSummary(problem)}
    <p>${ctx.i18n.rich(
      'structure.sections.page',
      { slug: section.slug, count: section.articleCount },
      { link: (text) => html`<a href="/${section.slug}">${text}</a>` },
    )}</p>
    <section class="panel" aria-labelledby="details-heading">
      <h2 id="details-heading">${t('structure.sections.details')}</h2>
      ${postForm(
        ctx,
        path,
        html`${detailFields(ctx.i18n, sectionFields, values, problem, t('structure.sections.field.slug.hint.edit'), 'section-hidden')}
          ${submitButton(t('structure.sections.save'))}`,
      )}
    </section>
    <section class="panel" aria-labelledby="remove-heading">
      <h2 id="remove-heading">${t('structure.sections.remove')}</h2>
      ${postForm(
        ctx,
        `${path}/remove`,
        html`<div class="field${move.className}">
            <label for="${moveId}">${t('structure.sections.remove.to')}</label>
            ${move.before}
            <select id="${moveId}" name="moveTo" ${move.attributes}>
              <option value="">${section.articleCount > 0 ? t('structure.sections.remove.choose') : t('structure.sections.remove.nowhere')}</option>
              ${props.others.map((o) => html`<option value="${o.slug}" ${o.slug === props.moveTo ? html` selected` : ''}>${o.name}</option>`)}
            </select>
          </div>
          ${submitButton(t('structure.sections.remove.submit'), 'danger')}`,
      )}
    </section>`;
  return adminPage(ctx, { title, current: '/admin/sections', problem, main });
}
