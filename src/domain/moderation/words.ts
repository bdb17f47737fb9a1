import { allow, hold, type Rule } from './types.js';
import { wordMatcher } from './word-matcher.js';

function quoted(words: readonly string[]): string {
  return words.map((w) => `"${w}"`).join(', ');
}

/** A banned word refuses the comment and tells the author which, so they can rephrase. */
export const refuseBannedWords: Rule = (s) => {
  const found = wordMatcher(s.policy.bannedWords).find(s.body);
  if (found.length === 0) return allow;
  return {
    kind: 'refuse',
    status: 422,
    message: `Your comment contains words this site does not allow (${quoted(found)}). Please rephrase it.`,
    reason: { code: 'banned-words', detail: `banned ${quoted(found)}` },
  };
};

/** A suspect word is not always abuse, so a person decides. */
export const holdSuspectWords: Rule = (s) => {
  const found = wordMatcher(s.policy.suspectWords).find(s.body);
  return found.length === 0 ? allow : hold('suspect-words', `suspect ${quoted(found)}`);
};
