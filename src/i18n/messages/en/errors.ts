/**
 * English: what a page says when something goes wrong, one message per error condition
 * (src/errors.ts), keyed by the condition; `kind.<kind>` is the general message of a kind, said
 * when a condition's message needs a value its error did not give. Values: `max`, `min` (limits),
 * `seconds` (a wait). Other languages translate these; English pages show the English written
 * where the error is raised, which may say more (decisions/0049-translated-errors.md).
 */
export default {
  // The request itself.
  invalid_request: 'Part of the request is missing or not in the expected form.',
  invalid_json: 'The request could not be read.',
  malformed_request: 'The request could not be read.',
  unreadable_form: 'The form could not be read. Reload the page and try again.',
  one_file_only: 'Send one file at a time.',
  too_long: 'This is too long: at most {max, plural, one {# character} other {# characters}}.',
  too_many: 'Too many: at most {max, number}.',
  invalid_cursor: 'That page of the list is no longer valid. Start again from the first page.',
  body_too_large: 'What was sent is too large.',
  file_too_large: 'That file is too large.',
  unsupported_content_type: 'That kind of content is not accepted here.',
  unsupported_upload: 'That kind of file cannot be uploaded here.',
  cross_site_request: 'This request did not come from this site, so it was refused.',
  form_expired: 'The form has expired. Go back, reload the page and try again.',
  not_found: 'There is nothing at this address. It may have moved, or the link may be mistyped.',
  file_not_found: 'That file was not found.',
  internal: 'Something went wrong on our side. Please try again.',
  image_store_unavailable: 'Images cannot be reached just now. Please try again in a moment.',

  // Accounts.
  invalid_email: 'Enter a valid email address, like name@example.com.',
  invalid_name: 'Enter a name of 1 to {max, plural, one {# character} other {# characters}}.',
  unknown_role: 'Choose a role from the list.',
  password_too_short:
    'The password must be at least {min, plural, one {# character} other {# characters}}.',
  password_too_long:
    'The password must be at most {max, plural, one {# character} other {# characters}}.',
  password_common:
    'That password is one of the most common ones, which attackers try first. Choose another.',
  password_repeated: 'The password must not be one character repeated.',
  wrong_password: 'The password is not right.',
  email_unchanged: 'That is already your email address.',
  invalid_link: 'That link is invalid or has expired.',
  email_taken: 'An account with that email address already exists.',
  admin_exists: 'This site already has an admin. Sign in instead.',
  account_has_role:
    'Your account has a staff role, so it cannot be deleted here. Ask an admin to remove the role first.',
  account_has_bylines:
    'Your name is in the byline of published articles, so the account cannot be deleted here. Ask an editor.',
  user_not_found: 'No account has that email address.',
  sign_in_required: 'Sign in first.',
  sign_in_failed: 'The email address or the password is not right.',
  invalid_passkey_name: 'Give the passkey a name of 1 to {max} characters.',
  passkey_not_saved: 'The passkey could not be saved. Try again.',
  passkey_failed: 'That passkey could not sign you in. Try again, or sign in another way.',
  passkey_not_found: 'That passkey is not one of yours.',
  last_sign_in_method:
    'This is your last way to sign in, so it cannot be removed. Add another way first.',
  invalid_token: 'The token is not valid.',
  account_banned: 'This account has been banned.',
  role_not_allowed: 'Your account is not allowed to do that.',

  // The newsroom.
  headline_required: 'Write a headline.',
  section_required: 'Choose a section.',
  unknown_section: 'That section does not exist.',
  invalid_slug: 'A slug is lower-case letters, digits and single hyphens, like “about-us”.',
  unknown_author: 'One of the authors does not exist.',
  author_not_staff: 'Only members of the staff can be named as authors.',
  unknown_article: 'That article does not exist.',
  invalid_tag: 'That tag cannot be used.',
  not_published: 'This can only be done with a published article.',
  note_required: 'Write the note: it is shown to readers.',
  text_required: 'Write the text.',
  invalid_time: 'Enter a date and time, like 2026-05-01T09:00.',
  invalid_correction_kind: 'Choose whether this is a correction, a clarification or an update.',
  invalid_priority: 'Choose a high or a normal priority.',
  invalid_photo: 'The photo must be an image stored by this site.',
  file_required: 'Choose a file to upload.',
  unknown_image: 'That image does not exist.',
  newsroom_only: 'Only the newsroom can do that.',
  editor_only: 'Only an editor can do that.',
  not_your_article: 'This article is not one of yours.',
  action_not_allowed: 'You cannot do that with this article.',
  stale_version:
    'Someone else saved a newer version meanwhile. Reload to see it, then make your change again.',
  slug_taken: 'That address is already taken: choose another slug.',
  invalid_transition: 'That cannot be done in the article’s present state.',
  status_changed: 'The status changed meanwhile; reload and retry.',
  already_retracted: 'That correction is already retracted.',
  article_withdrawn: 'This article has been withdrawn by the newsroom.',
  unsupported_image: 'That file is not an image we accept: upload a PNG, JPEG or WebP image.',
  authors_missing: 'Add at least one author before publishing.',
  body_missing: 'Write the body before publishing.',
  alt_text_missing:
    'Write alt text for every image (or mark it decorative) before publishing or scheduling.',
  image_missing: 'The text places an image that does not exist.',
  unreadable_image: 'That image could not be read. Try another file.',

  // Comments and moderation.
  body_required: 'Write something before posting.',
  invalid_comment_mode: 'Choose open, pre-moderated, closed, or the site’s setting.',
  invalid_hours: 'Enter a whole number of hours, 0 for never.',
  invalid_report_reason: 'Choose why you are reporting this comment.',
  already_reported: 'You have already reported this comment.',
  own_comment: 'You cannot report your own comment.',
  own_account: 'You cannot change your own role or sanctions.',
  invalid_queue_action: 'That action is not available here.',
  nothing_chosen: 'Choose at least one.',
  invalid_sanction: 'Choose 1 hour, 24 hours, 7 days or a ban.',
  invalid_duration: 'A suspension lasts 1 hour, 24 hours or 7 days.',
  not_your_comment: 'This comment is not yours.',
  author_sanctioned: 'Your account may not do that at the moment.',
  staff_account: 'Staff accounts are suspended or banned by an admin, under People.',
  edit_window_passed: 'The time to edit this comment has passed.',
  comment_deleted: 'That comment has been deleted.',
  comments_closed: 'Comments are closed on this article.',
  duplicate_comment: 'You have already posted this comment.',
  banned_words: 'Your comment contains words this site does not allow. Please reword it.',
  comment_refused: 'Your comment could not be posted.',
  posting_too_fast:
    'You are posting too fast. Try again in {seconds, plural, one {# second} other {# seconds}}.',
  too_many_attempts:
    'Too many attempts. Try again in {seconds, plural, one {# second} other {# seconds}}.',
  too_many_streams: 'Too many live updates are open from your address. Close a tab and try again.',

  // Backups and imports.
  invalid_export: 'That file is not a backup of this site.',
  invalid_import: 'The file was refused, and nothing was imported.',
  database_not_empty: 'The database is not empty. Restore only into a new, empty database.',

  // The site.
  site_name_required: 'Give the site a name.',
  invalid_url: 'Give a web address that starts with https:// or http://.',
  invalid_time_zone: 'Choose a time zone from the list.',
  unknown_language: 'Choose a language from the list.',
  admin_only: 'Only an admin can do that.',
  not_deletable: 'This article cannot be deleted: only a draft that was never published can.',
  pin_unavailable: 'Only a published article can be pinned: choose one from the list.',
  pin_repeated: 'This story is already pinned in another slot: choose another one.',
  pin_expired: 'The expiry time has already passed: choose a later time, or leave it empty.',
  too_many_pins: 'Choose at most {max, plural, one {# story} other {# stories}}.',
  section_repeated: 'A section is listed twice.',
  title_required: 'Write a title.',
  reserved_slug: 'That address is used by the site itself: choose another slug.',
  role_not_invitable: 'Choose a staff role: author, editor, moderator or admin.',
  already_has_role: 'That person already has a staff role.',
  invitation_pending: 'An invitation to that address is already waiting to be accepted.',
  invitation_not_pending: 'Only an invitation that is still waiting can be revoked.',
  invitation_closed: 'This invitation has been accepted, revoked or has expired.',
  invitation_not_yours:
    'This invitation is for another email address. Sign out and sign in with the invited address.',
  section_name_required: 'Enter a name for the section.',
  invalid_section_slug:
    'A section’s slug is lower-case letters, digits and single hyphens, like “local-news”.',
  section_slug_taken: 'That address is already taken: choose another slug for the section.',
  section_not_empty: 'The section has articles: choose a section to move them to.',
  invalid_move_target: 'Choose another section to move the articles to.',
  invalid_section_order: 'Name every section once, in the new order.',
  menu_label_required: 'Write the label of the menu entry.',
  menu_target_unknown: 'Choose a section, a page or a web address for the menu entry.',
  menu_full: 'The menu is full.',
  time_in_past: 'That time has already passed: choose a later one.',
  unclear_local_time:
    'That time does not exist or happens twice on that day, because the clocks change: choose another.',
  time_required: 'Enter the date and time.',
  email_unconfirmed: 'Confirm your email address first: follow the link in the email we sent.',
  idempotency_key_reused: 'This request repeats an earlier one with different content.',
  invalid_encoding: 'The text is not valid UTF-8.',
  invalid_characters: 'The text contains characters that are not allowed.',
  forbidden_key: 'The request contains a key that is not allowed.',
  no_open_reports: 'That comment has no open reports.',
  not_sanctioned: 'That person is not suspended or banned.',
  metrics_forbidden: 'Metrics are not served to this address.',
  invalid_webhook_url: 'Enter a full http:// or https:// address, without a user name or password.',
  webhook_private_address:
    'That address leads to this server or a private network, which webhooks may not reach.',
  webhook_events_required: 'Choose at least one event.',
  invalid_webhook_event: 'One of the events is not known.',
  invalid_webhook_preset: 'Choose one of the formats offered.',
  invalid_webhook_secret:
    'The secret must be 16 to 200 characters long (leave it empty to have one made).',
  delivery_pending: 'That delivery is still waiting to be sent.',
  newsletter_list_required: 'Choose at least one newsletter.',
  newsletter_sent: 'This newsletter has already been sent, so it can no longer be changed.',
  invalid_csv: 'The file is not a CSV file with an email column.',
  not_live: 'This article is not live coverage.',
  already_live: 'This article is live coverage already.',
  live_ended: 'This live coverage has ended: reopen it to post again.',
  live_not_ended: 'This live coverage is still running.',
  update_removed: 'That update has been removed.',
  removal_note_required: 'Say why the update is removed: readers see the note.',
  // The sign-in guard's pauses (for its conditions, on another branch as this is written).
  sign_in_paused_here:
    'Too many failed sign-ins to this account from your network address. Try again in {seconds, plural, one {# second} other {# seconds}}, or choose a new password with a link we email you.',
  sign_in_paused_elsewhere:
    'This account is getting many failed sign-ins, so for now it can be signed in to only from places it was used before. To get in from here, choose a new password with a link we email you.',
  limits_unavailable:
    'This cannot be done for a moment. Try again in {seconds, plural, one {# second} other {# seconds}}.',

  // Sign-in links, single sign-on, the per-role policy (issue 23).
  sign_in_method_off:
    'People with your role cannot sign in this way here. Use a passkey or single sign-on.',
  fresh_sign_in_required:
    'For your safety, sign in again first: this needs a sign-in from the last 10 minutes.',
  no_password: 'This account has no password to remove.',
  sign_in_link_other_browser:
    'This sign-in link works only in the browser that asked for it. Open it there, or ask for a new link in this browser.',
  sso_failed: 'That single sign-on could not be completed. Start again from the sign-in page.',
  sso_unavailable: 'The sign-in provider could not be reached. Try again in a moment.',
  sso_domain_refused: 'This provider does not sign in addresses at that domain here.',
  sso_email_unverified:
    'The provider has not confirmed your email address, so it cannot be used to sign in here.',
  sso_account_unconfirmed:
    'An account with this address exists but its address was never confirmed. Sign in with its password and confirm the address first.',
  unknown_provider: 'That sign-in provider does not exist.',
  provider_field_required: 'Fill in this field.',
  invalid_issuer: 'Enter the provider’s issuer address, starting with https://.',
  invalid_domains: 'Enter one or more email domains, such as example.com, separated by commas.',

  // The general message of each kind of error.
  'kind.bad_request': 'That request could not be done as it was.',
  'kind.unauthorized': 'Sign in first.',
  'kind.forbidden': 'That is not allowed.',
  'kind.not_found': 'That was not found.',
  'kind.method_not_allowed': 'That cannot be done here.',
  'kind.conflict': 'That conflicts with a change made meanwhile. Reload and try again.',
  'kind.gone': 'That has been removed.',
  'kind.payload_too_large': 'What was sent is too large.',
  'kind.unsupported_media_type': 'That kind of content is not accepted here.',
  'kind.rejected': 'That could not be done.',
  'kind.rate_limited': 'Too many requests. Wait a little and try again.',
  'kind.internal': 'Something went wrong on our side. Please try again.',
  'kind.unavailable': 'The site is busy. Please try again shortly.',

  // Pages that say something went wrong, by status, and the words around a form's problems.
  'page.400': 'That request was not understood',
  'page.401': 'Please sign in',
  'page.403': 'Not allowed',
  'page.404': 'Page not found',
  'page.410': 'This page has been removed',
  'page.429': 'Too many requests',
  'page.other': 'Something went wrong',
  'page.home': 'Go to the front page',
  'form.summary': 'There is a problem',
  'form.error': 'Error:',
  'form.title': 'Error: {title}',
};
