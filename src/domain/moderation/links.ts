import { allow, hold, type Rule } from './types.js';

/**
 * Links as a reader would see them: web addresses written out or behind Markdown link text, and
 * bare domains starting "www.". Mail links count too: they are how spam asks to be contacted.
 */
export function countLinks(body: string): number {
  const matches = body.match(/\b(?:https?:\/\/|www\.|mailto:)[^\s)<>\]]+/gi);
  return matches ? matches.length : 0;
}

/** Spam arrives with links from people who have no record here yet. */
export const holdLinksFromNewCommenters: Rule = (s) => {
  const links = countLinks(s.body);
  if (links === 0 || s.record.approved >= s.policy.linksNeedApproved) return allow;
  return hold(
    'links-from-new-commenter',
    `${links === 1 ? 'a link' : `${links} links`} from someone with ${s.record.approved} approved comments`,
  );
};

/** Many links in one comment is a list of advertisements more often than an argument. */
export const holdManyLinks: Rule = (s) => {
  const links = countLinks(s.body);
  return s.policy.manyLinks > 0 && links >= s.policy.manyLinks
    ? hold('many-links', `${links} links`)
    : allow;
};
