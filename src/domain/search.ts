/**
 * Reader search: whatever someone types becomes plain terms. Only runs of letters and digits
 * survive, so no input can reach a database's query syntax (FTS5 operators, NEAR, `*`, column
 * filters, unbalanced quotes or parentheses) and none can make a query fail. Two habits of web
 * search are kept: "quoted words" are a phrase and a leading minus excludes a word.
 */
import type { ArticleSummary } from './article.js';

export interface SearchTerms {
  /** Every one must appear (stemmed). */
  words: string[];
  /** Every one must appear as consecutive words. */
  phrases: string[][];
  /** None may appear. */
  excluded: string[];
  /** When true, any one of the words is enough (the more, the better ranked). */
  any?: boolean;
}

// Words too common to say what a story is about (SQLite's FTS5 keeps every word).
const commonWords = new Set(
  'about after again also been before being from have into more most over said says than that their them then there these they this those under were what when where which while will with would your'.split(
    ' ',
  ),
);

/** Terms that find stories about the same things as a headline: any of its telling words. */
export function relatedTextTerms(headline: string): SearchTerms | null {
  const words = [...new Set(wordsOf(headline))]
    .filter((w) => w.length >= 4 && !commonWords.has(w) && !/^\d+$/.test(w))
    .slice(0, maxTerms);
  return words.length ? { words, phrases: [], excluded: [], any: true } : null;
}

/** Longer input is cut here before parsing: nobody types a 10 KB query on purpose. */
export const maxQueryLength = 400;
const maxTerms = 12;
const maxWordLength = 40;

const wordPattern = /[\p{L}\p{N}]+/gu;

function wordsOf(text: string): string[] {
  // Accents are folded ("café" → "cafe"), as both databases fold the articles' text.
  const plain = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .normalize('NFKC');
  return (plain.toLowerCase().match(wordPattern) ?? [])
    .map((w) => w.slice(0, maxWordLength))
    .filter((w) => w !== 'or' && w !== 'and' && w !== 'not');
}

/** The terms of a query, or null when nothing searchable is left. */
export function parseSearchQuery(raw: string): SearchTerms | null {
  const text = raw.slice(0, maxQueryLength);
  const terms: SearchTerms = { words: [], phrases: [], excluded: [] };
  let budget = maxTerms;
  // A quote opens a phrase up to the next quote (or the end); outside quotes, a word right after
  // a minus (at the start or after a space) is excluded.
  const parts = text.split('"');
  parts.forEach((part, i) => {
    if (budget <= 0) return;
    if (i % 2 === 1) {
      const words = wordsOf(part).slice(0, budget);
      budget -= words.length;
      if (words.length === 1) terms.words.push(words[0] as string);
      else if (words.length > 1) terms.phrases.push(words);
      return;
    }
    for (const chunk of part.split(/\s+/)) {
      if (budget <= 0) return;
      const negated = /^-+[\p{L}\p{N}]/u.test(chunk);
      for (const word of wordsOf(chunk)) {
        if (budget-- <= 0) return;
        (negated ? terms.excluded : terms.words).push(word);
      }
    }
  });
  terms.words = [...new Set(terms.words)];
  terms.excluded = [...new Set(terms.excluded)].filter((w) => !terms.words.includes(w));
  if (terms.words.length === 0 && terms.phrases.length === 0) return null;
  return terms;
}

const quoted = (words: readonly string[]) => `"${words.join(' ')}"`;

/** An FTS5 MATCH expression: every word and phrase a quoted string, so none is an operator. */
export function fts5Query(terms: SearchTerms): string {
  const positive = [...terms.words.map((w) => quoted([w])), ...terms.phrases.map(quoted)].join(
    terms.any ? ' OR ' : ' ',
  );
  if (terms.excluded.length === 0) return positive;
  return `(${positive})${terms.excluded.map((w) => ` NOT ${quoted([w])}`).join('')}`;
}

/** Input for PostgreSQL's websearch_to_tsquery: the same terms in its own quoting. */
export function websearchQuery(terms: SearchTerms): string {
  const positive = [...terms.words, ...terms.phrases.map(quoted)].join(terms.any ? ' or ' : ' ');
  return [positive, ...terms.excluded.map((w) => `-${w}`)].join(' ');
}

/**
 * Highlights come back from the database between these two control characters, which the view
 * turns into <mark> after escaping everything else. They cannot be typed into an article.
 */
export const markStart = '\u0002';
export const markEnd = '\u0003';

/** One published article that matched, with its text marked where the terms matched. */
export interface SearchHit {
  article: ArticleSummary;
  /** The headline, its matching words between markStart and markEnd. */
  headline: string;
  /** The standfirst, marked the same way. */
  standfirst: string;
  /** A passage of the body's Markdown around the matches, marked the same way (maybe none). */
  snippet: string;
}

export interface SearchResults {
  /** How many published articles match in all. */
  total: number;
  /** Best first. */
  hits: SearchHit[];
}

export interface TextPart {
  text: string;
  marked: boolean;
}

/** Splits marked text into plain and highlighted parts; stray markers never leave a part open. */
export function highlightedParts(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let marked = false;
  let current = '';
  const flush = () => {
    if (current) parts.push({ text: current, marked });
    current = '';
  };
  for (const char of text) {
    if (char === markStart || char === markEnd) {
      flush();
      marked = char === markStart;
    } else {
      current += char;
    }
  }
  flush();
  return parts;
}

export function hasHighlight(text: string): boolean {
  return text.includes(markStart);
}

/**
 * A snippet of an article's Markdown, made readable: link targets, related-story markers,
 * emphasis and heading marks are dropped, and line breaks become spaces.
 */
export function readableSnippet(markdown: string): string {
  return markdown
    .replace(/\[\[related:[^\]]*\]\]/g, ' ')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\]\([^)]*$/, '')
    .replace(/\]\([^)]*\)/g, '')
    .replace(/^[^\s()]*\/[^\s()]*\)/, '')
    .replace(/^\s*(?:#+|>+)\s*/gm, '')
    .replace(/[*_`[\]]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
