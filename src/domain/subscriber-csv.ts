/**
 * Subscriber lists as CSV (RFC 4180): reading an import into rows with line numbers, each row
 * either good (an address, its lists, whether consent is stated) or a problem to report, and
 * writing the export. Pure rules: the service decides what a good row does (decisions/0076).
 */
import { normaliseEmail, type NewsletterList, type Subscriber } from './newsletter.js';

/** A row the import will add. `line` is the file's line where the row starts (1 = header). */
export interface CsvSubscriberRow {
  line: number;
  email: string;
  lists: NewsletterList[];
  consent: boolean;
}

/** Why a row is not imported: a message key of the `newsletters` catalogue and its line. */
export type CsvRowProblem =
  | { line: number; problem: 'email' }
  | { line: number; problem: 'list'; value: string }
  | { line: number; problem: 'consent'; value: string }
  | { line: number; problem: 'duplicate'; email: string }
  | { line: number; problem: 'status'; value: string };

export interface CsvSubscriberImport {
  rows: CsvSubscriberRow[];
  problems: CsvRowProblem[];
}

/** At most this many data rows in one import. */
export const maxImportRows = 50_000;

/**
 * Splits CSV text into records, each with the line it starts on. Quoted fields may hold commas,
 * quotes (doubled) and line breaks; CRLF or LF ends a record. Null when a quote is left open.
 */
export function parseCsv(text: string): { line: number; fields: string[] }[] | null {
  const records: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let touched = false;
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (quoted) {
      if (c === '"') {
        if (body[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
      continue;
    }
    if (c === '"' && field === '') {
      quoted = true;
      touched = true;
    } else if (c === ',') {
      fields.push(field);
      field = '';
      touched = true;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && body[i + 1] === '\n') i++;
      if (touched || field !== '') {
        fields.push(field);
        records.push({ line: start, fields });
      }
      fields = [];
      field = '';
      touched = false;
      line++;
      start = line;
    } else {
      field += c;
      touched = true;
    }
  }
  if (quoted) return null;
  if (touched || field !== '') {
    fields.push(field);
    records.push({ line: start, fields });
  }
  return records;
}

const yes = new Set(['yes', 'y', 'true', '1', 'ja', 'j']);
const no = new Set(['no', 'n', 'false', '0', 'nein', '']);

/**
 * Reads an import: a header with an `email` column, optionally `lists` (separated by spaces or
 * semicolons) and `consent` (yes/no); an export's `status` of left or bounced is refused. Rows without lists get `defaultLists`. Null when the file
 * is not such a CSV (no header with `email`, an open quote, too many rows).
 */
export function readSubscriberCsv(
  text: string,
  isKnownList: (list: string) => boolean,
  defaultLists: readonly NewsletterList[],
): CsvSubscriberImport | null {
  const records = parseCsv(text);
  if (!records || records.length === 0) return null;
  const header = records[0]!.fields.map((h) => h.trim().toLowerCase());
  const emailAt = header.indexOf('email');
  if (emailAt < 0 || records.length - 1 > maxImportRows) return null;
  const listsAt = header.indexOf('lists');
  const consentAt = header.indexOf('consent');
  // An export's own column: an address that left or bounced there is not brought back.
  const statusAt = header.indexOf('status');
  const rows: CsvSubscriberRow[] = [];
  const problems: CsvRowProblem[] = [];
  const seen = new Set<string>();
  for (const { line, fields } of records.slice(1)) {
    if (fields.every((f) => f.trim() === '')) continue;
    const email = normaliseEmail(fields[emailAt] ?? '');
    if (!email) {
      problems.push({ line, problem: 'email' });
      continue;
    }
    const named = listsAt < 0 ? [] : (fields[listsAt] ?? '').split(/[\s;]+/).filter(Boolean);
    const unknown = named.find((l) => !isKnownList(l));
    if (unknown !== undefined) {
      problems.push({ line, problem: 'list', value: unknown });
      continue;
    }
    const consentText = consentAt < 0 ? '' : (fields[consentAt] ?? '').trim().toLowerCase();
    if (!yes.has(consentText) && !no.has(consentText)) {
      problems.push({ line, problem: 'consent', value: consentText });
      continue;
    }
    const status = statusAt < 0 ? '' : (fields[statusAt] ?? '').trim().toLowerCase();
    if (status === 'left' || status === 'bounced') {
      problems.push({ line, problem: 'status', value: status });
      continue;
    }
    if (seen.has(email)) {
      problems.push({ line, problem: 'duplicate', email });
      continue;
    }
    seen.add(email);
    rows.push({
      line,
      email,
      lists: named.length > 0 ? [...new Set(named)] : [...defaultLists],
      consent: yes.has(consentText),
    });
  }
  return { rows, problems };
}

/** One CSV field: quoted when it must be, and never read as a formula by a spreadsheet. */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const subscriberCsvHeader =
  'email,lists,status,consent,source,created_at,confirmed_at,consent_at,bounced_at,bounce_reason';

/** A subscriber as an export line (with CRLF): the import reads it back. */
export function subscriberCsvLine(s: Subscriber): string {
  const consent = s.status === 'confirmed' || s.consentAt !== null ? 'yes' : 'no';
  return (
    [
      s.email,
      s.lists.join(' '),
      s.status,
      consent,
      s.source,
      s.createdAt,
      s.confirmedAt ?? '',
      s.consentAt ?? '',
      s.bouncedAt ?? '',
      s.bounceReason ?? '',
    ]
      .map(csvField)
      .join(',') + '\r\n'
  );
}
