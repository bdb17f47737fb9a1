/**
 * Words, numbers and dates in the reader's language (decisions/0048-message-catalogue.md).
 *
 * Every string of the interface comes from a catalogue of ICU MessageFormat messages
 * (`messages/<language>/<namespace>.ts`), formatted by FormatJS's `intl-messageformat`, which
 * takes its plural and number rules from the runtime's Intl. A view asks its page context's
 * translator: `t('comments.heading', { count })` for text (escaped by `html` as any string),
 * `rich(...)` for a message with links or emphasis in it, `number`, `dateTime`, `day` and `date`
 * for values. Translators are made once per language and zone and kept.
 */
import { IntlMessageFormat, type FormatXMLElementFn } from 'intl-messageformat';
import { formatInZone, zoneAbbreviation } from '../domain/local-time.js';
import { escapeHtml, SafeHtml } from '../views/html.js';
import { defaultLanguage, languageOf, type InterfaceLanguage } from './languages.js';
import { de } from './messages/de/index.js';
import { en } from './messages/en/index.js';
import type { Catalogue } from './messages/types.js';

type English = typeof en;

/** `namespace.key` of every English message. */
export type MessageKey = {
  [N in keyof English]: `${N & string}.${keyof English[N] & string}`;
}[keyof English];

export type MessageValues = Readonly<Record<string, string | number | Date>>;

/** Every language's catalogue has every namespace and every key of English (checked here). */
type Translation = { readonly [N in keyof English]: Catalogue<English[N]> };

const catalogues: Readonly<Record<string, Translation>> = {
  en: en satisfies Translation,
  de: de satisfies Translation,
};

/** The catalogue of a language tag's language (`de-DE` → `de`); pseudo-languages use English. */
export function catalogueOf(tag: string): Translation {
  const language = tag.split('-')[0] ?? 'en';
  return Object.hasOwn(catalogues, language) ? catalogues[language]! : en;
}

/** The languages with a catalogue, by their catalogue name (`en`, `de`): tests compare them. */
export const allCatalogues: Readonly<Record<string, Translation>> = catalogues;

export interface Translator {
  /** The BCP 47 tag of the language (`<html lang>`). */
  readonly lang: string;
  readonly dir: 'ltr' | 'rtl';
  readonly timeZone: string;
  /** A message as plain text (a view's `html` escapes it like any string). */
  t(key: MessageKey, values?: MessageValues): string;
  /**
   * A message with markup: each `<name>…</name>` in it is drawn by `tags[name]`, whose chunks
   * are already escaped; values are escaped. The message's own text is the catalogue's (trusted).
   */
  rich(key: MessageKey, values?: MessageValues, tags?: Readonly<Record<string, RichTag>>): SafeHtml;
  /** "1,234" / "1.234". */
  number(n: number): string;
  /** "3 December 2026, 08:52 GMT" / "3. Dezember 2026, 08:52 MEZ": in the site's zone, named. */
  dateTime(iso: string | number | Date): string;
  /** "Thursday, 3 December 2026": the day it was in the site's zone. */
  day(iso: string | number | Date): string;
  /** "3 December 2026". */
  date(iso: string | number | Date): string;
}

/** Draws one tag of a rich message around its (escaped) content. */
export type RichTag = (content: SafeHtml) => SafeHtml;

const translators = new Map<string, Translator>();

/** The translator for a language (a shipped or pseudo tag; anything else is the default). */
export function translator(tag: string, timeZone: string): Translator {
  const language = languageOf(tag) ?? languageOf(defaultLanguage)!;
  const id = `${language.tag} ${timeZone}`;
  let made = translators.get(id);
  if (!made) {
    made = makeTranslator(language, timeZone);
    translators.set(id, made);
  }
  return made;
}

function makeTranslator(language: InterfaceLanguage, timeZone: string): Translator {
  const { tag } = language;
  const catalogue = catalogueOf(tag);
  const compiled = new Map<string, IntlMessageFormat>();
  const pseudo = language.pseudo ? (language.dir === 'rtl' ? flip : accent) : undefined;
  // Pseudo-languages take English's plural rules and numbers.
  const formatLocale = language.pseudo ? defaultLanguage : tag;

  const message = (key: MessageKey): IntlMessageFormat => {
    let format = compiled.get(key);
    if (!format) {
      const dot = key.indexOf('.');
      const namespace = catalogue[key.slice(0, dot) as keyof Translation] as
        Readonly<Record<string, string>> | undefined;
      const name = key.slice(dot + 1);
      if (!namespace || !Object.hasOwn(namespace, name)) {
        throw new Error(`No message "${key}" in the ${tag} catalogue`);
      }
      format = new IntlMessageFormat(namespace[name]!, formatLocale, undefined, {
        ignoreTag: false,
      });
      compiled.set(key, format);
    }
    return format;
  };

  const numbers = new Intl.NumberFormat(formatLocale);
  const days = new Intl.DateTimeFormat(formatLocale, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone,
  });
  const dates = new Intl.DateTimeFormat(formatLocale, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone,
  });
  const times = new Intl.DateTimeFormat(formatLocale, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  });
  // A page of comments formats hundreds of times, most seen before.
  const formattedTimes = new Map<number, string>();
  const ms = (when: string | number | Date) =>
    typeof when === 'number' ? when : typeof when === 'string' ? Date.parse(when) : when.getTime();

  const format = (key: MessageKey, values?: MessageValues): string => {
    if (!pseudo) return message(key).format(values) as string;
    return pseudo(message(key).format(fenced(values)) as string);
  };
  // A message without values, or with a count only, says the same every time: a page of comments
  // asks for the same few hundreds of times (decision 0085). Bounded: counts are many.
  const said = new Map<string, string>();
  const t = (key: MessageKey, values?: MessageValues): string => {
    let memo: string | null = null;
    if (values === undefined) memo = key;
    else if (typeof values.count === 'number' && Object.keys(values).length === 1) {
      memo = `${key}#${values.count}`;
    }
    if (memo === null) return format(key, values);
    let text = said.get(memo);
    if (text === undefined) {
      text = format(key, values);
      if (said.size < 4096) said.set(memo, text);
    }
    return text;
  };

  const rich = (
    key: MessageKey,
    values: MessageValues = {},
    tags: Readonly<Record<string, RichTag>> = {},
  ): SafeHtml => {
    const escaped: Record<string, string | number | Date | FormatXMLElementFn<string>> = {};
    for (const [name, value] of Object.entries((pseudo ? fenced(values) : values) ?? {})) {
      escaped[name] = typeof value === 'string' ? escapeHtml(value) : value;
    }
    for (const [name, draw] of Object.entries(tags)) {
      escaped[name] = (chunks) => draw(new SafeHtml(chunks.join(''))).value;
    }
    const out = message(key).format<string>(escaped);
    const markup = Array.isArray(out) ? out.join('') : String(out);
    return new SafeHtml(pseudo ? pseudoMarkup(markup, pseudo) : markup);
  };

  return {
    lang: tag,
    dir: language.dir,
    timeZone,
    t,
    rich,
    number: (n) => numbers.format(n),
    day: (when) => days.format(ms(when)),
    date: (when) => dates.format(ms(when)),
    dateTime: (when) => {
      const at = ms(when);
      let text = formattedTimes.get(at);
      if (text === undefined) {
        text =
          formatLocale === defaultLanguage
            ? formatInZone(at, timeZone)
            : `${times.format(at).replace(' um ', ', ')}\u00a0${zoneAbbreviation(at, timeZone, formatLocale)}`;
        if (formattedTimes.size >= 10_000) formattedTimes.clear();
        formattedTimes.set(at, text);
      }
      return text;
    },
  };
}

// Pseudo-languages: the same text, visibly changed and marked at both ends, so text that does
// not come from the catalogue stands out on a page (and in a test).

const accents: Readonly<Record<string, string>> = Object.fromEntries(
  [...'aeiouyAEIOUYcnsCNS'].map((c, i) => [c, [...'àéîöüÿÀÉÎÖÜŸçñšÇÑŠ'][i]!]),
);

/** Values pass through a pseudo-language unchanged: fenced here, skipped and unfenced there. */
function fenced(values: MessageValues | undefined): MessageValues | undefined {
  if (!values) return values;
  const out: Record<string, string | number | Date> = {};
  for (const [name, value] of Object.entries(values)) {
    out[name] = typeof value === 'string' ? `\u0001${value}\u0002` : value;
  }
  return out;
}

/** Changes letters outside fenced values and character references. */
function changeLetters(text: string, change: (c: string) => string): string {
  /* eslint-disable no-control-regex -- the fences are control characters no message has */
  return text
    .replace(/\u0001[^\u0002]*\u0002|&[#a-zA-Z0-9]+;|[a-zA-Z]/g, (m) =>
      m.length === 1 ? change(m) : m,
    )
    .replace(/[\u0001\u0002]/g, '');
  /* eslint-enable no-control-regex */
}

function accent(text: string): string {
  return `⟦${changeLetters(text, (c) => accents[c] ?? c)}⟧`;
}

function flip(text: string): string {
  return `⟦\u202e${changeLetters(text, (c) => c)}\u202c⟧`;
}

/** Pseudo-translates the text between tags of rich markup, not the tags and attributes. */
function pseudoMarkup(markup: string, pseudo: (text: string) => string): string {
  return markup.replace(/(^|>)([^<]+)(?=<|$)/g, (_all, open: string, text: string) =>
    text.trim() === '' ? open + text : open + pseudo(text),
  );
}
