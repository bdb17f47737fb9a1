/**
 * A readable diff of two texts, word by word. Additions and removals are <ins> and <del>,
 * labelled in words for screen readers ("added", "removed") and marked by underline and
 * strike-through as well as colour, so colour is never the only cue.
 */
import { diffWords } from 'diff';
import { defaultLanguage } from '../i18n/languages.js';
import { translator, type Translator } from '../i18n/translator.js';
import { html, type SafeHtml } from './html.js';

const hidden = (content: SafeHtml) => html`<span class="visually-hidden">${content}</span>`;

/**
 * The diff, its words for screen readers in the page's language (`ctx.i18n`; without one, the
 * default language).
 */
export function textDiff(
  before: string,
  after: string,
  i18n: Translator = translator(defaultLanguage, 'UTC'),
): SafeHtml {
  if (before === after) {
    return html`<span class="diff__same">${after || i18n.t('newsroom.diff.empty')}</span>`;
  }
  return html`${diffWords(before, after).map((part) => {
    if (part.added) {
      return html`<ins class="diff__added">${i18n.rich('newsroom.diff.added', { text: part.value }, { hidden })}</ins>`;
    }
    if (part.removed) {
      return html`<del class="diff__removed">${i18n.rich('newsroom.diff.removed', { text: part.value }, { hidden })}</del>`;
    }
    return part.value;
  })}`;
}

/** How many words were added and removed, for a one-line summary. */
export function diffCounts(before: string, after: string): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const part of diffWords(before, after)) {
    const words = part.value.trim() ? part.value.trim().split(/\s+/).length : 0;
    if (part.added) added += words;
    else if (part.removed) removed += words;
  }
  return { added, removed };
}
