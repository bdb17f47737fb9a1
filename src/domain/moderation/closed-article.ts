import { allow, type Rule } from './types.js';

/** Nobody adds to or edits in a closed discussion. */
export const refuseOnClosedArticle: Rule = (s) =>
  s.articleMode === 'closed'
    ? {
        kind: 'refuse',
        status: 422,
        message: 'Comments on this article are closed.',
        reason: { code: 'closed-article', detail: 'the article is closed to comments' },
      }
    : allow;
