import { allow, hold, type Rule } from './types.js';

/** Below this many letters capitals are an acronym or a cry ("NO!"), not shouting. */
const minimumLetters = 20;
const capitalsShare = 0.7;

/** Mostly capitals, over enough letters to mean it. Letters of any script with case count. */
export const holdShouting: Rule = (s) => {
  // Quoted lines and code are someone else's words.
  const own = s.body
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('>'))
    .join('\n')
    .replace(/`[^`]*`/g, '');
  const upper = own.match(/\p{Lu}/gu)?.length ?? 0;
  const lower = own.match(/\p{Ll}/gu)?.length ?? 0;
  const letters = upper + lower;
  if (letters < minimumLetters || upper / letters < capitalsShare) return allow;
  return hold('shouting', `${Math.round((upper / letters) * 100)} % capitals`);
};
