/**
 * Dates and counts as readers see them. Times are shown in the site's time zone (PageContext's
 * `identity.timeZone`), with the zone's abbreviation wherever a time of day is shown.
 */
import { zoneAbbreviation } from '../domain/local-time.js';

interface ZoneFormats {
  dateTime: Intl.DateTimeFormat;
  dateOnly: Intl.DateTimeFormat;
  /** Formatted times by ISO string: a page of comments formats hundreds, most seen before. */
  formatted: Map<string, string>;
}

const zones = new Map<string, ZoneFormats>();

function formatsFor(timeZone: string): ZoneFormats {
  let formats = zones.get(timeZone);
  if (!formats) {
    formats = {
      dateTime: new Intl.DateTimeFormat('en-GB', {
        day: 'numeric',
        month: 'long',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
        timeZone,
      }),
      dateOnly: new Intl.DateTimeFormat('en-GB', {
        weekday: 'long',
        day: 'numeric',
        month: 'long',
        year: 'numeric',
        timeZone,
      }),
      formatted: new Map(),
    };
    zones.set(timeZone, formats);
  }
  return formats;
}

/** "3 December 2026, 08:52 GMT": the date and time in `timeZone`, naming the zone. */
export function formatDateTime(iso: string, timeZone: string): string {
  const formats = formatsFor(timeZone);
  const known = formats.formatted.get(iso);
  if (known !== undefined) return known;
  const ms = Date.parse(iso);
  // A no-break space keeps the zone on the line of the time it qualifies.
  const text = `${formats.dateTime.format(ms).replace(' at ', ', ')}\u00a0${zoneAbbreviation(ms, timeZone)}`;
  if (formats.formatted.size >= 10_000) formats.formatted.clear();
  formats.formatted.set(iso, text);
  return text;
}

/** "Thursday, 3 December 2026": the day it was in `timeZone`. */
export function formatDay(iso: string, timeZone: string): string {
  return formatsFor(timeZone).dateOnly.format(Date.parse(iso));
}

export function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
}

export function joinNames(names: string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
