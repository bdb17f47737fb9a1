/**
 * One error model. An AppError names its condition: what went wrong, in a stable code that
 * clients and forms rely on (never the message, which may be reworded). The catalogue below gives
 * each condition its kind, and the kind its HTTP status, so a call site names the condition only.
 * The error may name the input it concerns (`field`, in the API's field names); a private detail
 * is logged, never sent. docs/api.md lists the conditions for API clients.
 */
export const kindStatus = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  gone: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rejected: 422,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;

/** The general kind of a refusal; the API's `error.code`. */
export type ErrorKind = keyof typeof kindStatus;

export const conditions = {
  // The request itself: its shape, its form data, its upload.
  invalid_request: 'bad_request',
  invalid_json: 'bad_request',
  malformed_request: 'bad_request',
  unreadable_form: 'bad_request',
  one_file_only: 'bad_request',
  too_long: 'bad_request',
  too_many: 'bad_request',
  invalid_cursor: 'bad_request',
  body_too_large: 'payload_too_large',
  file_too_large: 'payload_too_large',
  unsupported_content_type: 'unsupported_media_type',
  unsupported_upload: 'unsupported_media_type',
  cross_site_request: 'forbidden',
  form_expired: 'forbidden',
  not_found: 'not_found',
  file_not_found: 'not_found',
  internal: 'internal',
  image_store_unavailable: 'unavailable',

  // Accounts: signing up and in, passwords, addresses, links sent by email.
  invalid_email: 'bad_request',
  invalid_name: 'bad_request',
  unknown_role: 'bad_request',
  password_too_short: 'bad_request',
  password_too_long: 'bad_request',
  password_common: 'bad_request',
  password_repeated: 'bad_request',
  wrong_password: 'bad_request',
  email_unchanged: 'bad_request',
  invalid_link: 'bad_request',
  email_taken: 'conflict',
  admin_exists: 'conflict',
  account_has_role: 'conflict',
  account_has_bylines: 'conflict',
  user_not_found: 'not_found',
  sign_in_required: 'unauthorized',
  sign_in_failed: 'unauthorized',
  invalid_token: 'unauthorized',
  account_banned: 'forbidden',
  role_not_allowed: 'forbidden',
  // Passkeys (issue 23).
  invalid_passkey_name: 'bad_request',
  passkey_not_saved: 'bad_request',
  passkey_failed: 'unauthorized',
  passkey_not_found: 'not_found',
  last_sign_in_method: 'conflict',

  // The newsroom: articles, the workflow, corrections, images, profiles.
  headline_required: 'bad_request',
  section_required: 'bad_request',
  unknown_section: 'bad_request',
  invalid_slug: 'bad_request',
  unknown_author: 'bad_request',
  author_not_staff: 'bad_request',
  unknown_article: 'bad_request',
  invalid_tag: 'bad_request',
  not_published: 'bad_request',
  note_required: 'bad_request',
  text_required: 'bad_request',
  invalid_time: 'bad_request',
  invalid_correction_kind: 'bad_request',
  invalid_priority: 'bad_request',
  invalid_photo: 'bad_request',
  file_required: 'bad_request',
  unknown_image: 'bad_request',
  newsroom_only: 'forbidden',
  editor_only: 'forbidden',
  not_your_article: 'forbidden',
  action_not_allowed: 'forbidden',
  stale_version: 'conflict',
  slug_taken: 'conflict',
  invalid_transition: 'conflict',
  status_changed: 'conflict',
  already_retracted: 'conflict',
  article_withdrawn: 'gone',
  unsupported_image: 'unsupported_media_type',
  authors_missing: 'rejected',
  body_missing: 'rejected',
  alt_text_missing: 'rejected',
  image_missing: 'rejected',
  unreadable_image: 'rejected',

  // Comments and moderation.
  body_required: 'bad_request',
  invalid_comment_mode: 'bad_request',
  invalid_hours: 'bad_request',
  invalid_report_reason: 'bad_request',
  already_reported: 'conflict',
  own_comment: 'bad_request',
  own_account: 'bad_request',
  invalid_queue_action: 'bad_request',
  nothing_chosen: 'bad_request',
  invalid_sanction: 'bad_request',
  invalid_duration: 'bad_request',
  not_your_comment: 'forbidden',
  author_sanctioned: 'forbidden',
  staff_account: 'forbidden',
  edit_window_passed: 'rejected',
  comment_deleted: 'rejected',
  comments_closed: 'rejected',
  duplicate_comment: 'rejected',
  banned_words: 'rejected',
  comment_refused: 'rejected',
  posting_too_fast: 'rate_limited',
  too_many_attempts: 'rate_limited',
  too_many_streams: 'rate_limited',
  sign_in_paused_here: 'rate_limited',
  sign_in_paused_elsewhere: 'rate_limited',
  // The shared limits' backend (database or Redis) did not answer: guarded doors stay shut.
  limits_unavailable: 'unavailable',

  // Backups and imports, from the command line or the admin pages.
  invalid_export: 'bad_request',
  invalid_import: 'bad_request',
  database_not_empty: 'conflict',

  // The site: its identity, set up by an admin.
  site_name_required: 'bad_request',
  invalid_url: 'bad_request',
  invalid_time_zone: 'bad_request',
  unknown_language: 'bad_request',
  admin_only: 'forbidden',
  // Deleting drafts (decisions/0040).
  not_deletable: 'conflict',
  // The front page's arrangement (pins, featured slots, sections).
  pin_unavailable: 'rejected',
  pin_repeated: 'rejected',
  pin_expired: 'rejected',
  too_many_pins: 'rejected',
  section_repeated: 'rejected',
  // Static pages.
  title_required: 'rejected',
  reserved_slug: 'rejected',
  // Staff: invitations, names and bylines (issue 16).
  role_not_invitable: 'rejected',
  already_has_role: 'conflict',
  invitation_pending: 'conflict',
  invitation_not_pending: 'conflict',
  invitation_closed: 'gone',
  invitation_not_yours: 'forbidden',
  // Sections, managed by admins.
  section_name_required: 'rejected',
  invalid_section_slug: 'rejected',
  section_slug_taken: 'conflict',
  section_not_empty: 'conflict',
  invalid_move_target: 'rejected',
  invalid_section_order: 'rejected',
  // The masthead's and footer's menus.
  menu_label_required: 'rejected',
  menu_target_unknown: 'rejected',
  menu_full: 'rejected',
  // Scheduling in the site's time zone (decisions/0043).
  time_in_past: 'rejected',
  unclear_local_time: 'rejected',
  time_required: 'rejected',
  // Commenters whose email address is not confirmed (the site's setting refuses them).
  email_unconfirmed: 'forbidden',
  idempotency_key_reused: 'rejected',
  invalid_encoding: 'bad_request',
  invalid_characters: 'bad_request',
  forbidden_key: 'bad_request',
  // Moderators (issue 18).
  no_open_reports: 'conflict',
  not_sanctioned: 'conflict',
  // Operations.
  metrics_forbidden: 'forbidden',
  // Webhooks (issue 21, decisions/0066).
  invalid_webhook_url: 'bad_request',
  webhook_private_address: 'bad_request',
  webhook_events_required: 'bad_request',
  invalid_webhook_event: 'bad_request',
  invalid_webhook_preset: 'bad_request',
  invalid_webhook_secret: 'bad_request',
  delivery_pending: 'conflict',
  // Reader newsletters (issue 21).
  newsletter_list_required: 'bad_request',
  newsletter_sent: 'conflict',
  invalid_csv: 'bad_request',
  // Live coverage (issue 22).
  not_live: 'conflict',
  already_live: 'conflict',
  live_ended: 'conflict',
  live_not_ended: 'conflict',
  update_removed: 'conflict',
  removal_note_required: 'bad_request',
  // Sign-in links, single sign-on and the per-role sign-in policy (issue 23).
  sign_in_method_off: 'forbidden',
  fresh_sign_in_required: 'forbidden',
  no_password: 'conflict',
  sign_in_link_other_browser: 'forbidden',
  sso_failed: 'bad_request',
  sso_unavailable: 'unavailable',
  sso_domain_refused: 'forbidden',
  sso_email_unverified: 'forbidden',
  sso_account_unconfirmed: 'forbidden',
  unknown_provider: 'not_found',
  provider_field_required: 'bad_request',
  invalid_issuer: 'bad_request',
  invalid_domains: 'bad_request',
} as const satisfies Record<string, ErrorKind>;

/** What went wrong, stable across rewordings; the API's `error.condition`. */
export type Condition = keyof typeof conditions;

export interface ErrorOptions {
  /** The input the error concerns, by the API's name for it (`slug`, `email`, `body`…). */
  field?: string | undefined;
  /** Logged, never sent. */
  detail?: unknown;
  /**
   * The numbers and names the message says (a limit, a count, a slug): the catalogue's message
   * for the condition (`errors.<condition>`) says them in the reader's language.
   */
  values?: ErrorValues | undefined;
}

/** Values a condition's catalogue message may use (see src/i18n/error-messages.ts). */
export type ErrorValues = Readonly<Record<string, string | number>>;

export class AppError extends Error {
  readonly kind: ErrorKind;
  readonly status: number;
  readonly field: string | undefined;
  readonly detail: unknown;
  readonly values: ErrorValues;
  /** Sent as Retry-After (429, 503). */
  retryAfterSeconds?: number;
  constructor(
    readonly condition: Condition,
    message: string,
    options: ErrorOptions = {},
  ) {
    super(message);
    this.name = 'AppError';
    this.kind = conditions[condition];
    this.status = kindStatus[this.kind];
    this.field = options.field;
    this.detail = options.detail;
    this.values = options.values ?? {};
  }
}

/** What an answer may say about an error: `code` is the kind, as it was before conditions. */
export interface PublicError {
  code: ErrorKind;
  condition: Condition;
  message: string;
  field?: string;
}

export function publicError(error: AppError): PublicError {
  return {
    code: error.kind,
    condition: error.condition,
    message: error.message,
    ...(error.field !== undefined ? { field: error.field } : {}),
  };
}

export const notFound = (what = 'That page') => new AppError('not_found', `${what} was not found.`);

/** An input longer than its limit: the message says the limit (`max`), `field` which input. */
export const tooLong = (field: string | undefined, message: string, max?: number) =>
  new AppError('too_long', message, { field, values: max === undefined ? {} : { max } });

/** More items than allowed (authors, tags, comments chosen…), at most `max`. */
export const tooMany = (field: string | undefined, message: string, max?: number) =>
  new AppError('too_many', message, { field, values: max === undefined ? {} : { max } });
