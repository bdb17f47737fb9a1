/**
 * The Adjust disclosure. It is a <details> so it opens without JavaScript (showing how to use the
 * browser's own zoom); with JavaScript, reader.js turns the summary into a disclosure button
 * (aria-expanded, aria-controls="adjust-panel") and the buttons set and remember the choices.
 * Each choice is a toggle button (aria-pressed) in a named group, so a screen reader hears
 * "Text size, 112%, toggle button, pressed"; the status line confirms a reset.
 *
 * The interface language is a form of its own, shown with and without JavaScript: its buttons
 * post the choice to /language (cookie `bs-lang`, then back to the page); with JavaScript,
 * reader.js sets the same cookie and reloads. Either way the server draws the page in the chosen
 * language, so nothing changes after it loads.
 */
import { shippedLanguages } from '../../i18n/languages.js';
import type { MessageKey, Translator } from '../../i18n/translator.js';
import type { PageContext } from '../context.js';
import { html, type SafeHtml } from '../html.js';
import { csrfField } from '../forms.js';
import { icons } from '../icons.js';

interface Choice {
  value: string;
  /** A message, or a label that is the same in every language (a percentage). */
  label: MessageKey | { same: string };
  isDefault?: boolean;
}

const groups: { setting: string; legend: MessageKey; choices: Choice[] }[] = [
  {
    setting: 'size',
    legend: 'reader.adjust.size',
    choices: [
      { value: '-1', label: { same: '90%' } },
      { value: '0', label: { same: '100%' }, isDefault: true },
      { value: '1', label: { same: '112%' } },
      { value: '2', label: { same: '125%' } },
      { value: '3', label: { same: '140%' } },
      { value: '4', label: { same: '160%' } },
      { value: '5', label: { same: '180%' } },
    ],
  },
  {
    setting: 'leading',
    legend: 'reader.adjust.leading',
    choices: [
      { value: 'tight', label: 'reader.adjust.tight' },
      { value: 'standard', label: 'reader.adjust.standard', isDefault: true },
      { value: 'loose', label: 'reader.adjust.loose' },
    ],
  },
  {
    setting: 'font',
    legend: 'reader.adjust.font',
    choices: [
      { value: 'serif', label: 'reader.adjust.serif', isDefault: true },
      { value: 'sans', label: 'reader.adjust.sans' },
    ],
  },
  {
    setting: 'theme',
    legend: 'reader.adjust.theme',
    choices: [
      { value: 'auto', label: 'reader.adjust.auto', isDefault: true },
      { value: 'light', label: 'reader.adjust.light' },
      { value: 'dark', label: 'reader.adjust.dark' },
      { value: 'sepia', label: 'reader.adjust.sepia' },
    ],
  },
  {
    setting: 'width',
    legend: 'reader.adjust.width',
    choices: [
      { value: 'narrow', label: 'reader.adjust.narrow' },
      { value: 'standard', label: 'reader.adjust.standard', isDefault: true },
      { value: 'wide', label: 'reader.adjust.wide' },
    ],
  },
];

/** The reading settings: one drawing per language (they are the same bytes on every page). */
const drawn = new Map<Translator, SafeHtml>();

function controls(i18n: Translator): SafeHtml {
  let made = drawn.get(i18n);
  if (made) return made;
  made = html`<p class="adjust__nojs">${i18n.t('reader.adjust.nojs')}</p>
    <div class="adjust__controls">
      ${groups.map(
        (g) =>
          html`<fieldset>
            <legend>${i18n.t(g.legend)}</legend>
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
                    ${typeof c.label === 'string' ? i18n.t(c.label) : c.label.same}
                  </button>`,
              )}
            </div>
          </fieldset>`,
      )}
      <button type="button" class="adjust__reset" data-reset>${i18n.t('reader.adjust.reset')}</button>
      <p
        class="visually-hidden"
        role="status"
        data-adjust-status
        data-reset-message="${i18n.t('reader.adjust.resetDone')}"
      ></p>
    </div>`;
  drawn.set(i18n, made);
  return made;
}

/**
 * The language choice: the site's language (no cookie) or a shipped language, each named in
 * itself and marked with its own `lang`. `returnTo` is the page to come back to after the post.
 */
function languageForm(ctx: PageContext, returnTo: string): SafeHtml {
  const { i18n } = ctx;
  const chosen = ctx.readerLanguage ?? '';
  return html`<form class="adjust__language" method="post" action="/language" data-language-form>
    ${csrfField(ctx)}
    <input type="hidden" name="return" value="${returnTo}" />
    <fieldset>
      <legend>${i18n.t('common.language')}</legend>
      <div class="adjust__options">
        <button type="submit" name="language" value="" aria-pressed="${chosen === '' ? 'true' : 'false'}">
          ${i18n.t('reader.adjust.siteLanguage')}
        </button>
        ${shippedLanguages.map(
          (l) =>
            html`<button
              type="submit"
              name="language"
              value="${l.tag}"
              lang="${l.tag}"
              aria-pressed="${chosen === l.tag ? 'true' : 'false'}"
            >
              ${l.name}
            </button>`,
        )}
      </div>
      <p class="adjust__note">${i18n.t('reader.adjust.languageNote')}</p>
    </fieldset>
  </form>`;
}

export function adjustPanel(ctx: PageContext, returnTo: string): SafeHtml {
  return html`<details class="adjust">
    <summary class="tool">${icons.adjust}<span>${ctx.i18n.t('reader.adjust.button')}</span></summary>
    <div class="adjust__panel" id="adjust-panel">
      ${controls(ctx.i18n)} ${languageForm(ctx, returnTo)}
    </div>
  </details>`;
}
