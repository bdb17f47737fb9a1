/** English: security notices sent to people about their own accounts (see common.ts). */
export default {
  'alert.subject': 'Someone is trying to sign in to your {site} account',
  'alert.greeting': 'Hello {name},',
  'alert.what':
    '{count, plural, one {# attempt} other {# attempts}} to sign in to your {site} account with a wrong password came in the last {minutes} minutes, from places this account has not been used from.',
  'alert.safe':
    'Your password still works from wherever you usually sign in, and nobody got in. If it was not you, you need to do nothing; if your password is one you use elsewhere too, change it.',
  'alert.reset': 'To choose a new password, or to get in from somewhere new, ask for a link here:',
  'alert.you': 'If it was you, and you have forgotten your password, use the same link.',
};
