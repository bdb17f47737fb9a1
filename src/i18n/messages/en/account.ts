/**
 * English: the account namespace (see common.ts for the format): signing up, in and out, the
 * password reset, the account page, reply-email settings, staff invitations and the setup wizard.
 */
export default {
  // Roles, as a person's account names them (a heading-like word, and within a sentence).
  role: '{role, select, commenter {Commenter} author {Author} editor {Editor} moderator {Moderator} admin {Admin} other {{role}}}',

  passwordHint: 'At least {min, number} characters. A few unrelated words make a strong one.',
  'field.email': 'Email address',
  'field.password': 'Password',
  'field.yourName': 'Your name',
  'field.displayName': 'Display name',
  'link.backToSignIn': 'Back to sign in',
  'link.goToAccount': 'Go to your account',
  'link.frontPage': 'Go to the front page',
  'link.signIn': 'Sign in',
  'link.broken': 'This link does not work',

  // Sign in
  'signIn.title': 'Sign in',
  'signIn.submit': 'Sign in',
  'signIn.forgotten': 'Forgotten your password?',
  'signIn.new': 'New here? Create an account',
  'signIn.done.reset': 'Your password has been changed. Sign in with the new one.',
  'signIn.done.signedOutEverywhere': 'You have been signed out on every device.',

  // Sign up
  'signUp.title': 'Create an account',
  'signUp.intro': 'With an account you can join the conversation under articles.',
  'signUp.nameHint': 'Shown beside your comments.',
  'signUp.emailHint': 'We send a link to confirm it. Never shown to others.',
  'signUp.submit': 'Create account',
  'signUp.haveAccount': 'Already have an account? <link>Sign in</link>',

  // Forgotten password and reset
  'forgot.sentTitle': 'Check your email',
  'forgot.sent':
    'If that address belongs to an account, we have sent it a link to choose a new password. The link works once, for one hour.',
  'forgot.again': 'Send another link',
  'forgot.title': 'Reset your password',
  'forgot.intro':
    'Enter the email address of your account and we will send you a link to choose a new password.',
  'forgot.submit': 'Send the link',
  'reset.title': 'Choose a new password',
  'reset.askAgain': 'Ask for a new link',
  'reset.newPassword': 'New password',
  'reset.signedOut': 'You will be signed out on every device, then sign in with the new password.',
  'reset.submit': 'Set new password',

  // The account page
  'page.title': 'Your account',
  'done.welcome':
    'Welcome! Your account is ready. We have emailed you a link to confirm your address.',
  'done.signedIn': 'You are signed in.',
  'done.password': 'Your password has been changed. You have been signed out everywhere else.',
  'done.email':
    'We have sent a confirmation link to the new address. Your email changes when you open it.',
  'done.verificationSent': 'We have sent you a new confirmation link.',
  'done.repliesOn': 'We will email you when someone replies to your comments.',
  'done.repliesOff': 'We will not email you about replies to your comments.',
  'done.digestOn': 'We will email you the moderation digest when comments wait.',
  'done.digestOff': 'We will not email you the moderation digest.',
  'digest.setting': 'Email me the moderation digest',
  'digest.hint':
    'One email when held and reported comments reach the number set in the moderation settings, at most once an hour.',
  'digest.save': 'Save digest setting',
  'done.profile': 'Your author page has been updated.',
  'done.names': 'Your name has been changed.',
  'done.photo': 'Your photo is on your author page.',
  'details.heading': 'Details',
  'details.name': 'Name',
  'details.email': 'Email',
  'details.confirmed': 'confirmed',
  'details.notConfirmed': 'not confirmed yet',
  'details.role': 'Role',
  'details.suspendedUntil': 'Suspended until',
  'details.noMail': 'Did not get the confirmation email? Check your spam folder, or:',
  'details.resend': 'Send the link again',
  'password.heading': 'Change your password',
  'password.current': 'Current password',
  'password.new': 'New password',
  'password.signsOut': 'This signs you out on every other device.',
  'password.submit': 'Change password',
  'email.heading': 'Change your email address',
  'email.new': 'New email address',
  'email.hint': 'We send a link to the new address; the change happens when you open it.',
  'email.password': 'Your password',
  'email.submit': 'Change email',
  'sessions.heading': 'Signed-in devices',
  'sessions.intro':
    'Lost a phone, or signed in on a shared computer? Sign out on every device, this one included.',
  'sessions.submit': 'Sign out everywhere',
  'data.heading': 'Your data',
  'data.intro':
    'One JSON file with everything this site keeps about you: your details, your comments with their earlier versions, your reactions, the reports you made and your settings. It has no password.',
  'data.download': 'Download my data',
  'names.heading': 'Your name',
  'names.hintStaff': 'Shown with your comments and in the newsroom.',
  'names.hint': 'Shown with your comments.',
  'names.byline': 'Byline (optional)',
  'names.bylineHint':
    'The name your articles and author page show, if it differs from your display name. Leave empty to use the display name.',
  'names.submit': 'Save name',
  'photo.form': 'Upload a photo',
  'photo.current': 'Your current photo',
  'photo.replace': 'Replace your photo',
  'photo.upload': 'Upload a photo',
  'photo.hint': 'JPEG, PNG or WebP, at most {size}. It is cropped to a square from its centre.',
  'photo.error': 'Error:',
  'photo.submit': 'Upload photo',
  'profile.heading': 'Your author page',
  'profile.see': 'See your author page',
  'profile.bio': 'Bio',
  'profile.bioHint':
    'A sentence or two, shown above your articles. At most {max, number} characters.',
  'profile.photo': 'Photo address',
  'profile.photoHint':
    'Set by uploading a photo above, or the address of an image stored by this site (it starts with /images/). Leave empty for no photo.',
  'profile.submit': 'Save author page',
  'delete.heading': 'Delete your account',
  'delete.removed':
    'Your comments are removed; where someone replied to one, "Comment deleted" stays in its place.',
  'delete.anonymised': 'Your comments stay where they are, shown as written by "{name}".',
  'delete.warning':
    'This cannot be undone. Your name, email address, password, sign-ins, API tokens and reactions are deleted.',
  'delete.downloadFirst': 'Download your data first if you want a copy.',
  'delete.password': 'Your password, to confirm',
  'delete.hasRole':
    'Your account has the {role, select, commenter {commenter} author {author} editor {editor} moderator {moderator} admin {admin} other {{role}}} role, so it cannot be deleted here: ask an admin to change your role to commenter first (nobody changes their own role, so an admin needs another admin, and the last admin stays).',
  'delete.hasBylines':
    'Your name is in the byline of {count, plural, one {an article} other {# articles}}; ask an editor to change the byline first.',
  'delete.submit': 'Delete my account',
  'deleted.title': 'Your account is deleted',
  'deleted.message':
    'Your name, email address, password, sign-ins and API tokens are gone, and your comments were dealt with as the site’s policy says. Thank you for taking part.',

  // Links from account emails
  'verify.newLinkSignedIn': 'Send a new link from your account page',
  'verify.newLinkSignIn': 'Sign in to get a new link',
  'verify.alreadyTitle': 'Email address already confirmed',
  'verify.already': 'This address is already confirmed; there is nothing more to do.',
  'verify.doneTitle': 'Email address confirmed',
  'verify.done': 'Thank you. {email} is confirmed as the address of your account.',
  'changed.title': 'Email address changed',
  'changed.message': 'Your account’s email address is now {email}.',

  // Reply emails
  'replies.title': 'Stop emails about replies',
  'replies.intro':
    'We email you when someone replies to one of your comments. You can stop these emails here.',
  'replies.stop': 'Stop emails about replies',
  'replies.heading': 'Emails',
  'replies.setting': 'Email me when someone replies to my comments',
  'replies.save': 'Save email settings',
  'replies.badLink':
    'The link is not complete or not genuine. Copy the whole link from the email, or change the setting in your account.',
  'replies.stoppedTitle': 'No more emails about replies',
  'replies.stopped':
    'You will not get emails when someone replies to your comments. You can turn them on again in your account.',

  // Staff invitations
  'invitation.title': 'Join {site}',
  'invitation.heading':
    'Join {site} as {role, select, author {an author} editor {an editor} moderator {a moderator} admin {an admin} other {{role}}}',
  'invitation.introFrom':
    '{name} invites you to join the staff of {site} as {role, select, author {an author} editor {an editor} moderator {a moderator} admin {an admin} other {{role}}}. This invitation is for <strong>{email}</strong>.',
  'invitation.intro':
    'You are invited to join the staff of {site} as {role, select, author {an author} editor {an editor} moderator {a moderator} admin {an admin} other {{role}}}. This invitation is for <strong>{email}</strong>.',
  'invitation.choose':
    'Choose the name shown with your work and a password; you are signed in straight away.',
  'invitation.nameHint': 'Shown on your articles and comments. You can change it later.',
  'invitation.create': 'Create account and accept',
  'invitation.roleChange':
    'Accepting changes the role of your account from {from, select, commenter {commenter} author {author} editor {editor} moderator {moderator} admin {admin} other {{from}}} to {to, select, commenter {commenter} author {author} editor {editor} moderator {moderator} admin {admin} other {{to}}}.',
  'invitation.accept': 'Accept the invitation',
  'invitation.otherViewer':
    'You are signed in as {viewer}. To accept, sign out and sign in with {email}.',
  'invitation.signOut': 'Sign out',
  'invitation.hasAccount':
    '{email} already has an account here. Sign in with it, then accept the invitation on this page.',
  'invitation.signInToAccept': 'Sign in to accept',
  'invitation.closed': 'This invitation is closed',

  // The setup wizard
  'setup.steps': 'Setting up the site',
  'setup.step.admin': 'Your admin account',
  'setup.step.site': 'The site',
  'setup.step.content': 'Content',
  'setup.step.sections': 'Sections',
  'setup.step.done': '(done)',
  'setup.already.title': 'This site is already set up',
  'setup.already.message': 'This site already has an admin, so the setup link no longer works.',
  'setup.admin.title': 'Create the first admin',
  'setup.admin.intro':
    'This site has no admin yet. The account you create here can manage people, settings and everything else. This link works once, within an hour of the server printing it.',
  'setup.admin.submit': 'Create admin account',
  'setup.site.title': 'Set up the site',
  'setup.site.heading': 'The site',
  'setup.site.address': 'Its public address',
  'setup.site.links':
    'Links in emails, feeds and search results use <strong>{url}</strong> (the <code>BASE_URL</code> setting).',
  'setup.site.same': 'That is the address you opened this page at.',
  'setup.site.other':
    'You opened this page at <strong>{openedAt}</strong>, which is not the public address. If readers will use {openedAt}, stop the server and set <code>BASE_URL={openedAt}</code> before going on.',
  'setup.site.reached': 'This server reached {url} and it answered.',
  'setup.site.unreachable':
    'This server could not reach {url}: {reason}. Behind a proxy or a firewall that may be expected; check it from another machine.',
  'setup.site.name': 'Site name',
  'setup.site.nameHint': 'In the masthead, page titles, feeds and emails.',
  'setup.site.tagline': 'Tagline',
  'setup.site.taglineHint': 'A short line above the masthead. Optional.',
  'setup.site.submit': 'Save and go on',
  'setup.site.later': 'The logo, icon, publisher and footer can be set later in Admin → Site.',
  'setup.content.title': 'What the site starts with',
  'setup.content.empty': 'Start empty',
  'setup.content.emptyDemoHint':
    'Removes the demo’s articles, comments, people and sections. Nothing you made is touched.',
  'setup.content.keepDemo': 'Keep the demo site to explore',
  'setup.content.keepDemoHint':
    'Remove it later from Admin → Site, or with “broadsheet demo remove”.',
  'setup.content.emptyHint': 'You add your own sections next.',
  'setup.content.demo': 'Start with the demo site to explore',
  'setup.content.demoHint':
    'A small made-up newspaper with articles, comments and people. Remove it later from Admin → Site.',
  'setup.content.own': 'The site already has content of its own, so it starts with that.',
  'setup.content.demoLoaded':
    'This site has the demo content loaded: a made-up newspaper to show how everything works.',
  'setup.content.startWith': 'Start with',
  'setup.content.submit': 'Go on',
  'setup.sections.title': 'The site’s sections',
  'setup.sections.intro':
    'Every article belongs to a section, and the sections are the site’s navigation: News, Sport, Opinion… Rename, reorder, hide and add more later in Admin → Sections.',
  'setup.sections.existing': 'The site has these',
  'setup.sections.add': 'Add sections',
  'setup.sections.first': 'Its first sections',
  'setup.sections.field': 'Section {n, number}',
  'setup.sections.submit': 'Finish',
};
