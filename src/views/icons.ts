import { raw } from './html.js';

/** `directional`: the icon points along the line, so a right-to-left page mirrors it (site.css). */
const svg = (body: string, directional = false) =>
  raw(
    `<svg${directional ? ' class="icon--directional"' : ''} viewBox="0 0 24 24" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">${body}</svg>`,
  );

export const icons = {
  adjust: svg('<path d="M4 19 9 5l5 14M6 14h6"/><path d="M15 19l3-8 3 8M16 16.5h4"/>'),
  comment: svg('<path d="M21 12a8 8 0 0 1-11.6 7.1L4 20l1-4.6A8 8 0 1 1 21 12Z"/>', true),
  print: svg(
    '<path d="M7 9V3h10v6"/><rect x="3" y="9" width="18" height="8" rx="2"/><path d="M7 14h10v7H7z"/>',
  ),
};
