/**
 * English: the email namespace (see common.ts for the format). Every email is plain text in the
 * site's language; links and quoted comments are values, never translated.
 */
export default {
  greeting: 'Hello {name},',
  greetingAnonymous: 'Hello,',

  'verify.subject': 'Confirm your email for {site}',
  'verify.body': 'Please confirm this email address for your {site} account by opening this link:',
  'verify.footer': 'The link works for 48 hours. If you did not sign up, ignore this message.',

  'reset.off.subject': 'About your {site} password',
  'reset.off.body':
    'Someone (hopefully you) asked to reset the password of this account. People with your role do not sign in to {site} with a password, so there is none to reset: sign in with a passkey, single sign-on or an email sign-in link, as the sign-in page offers:',
  'reset.subject': 'Reset your {site} password',
  'reset.body':
    'Someone (hopefully you) asked to reset the password of this account. To choose a new one, open:',
  'reset.footer':
    'The link works once, for one hour. If you did not ask, ignore this message: your password is unchanged.',

  'changeEmail.subject': 'Confirm your new email for {site}',
  'changeEmail.body': "To make this your account's email address, open:",
  'changeEmail.footer': 'The link works for 24 hours. Until then your old address stays in use.',

  'emailChanged.subject': 'Your {site} email address was changed',
  'emailChanged.body':
    "The email address of your account is now {email}. If you did not do this, contact the site's editors at once.",

  'invitation.subject':
    'You are invited to join {site} as {role, select, author {an author} editor {an editor} moderator {a moderator} admin {an admin} other {{role}}}',
  'invitation.from':
    '{name} invites you to join the staff of {site} as {role, select, author {an author} editor {an editor} moderator {a moderator} admin {an admin} other {{role}}}.',
  'invitation.fromAdmin':
    'An admin invites you to join the staff of {site} as {role, select, author {an author} editor {an editor} moderator {a moderator} admin {an admin} other {{role}}}.',
  'invitation.hasAccount':
    'You already have an account with this address: open the link, sign in and accept.',
  'invitation.newAccount': 'Open the link to choose your name and password:',
  'invitation.until':
    'The link works once, until {until}. If you did not expect this, ignore this message.',

  'reply.subject': '{name} replied to your comment on {headline}',
  'reply.intro': '{name} replied to your comment on “{headline}”:',
  'reply.read': 'Read it and answer: {link}',
  'reply.why': 'You get these emails because you comment on {site}.',
  'reply.stop': 'Stop emails about replies (one click, no sign-in): {link}',
  'reply.account': 'Or change it in your account: {link}',
};
