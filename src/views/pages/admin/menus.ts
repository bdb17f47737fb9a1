/**
 * /admin/menus: the masthead's and the footer's menus, each entry in order with Move up / Move
 * down and Remove (plain forms, so they work from the keyboard and without JavaScript), and a
 * form to add a section, a page or a link at the end.
 */
import { menuKinds, menuLimits, type MenuKind, type MenuName } from '../../../domain/menu.js';
import type { MessageKey, Translator } from '../../../i18n/translator.js';
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
import { recordAction, recordTable } from './record-table.js';
import { fieldParts, noticeText, orderButtons, type Direction } from './structure-parts.js';

export const menuNotices = {
  added: 'structure.menus.notice.added',
  moved: 'structure.menus.notice.moved',
  removed: 'structure.menus.notice.removed',
} as const satisfies Record<string, MessageKey>;
export type MenuNotice = keyof typeof menuNotices;

/** What each menu is called, and the sentences that name it. */
const menuWords = {
  masthead: {
    title: 'structure.menus.masthead',
    unsaved: 'structure.menus.default.masthead',
    empty: 'structure.menus.empty.masthead',
    add: 'structure.menus.add.masthead',
  },
  footer: {
    title: 'structure.menus.footer',
    unsaved: 'structure.menus.default.footer',
    empty: 'structure.menus.empty.footer',
    add: 'structure.menus.add.footer',
  },
} as const satisfies Record<MenuName, Record<string, MessageKey>>;
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
  direction: Direction;
}

const kindNames = {
  section: 'structure.menus.kind.section',
  page: 'structure.menus.kind.page',
  link: 'structure.menus.kind.link',
} as const satisfies Record<MenuKind, MessageKey>;

function select(
  i18n: Translator,
  props: {
    id: string;
    name: string;
    label: string;
    hint?: string;
    options: { value: string; text: string }[];
    value: string;
    problem: FormProblem | undefined;
  },
): SafeHtml {
  const d = fieldParts(i18n, props.id, props.hint, props.problem);
  return html`<div class="field${d.className}">
    <label for="${props.id}">${props.label}</label>
    ${d.before}
    <select id="${props.id}" name="${props.name}" ${d.attributes}>
      ${props.options.map((o) => html`<option value="${o.value}" ${o.value === props.value ? html` selected` : ''}>${o.text}</option>`)}
    </select>
  </div>`;
}

/** The entry's own words, or for a page that is gone, saying so. */
function entryText(i18n: Translator, e: MenuEntryView): string {
  return e.hiddenReason === 'page-removed' && !e.entry.label
    ? i18n.t('structure.menus.removed-page')
    : e.text;
}

function removeButton(ctx: PageContext, menu: MenuName, text: string, index: number) {
  const { t } = ctx.i18n;
  return recordAction(ctx, {
    action: `/admin/menus/${menu}/remove`,
    label: t('structure.menus.remove'),
    forRecord: text,
    fields: html`<input type="hidden" name="index" value="${String(index)}" />`,
    inline: true,
    formLabel: t('structure.menus.remove.label', { name: text }),
  });
}

function leadsTo(i18n: Translator, entry: MenuEntryView): SafeHtml {
  if (entry.href) return html`<a href="${entry.href}">${entry.href}</a>`;
  return html`<span class="tag tag--warn">${i18n.t('structure.menus.not-shown')}</span>
    ${entry.hiddenReason ? i18n.t(`structure.menus.hidden.${entry.hiddenReason}`) : ''}`;
}

function entriesTable(ctx: PageContext, view: MenuView, focus: MenuFocus | undefined): SafeHtml {
  const { t } = ctx.i18n;
  const heading = `${view.name}-heading`;
  return recordTable({
    labelledBy: heading,
    className: 'menu-table',
    columns: [
      t('structure.menus.column.entry'),
      t('structure.menus.column.kind'),
      t('structure.menus.column.leads'),
      t('structure.menus.column.order'),
      t('structure.menus.column.remove'),
    ],
    rows: view.entries.map((e, i) => {
      const text = entryText(ctx.i18n, e);
      return html`<tr>
        <th scope="row">${text}</th>
        <td>${t(kindNames[e.entry.kind])}</td>
        <td>${leadsTo(ctx.i18n, e)}</td>
        <td>${orderButtons(ctx, {
          action: `/admin/menus/${view.name}/move`,
          name: text,
          index: i,
          count: view.entries.length,
          focus: focus?.menu === view.name && focus.index === i ? focus.direction : undefined,
          fields: html`<input type="hidden" name="index" value="${String(i)}" />`,
        })}</td>
        <td>${removeButton(ctx, view.name, text, i)}</td>
      </tr>`;
    }),
    empty: t(menuWords[view.name].empty),
  });
}

function addForm(
  ctx: PageContext,
  menu: MenuName,
  choices: MenuChoices,
  values: AddValues,
  problem: FormProblem | undefined,
): SafeHtml {
  const { i18n } = ctx;
  const { t } = i18n;
  const ids = addFields(menu);
  return postForm(
    ctx,
    `/admin/menus/${menu}`,
    html`${select(i18n, {
      id: ids.kind,
      name: 'kind',
      label: t('structure.menus.field.kind'),
      hint: t('structure.menus.field.kind.hint'),
      options: menuKinds.map((kind) => ({ value: kind, text: t(kindNames[kind]) })),
      value: values.kind,
      problem,
    })}
    ${select(i18n, {
      id: ids.section,
      name: 'section',
      label: t('structure.menus.field.section'),
      options: [
        { value: '', text: t('structure.menus.field.section.choose') },
        ...choices.sections.map((s) => ({
          value: s.slug,
          text: s.hidden ? t('structure.menus.field.section.hidden', { name: s.name }) : s.name,
        })),
      ],
      value: values.section,
      problem,
    })}
    ${select(i18n, {
      id: ids.page,
      name: 'page',
      label: t('structure.menus.field.page'),
      hint: t('structure.menus.field.page.hint'),
      options: [
        { value: '', text: t('structure.menus.field.page.choose') },
        ...choices.pages.map((p) => ({
          value: p.id,
          text:
            p.status === 'published'
              ? p.title
              : t('structure.menus.field.page.draft', { title: p.title }),
        })),
      ],
      value: values.page,
      problem,
    })}
    ${field({ id: ids.url, name: 'url', label: t('structure.menus.field.url'), value: values.url, hint: t('structure.menus.field.url.hint'), maxlength: menuLimits.url, autocomplete: 'off', problem })}
    ${field({ id: ids.label, name: 'label', label: t('structure.menus.field.label'), value: values.label, hint: t('structure.menus.field.label.hint'), maxlength: menuLimits.label, autocomplete: 'off', problem })}
    ${submitButton(t(menuWords[menu].add))}`,
  );
}

export function menusView(
  ctx: PageContext,
  props: {
    menus: MenuView[];
    choices: MenuChoices;
    done?: MenuNotice | undefined;
    focus?: MenuFocus | undefined;
    /** A refused Add: which menu's form, what it held, and why. */
    refused?: { menu: MenuName; values: AddValues; problem: FormProblem } | undefined;
  },
): SafeHtml {
  const { t } = ctx.i18n;
  const problem = props.refused?.problem;
  const empty: AddValues = { kind: 'section', section: '', page: '', url: '', label: '' };
  const main = html`<h1>${t('structure.menus.title')}</h1>
    ${doneBanner(noticeText(ctx.i18n, menuNotices, props.done))} ${errorSummary(problem)}
    <p>${t('structure.menus.intro')}</p>
    ${props.menus.map(
      (view) => html`<section class="panel" aria-labelledby="${view.name}-heading">
        <h2 id="${view.name}-heading">${t(menuWords[view.name].title)}</h2>
        ${view.saved ? '' : html`<p class="hint">${t(menuWords[view.name].unsaved)}</p>`}
        ${entriesTable(ctx, view, props.focus)}
        <h3 id="${view.name}-add-heading">${t(menuWords[view.name].add)}</h3>
        ${addForm(
          ctx,
          view.name,
          props.choices,
          props.refused?.menu === view.name ? props.refused.values : empty,
          props.refused?.menu === view.name ? problem : undefined,
        )}
      </section>`,
    )}`;
  return adminPage(ctx, {
    title: t('structure.menus.title'),
    current: '/admin/menus',
    problem,
    main,
  });
}
