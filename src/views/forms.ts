/**
 * Form partials shared by the account and admin pages. A problem is shown twice, the way
 * screen-reader and keyboard users find it: in a summary at the top whose link moves to the field,
 * and beside the field itself, which is marked invalid and described by the message.
 */
import { defaultLanguage } from '../i18n/languages.js';
import { translator, type Translator } from '../i18n/translator.js';
import type { PageContext } from './context.js';
import type { FormProblem } from './reader-state.js';
import { html, type Renderable, type SafeHtml } from './html.js';

/** What went wrong with a submitted form; `field` is the name of the input it concerns. */
export type { FormProblem } from './reader-state.js';

/**
 * The words around a problem in its page's language: the page's translator when the view passes
 * it, else the language the problem was said in (the zone does not matter for these words).
 */
function wordsFor(problem: FormProblem | undefined, i18n: Translator | undefined): Translator {
  return i18n ?? translator(problem?.lang ?? defaultLanguage, 'UTC');
}

/** Every form a signed-in person posts carries their session's token. */
/**
 * The signed-in reader's CSRF token for a form. In a page drawn once for every reader (slots.ts)
 * it is a hole, filled with each reader's own token, so any form on such a page works for them.
 */
export function csrfField(ctx: PageContext): SafeHtml {
  if (ctx.slots) return ctx.slots.add({ render: (v) => csrfField(v.ctx) });
  return ctx.viewer
    ? html`<input type="hidden" name="_csrf" value="${ctx.viewer.csrfToken}" />`
    : html``;
}

export function postForm(
  ctx: PageContext,
  action: string,
  content: Renderable,
  options: { className?: string; label?: string; id?: string } = {},
): SafeHtml {
  return html`<form
    ${options.id ? html` id="${options.id}"` : ''}
    method="post"
    action="${action}"
    class="${options.className ?? 'form'}"
    novalidate
    ${options.label ? html` aria-label="${options.label}"` : ''}
  >
    ${csrfField(ctx)} ${content}
  </form>`;
}

export function errorSummary(
  problem: FormProblem | undefined,
  fieldId?: string,
  i18n?: Translator,
): SafeHtml {
  if (!problem) return html``;
  const target = fieldId ?? problem.field;
  const words = wordsFor(problem, i18n);
  return html`<div class="error-summary" role="alert" aria-labelledby="error-summary-title">
    <h2 id="error-summary-title">${words.t('errors.form.summary')}</h2>
    <ul>
      <li>${target ? html`<a href="#${target}">${problem.message}</a>` : problem.message}</li>
    </ul>
  </div>`;
}

/** A success message after a redirect; `role="status"` so it is announced without moving focus. */
export function doneBanner(message: string | undefined): SafeHtml {
  return message ? html`<p class="done-banner" role="status">${message}</p>` : html``;
}

export interface FieldProps {
  /** The input's id; defaults to its name. */
  id?: string;
  name: string;
  label: string;
  type?: 'text' | 'email' | 'password' | 'search';
  autocomplete?: string;
  value?: string;
  hint?: string;
  required?: boolean;
  maxlength?: number;
  /** The problem, if it concerns this field. */
  problem?: FormProblem | undefined;
  /** The page's translator (else the problem's language says "Error:"). */
  i18n?: Translator;
}

export function field(props: FieldProps): SafeHtml {
  const id = props.id ?? props.name;
  const invalid = props.problem !== undefined && props.problem.field === id;
  const described = [props.hint ? `${id}-hint` : '', invalid ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  return html`<div class="field${invalid ? ' field--invalid' : ''}">
    <label for="${id}">${props.label}</label>
    ${props.hint ? html`<p class="hint" id="${id}-hint">${props.hint}</p>` : ''}
    ${
      invalid
        ? html`<p class="field-error" id="${id}-error">
            <span class="visually-hidden">${wordsFor(props.problem, props.i18n).t('errors.form.error')}</span>
            ${props.problem?.message}
          </p>`
        : ''
    }
    <input
      id="${id}"
      name="${props.name}"
      type="${props.type ?? 'text'}"
      ${props.autocomplete ? html` autocomplete="${props.autocomplete}"` : ''}
      ${props.type === 'password' ? '' : html` value="${props.value ?? ''}"`}
      ${props.required ? html` required` : ''}
      ${props.maxlength ? html` maxlength="${props.maxlength}"` : ''}
      ${described ? html` aria-describedby="${described}"` : ''}
      ${invalid ? html` aria-invalid="true"` : ''}
      ${props.type === 'email' || props.type === 'password' ? html` spellcheck="false" autocapitalize="none"` : ''}
    />
  </div>`;
}

export function submitButton(
  label: string,
  variant: 'primary' | 'secondary' | 'danger' = 'primary',
) {
  return html`<button type="submit" class="button button--${variant}">${label}</button>`;
}

/** "Error: " in the title tells someone arriving on the page that the form came back. */
export function formTitle(
  title: string,
  problem: FormProblem | undefined,
  i18n?: Translator,
): string {
  return problem ? wordsFor(problem, i18n).t('errors.form.title', { title }) : title;
}
