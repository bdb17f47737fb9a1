/** English: passkeys and the sign-in record on /account, the sign-in and sign-up pages. */
export default {
  'panel.heading': 'Passkeys',
  'panel.intro':
    'A passkey signs you in with your fingerprint, face or device PIN instead of a password. It stays on your device or in your password manager; this site keeps only its public key.',
  'panel.none': 'You have no passkeys yet.',
  'panel.added': 'Added on {date}',
  'panel.lastUsed': 'last used {when}',
  'panel.neverUsed': 'not used yet',
  'panel.rename.label': 'New name for “{name}”',
  'panel.rename.submit': 'Rename',
  'panel.remove.submit': 'Remove “{name}”',
  'panel.onlyWayIn':
    'This passkey is your only way to sign in, so it cannot be removed until you add another passkey or a password.',
  'panel.add.name': 'Name of the new passkey',
  'panel.add.nameHint': 'So you can tell your passkeys apart, for example “Laptop” or “Phone”.',
  'panel.add.submit': 'Add a passkey',
  'panel.add.needsScript':
    'Adding a passkey needs JavaScript and a browser that supports passkeys.',

  'done.added': 'The passkey was added. You can now sign in with it.',
  'done.removed': 'The passkey was removed.',
  'done.renamed': 'The passkey was renamed.',

  'script.working': 'Waiting for your passkey…',
  'script.cancelled': 'No passkey was used. Try again when you are ready.',
  'script.failed': 'That did not work. Try again.',
  'script.fillIn': 'Fill in your name and email address first.',

  'signIn.button': 'Sign in with a passkey',
  'signUp.heading': 'Or sign up with a passkey',
  'signUp.intro':
    'No password to remember: fill in your name and email address above, then make a passkey on this device.',
  'signUp.button': 'Sign up with a passkey',
  defaultName: 'Passkey',

  'audit.heading': 'Recent sign-ins',
  'audit.intro':
    'Sign-ins to your account in the last 90 days. If one was not you, remove any passkey you do not recognise, choose a new password and sign out everywhere.',
  'audit.none': 'No sign-ins in the last 90 days.',
  'audit.password': 'Signed in with a password on {when}',
  'audit.passkey': 'Signed in with passkey “{label}” on {when}',
  'audit.emailLink': 'Signed in with an email link on {when}',
  'audit.sso': 'Signed in with {label} on {when}',
};
