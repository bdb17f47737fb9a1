/**
 * The languages Broadsheet's interface is written in (docs/languages.md says how to add one).
 * A language is a BCP 47 tag, the name readers choose it by (in itself), its direction, and a
 * catalogue in `messages/<tag's language>/`. The pseudo-languages are for tests and translators:
 * `en-XA` marks every catalogue text (so untranslated English stands out), `ar-XB` is the same
 * right-to-left (so a future RTL language needs only its catalogue). They are never listed.
 */
export interface InterfaceLanguage {
  /** BCP 47, as `<html lang>` and Intl take it. */
  tag: string;
  /** The language's name in itself, as a reader looks for it. */
  name: string;
  dir: 'ltr' | 'rtl';
  pseudo?: true;
}

export const languages: readonly InterfaceLanguage[] = [
  { tag: 'en-GB', name: 'English', dir: 'ltr' },
  { tag: 'de-DE', name: 'Deutsch', dir: 'ltr' },
  { tag: 'en-XA', name: '[Ƥşḗḗŭŭḓǿǿ]', dir: 'ltr', pseudo: true },
  { tag: 'ar-XB', name: '[ǝsɹǝʌǝɹ]', dir: 'rtl', pseudo: true },
];

/** The languages an admin or a reader can choose. */
export const shippedLanguages: readonly InterfaceLanguage[] = languages.filter((l) => !l.pseudo);

export const defaultLanguage = 'en-GB';

/** The cookie a reader's Adjust language choice is kept in (a tag of `languages`). */
export const languageCookie = 'bs-lang';

/** The language of a tag (shipped or pseudo), or undefined for anything else. */
export function languageOf(tag: string | undefined | null): InterfaceLanguage | undefined {
  if (!tag) return undefined;
  return languages.find((l) => l.tag === tag);
}
