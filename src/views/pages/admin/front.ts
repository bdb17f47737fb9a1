/**
 * /admin/front: the editors' arrangement of the front page. One plain form: the lead and the
 * featured slots, each a list of recent published stories with an optional expiry (UTC), the
 * sections with a checkbox and Move up / Move down buttons, and Preview and Save. Every button
 * is a submit button of the same form, so moving a section or previewing carries every unsaved
 * choice along and saves nothing. (A hidden Save comes first: it is the button that Enter in a
 * field presses, rather than the first Move button.)
 */
import type { ArticleSummary } from '../../../domain/article.js';
import { featuredSlots } from '../../../domain/front.js';
import type { Section } from '../../../domain/section.js';
import type { PageContext } from '../../context.js';
import { doneBanner, errorSummary, postForm, type FormProblem } from '../../forms.js';
import { html, type SafeHtml } from '../../html.js';
import type { MessageKey, Translator } from '../../../i18n/translator.js';
import { adminPage } from './page.js';
import { fieldParts, noticeText } from './structure-parts.js';

/** One slot as the form holds it: the article's id ('' for none) and the expiry as typed. */
export interface SlotValue {
  article: string;
  expires: string;
}

/** The form's values, as typed (a round trip shows them again unchanged). */
export interface FrontForm {
  lead: SlotValue;
  /** Always `featuredSlots` long. */
  featured: SlotValue[];
  /** Every section, in the front's order. */
  sections: { slug: string; shown: boolean }[];
}

export const frontNotices = {
  saved: 'structure.front.notice.saved',
} as const satisfies Record<string, MessageKey>;
export type FrontNotice = keyof typeof frontNotices;

/** Ids of the form's inputs, for labels, errors and the summary's links. */
export const frontIds = {
  lead: 'front-lead',
  leadExpires: 'front-lead-expires',
  featured: (i: number) => `front-featured-${i + 1}`,
  featuredExpires: (i: number) => `front-featured-${i + 1}-expires`,
  sections: 'front-sections',
  section: (slug: string) => `front-section-${slug}`,
};

function option(i18n: Translator, a: ArticleSummary, selected: string): SafeHtml {
  const text = a.publishedAt
    ? i18n.t('structure.front.story.option.published', {
        headline: a.headline,
        section: a.section.name,
        day: i18n.day(a.publishedAt),
      })
    : i18n.t('structure.front.story.option', { headline: a.headline, section: a.section.name });
  return html`<option value="${a.id}" ${a.id === selected ? html` selected` : ''}>
    ${text}
  </option>`;
}

function slotFields(
  i18n: Translator,
  props: {
    legend: string;
    id: string;
    expiresId: string;
    name: string;
    empty: string;
    value: SlotValue;
    candidates: readonly ArticleSummary[];
    problem: FormProblem | undefined;
  },
): SafeHtml {
  const pick = fieldParts(i18n, props.id, undefined, props.problem);
  const expiry = fieldParts(i18n, props.expiresId, undefined, props.problem);
  return html`<fieldset class="fieldset front-slot">
    <legend>${props.legend}</legend>
    <div class="field${pick.className}">
      <label for="${props.id}">${i18n.t('structure.front.story')}</label>
      ${pick.before}
      <select id="${props.id}" name="${props.name}" ${pick.attributes}>
        <option value="" ${props.value.article === '' ? html` selected` : ''}>${props.empty}</option>
        ${props.candidates.map((a) => option(i18n, a, props.value.article))}
      </select>
    </div>
    <div class="field${expiry.className}">
      <label for="${props.expiresId}">${i18n.t('structure.front.expires', { zone: i18n.timeZone })}</label>
      ${expiry.before}
      <input
        id="${props.expiresId}"
        name="${props.name}Expires"
        type="datetime-local"
        value="${props.value.expires}"
        ${expiry.attributes}
      />
    </div>
  </fieldset>`;
}

function sectionRows(
  i18n: Translator,
  form: FrontForm,
  sections: ReadonlyMap<string, Section>,
  focus: string | undefined,
): SafeHtml {
  const last = form.sections.length - 1;
  return html`<ol class="front-sections">
    ${form.sections.map(({ slug, shown }, i) => {
      const name = sections.get(slug)?.name ?? slug;
      const move = (way: 'up' | 'down', disabled: boolean) =>
        disabled
          ? ''
          : html`<button
              type="submit"
              class="button button--small button--secondary"
              name="intent"
              value="${way}:${slug}"
              ${focus === `${way}:${slug}` ? html` autofocus` : ''}
            >
              ${i18n.t(way === 'up' ? 'structure.order.up' : 'structure.order.down')}<span class="visually-hidden">: ${name}</span>
            </button>`;
      return html`<li class="front-sections__row">
        <input type="hidden" name="order" value="${slug}" />
        <input
          type="checkbox"
          id="${frontIds.section(slug)}"
          name="show"
          value="${slug}"
          ${shown ? html` checked` : ''}
        />
        <label for="${frontIds.section(slug)}">${name}</label>
        <span class="front-sections__buttons">${move('up', i === 0)} ${move('down', i === last)}</span>
      </li>`;
    })}
  </ol>`;
}

/** The form's values as hidden inputs: the preview's own form carries them back. */
export function frontFormHidden(form: FrontForm): SafeHtml {
  const hidden = (name: string, value: string) =>
    html`<input type="hidden" name="${name}" value="${value}" />`;
  return html`${hidden('lead', form.lead.article)}${hidden('leadExpires', form.lead.expires)}
  ${form.featured.map(
    (f, i) =>
      html`${hidden(`featured${i + 1}`, f.article)}${hidden(`featured${i + 1}Expires`, f.expires)}`,
  )}
  ${form.sections.map(
    (s) => html`${hidden('order', s.slug)}${s.shown ? hidden('show', s.slug) : ''}`,
  )}`;
}

/** The banner above a previewed front page: it is not saved; save it, or go back to the form. */
export function frontPreviewBanner(ctx: PageContext, form: FrontForm): SafeHtml {
  const { t } = ctx.i18n;
  return html`<section class="front-preview" aria-label="${t('structure.front.preview')}">
    <p>
      ${ctx.i18n.rich('structure.front.preview.text', {}, { strong: (text) => html`<strong>${text}</strong>` })}
    </p>
    ${postForm(
      ctx,
      '/admin/front',
      html`${frontFormHidden(form)}
        <button type="submit" class="button button--primary" name="intent" value="save">
          ${t('structure.front.preview.save')}
        </button>
        <button type="submit" class="button button--secondary" name="intent" value="edit">
          ${t('structure.front.preview.back')}
        </button>`,
      { className: 'front-preview__form', label: t('structure.front.preview.actions') },
    )}
  </section>`;
}

export function frontEditorView(
  ctx: PageContext,
  props: {
    form: FrontForm;
    candidates: readonly ArticleSummary[];
    sections: readonly Section[];
    problem?: FormProblem | undefined;
    done?: FrontNotice | undefined;
    /** The section button pressed last (`up:SLUG`), focused again after the round trip. */
    focus?: string | undefined;
  },
): SafeHtml {
  const { form, problem } = props;
  const { i18n } = ctx;
  const { t } = i18n;
  const bySlug = new Map(props.sections.map((s) => [s.slug, s]));
  const sectionsError = fieldParts(i18n, frontIds.sections, undefined, problem);
  const main = html`<h1>${t('structure.front.title')}</h1>
    ${doneBanner(noticeText(i18n, frontNotices, props.done))} ${errorSummary(problem)}
    <p>${t('structure.front.intro', { count: featuredSlots, zone: ctx.identity.timeZone })}</p>
    ${postForm(
      ctx,
      '/admin/front',
      html`<button type="submit" name="intent" value="save" hidden>${t('structure.front.save')}</button>
        ${slotFields(i18n, {
          legend: t('structure.front.lead'),
          id: frontIds.lead,
          expiresId: frontIds.leadExpires,
          name: 'lead',
          empty: t('structure.front.lead.empty'),
          value: form.lead,
          candidates: props.candidates,
          problem,
        })}
        <h2>${t('structure.front.featured')}</h2>
        ${form.featured.map((value, i) =>
          slotFields(i18n, {
            legend: t('structure.front.featured.slot', { number: i + 1 }),
            id: frontIds.featured(i),
            expiresId: frontIds.featuredExpires(i),
            name: `featured${i + 1}`,
            empty: t('structure.front.featured.empty'),
            value,
            candidates: props.candidates,
            problem,
          }),
        )}
        <fieldset
          class="fieldset${sectionsError.className}"
          id="${frontIds.sections}"
          tabindex="-1"
          ${problem?.field === frontIds.sections ? html` aria-describedby="${`${frontIds.sections}-error`}"` : ''}
        >
          <legend>${t('structure.front.sections')}</legend>
          <p class="hint">${t('structure.front.sections.hint')}</p>
          ${sectionsError.before} ${sectionRows(i18n, form, bySlug, props.focus)}
        </fieldset>
        <div class="form-actions">
          <button type="submit" class="button button--secondary" name="intent" value="preview">
            ${t('structure.front.preview')}
          </button>
          <button type="submit" class="button button--primary" name="intent" value="save">
            ${t('structure.front.save')}
          </button>
        </div>`,
      { className: 'form front-form', label: t('structure.front.form') },
    )}`;
  return adminPage(ctx, {
    title: t('structure.front.title'),
    current: '/admin/front',
    problem,
    main,
  });
}
