/**
 * English: words many pages share. Messages are ICU MessageFormat (plurals: `{count, plural,
 * one {# comment} other {# comments}}`); keys are `<namespace>.<key>` in views.
 */
export default {
  skip: 'Skip to content',
  language: 'Language',
  search: 'Search',
  home: 'Home',
  signIn: 'Sign in',
  signOut: 'Sign out',
  admin: 'Admin',
  'nav.sections': 'Sections',
  'nav.site': 'Site',
  'nav.account': 'Account',
  'nav.footer': 'Footer',
  credit: 'Published with Broadsheet',
  'feed.rss': '{title} (RSS)',
  'feed.atom': '{title} (Atom)',
  /** Two names or items: "A and B". */
  'list.two': '<first></first> and <last></last>',
  /** More: "A, B and C" (`rest` is the others, joined by `list.separator`). */
  'list.more': '<rest></rest> and <last></last>',
  'list.separator': ', ',
  comments: '{count, plural, one {# comment} other {# comments}}',
  'page.older': 'Older articles',
  'footer.corrections': 'Corrections',
  'footer.rss': 'RSS feed',
  'footer.atom': 'Atom feed',
};
