/**
 * A readable diff of two texts, word by word. Additions and removals are <ins> and <del>,
 * labelled in words for screen readers ("added", "removed") and marked by underline and
 * strike-through as well as colour, so colour is never the only cue.
 */
import { diffWords } from 'diff';
import { html, type SafeHtml } from './html.js';

export function textDiff(before: string, after: string): SafeHtml {
  if (before === after) return html`<span class="diff__same">${after || '(empty)'}</span>`;
  return html`${diffWords(before, after).map((part) => {
    if (part.added) {
      return html`<ins class="diff__added"><span class="visually-hidden">[added: </span>${part.value}<span class="visually-hidden">]</span></ins>`;
    }
    if (part.removed) {
      return html`<del class="diff__removed"><span class="visually-hidden">[removed: </span>${part.value}<span class="visually-hidden">]</span></del>`;
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
