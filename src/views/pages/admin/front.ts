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
import { formatDay } from '../../format.js';
import { doneBanner, errorSummary, postForm, type FormProblem } from '../../forms.js';
import { html, type SafeHtml } from '../../html.js';
import { adminPage } from './page.js';

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
  saved: 'The front page is saved; readers see it now.',
} as const;

/** Ids of the form's inputs, for labels, errors and the summary's links. */
export const frontIds = {
  lead: 'front-lead',
  leadExpires: 'front-lead-expires',
  featured: (i: number) => `front-featured-${i + 1}`,
  featuredExpires: (i: number) => `front-featured-${i + 1}-expires`,
  sections: 'front-sections',
  section: (slug: string) => `front-section-${slug}`,
};

function option(a: ArticleSummary, selected: string, timeZone: string): SafeHtml {
  const when = a.publishedAt ? ` · ${formatDay(a.publishedAt, timeZone)}` : '';
  return html`<option value="${a.id}" ${a.id === selected ? html` selected` : ''}>
    ${a.headline} (${a.section.name}${when})
  </option>`;
}

function errorOf(id: string, problem: FormProblem | undefined) {
  const invalid = problem?.field === id;
  return {
    text: invalid
      ? html`<p class="field-error" id="${id}-error">
          <span class="visually-hidden">Error:</span> ${problem.message}
        </p>`
      : html``,
    aria: invalid ? html` aria-invalid="true" aria-describedby="${id}-error"` : html``,
    className: invalid ? ' field--invalid' : '',
  };
}

function slotFields(props: {
  legend: string;
  id: string;
  expiresId: string;
  name: string;
  empty: string;
  value: SlotValue;
  candidates: readonly ArticleSummary[];
  problem: FormProblem | undefined;
  timeZone: string;
}): SafeHtml {
  const pick = errorOf(props.id, props.problem);
  const expiry = errorOf(props.expiresId, props.problem);
  return html`<fieldset class="fieldset front-slot">
    <legend>${props.legend}</legend>
    <div class="field${pick.className}">
      <label for="${props.id}">Story</label>
      ${pick.text}
      <select id="${props.id}" name="${props.name}" ${pick.aria}>
        <option value="" ${props.value.article === '' ? html` selected` : ''}>${props.empty}</option>
        ${props.candidates.map((a) => option(a, props.value.article, props.timeZone))}
      </select>
    </div>
    <div class="field${expiry.className}">
      <label for="${props.expiresId}">Unpin after (${props.timeZone} time, optional)</label>
      ${expiry.text}
      <input
        id="${props.expiresId}"
        name="${props.name}Expires"
        type="datetime-local"
        value="${props.value.expires}"
        ${expiry.aria}
      />
    </div>
  </fieldset>`;
}

function sectionRows(
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
              Move ${way}<span class="visually-hidden">: ${name}</span>
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
  return html`<section class="front-preview" aria-label="Preview">
    <p>
      <strong>Preview</strong>: the front page with your arrangement. It is not saved yet, and
      readers do not see it.
    </p>
    ${postForm(
      ctx,
      '/admin/front',
      html`${frontFormHidden(form)}
        <button type="submit" class="button button--primary" name="intent" value="save">
          Save this arrangement
        </button>
        <button type="submit" class="button button--secondary" name="intent" value="edit">
          Back to editing
        </button>`,
      { className: 'front-preview__form', label: 'Preview actions' },
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
    done?: string | undefined;
    /** The section button pressed last (`up:SLUG`), focused again after the round trip. */
    focus?: string | undefined;
  },
): SafeHtml {
  const { form, problem } = props;
  const bySlug = new Map(props.sections.map((s) => [s.slug, s]));
  const sectionsError = errorOf(frontIds.sections, problem);
  const main = html`<h1>Front page</h1>
    ${doneBanner(props.done)} ${errorSummary(problem)}
    <p>
      Pin the lead story and up to ${featuredSlots} featured stories, each until a time you choose
      or until you change it. Without a pin the newest story leads. Times are the site’s
      (${ctx.identity.timeZone}).
    </p>
    ${postForm(
      ctx,
      '/admin/front',
      html`<button type="submit" name="intent" value="save" hidden>Save</button>
        ${slotFields({
          legend: 'Lead story',
          id: frontIds.lead,
          expiresId: frontIds.leadExpires,
          name: 'lead',
          empty: 'The newest story (no pin)',
          value: form.lead,
          candidates: props.candidates,
          problem,
          timeZone: ctx.identity.timeZone,
        })}
        <h2>Featured stories</h2>
        ${form.featured.map((value, i) =>
          slotFields({
            legend: `Featured slot ${i + 1}`,
            id: frontIds.featured(i),
            expiresId: frontIds.featuredExpires(i),
            name: `featured${i + 1}`,
            empty: 'Empty',
            value,
            candidates: props.candidates,
            problem,
            timeZone: ctx.identity.timeZone,
          }),
        )}
        <fieldset
          class="fieldset${sectionsError.className}"
          id="${frontIds.sections}"
          tabindex="-1"
          ${problem?.field === frontIds.sections ? html` aria-describedby="${frontIds.sections}-error"` : ''}
        >
          <legend>Sections on the front page</legend>
          <p class="hint">Ticked sections get a block of their newest stories, in this order.</p>
          ${sectionsError.text} ${sectionRows(form, bySlug, props.focus)}
        </fieldset>
        <div class="form-actions">
          <button type="submit" class="button button--secondary" name="intent" value="preview">
            Preview
          </button>
          <button type="submit" class="button button--primary" name="intent" value="save">
            Save
          </button>
        </div>`,
      { className: 'form front-form', label: 'Front page arrangement' },
    )}`;
  return adminPage(ctx, { title: 'Front page', current: '/admin/front', problem, main });
}
