/**
 * What text the site takes (decisions/0046): Unicode without C0 control characters other than
 * tab, line feed and carriage return (NUL above all: PostgreSQL cannot store it, SQLite can, so
 * letting it in made the databases disagree), and without lone surrogates (not encodable as
 * UTF-8). Decided once, where text enters: request bodies, form fields, query parameters and
 * paths (http/plugins/text-input.ts), restored and imported files (cleaned, and counted).
 */

/** C0 controls except tab (U+0009), line feed (U+000A) and carriage return (U+000D). */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const refusedControl = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;
// eslint-disable-next-line no-control-regex -- as above
const refusedControls = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g;
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const loneSurrogates = new RegExp(loneSurrogate.source, 'g');

export type TextProblem = 'control' | 'surrogate';

/** Why this text is not taken, or null when it is. */
export function textProblem(text: string): TextProblem | null {
  if (refusedControl.test(text)) return 'control';
  if (loneSurrogate.test(text)) return 'surrogate';
  return null;
}

/** The text without refused controls, lone surrogates replaced by U+FFFD. */
export function cleanText(text: string): string {
  return text.replace(refusedControls, '').replace(loneSurrogates, '\uFFFD');
}

/** What a refusal says about a field (by its name for the API or form). */
export function textProblemMessage(field: string, problem: TextProblem): string {
  return problem === 'control'
    ? `"${field}" contains a control character (such as U+0000) that is not accepted in text; ` +
        'only tab and line breaks are.'
    : `"${field}" contains a broken character (a lone UTF-16 surrogate) that is not valid text.`;
}

/** Percent-decodes text strictly: null when the bytes it names are not valid UTF-8. */
export function decodeStrict(text: string): string | null {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x25 && /^[0-9a-fA-F]{2}$/.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (c < 0x80) {
      bytes.push(c);
    } else {
      // Raw non-ASCII in the text: its own UTF-8 bytes.
      const end = c >= 0xd800 && c <= 0xdbff ? i + 2 : i + 1;
      bytes.push(...encoder.encode(text.slice(i, end)));
      i = end - 1;
    }
  }
  try {
    return decoder.decode(new Uint8Array(bytes));
  } catch {
    return null;
  }
}

const decoder = new TextDecoder('utf-8', { fatal: true });
const encoder = new TextEncoder();

/**
 * Decodes `application/x-www-form-urlencoded` text (also a URL's query string) strictly: `+` is
 * a space, `%XX` a byte, and the bytes of each name and value must be valid UTF-8. Answers the
 * pairs in order, or null when some name or value is not valid UTF-8 (where URLSearchParams
 * would silently put U+FFFD).
 */
export function decodeFormStrict(raw: string): [string, string][] | null {
  const pairs: [string, string][] = [];
  for (const piece of raw.split('&')) {
    if (piece === '') continue;
    const at = piece.indexOf('=');
    const name = decodeStrict((at < 0 ? piece : piece.slice(0, at)).replace(/\+/g, ' '));
    const value = decodeStrict((at < 0 ? '' : piece.slice(at + 1)).replace(/\+/g, ' '));
    if (name === null || value === null) return null;
    pairs.push([name, value]);
  }
  return pairs;
}
