/**
 * Wall-clock time in a named zone (IANA, e.g. America/New_York) and the instants it names, with
 * the runtime's Intl time zone data only (decisions/0043-local-time.md).
 *
 * A local time names one instant, except around a change of the clocks:
 *
 *   spring forward (02:00 → 03:00)     fall back (02:00 → 01:00)
 *   01:59 ─┐                            01:30 EDT ─┐
 *   02:30   skipped: no instant          01:30 EST ─┴ ambiguous: two instants
 *   03:00 ─┘
 *
 * `instantsOf` says which; nothing here picks for the caller.
 */

/** A wall-clock time: what someone reads off a clock on the wall, without a zone. */
export interface LocalDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

export type LocalTimeInstants =
  /** The local time happens once. */
  | { kind: 'exact'; instant: string }
  /** The clocks go back over it: it happens twice; the earlier instant first. */
  | { kind: 'ambiguous'; choices: [string, string] }
  /**
   * The clocks go forward over it: it never happens. The choices read it with the offset from
   * before the change, then from after (02:30 in New York: 03:30 EDT, or 01:30 EST).
   */
  | { kind: 'skipped'; choices: [string, string] };

const minute = 60_000;
const day = 86_400_000;

const partsFormats = new Map<string, Intl.DateTimeFormat>();

/** One formatter a zone: making one costs far more than using it. */
function partsFormat(zone: string): Intl.DateTimeFormat {
  let format = partsFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormats.set(zone, format);
  }
  return format;
}

/** The wall-clock time in `zone` at an instant (milliseconds), seconds included. */
function wallAt(ms: number, zone: string): LocalDateTime & { second: number } {
  const out = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of partsFormat(zone).formatToParts(ms)) {
    if (part.type in out) out[part.type as keyof typeof out] = Number(part.value);
  }
  return out;
}

/** The wall-clock time read as if it were UTC, in milliseconds: the zone-free arithmetic base. */
function wallMs(t: LocalDateTime, second = 0): number {
  return Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, second);
}

/** How far `zone`'s clocks are ahead of UTC at an instant, in minutes (New York's winter: −300). */
export function offsetMinutes(ms: number, zone: string): number {
  const whole = Math.floor(ms / 1000) * 1000;
  const wall = wallAt(whole, zone);
  return Math.round((wallMs(wall, wall.second) - whole) / minute);
}

/** The instant(s) a local time names in `zone`. */
export function instantsOf(local: LocalDateTime, zone: string): LocalTimeInstants {
  const wall = wallMs(local);
  // Any change of the clocks near this time is within a day of it: the offsets either side
  // (and here) are the only ones it can be read with.
  const before = offsetMinutes(wall - day, zone);
  const after = offsetMinutes(wall + day, zone);
  const found = [...new Set([before, offsetMinutes(wall, zone), after])]
    .map((offset) => wall - offset * minute)
    .filter((ms) => wallMs(wallAt(ms, zone)) === wall)
    .sort((a, b) => a - b);
  const iso = (ms: number) => new Date(ms).toISOString();
  const [first, second] = found;
  if (first !== undefined && second !== undefined && first !== second) {
    return { kind: 'ambiguous', choices: [iso(first), iso(second)] };
  }
  if (first !== undefined) return { kind: 'exact', instant: iso(first) };
  return {
    kind: 'skipped',
    choices: [iso(wall - before * minute), iso(wall - after * minute)],
  };
}

/**
 * A local time as a form sends it; null if none. A `datetime-local` input sends
 * `2026-05-01T09:00` (seconds allowed) whatever language the page is in; where the browser shows
 * a plain text box instead, people type the date as their language writes it: `2026-05-01 09:00`,
 * German `1.5.2026, 09:00` or `01.05.2026 9:00`, British `1/5/2026 09:00` (day first).
 */
export function parseLocalDateTime(text: string): LocalDateTime | null {
  const trimmed = text.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::00(?:\.0{1,3})?)?$/.exec(trimmed);
  const dayFirst =
    /^(\d{1,2})[./](\d{1,2})[./](\d{4}),?\s+(?:um\s+)?(\d{1,2}):(\d{2})(?:\s*Uhr)?$/.exec(trimmed);
  const m = iso
    ? iso.slice(1)
    : dayFirst
      ? [dayFirst[3], dayFirst[2], dayFirst[1], dayFirst[4], dayFirst[5]]
      : null;
  if (!m) return null;
  const [year, month, dayOfMonth, hour, min] = m.map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const t = { year, month, day: dayOfMonth, hour, minute: min };
  // Date.UTC rolls 31 February over to March, and 24:00 into the next day: neither is a time.
  const back = new Date(wallMs(t));
  const same =
    back.getUTCFullYear() === year &&
    back.getUTCMonth() + 1 === month &&
    back.getUTCDate() === dayOfMonth &&
    back.getUTCHours() === hour;
  return same && min < 60 ? t : null;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The `datetime-local` value (`2026-05-01T09:00`) of a local time. */
export function localTimeValue(t: LocalDateTime): string {
  return `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)}T${pad(t.hour)}:${pad(t.minute)}`;
}

/** The `datetime-local` value (`2026-05-01T09:00`) of an instant in `zone`. */
export function localInputValue(iso: string, zone: string): string {
  const t = wallAt(Date.parse(iso), zone);
  return `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)}T${pad(t.hour)}:${pad(t.minute)}`;
}

/** The date (`2026-05-01`) in `zone` at an instant: the day a reader there is living. */
export function localDay(ms: number, zone: string): string {
  const t = wallAt(ms, zone);
  return `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)}`;
}

/**
 * Milliseconds from `ms` until the wall clock in `zone` next reads midnight, as the wall clock
 * counts them. Exact unless the clocks change before then, so callers look again within a
 * minute (see `dayClock`).
 */
function wallMsToMidnight(ms: number, zone: string): number {
  const t = wallAt(ms, zone);
  return day - ((t.hour * 60 + t.minute) * 60 + t.second) * 1000 - (ms % 1000);
}

/**
 * Today's date in a zone, worked out at most once a minute (and at once when the clock passes
 * local midnight or the zone changes): the page cache asks on every request.
 */
export function dayClock(now: () => number, zone: () => string): () => string {
  let known = { zone: '', day: '', from: 0, until: 0 };
  return () => {
    const ms = now();
    const z = zone();
    if (z !== known.zone || ms < known.from || ms >= known.until) {
      known = {
        zone: z,
        day: localDay(ms, z),
        from: ms,
        until: ms + Math.min(minute, wallMsToMidnight(ms, z)),
      };
    }
    return known.day;
  };
}

const abbreviations = new Map<string, Intl.DateTimeFormat[]>();

/**
 * The zone's short name at an instant, as a reader there knows it: GMT, BST, EST, CEST…; where
 * the runtime knows none, the offset ("UTC+5:30").
 */
export function zoneAbbreviation(ms: number, zone: string, language = 'en'): string {
  const id = `${language} ${zone}`;
  let formats = abbreviations.get(id);
  if (!formats) {
    // British English names Europe's zones, American English America's; another language
    // names those it has names for (German: MEZ), and an offset for the rest.
    const locales = language === 'en' ? ['en-GB', 'en-US'] : [language];
    formats = locales.map(
      (locale) => new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: 'short' }),
    );
    abbreviations.set(id, formats);
  }
  for (const format of formats) {
    const name = format.formatToParts(ms).find((p) => p.type === 'timeZoneName')?.value ?? '';
    if (name !== '' && !/^(GMT|UTC)[+-−]/.test(name)) return name;
  }
  return offsetLabel(offsetMinutes(ms, zone));
}

/** An offset from UTC as people write it: "UTC−4", "UTC+5:30", "UTC". */
export function offsetLabel(offset: number): string {
  if (offset === 0) return 'UTC';
  const sign = offset < 0 ? '\u2212' : '+';
  const abs = Math.abs(offset);
  const minutes = abs % 60;
  return `UTC${sign}${Math.floor(abs / 60)}${minutes ? `:${pad(minutes)}` : ''}`;
}

/**
 * "01:30 EDT (UTC−4)": how a choice between two readings of a local time is offered; the zone's
 * name in a language (`de-DE`: "01:30 MESZ (UTC+2)"; `en`, the default, as English names it).
 */
export function choiceLabel(iso: string, zone: string, language = 'en'): string {
  const ms = Date.parse(iso);
  const t = wallAt(ms, zone);
  return `${pad(t.hour)}:${pad(t.minute)} ${zoneAbbreviation(ms, zone, language)} (${offsetLabel(offsetMinutes(ms, zone))})`;
}

const dateTimes = new Map<string, Intl.DateTimeFormat>();

/**
 * "3 December 2026, 08:52 GMT": an instant as a reader in `zone` reads it, naming the zone (for
 * pages through views/format.ts, which keeps what it made; for emails directly).
 */
export function formatInZone(ms: number, zone: string): string {
  let format = dateTimes.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone: zone,
    });
    dateTimes.set(zone, format);
  }
  // A no-break space keeps the zone on the line of the time it qualifies.
  return `${format.format(ms).replace(' at ', ', ')}\u00a0${zoneAbbreviation(ms, zone)}`;
}

const longDate = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/**
 * Why a local time was not taken, naming the two instants it could mean: "01:30 happens twice on
 * 1 November 2026 in America/New_York: choose 01:30 EDT (UTC−4) or 01:30 EST (UTC−5)."
 */
export function unclearLocalTimeMessage(
  local: LocalDateTime,
  zone: string,
  found: Exclude<LocalTimeInstants, { kind: 'exact' }>,
): string {
  const time = `${pad(local.hour)}:${pad(local.minute)}`;
  const date = longDate.format(wallMs(local));
  const [a, b] = found.choices.map((c) => choiceLabel(c, zone));
  return found.kind === 'ambiguous'
    ? `${time} happens twice on ${date} in ${zone}: choose ${a} or ${b}.`
    : `${time} does not happen on ${date} in ${zone}, because the clocks go forward: choose ${a} or ${b}.`;
}
