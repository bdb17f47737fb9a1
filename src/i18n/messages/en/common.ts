/**
 * English: words many pages share. Messages are ICU MessageFormat (plurals: `{count, plural,
 * one {# comment} other {# comments}}`); keys are `<namespace>.<key>` in views.
 */
export default {
  skip: 'Skip to content',
  language: 'Language',
};
