/** The frame of every account page: narrow, never indexed, "Error:" in the title after a refusal. */
import type { RichTag } from '../../../i18n/translator.js';
import type { PageContext } from '../../context.js';
import { formTitle, type FormProblem } from '../../forms.js';
import { html, type SafeHtml } from '../../html.js';
import { layout } from '../../layout.js';

export function accountPage(
  ctx: PageContext,
  props: { title: string; problem?: FormProblem | undefined; main: SafeHtml; head?: SafeHtml },
): SafeHtml {
  return layout(ctx, {
    title: formTitle(props.title, props.problem),
    robots: 'noindex',
    ...(props.head ? { head: props.head } : {}),
    main: html`<div class="form-page">${props.main}</div>`,
  });
}

/** A page that only reports what happened, with where to go next. */
export function resultView(
  ctx: PageContext,
  props: { title: string; message: string; links: { href: string; text: string }[] },
): SafeHtml {
  return accountPage(ctx, {
    title: props.title,
    main: html`<h1>${props.title}</h1>
      <p>${props.message}</p>
      <ul class="next-steps">
        ${props.links.map((l) => html`<li><a href="${l.href}">${l.text}</a></li>`)}
      </ul>`,
  });
}

/** The markup account messages may carry: `<strong>` and `<code>` around a value. */
export const emphasis: Readonly<Record<string, RichTag>> = {
  strong: (content) => html`<strong>${content}</strong>`,
  code: (content) => html`<code>${content}</code>`,
};
