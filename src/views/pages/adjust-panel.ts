/**
 * The Adjust disclosure. It is a <details> so it opens without JavaScript (showing how to use the
 * browser's own zoom); with JavaScript, reader.js turns the summary into a disclosure button
 * (aria-expanded, aria-controls="adjust-panel") and the buttons set and remember the choices.
 * Each choice is a toggle button (aria-pressed) in a named group, so a screen reader hears
 * "Text size, 112%, toggle button, pressed"; the status line confirms a reset.
 */
import { html } from '../html.js';
import { icons } from '../icons.js';

interface Choice {
  value: string;
  label: string;
  isDefault?: boolean;
}

const groups: { setting: string; legend: string; choices: Choice[] }[] = [
  {
    setting: 'size',
    legend: 'Text size',
    choices: [
      { value: '-1', label: '90%' },
      { value: '0', label: '100%', isDefault: true },
      { value: '1', label: '112%' },
      { value: '2', label: '125%' },
      { value: '3', label: '140%' },
      { value: '4', label: '160%' },
      { value: '5', label: '180%' },
    ],
  },
  {
    setting: 'leading',
    legend: 'Line spacing',
    choices: [
      { value: 'tight', label: 'Tight' },
      { value: 'standard', label: 'Standard', isDefault: true },
      { value: 'loose', label: 'Loose' },
    ],
  },
  {
    setting: 'font',
    legend: 'Font',
    choices: [
      { value: 'serif', label: 'Serif', isDefault: true },
      { value: 'sans', label: 'Sans-serif' },
    ],
  },
  {
    setting: 'theme',
    legend: 'Theme',
    choices: [
      { value: 'auto', label: 'Auto (system)', isDefault: true },
      { value: 'light', label: 'Light' },
      { value: 'dark', label: 'Dark' },
      { value: 'sepia', label: 'Sepia' },
    ],
  },
  {
    setting: 'width',
    legend: 'Content width',
    choices: [
      { value: 'narrow', label: 'Narrow' },
      { value: 'standard', label: 'Standard', isDefault: true },
      { value: 'wide', label: 'Wide' },
    ],
  },
];

const panel = html`<details class="adjust">
  <summary class="tool">${icons.adjust}<span>Adjust</span></summary>
  <div class="adjust__panel" id="adjust-panel">
    <p class="adjust__nojs">
      To change the text size, use your browser’s zoom: press Ctrl and + (or ⌘ and + on a Mac) to
      make it larger, Ctrl and − to make it smaller, and Ctrl and 0 to go back to normal.
    </p>
    <div class="adjust__controls">
      ${groups.map(
        (g) =>
          html`<fieldset>
            <legend>${g.legend}</legend>
            <div class="adjust__options">
              ${g.choices.map(
                (c) =>
                  html`<button
                    type="button"
                    data-setting="${g.setting}"
                    data-value="${c.value}"
                    ${c.isDefault ? html` data-default` : ''}
                    aria-pressed="${c.isDefault ? 'true' : 'false'}"
                  >
                    ${c.label}
                  </button>`,
              )}
            </div>
          </fieldset>`,
      )}
      <button type="button" class="adjust__reset" data-reset>Reset to defaults</button>
      <p class="visually-hidden" role="status" data-adjust-status></p>
    </div>
  </div>
</details>`;

export function adjustPanel() {
  return panel;
}
