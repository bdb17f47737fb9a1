/**
 * Form partials shared by the account and admin pages. A problem is shown twice, the way
 * screen-reader and keyboard users find it: in a summary at the top whose link moves to the field,
 * and beside the field itself, which is marked invalid and described by the message.
 */
import type { PageContext } from './context.js';
import { html, type Renderable, type SafeHtml } from './html.js';

/** What went wrong with a submitted form; `field` is the name of the input it concerns. */
export interface FormProblem {
  message: string;
  field?: string;
}

/** Every form a signed-in person posts carries their session's token. */
export function csrfField(ctx: PageContext): SafeHtml {
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

export function errorSummary(problem: FormProblem | undefined, fieldId?: string): SafeHtml {
  if (!problem) return html``;
  const target = fieldId ?? problem.field;
  return html`<div class="error-summary" role="alert" aria-labelledby="error-summary-title">
    <h2 id="error-summary-title">There is a problem</h2>
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
            <span class="visually-hidden">Error:</span> ${props.problem?.message}
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
export function formTitle(title: string, problem: FormProblem | undefined): string {
  return problem ? `Error: ${title}` : title;
}
