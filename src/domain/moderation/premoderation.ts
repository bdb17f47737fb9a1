import { allow, hold, type Rule } from './types.js';

/** The site's policy (new commenters or everyone) or a pre-moderated article holds the comment. */
export const holdForPremoderation: Rule = (s) => {
  if (s.articleMode === 'premoderated')
    return hold('premoderation', 'the article is pre-moderated');
  if (s.policy.premoderation === 'everyone')
    return hold('premoderation', 'every comment is reviewed');
  if (s.policy.premoderation === 'new' && s.record.approved < s.policy.newCommenterBelow) {
    return hold(
      'premoderation',
      `new commenter (${s.record.approved} of ${s.policy.newCommenterBelow} approved comments)`,
    );
  }
  return allow;
};
