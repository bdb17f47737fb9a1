/** English: the sign-in namespace — email sign-in links, single sign-on, the per-role policy. */
export default {
  // The sign-in page's additions.
  'link.heading': 'Sign in without a password',
  'link.intro': 'We email you a link that signs you in, in this browser, for 15 minutes.',
  'link.submit': 'Email me a sign-in link',
  'sso.heading': 'Single sign-on',
  'sso.button': 'Sign in with {provider}',

  // After asking for a link.
  'sent.title': 'Check your email',
  'sent.message':
    'If that address belongs to an account that may sign in by email, a sign-in link is on its way. It works for 15 minutes, once, and only in this browser.',
  'sent.back': 'Back to sign-in',

  // The link's own page: a button only, so a mail scanner opening it signs nobody in.
  'confirm.title': 'Sign in to {site}',
  'confirm.message': 'Press the button to finish signing in.',
  'confirm.submit': 'Sign in',
  'otherBrowser.title': 'Open this link in the browser that asked for it',
  'invalid.title': 'This sign-in link cannot be used',
  'invalid.again': 'Ask for a new sign-in link',
  'sso.failed.title': 'Single sign-on did not work',

  // The email.
  'email.subject': 'Your sign-in link for {site}',
  'email.body':
    'Someone asked to sign in to {site} with this address. Open this link in the same browser to sign in. It works once, for 15 minutes:',
  'email.footer':
    'If you did not ask, ignore this email: nobody can use the link in another browser.',

  // /account
  'account.heading': 'Single sign-on',
  'account.linked': '{provider}, as {email}',
  'account.none': 'No single sign-on accounts are linked.',
  'account.unlink': 'Unlink {provider}',
  'account.done.unlinked': 'The single sign-on account was unlinked.',

  // /admin/sign-in
  'admin.title': 'Sign-in',
  'admin.nav': 'Sign-in',
  'admin.policy.heading': 'Ways to sign in, by role',
  'admin.policy.intro':
    'Turn passwords or email links off for a role, for example so staff must use a passkey or single sign-on. Passkeys and single sign-on are always allowed.',
  'admin.policy.password': 'Passwords',
  'admin.policy.emailLink': 'Email links',
  'admin.policy.submit': 'Save the ways to sign in',
  'admin.policy.role': 'Role',
  'admin.providers.heading': 'Single sign-on providers',
  'admin.providers.intro':
    'OpenID Connect providers people may sign in with. Register this redirect address with each provider: {url}',
  'admin.providers.none': 'No providers yet.',
  'admin.providers.name': 'Name',
  'admin.providers.issuer': 'Issuer',
  'admin.providers.domains': 'Allowed email domains',
  'admin.providers.role': 'Role of new accounts',
  'admin.providers.actions': 'Actions',
  'admin.providers.edit': 'Edit {provider}',
  'admin.providers.remove': 'Remove {provider}',
  'admin.add.heading': 'Add a provider',
  'admin.edit.heading': 'Edit {provider}',
  'admin.field.name': 'Name on the sign-in button',
  'admin.field.issuer': 'Issuer address',
  'admin.field.issuer.hint': 'For example https://accounts.example.com',
  'admin.field.clientId': 'Client ID',
  'admin.field.clientSecret': 'Client secret',
  'admin.field.clientSecret.hint': 'Stored, and never shown again.',
  'admin.field.clientSecret.keep':
    'Stored, and never shown again. Leave empty to keep the current one.',
  'admin.field.domains': 'Allowed email domains',
  'admin.field.domains.hint':
    'Only addresses at these domains may sign in with this provider, separated by commas: example.com, example.org',
  'admin.field.role': 'Role of accounts it creates',
  'admin.add.submit': 'Add the provider',
  'admin.edit.submit': 'Save the provider',
  'admin.done.policy': 'The ways to sign in were saved.',
  'admin.done.added': 'The provider was added.',
  'admin.done.saved': 'The provider was saved.',
  'admin.done.removed': 'The provider was removed, with its linked accounts.',

  // /account: the password panel of a person who may sign in without one.
  'password.set.heading': 'Set a password',
  'password.set.intro':
    'You sign in without a password (with a passkey or single sign-on). You may add a password as another way in.',
  'password.set.submit': 'Set password',
  'password.remove.heading': 'Remove your password',
  'password.remove.intro':
    'You can sign in another way (a passkey, single sign-on or an email link), so you may remove your password.',
  'password.remove.submit': 'Remove password',
  'password.done.removed': 'Your password was removed. Sign in with your other ways in.',
  'password.done.set': 'Your password is set. You have been signed out everywhere else.',
  'fresh.confirmed':
    'You have no password: your sign-in of the last few minutes confirms it is you.',
  'fresh.needed':
    'You have no password, so this needs a sign-in from the last 10 minutes. Sign out, sign in again with your passkey or single sign-on, and come back here.',
  'unlink.failed.title': 'The single sign-on account was not unlinked',
  'unlink.back': 'Back to your account',
};
