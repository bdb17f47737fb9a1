import { allow, type Rule } from './types.js';

/** Nobody adds to or edits in a closed discussion; the message says when it closed by itself. */
export const refuseOnClosedArticle: Rule = (s) => {
  if (s.articleMode !== 'closed') return allow;
  const when = s.articleClosedAt
    ? `: they closed automatically at ${s.articleClosedAt.slice(0, 16).replace('T', ' ')} UTC`
    : '';
  return {
    kind: 'refuse',
    status: 422,
    message: `Comments on this article are closed${when}.`,
    reason: {
      code: 'closed-article',
      detail: s.articleClosedAt
        ? `closed automatically at ${s.articleClosedAt}`
        : 'the article is closed to comments',
    },
  };
};
