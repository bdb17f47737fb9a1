/**
 * Finding listed words in text whatever the disguise: case, accents and look-alike letters,
 * l33t, repeated letters (obscenity's English transformers), and letters spaced or dotted out
 * ("s p a m", "s.p.a.m"), which we join before matching.
 */
import {
  DataSet,
  RegExpMatcher,
  collapseDuplicatesTransformer,
  parseRawPattern,
  resolveConfusablesTransformer,
  resolveLeetSpeakTransformer,
  toAsciiLowerCaseTransformer,
} from 'obscenity';

/**
 * obscenity's English transformers, except that every repeated letter collapses to one (its set
 * keeps "oo", "ss"… for its own word list); listed words are collapsed the same way, so
 * "spaaamwooord" matches "spamword" and every listed word still matches itself.
 */
const transformers = {
  blacklistMatcherTransformers: [
    resolveConfusablesTransformer(),
    resolveLeetSpeakTransformer(),
    toAsciiLowerCaseTransformer(),
    collapseDuplicatesTransformer({ defaultThreshold: 1 }),
  ],
};

/** A listed word as the transformed text would spell it: no accents, lower case, no doubles. */
export function normaliseListedWord(word: string): string {
  return word
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/(.)\1+/gu, '$1');
}

export interface WordMatcher {
  /** The listed words found, in the order of the list, each once. */
  find(text: string): string[];
}

const cache = new Map<string, WordMatcher>();

/** One matcher per distinct list, kept: building one compiles a regular expression per word. */
export function wordMatcher(words: readonly string[]): WordMatcher {
  const key = words.join('\n');
  let matcher = cache.get(key);
  if (!matcher) {
    if (cache.size > 20) cache.clear();
    matcher = build(words);
    cache.set(key, matcher);
  }
  return matcher;
}

/** obscenity's pattern syntax gives meaning to these; a listed word means them literally. */
function escapePattern(word: string): string {
  return word.replace(/[[\]?|\\]/g, (c) => `\\${c}`);
}

function build(words: readonly string[]): WordMatcher {
  const usable = words.filter((w) => /[\p{L}\p{N}]/u.test(w));
  if (usable.length === 0) return { find: () => [] };
  const data = new DataSet<{ word: string }>();
  for (const word of usable) {
    data.addPhrase((p) =>
      p.setMetadata({ word }).addPattern(parseRawPattern(escapePattern(normaliseListedWord(word)))),
    );
  }
  const matcher = new RegExpMatcher({ ...data.build(), ...transformers });
  const order = new Map(usable.map((w, i) => [w, i]));
  return {
    find(text) {
      const found = new Set<string>();
      const joined = joinSpacedLetters(text);
      // Most text has no spaced-out letters: then one pass is enough.
      for (const variant of joined === text ? [text] : [text, joined]) {
        for (const match of matcher.getAllMatches(variant)) {
          const word = data.getPayloadWithPhraseMetadata(match).phraseMetadata?.word;
          if (word !== undefined) found.add(word);
        }
      }
      return [...found].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
    },
  };
}

/** "s p a m" and "s.p.a.m" become "spam": runs of three or more single characters joined. */
export function joinSpacedLetters(text: string): string {
  return text.replace(
    /(?<![\p{L}\p{N}])(?:[\p{L}\p{N}][\s._*\-+]+){2,}[\p{L}\p{N}](?![\p{L}\p{N}])/gu,
    (run) => run.replace(/[\s._*\-+]+/g, ''),
  );
}
