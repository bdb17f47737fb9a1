/**
 * Every language's catalogue against English: the same keys, messages that parse, and the same
 * placeholders (a translation that drops `{count}` or renames it would show a raw brace).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { IntlMessageFormat } from 'intl-messageformat';
import { allCatalogues, translator } from './translator.js';

type Namespaces = Readonly<Record<string, Readonly<Record<string, string>>>>;

/** The argument and tag names a message uses, sorted. */
function placeholders(message: string, locale: string): string[] {
  const names = new Set<string>();
  const walk = (nodes: unknown[]): void => {
    for (const node of nodes as {
      type: number;
      value?: string;
      options?: Record<string, { value: unknown[] }>;
      children?: unknown[];
    }[]) {
      // 0 literal, 7 pound: nothing named. Every other element names an argument or a tag.
      if (node.type !== 0 && node.type !== 7 && node.value) names.add(`${node.type}:${node.value}`);
      for (const option of Object.values(node.options ?? {})) walk(option.value);
      if (node.children) walk(node.children);
    }
  };
  walk(new IntlMessageFormat(message, locale).getAst() as unknown[]);
  return [...names].sort();
}

const english = allCatalogues['en'] as unknown as Namespaces;

describe('message catalogues', () => {
  for (const [language, catalogue] of Object.entries(allCatalogues)) {
    const namespaces = catalogue as unknown as Namespaces;
    it(`${language} has every English key and no other`, () => {
      for (const [namespace, messages] of Object.entries(english)) {
        const translated = namespaces[namespace] ?? {};
        assert.deepEqual(
          Object.keys(translated).sort(),
          Object.keys(messages).sort(),
          `namespace ${namespace}`,
        );
      }
    });
    it(`${language}'s messages parse and use English's placeholders`, () => {
      for (const [namespace, messages] of Object.entries(english)) {
        for (const [key, source] of Object.entries(messages)) {
          const text = namespaces[namespace]?.[key];
          if (text === undefined) continue;
          assert.deepEqual(
            placeholders(text, language),
            placeholders(source, 'en'),
            `${namespace}.${key}`,
          );
        }
      }
    });
  }
});

describe('translator', () => {
  it('formats plurals, numbers and dates in the language', () => {
    const en = translator('en-GB', 'Europe/London');
    const de = translator('de-DE', 'Europe/Berlin');
    assert.equal(en.number(1234), '1,234');
    assert.equal(de.number(1234), '1.234');
    assert.equal(en.dateTime('2026-12-03T08:52:00Z'), '3 December 2026, 08:52\u00a0GMT');
    assert.equal(de.dateTime('2026-12-03T08:52:00Z'), '3. Dezember 2026, 09:52\u00a0MEZ');
    assert.equal(de.day('2026-12-03T23:30:00Z'), 'Freitag, 4. Dezember 2026');
    assert.equal(de.t('common.skip'), 'Zum Inhalt springen');
  });

  it('marks catalogue text in a pseudo-language and leaves values alone', () => {
    const pseudo = translator('en-XA', 'UTC');
    assert.equal(pseudo.t('common.skip'), '⟦Škîp tö çöñtéñt⟧');
  });

  it('escapes values in rich messages; an unknown language is the default', () => {
    assert.equal(translator('xx', 'UTC').lang, 'en-GB');
    assert.equal(translator('ar-XB', 'UTC').dir, 'rtl');
  });
});
