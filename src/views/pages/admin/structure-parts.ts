/**
 * Parts the staff pages that shape the site share (sections, menus, static pages, the front
 * page): the Move up / Move down buttons of an ordered row, an input's hint and error, and the
 * notice a redirect names.
 */
import type { MessageKey, Translator } from '../../../i18n/translator.js';
import type { PageContext } from '../../context.js';
import type { FormProblem } from '../../forms.js';
import { postForm } from '../../forms.js';
import { html, type Renderable, type SafeHtml } from '../../html.js';

export type Direction = 'up' | 'down';

/**
 * A row's Move up and Move down buttons, one plain form posting `direction` to `action` (so they
 * work from the keyboard and without JavaScript). At either end the button that cannot move is
 * disabled. After a move, `focus` names the button just used: it has the focus again (or the
 * other one, at an end), so pressing it again keeps moving the same row.
 */
export function orderButtons(
  ctx: PageContext,
  props: {
    action: string;
    /** The row's name, read out after the button's text and in the form's name. */
    name: string;
    index: number;
    count: number;
    focus: Direction | undefined;
    /** Inputs the form sends besides `direction` (which row). */
    fields?: Renderable;
  },
): SafeHtml {
  const { t } = ctx.i18n;
  const first = props.index === 0;
  const last = props.index === props.count - 1;
  const focus = props.focus;
  const wants = (direction: Direction) =>
    focus !== undefined &&
    (focus === direction
      ? !(direction === 'up' ? first : last)
      : direction === 'up'
        ? last
        : first);
  const button = (direction: Direction, disabled: boolean) =>
    html`<button type="submit" name="direction" value="${direction}" class="button button--secondary button--small"
      ${disabled ? html` disabled` : ''}${wants(direction) && !disabled ? html` autofocus` : ''}>
      ${t(direction === 'up' ? 'structure.order.up' : 'structure.order.down')}<span class="visually-hidden"> ${props.name}</span>
    </button>`;
  return postForm(
    ctx,
    props.action,
    html`${props.fields ?? ''}${button('up', first)} ${button('down', last)}`,
    {
      className: 'form form--bare form--inline',
      label: t('structure.order.label', { name: props.name }),
    },
  );
}

/**
 * What an input needs for its hint and its error: the markup above it (hint, then error), the
 * attributes that tie them to it, and whether it is the one the problem concerns.
 */
export function fieldParts(
  i18n: Translator,
  id: string,
  hint: string | undefined,
  problem: FormProblem | undefined,
): { invalid: boolean; before: SafeHtml; attributes: SafeHtml; className: string } {
  const invalid = problem?.field === id;
  const described = [hint ? `${id}-hint` : '', invalid ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  return {
    invalid,
    before: html`${hint ? html`<p class="hint" id="${id}-hint">${hint}</p>` : ''}
    ${invalid ? html`<p class="field-error" id="${id}-error"><span class="visually-hidden">${i18n.t('structure.field.error')}</span> ${problem?.message}</p>` : ''}`,
    attributes: html`${described ? html` aria-describedby="${described}"` : ''}${invalid ? html` aria-invalid="true"` : ''}`,
    className: invalid ? ' field--invalid' : '',
  };
}

/** The notice a redirect's `?done=` names, if it is one of the page's; undefined otherwise. */
export function noticeOf<N extends Readonly<Record<string, MessageKey>>>(
  notices: N,
  done: string | undefined,
): keyof N | undefined {
  return done !== undefined && Object.hasOwn(notices, done) ? done : undefined;
}

/** A notice's text, or undefined for none (what `doneBanner` takes). */
export function noticeText<N extends Readonly<Record<string, MessageKey>>>(
  i18n: Translator,
  notices: N,
  done: keyof N | undefined,
): string | undefined {
  return done === undefined ? undefined : i18n.t(notices[done]!);
}

/** A moment as a `<time>` in the page's language and the site's zone. */
export function timeOf(i18n: Translator, iso: string): SafeHtml {
  return html`<time datetime="${iso}">${i18n.dateTime(iso)}</time>`;
}
