/**
 * Dates and counts as readers see them. Times are shown in the site's time zone (PageContext's
 * `identity.timeZone`), with the zone's abbreviation wherever a time of day is shown.
 *
 * Views in the reader's language use their context's translator (`ctx.i18n.dateTime`, `day`,
 * `number`, plurals in the catalogue) and `nameList` below; the English-only functions after it
 * remain for the views not moved to the catalogue yet (test/i18n.views.test.ts `pending`).
 */
import { formatInZone } from '../domain/local-time.js';
import type { Translator } from '../i18n/translator.js';
import { html, type Renderable, type SafeHtml } from './html.js';

/** "A", "A and B", "A, B and C" in the translator's language; items may be links. */
export function nameList(i18n: Translator, items: readonly Renderable[]): SafeHtml {
  if (items.length <= 1) return html`${items[0] ?? ''}`;
  const last = items[items.length - 1];
  if (items.length === 2) {
    return i18n.rich(
      'common.list.two',
      {},
      { first: () => html`${items[0]}`, last: () => html`${last}` },
    );
  }
  const separator = i18n.t('common.list.separator');
  const rest = items.slice(0, -1).map((item, i) => html`${i === 0 ? '' : separator}${item}`);
  return i18n.rich(
    'common.list.more',
    {},
    { rest: () => html`${rest}`, last: () => html`${last}` },
  );
}

/** The same as plain text (meta tags, structured data): names are not markup. */
export function nameListText(i18n: Translator, names: readonly string[]): string {
  const markup = nameList(i18n, names).value;
  // The names were escaped on the way in; the message's own text is plain.
  return markup
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();
/** Formatted times by zone and ISO string: a page of comments formats hundreds, most seen before. */
const formatted = new Map<string, Map<string, string>>();

/** "3 December 2026, 08:52 GMT": the date and time in `timeZone`, naming the zone. */
export function formatDateTime(iso: string, timeZone: string): string {
  let known = formatted.get(timeZone);
  if (!known) {
    known = new Map();
    formatted.set(timeZone, known);
  }
  const text = known.get(iso);
  if (text !== undefined) return text;
  const made = formatInZone(Date.parse(iso), timeZone);
  if (known.size >= 10_000) known.clear();
  known.set(iso, made);
  return made;
}

/** "Thursday, 3 December 2026": the day it was in `timeZone`. */
export function formatDay(iso: string, timeZone: string): string {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone,
    });
    dayFormats.set(timeZone, format);
  }
  return format.format(Date.parse(iso));
}

export function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
}

export function joinNames(names: string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
