/**
 * The editor's values as form fields (`ArticleForm`), and the field helpers the newsroom's article
 * pages draw them with: a labelled text field, text area and select, each able to show its error.
 */
import type { Article } from '../../../domain/article.js';
import type { Translator } from '../../../i18n/translator.js';
import type { FormProblem } from '../../forms.js';
import { html } from '../../html.js';

/** The editor's values as text fields: what the form shows and sends back. */
export interface ArticleForm {
  headline: string;
  slug: string;
  standfirst: string;
  body: string;
  section: string;
  dateline: string;
  /** Comma-separated. */
  tags: string;
  authors: string;
  related: string;
  /** The related-stories picker's search box. */
  relatedQuery: string;
  version: number;
  substantive: boolean;
  updateNote: string;
}

export function formOf(a: Article, relatedSlugs: string[], authorSlugs?: string[]): ArticleForm {
  return {
    headline: a.headline,
    slug: a.slug,
    standfirst: a.standfirst,
    body: a.body,
    section: a.section.slug,
    dateline: a.dateline,
    tags: a.tags.map((t) => t.name).join(', '),
    authors: (authorSlugs ?? a.authors.map((p) => p.slug)).join(', '),
    related: relatedSlugs.join(', '),
    relatedQuery: '',
    version: a.version,
    substantive: false,
    updateNote: '',
  };
}

/** A new article's form before anything is written. */
export function blankForm(): ArticleForm {
  return {
    headline: '',
    slug: '',
    standfirst: '',
    body: '',
    section: '',
    dateline: '',
    tags: '',
    authors: '',
    related: '',
    relatedQuery: '',
    version: 0,
    substantive: false,
    updateNote: '',
  };
}

export const select = (
  id: string,
  name: string,
  label: string,
  value: string,
  options: { value: string; text: string }[],
) => html`<div class="field">
  <label for="${id}">${label}</label>
  <select id="${id}" name="${name}">
    ${options.map((o) => html`<option value="${o.value}" ${o.value === value ? html` selected` : ''}>${o.text}</option>`)}
  </select>
</div>`;

export function textField(
  id: string,
  name: keyof ArticleForm,
  label: string,
  value: string,
  opts: {
    /** Says "Error:" beside a problem in the page's language. */
    i18n: Translator;
    hint?: string;
    maxlength?: number;
    required?: boolean;
    problem?: FormProblem | undefined;
    readonly?: boolean;
  },
) {
  const invalid = opts.problem?.field === id;
  const described = [opts.hint ? `${id}-hint` : '', invalid ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  return html`<div class="field${invalid ? ' field--invalid' : ''}">
    <label for="${id}">${label}</label>
    ${opts.hint ? html`<p class="hint" id="${id}-hint">${opts.hint}</p>` : ''}
    ${invalid ? html`<p class="field-error" id="${id}-error"><span class="visually-hidden">${opts.i18n.t('newsroom.field.error')}</span> ${opts.problem?.message}</p>` : ''}
    <input id="${id}" name="${name}" type="text" value="${value}"
      ${opts.maxlength ? html` maxlength="${opts.maxlength}"` : ''}
      ${opts.required ? html` required` : ''}
      ${opts.readonly ? html` readonly` : ''}
      ${described ? html` aria-describedby="${described}"` : ''}
      ${invalid ? html` aria-invalid="true"` : ''} />
  </div>`;
}

export function textArea(
  id: string,
  name: keyof ArticleForm,
  label: string,
  value: string,
  opts: {
    i18n: Translator;
    hint?: string;
    rows: number;
    problem?: FormProblem | undefined;
    readonly?: boolean;
  },
) {
  const invalid = opts.problem?.field === id;
  const described = [opts.hint ? `${id}-hint` : '', invalid ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  return html`<div class="field${invalid ? ' field--invalid' : ''}">
    <label for="${id}">${label}</label>
    ${opts.hint ? html`<p class="hint" id="${id}-hint">${opts.hint}</p>` : ''}
    ${invalid ? html`<p class="field-error" id="${id}-error"><span class="visually-hidden">${opts.i18n.t('newsroom.field.error')}</span> ${opts.problem?.message}</p>` : ''}
    <textarea id="${id}" name="${name}" rows="${opts.rows}"
      ${opts.readonly ? html` readonly` : ''}
      ${described ? html` aria-describedby="${described}"` : ''}
      ${invalid ? html` aria-invalid="true"` : ''}>${value}</textarea>
  </div>`;
}
