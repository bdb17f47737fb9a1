import { allow, type Rule } from './types.js';

/** Long enough that the same text on two articles is a copy, not a coincidence ("Agreed!"). */
const crossArticleLength = 30;

export function normaliseForComparison(body: string): string {
  return body.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * The same text as one of the author's own recent comments, on the same article (a double post)
 * or, when it is long, on any article (copy-and-paste spreading), is refused.
 */
export const refuseDuplicates: Rule = (s) => {
  if (s.isEdit) return allow;
  const text = normaliseForComparison(s.body);
  const since = s.now.getTime() - s.policy.duplicateWindowMinutes * 60_000;
  const copy = s.recent.find(
    (r) =>
      Date.parse(r.createdAt) >= since &&
      (r.articleId === s.articleId || text.length >= crossArticleLength) &&
      normaliseForComparison(r.body) === text,
  );
  if (!copy) return allow;
  return {
    kind: 'refuse',
    status: 422,
    message: 'You have just posted the same comment. It is there already.',
    reason: {
      code: 'duplicate',
      detail:
        copy.articleId === s.articleId
          ? 'same text as a recent comment here'
          : 'same text as a recent comment on another article',
    },
  };
};
