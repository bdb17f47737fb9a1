/**
 * Dates and counts as readers see them. Times are shown in the site's time zone (PageContext's
 * `identity.timeZone`), with the zone's abbreviation wherever a time of day is shown.
 */
import { formatInZone } from '../domain/local-time.js';

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
