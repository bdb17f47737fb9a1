/** Tags that catalogue messages use in their text (`translator.rich`), drawn the same everywhere. */
import type { RichTag } from '../i18n/translator.js';
import { html } from './html.js';

/** `<hidden>…</hidden>` in a message: words for screen readers only. */
export const hiddenTag: RichTag = (words) => html`<span class="visually-hidden">${words}</span>`;

/** `<time>…</time>` in a message: the time, machine-readable too. */
export function timeTag(iso: string): RichTag {
  return (words) => html`<time datetime="${iso}">${words}</time>`;
}
