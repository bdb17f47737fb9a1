/**
 * The parts every admin list repeats: a table of records that scrolls sideways in its own named
 * region (so 200 % zoom and 390 px keep the page itself from scrolling), or one sentence when
 * there is none; and a record's action, a small button in a form of its own whose visible word
 * is followed by the record's name for screen readers ("Delete" … "Delete https://…").
 */
import type { PageContext } from '../../context.js';
import { postForm } from '../../forms.js';
import { html, type SafeHtml } from '../../html.js';

export interface RecordTable {
  /** The id of the heading that names the table (and its scrolling region). */
  labelledBy: string;
  /** The column headings, in the site's language. */
  columns: readonly string[];
  /** One `<tr>` per record; the first cell is usually a `<th scope="row">`. */
  rows: readonly SafeHtml[];
  /** What is said instead of an empty table. */
  empty: string;
  /** Classes besides `data-table`. */
  className?: string;
}

export function recordTable(table: RecordTable): SafeHtml {
  if (table.rows.length === 0) return html`<p>${table.empty}</p>`;
  const className = table.className ? `data-table ${table.className}` : 'data-table';
  return html`<div class="table-scroll" role="region" aria-labelledby="${table.labelledBy}" tabindex="0">
    <table class="${className}">
      <thead>
        <tr>
          ${table.columns.map((c) => html`<th scope="col">${c}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${[...table.rows]}
      </tbody>
    </table>
  </div>`;
}

export interface RecordAction {
  /** Where the form posts. */
  action: string;
  /** The button's visible word(s), or its whole content when `forRecord` is not given. */
  label: string | SafeHtml;
  /** Said after the label to screen readers only: which record the button acts on. */
  forRecord?: string;
  variant?: 'secondary' | 'danger';
  /** Hidden inputs sent with the button. */
  fields?: SafeHtml;
  /** Side by side with other content in its cell (`form--inline`). */
  inline?: boolean;
  /** A name for the form itself (a landmark among many alike). */
  formLabel?: string;
}

export function recordAction(ctx: PageContext, a: RecordAction): SafeHtml {
  const forRecord = a.forRecord ? html`<span class="visually-hidden"> ${a.forRecord}</span>` : '';
  return postForm(
    ctx,
    a.action,
    html`${a.fields ?? ''}<button type="submit" class="button button--${a.variant ?? 'secondary'} button--small">
        ${a.label}${forRecord}
      </button>`,
    {
      className: a.inline ? 'form form--bare form--inline' : 'form form--bare',
      ...(a.formLabel ? { label: a.formLabel } : {}),
    },
  );
}
