/**
 * /admin/menus: the masthead's and the footer's menus, each entry in order with Move up / Move
 * down and Remove (plain forms, so they work from the keyboard and without JavaScript), and a
 * form to add a section, a page or a link at the end.
 */
import { menuLimits, type MenuName } from '../../../domain/menu.js';
import type { MenuChoices, MenuEntryView, MenuView } from '../../../services/menus.js';
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

export const menuNotices = {
  added: 'The entry has been added at the end of the menu.',
  moved: 'The order has been changed.',
  removed: 'The entry has been removed.',
} as const;

const titles: Record<MenuName, string> = { masthead: 'Masthead', footer: 'Footer' };

/** The Add form's inputs of one menu, by the service's field names. */
export function addFields(menu: MenuName) {
  return {
    kind: `${menu}-kind`,
    section: `${menu}-section`,
    page: `${menu}-page`,
    url: `${menu}-url`,
    label: `${menu}-label`,
  } as const;
}

export interface AddValues {
  kind: string;
  section: string;
  page: string;
  url: string;
  label: string;
}

export interface MenuFocus {
  menu: MenuName;
  index: number;
  direction: 'up' | 'down';
}

const kindNames = { section: 'Section', page: 'Page', link: 'Link' } as const;

function describedBy(id: string, hint: string | undefined, problem: FormProblem | undefined) {
  const invalid = problem?.field === id;
  const ids = [hint ? `${id}-hint` : '', invalid ? `${id}-error` : ''].filter(Boolean).join(' ');
  return {
    invalid,
    before: html`${hint ? html`<p class="hint" id="${id}-hint">${hint}</p>` : ''}
    ${invalid ? html`<p class="field-error" id="${id}-error"><span class="visually-hidden">Error:</span> ${problem?.message}</p>` : ''}`,
    attributes: html`${ids ? html` aria-describedby="${ids}"` : ''}${invalid ? html` aria-invalid="true"` : ''}`,
  };
}

function select(props: {
  id: string;
  name: string;
  label: string;
  hint?: string;
  options: { value: string; text: string }[];
  value: string;
  problem: FormProblem | undefined;
}): SafeHtml {
  const d = describedBy(props.id, props.hint, props.problem);
  return html`<div class="field${d.invalid ? ' field--invalid' : ''}">
    <label for="${props.id}">${props.label}</label>
    ${d.before}
    <select id="${props.id}" name="${props.name}" ${d.attributes}>
      ${props.options.map((o) => html`<option value="${o.value}" ${o.value === props.value ? html` selected` : ''}>${o.text}</option>`)}
    </select>
  </div>`;
}

function orderButtons(
  ctx: PageContext,
  menu: MenuName,
  entry: MenuEntryView,
  index: number,
  count: number,
  focus: MenuFocus | undefined,
): SafeHtml {
  const first = index === 0;
  const last = index === count - 1;
  // After a move, the button just used has the focus again (or the other one, at an end), so
  // pressing it again keeps moving the same entry.
  const focusHere = focus?.menu === menu && focus.index === index ? focus.direction : undefined;
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
      ${text}<span class="visually-hidden"> ${entry.text}</span>
    </button>`;
  return postForm(
    ctx,
    `/admin/menus/${menu}/move`,
    html`<input type="hidden" name="index" value="${String(index)}" />
      ${button('up', 'Move up', first)} ${button('down', 'Move down', last)}`,
    { className: 'form form--bare form--inline', label: `Order of ${entry.text}` },
  );
}

function removeButton(ctx: PageContext, menu: MenuName, entry: MenuEntryView, index: number) {
  return postForm(
    ctx,
    `/admin/menus/${menu}/remove`,
    html`<input type="hidden" name="index" value="${String(index)}" />
      <button type="submit" class="button button--secondary button--small">
        Remove<span class="visually-hidden"> ${entry.text}</span>
      </button>`,
    { className: 'form form--bare form--inline', label: `Remove ${entry.text}` },
  );
}

function leadsTo(entry: MenuEntryView): SafeHtml {
  if (entry.href) return html`<a href="${entry.href}">${entry.href}</a>`;
  return html`<span class="tag tag--warn">not shown</span> ${entry.hiddenBecause}`;
}

function entriesTable(ctx: PageContext, view: MenuView, focus: MenuFocus | undefined): SafeHtml {
  const heading = `${view.name}-heading`;
  if (view.entries.length === 0) {
    return html`<p>
      No entries${view.name === 'masthead' ? ': the masthead shows Home only' : ': the footer shows no links'}.
    </p>`;
  }
  return html`<div class="table-scroll" role="region" aria-labelledby="${heading}" tabindex="0">
    <table class="data-table menu-table">
      <thead>
        <tr>
          <th scope="col">Entry</th>
          <th scope="col">Kind</th>
          <th scope="col">Leads to</th>
          <th scope="col">Order</th>
          <th scope="col">Remove</th>
        </tr>
      </thead>
      <tbody>
        ${view.entries.map(
          (e, i) => html`<tr>
            <th scope="row">${e.text}</th>
            <td>${kindNames[e.entry.kind]}</td>
            <td>${leadsTo(e)}</td>
            <td>${orderButtons(ctx, view.name, e, i, view.entries.length, focus)}</td>
            <td>${removeButton(ctx, view.name, e, i)}</td>
          </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

function addForm(
  ctx: PageContext,
  menu: MenuName,
  choices: MenuChoices,
  values: AddValues,
  problem: FormProblem | undefined,
): SafeHtml {
  const ids = addFields(menu);
  return postForm(
    ctx,
    `/admin/menus/${menu}`,
    html`${select({
      id: ids.kind,
      name: 'kind',
      label: 'Kind',
      hint: 'A section or page uses the choice below it; a link uses the address.',
      options: [
        { value: 'section', text: 'Section' },
        { value: 'page', text: 'Page' },
        { value: 'link', text: 'Link' },
      ],
      value: values.kind,
      problem,
    })}
    ${select({
      id: ids.section,
      name: 'section',
      label: 'Section',
      options: [
        { value: '', text: 'Choose a section' },
        ...choices.sections.map((s) => ({
          value: s.slug,
          text: s.hidden ? `${s.name} (hidden)` : s.name,
        })),
      ],
      value: values.section,
      problem,
    })}
    ${select({
      id: ids.page,
      name: 'page',
      label: 'Page',
      hint: 'A draft page is shown once it is published.',
      options: [
        { value: '', text: 'Choose a page' },
        ...choices.pages.map((p) => ({
          value: p.id,
          text: p.status === 'published' ? p.title : `${p.title} (draft)`,
        })),
      ],
      value: values.page,
      problem,
    })}
    ${field({ id: ids.url, name: 'url', label: 'Address (for a link)', value: values.url, hint: 'https://… or a path on this site, such as /corrections.', maxlength: menuLimits.url, autocomplete: 'off', problem })}
    ${field({ id: ids.label, name: 'label', label: 'Label', value: values.label, hint: 'Needed for a link; for a section or page, it replaces the name or title.', maxlength: menuLimits.label, autocomplete: 'off', problem })}
    ${submitButton(`Add to the ${menu}`)}`,
  );
}

export function menusView(
  ctx: PageContext,
  props: {
    menus: MenuView[];
    choices: MenuChoices;
    done?: string | undefined;
    focus?: MenuFocus | undefined;
    /** A refused Add: which menu's form, what it held, and why. */
    refused?: { menu: MenuName; values: AddValues; problem: FormProblem } | undefined;
  },
): SafeHtml {
  const problem = props.refused?.problem;
  const empty: AddValues = { kind: 'section', section: '', page: '', url: '', label: '' };
  const main = html`<h1>Menus</h1>
    ${doneBanner(props.done)} ${errorSummary(problem)}
    <p>
      Every page shows the masthead’s menu (after Home, which is always first) and the footer’s.
      An entry whose section is hidden or removed, or whose page is not published, is left out
      until it leads somewhere again.
    </p>
    ${props.menus.map(
      (view) => html`<section class="panel" aria-labelledby="${view.name}-heading">
        <h2 id="${view.name}-heading">${titles[view.name]}</h2>
        ${view.saved ? '' : html`<p class="hint">Not changed yet: ${view.name === 'masthead' ? 'the visible sections, in their order' : 'Corrections and the feeds'}.</p>`}
        ${entriesTable(ctx, view, props.focus)}
        <h3 id="${view.name}-add-heading">Add to the ${view.name}</h3>
        ${addForm(
          ctx,
          view.name,
          props.choices,
          props.refused?.menu === view.name ? props.refused.values : empty,
          props.refused?.menu === view.name ? problem : undefined,
        )}
      </section>`,
    )}`;
  return adminPage(ctx, { title: 'Menus', current: '/admin/menus', problem, main });
}
