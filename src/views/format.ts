/** Dates and counts as readers see them. Times are shown in UTC, and say so. */
const dateTime = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC',
});
const dateOnly = new Intl.DateTimeFormat('en-GB', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** Formatted times by ISO string: a page of comments formats hundreds, most of them seen before. */
const formatted = new Map<string, string>();

export function formatDateTime(iso: string): string {
  const known = formatted.get(iso);
  if (known !== undefined) return known;
  // A no-break space keeps "UTC" on the line of the time it qualifies.
  const text = `${dateTime.format(new Date(iso)).replace(' at ', ', ')}\u00a0UTC`;
  if (formatted.size >= 10_000) formatted.clear();
  formatted.set(iso, text);
  return text;
}

export function formatDay(iso: string): string {
  return dateOnly.format(new Date(iso));
}

export function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
}

export function joinNames(names: string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
