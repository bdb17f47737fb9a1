/**
 * Escape-by-default HTML templates. `html` is a tagged template: every interpolated value is
 * escaped unless it is itself the result of `html` (or `raw`, which is reserved for markup this
 * program produced, such as rendered Markdown). Arrays are joined; null, undefined and false
 * render nothing.
 */

export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type Renderable = SafeHtml | string | number | boolean | null | undefined | Renderable[];

const escapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

const special = /[&<>"']/;

export function escapeHtml(text: string): string {
  // Most text has nothing to escape: looking costs less than replacing (decision 0085).
  return special.test(text) ? text.replace(/[&<>"']/g, (c) => escapes[c] ?? c) : text;
}

function render(value: Renderable): string {
  if (value instanceof SafeHtml) return value.value;
  if (value === null || value === undefined || value === false || value === true) return '';
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: Renderable[]): SafeHtml {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) {
    out += render(values[i]) + (strings[i + 1] ?? '');
  }
  return new SafeHtml(out);
}

/** Markup this program generated itself (never user input). */
export function raw(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

/** JSON inside <script type="application/ld+json">: `<` is escaped so no tag can close it. */
export function jsonScript(value: unknown): SafeHtml {
  return new SafeHtml(
    JSON.stringify(value)
      .replace(/</g, '\\u003c')
      .replace(/\u2028/g, '\\u2028')
      .replace(/\u2029/g, '\\u2029'),
  );
}
