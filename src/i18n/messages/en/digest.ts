/** English: the moderators' email digest (see common.ts for the format). */
export default {
  subject:
    '{count, plural, one {# comment waits} other {# comments wait}} for moderation on {site}',
  greeting: 'Hello {name},',
  held: '{count, plural, =0 {No comment is held for review.} one {# comment is held for review:} other {# comments are held for review:}}',
  reported:
    '{count, plural, =0 {No published comment is reported.} one {# published comment is reported:} other {# published comments are reported:}}',
  why: 'You get this digest when {threshold, plural, one {# comment waits} other {# comments wait}}, at most once every {minutes} minutes.',
  stop: 'To stop it, untick “Email me the moderation digest” on your account page:',
};
