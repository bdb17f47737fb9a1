/**
 * Kysely table types. Times are ISO-8601 UTC strings on both databases: TEXT in SQLite,
 * timestamptz in PostgreSQL read back through a type parser (see postgres/open.ts).
 */
import type { Generated } from 'kysely';

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  slug: string;
  role: string;
  password_hash: string | null;
  bio: string;
  created_at: string;
  email_verified_at: string | null;
  suspended_until: string | null;
  banned_at: string | null;
  sanction_reason: Generated<string>;
  /** 1 = email me about replies to my comments. */
  notify_replies: Generated<number>;
  /** An https address of the person's photo for their author page; '' for none. */
  photo_url: Generated<string>;
  /** The name articles and the author page show; '' shows `name`. */
  byline: Generated<string>;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  token_hash: string;
  label: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface SectionsTable {
  slug: string;
  name: string;
  description: string;
  position: number;
  /** 1 = left out of the navigation and the front page (migration 0016). */
  hidden: Generated<number>;
}

export interface TagsTable {
  slug: string;
  name: string;
}

export interface ArticlesTable {
  id: string;
  slug: string;
  section_slug: string;
  headline: string;
  standfirst: string;
  body: string;
  dateline: string;
  status: string;
  published_at: string | null;
  updated_at: string | null;
  update_note: string | null;
  version: Generated<number>;
  comment_count: Generated<number>;
  /** Changes to this article's comments so far; see migration 0005. */
  comment_seq: Generated<number>;
  created_at: string;
  modified_at: string;
  /** When a scheduled article goes out. */
  publish_at: Generated<string | null>;
  created_by: Generated<string | null>;
  /** Null: the site default (comments.mode). */
  comments_mode: string | null;
  /** Null: the site default (comments.autoCloseHours); 0 = never. */
  comments_auto_close_hours: number | null;
  /** An editor sent it back from review to draft, with this note to the author (migration 0014). */
  returned_note: Generated<string | null>;
  returned_at: Generated<string | null>;
  returned_by: Generated<string | null>;
  /** The article's main image (migration 0013). */
  main_image_id: Generated<string | null>;
  /** A deleted never-published draft: when and by whom (migration 0020); purged 30 days on. */
  deleted_at: Generated<string | null>;
  deleted_by: Generated<string | null>;
  /** The body rendered when saved (domain/body.ts renderBody; migration 0027); null: not yet. */
  body_html: Generated<string | null>;
}

export interface ImagesTable {
  id: string;
  original_name: string;
  format: string;
  width: number;
  height: number;
  alt: Generated<string>;
  /** 1 = decorative: shown with an empty alt on purpose. */
  decorative: Generated<number>;
  caption: Generated<string>;
  credit: Generated<string>;
  /** JSON: ImageVariant[] */
  variants: string;
  uploaded_by: string | null;
  created_at: string;
}

export interface ArticleAuthorsTable {
  article_id: string;
  user_id: string;
  position: number;
}

export interface ArticleTagsTable {
  article_id: string;
  tag_slug: string;
  position: number;
}

export interface ArticleRelatedTable {
  article_id: string;
  related_id: string;
  position: number;
}

export interface CorrectionsTable {
  id: string;
  article_id: string;
  kind: string;
  text: string;
  created_at: string;
  retracted_at: string | null;
  retraction_note: string | null;
  priority: Generated<string>;
}

export interface ArticleRevisionsTable {
  article_id: string;
  version: number;
  slug: string;
  section_slug: string;
  headline: string;
  standfirst: string;
  body: string;
  dateline: string;
  /** JSON: string[] */
  author_ids: string;
  /** JSON: {slug, name}[] */
  tags: string;
  /** JSON: string[] */
  related_ids: string;
  saved_at: string;
  saved_by: string | null;
  substantive: number;
  note: string;
}

export interface ArticleOldSlugsTable {
  slug: string;
  article_id: string;
  created_at: string;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface SessionsTable {
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
}

export interface OneTimeTokensTable {
  token_hash: string;
  purpose: string;
  user_id: string | null;
  new_email: string | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface OutboxTable {
  id: string;
  to_address: string;
  subject: string;
  text_body: string;
  created_at: string;
  sent_at: string | null;
  error: string | null;
}

export interface CommentsTable {
  id: string;
  article_id: string;
  parent_id: string | null;
  root_id: string;
  /** Null for a guest's comment (imported): `guest_name` holds the name then. */
  author_id: string | null;
  body: string;
  html: string;
  status: string;
  depth: number;
  reaction_count: Generated<number>;
  created_at: string;
  edited_at: string | null;
  /** Stamped by a trigger on every write (migration 0005). */
  live_seq: Generated<number>;
  first_public_seq: Generated<number | null>;
  featured_at: string | null;
  rejection_reason: Generated<string>;
  client_address: string | null;
  placeholder: Generated<number>;
  guest_name: Generated<string | null>;
}

export interface CommentRevisionsTable {
  id: string;
  comment_id: string;
  body: string;
  html: string;
  written_at: string;
  replaced_at: string;
}

export interface CommentReactionsTable {
  comment_id: string;
  user_id: string;
  created_at: string;
}

export interface CommentIdempotencyKeysTable {
  author_id: string;
  key: string;
  comment_id: string;
  created_at: string;
}

export interface CommentModerationReasonsTable {
  comment_id: string;
  code: string;
  detail: string;
  created_at: string;
}

export interface CommentReportsTable {
  id: string;
  comment_id: string;
  reporter_id: string;
  reason: string;
  text: string;
  created_at: string;
  resolved_at: string | null;
}

export interface ModerationActionsTable {
  id: string;
  created_at: string;
  actor_id: string;
  actor_name: string;
  action: string;
  comment_id: string | null;
  article_id: string | null;
  target_user_id: string | null;
  target_name: Generated<string>;
  reason: Generated<string>;
}

/** What an import made from what (migration 0012). */
export interface ImportItemsTable {
  source: string;
  kind: string;
  source_id: string;
  local_id: string;
  created_at: string;
}

/** An address the article had on the site it was imported from. */
export interface ArticleOldPathsTable {
  path: string;
  article_id: string;
  created_at: string;
}

export interface ImportJobsTable {
  id: string;
  format: string;
  file_name: string;
  status: string;
  bytes_total: number;
  bytes_done: Generated<number>;
  /** JSON: the import's report, once it finished. */
  report: string | null;
  error: string | null;
  created_by: string | null;
  created_at: string;
  finished_at: string | null;
}

/** A pinned story on the front page: slot 0 is the lead (migration 0018). */
export interface FrontSlotsTable {
  slot: number;
  article_id: string;
  expires_at: string | null;
}

/** A section's place on the front page; 1 = shown (migration 0018). */
export interface FrontSectionsTable {
  section_slug: string;
  position: number;
  shown: number;
}

/** A static page (migration 0017). */
export interface PagesTable {
  id: string;
  slug: string;
  title: string;
  description: string;
  body: string;
  status: string;
  version: Generated<number>;
  created_at: string;
  created_by: string | null;
  modified_at: string;
  published_at: string | null;
}

export interface PageRevisionsTable {
  page_id: string;
  version: number;
  slug: string;
  title: string;
  description: string;
  body: string;
  saved_at: string;
  saved_by: string | null;
  note: Generated<string>;
}

export interface PageOldSlugsTable {
  slug: string;
  page_id: string;
  created_at: string;
}

/** A row the demo content made: its table and its key (migration 0021, decisions/0041). */
export interface DemoRowsTable {
  table_name: string;
  row_key: string;
}

/** An address a section had before it was renamed or removed, and the section it leads to. */
export interface SectionOldSlugsTable {
  slug: string;
  section_slug: string;
  created_at: string;
}

export interface Database {
  users: UsersTable;
  api_tokens: ApiTokensTable;
  sections: SectionsTable;
  tags: TagsTable;
  articles: ArticlesTable;
  article_authors: ArticleAuthorsTable;
  article_tags: ArticleTagsTable;
  article_related: ArticleRelatedTable;
  corrections: CorrectionsTable;
  article_revisions: ArticleRevisionsTable;
  article_old_slugs: ArticleOldSlugsTable;
  settings: SettingsTable;
  sessions: SessionsTable;
  one_time_tokens: OneTimeTokensTable;
  outbox: OutboxTable;
  comments: CommentsTable;
  comment_idempotency_keys: CommentIdempotencyKeysTable;
  comment_moderation_reasons: CommentModerationReasonsTable;
  comment_reports: CommentReportsTable;
  moderation_actions: ModerationActionsTable;
  comment_revisions: CommentRevisionsTable;
  comment_reactions: CommentReactionsTable;
  import_items: ImportItemsTable;
  article_old_paths: ArticleOldPathsTable;
  import_jobs: ImportJobsTable;
  images: ImagesTable;
  front_slots: FrontSlotsTable;
  front_sections: FrontSectionsTable;
  pages: PagesTable;
  page_revisions: PageRevisionsTable;
  page_old_slugs: PageOldSlugsTable;
  invitations: InvitationsTable;
  demo_rows: DemoRowsTable;
  section_old_slugs: SectionOldSlugsTable;
  limit_events: LimitEventsTable;
  sanction_removals: SanctionRemovalsTable;
  moderation_digests: ModerationDigestsTable;
  limit_counters: LimitCountersTable;
  stream_leases: StreamLeasesTable;
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_attempts: WebhookAttemptsTable;
  staff_mail_optouts: StaffMailOptoutsTable;
  newsletter_subscribers: NewsletterSubscribersTable;
  newsletter_subscriptions: NewsletterSubscriptionsTable;
  newsletter_issues: NewsletterIssuesTable;
  newsletter_deliveries: NewsletterDeliveriesTable;
  live_coverage: LiveCoverageTable;
  live_updates: LiveUpdatesTable;
  live_update_revisions: LiveUpdateRevisionsTable;
  live_presence: LivePresenceTable;
  passkeys: PasskeysTable;
  passkey_challenges: PasskeyChallengesTable;
  sign_in_events: SignInEventsTable;
  email_sign_in_links: EmailSignInLinksTable;
  sso_providers: SsoProvidersTable;
  sso_links: SsoLinksTable;
  sso_attempts: SsoAttemptsTable;
  insight_counts: InsightCountsTable;
}

/** Counted page views per grain and bucket (0034); nothing that names a person. */
export interface InsightCountsTable {
  grain: string;
  /** Minutes since the epoch (UTC) of the bucket's start. */
  bucket: number;
  kind: string;
  subject: string;
  referrer_category: string;
  referrer_host: string;
  campaign: string;
  views: number;
}

/** A moderator who gets the digest of waiting comments, and when the last one went (0026). */
export interface ModerationDigestsTable {
  user_id: string;
  subscribed_at: string;
  last_sent_at: string | null;
}

/** A comment a sanction removed, and the status lifting the sanction gives back (0024). */
export interface SanctionRemovalsTable {
  action_id: string;
  comment_id: string;
  previous_status: string;
  restored_at: string | null;
}

export interface InvitationsTable {
  id: string;
  email: string;
  /** The email while the invitation is open (unique), null once it is closed. */
  open_email: string | null;
  role: string;
  token_hash: string;
  invited_by: string | null;
  created_at: string;
  expires_at: string;
  accepted_at: string | null;
  accepted_by: string | null;
  revoked_at: string | null;
}

/** Events counted by limits that hold across servers (decisions/0046); the key is hashed. */
export interface LimitEventsTable {
  name: string;
  key_hash: string;
  at: string;
}

/** Fixed-window counters of the shared request limits (0028, decisions/0058); times in ms. */
export interface LimitCountersTable {
  name: string;
  key_hash: string;
  hits: number;
  resets_at: number | string;
}

/** One row per open live stream, renewed by its server while it lasts (0028). */
export interface StreamLeasesTable {
  id: string;
  client_hash: string;
  expires_at: number | string;
  /** The article the stream follows and which of its streams (0039); null from older servers. */
  article_id: string | null;
  stream: string | null;
}

/** An endpoint an admin registered for webhook events (0030); `events` is comma-separated. */
export interface WebhooksTable {
  id: string;
  url: string;
  secret: string;
  events: string;
  preset: string;
  description: string;
  enabled: number;
  created_at: string;
  updated_at: string;
}

/** One event to deliver to one webhook: the durable queue and its last result (0030). */
export interface WebhookDeliveriesTable {
  id: string;
  webhook_id: string;
  event: string;
  payload: string;
  status: string;
  attempts: number;
  created_at: string;
  next_attempt_at: string;
  claimed_until: string | null;
  claim: string | null;
  last_attempt_at: string | null;
  response_status: number | null;
  response_body: string | null;
  duration_ms: number | null;
  error: string | null;
}

/** Each try of a delivery, with what the receiver answered (0030). */
export interface WebhookAttemptsTable {
  id: string;
  delivery_id: string;
  at: string;
  response_status: number | null;
  response_body: string | null;
  duration_ms: number;
  error: string | null;
}

/** A newsroom email a staff member turned off on /account (0030). */
export interface StaffMailOptoutsTable {
  user_id: string;
  kind: string;
  created_at: string;
}

/** A newsletter reader's address (0029): pending until confirmed, then confirmed, left or bounced. */
export interface NewsletterSubscribersTable {
  id: string;
  email: string;
  user_id: string | null;
  status: string;
  source: string;
  created_at: string;
  confirmed_at: string | null;
  left_at: string | null;
  bounced_at: string | null;
  bounce_reason: string | null;
  /** The admin who attested an imported address's consent, and when (0035). */
  consent_by: string | null;
  consent_at: string | null;
}

/** A list a subscriber is on: `briefing`, `alerts` or `section:<slug>` (0029). */
export interface NewsletterSubscriptionsTable {
  subscriber_id: string;
  list: string;
  created_at: string;
}

/** One newsletter: a day's briefing, an alert, a section's digest; `key` makes each once (0029). */
export interface NewsletterIssuesTable {
  id: string;
  key: string;
  slug: string;
  kind: string;
  list: string;
  status: string;
  subject: string;
  intro: string;
  /** JSON array of article ids, in order. */
  article_ids: string;
  send_at: string | null;
  created_at: string;
  edited_by: string | null;
  queued_at: string | null;
}

/** One (issue, subscriber) in the sending queue (0029, decisions/0064). */
export interface NewsletterDeliveriesTable {
  id: string;
  issue_id: string;
  subscriber_id: string;
  status: string;
  attempts: Generated<number>;
  due_at: string;
  claim: string | null;
  sent_at: string | null;
  error: string | null;
}

/** An article that is (or was) live coverage (0031); `seq` counts the changes to its updates. */
/** Who is on a live posting screen now (0041): renewed while the screen is open. */
export interface LivePresenceTable {
  article_id: string;
  user_id: string;
  since: number | string;
  seen_until: number | string;
  writing_until: number | string | null;
}

export interface LiveCoverageTable {
  article_id: string;
  started_at: string;
  ended_at: string | null;
  seq: Generated<number>;
}

/** One update of a live article (0031); `author_ids` is comma-separated, in byline order. */
export interface LiveUpdatesTable {
  id: string;
  article_id: string;
  seq: number;
  posted_at: string;
  posted_by: string | null;
  author_ids: string;
  title: string | null;
  body: string;
  body_html: string;
  key_event: Generated<number>;
  pinned: Generated<number>;
  closing: Generated<number>;
  edited_at: Generated<string | null>;
  removed_at: Generated<string | null>;
  removal_note: Generated<string | null>;
}

/** The title and body an edit of a live update replaced (0031). */
export interface LiveUpdateRevisionsTable {
  id: string;
  update_id: string;
  at: string;
  by_user: string | null;
  title: string | null;
  body: string;
}

/** A person's passkey (0032): the credential's public key, never a secret. */
export interface PasskeysTable {
  id: string;
  user_id: string;
  name: string;
  public_key: string;
  counter: number | string;
  transports: string;
  backed_up: number;
  created_at: string;
  last_used_at: string | null;
}

/** A WebAuthn challenge handed out and not yet used (0032): single use, minutes long. */
export interface PasskeyChallengesTable {
  challenge: string;
  purpose: string;
  user_id: string | null;
  data: string;
  expires_at: string;
}

/** One sign-in (0032): who, how, with what (a passkey's name), when. Kept 90 days. */
export interface SignInEventsTable {
  id: string;
  user_id: string;
  method: string;
  label: string;
  at: string;
}

/** An emailed sign-in link (0033): its token's and its browser's hashes, used once. */
export interface EmailSignInLinksTable {
  token_hash: string;
  user_id: string;
  browser_hash: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** An OpenID Connect provider an admin added (0033); `allowed_domains` is comma-separated. */
export interface SsoProvidersTable {
  id: string;
  name: string;
  issuer: string;
  client_id: string;
  client_secret: string;
  allowed_domains: string;
  role: string;
  created_at: string;
  updated_at: string;
}

/** A provider's account (its `sub`) linked to a person (0033). */
export interface SsoLinksTable {
  id: string;
  provider_id: string;
  subject: string;
  user_id: string;
  email: string;
  created_at: string;
  last_used_at: string;
}

/** A provider sign-in under way (0033): state, nonce and PKCE verifier, bound to a browser. */
export interface SsoAttemptsTable {
  state_hash: string;
  provider_id: string;
  browser_hash: string;
  nonce: string;
  code_verifier: string;
  next: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}
