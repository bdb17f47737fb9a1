/**
 * Reading every table for an export and writing them back on restore (docs/data.md).
 *
 * `exportedTables` lists each table in dependency order with its columns and how their values
 * are written; `excludedTables` lists every other table and why it is left out. A test compares
 * both lists with the tables and columns of a migrated database, so a new table or column must
 * be placed in one of them.
 */
import { sql, type Kysely } from 'kysely';
import { normaliseValue, type ColumnSpec, type ColumnType } from '../domain/export-format.js';
import type { StoreDialect } from './dialect.js';
import type { Database } from './schema.js';
import type { TransactionScope } from './transaction-scope.js';
import type { BackupStore, BackupTable, RestoreWriter } from './ports/backup.js';

/** 'text', 'time?' (nullable), …: a compact column list. */
function columns(spec: Record<string, `${ColumnType}` | `${ColumnType}?`>): ColumnSpec[] {
  return Object.entries(spec).map(([name, type]) => ({
    name,
    type: type.replace('?', '') as ColumnType,
    nullable: type.endsWith('?'),
  }));
}

export const exportedTables: readonly BackupTable[] = [
  {
    name: 'users',
    key: ['id'],
    columns: columns({
      id: 'text',
      email: 'text',
      name: 'text',
      slug: 'text',
      role: 'text',
      password_hash: 'text?',
      bio: 'text',
      created_at: 'time',
      email_verified_at: 'time?',
      suspended_until: 'time?',
      banned_at: 'time?',
      sanction_reason: 'text',
      notify_replies: 'integer',
      photo_url: 'text',
      byline: 'text',
    }),
  },
  {
    name: 'api_tokens',
    key: ['id'],
    columns: columns({
      id: 'text',
      user_id: 'text',
      token_hash: 'text',
      label: 'text',
      created_at: 'time',
      last_used_at: 'time?',
      revoked_at: 'time?',
    }),
  },
  {
    name: 'sections',
    key: ['slug'],
    columns: columns({
      slug: 'text',
      name: 'text',
      description: 'text',
      position: 'integer',
      hidden: 'integer',
    }),
  },
  { name: 'tags', key: ['slug'], columns: columns({ slug: 'text', name: 'text' }) },
  {
    // The records only: the files they name are in DATA_DIR/images, backed up as files.
    name: 'images',
    key: ['id'],
    columns: columns({
      id: 'text',
      original_name: 'text',
      format: 'text',
      width: 'integer',
      height: 'integer',
      alt: 'text',
      decorative: 'integer',
      caption: 'text',
      credit: 'text',
      variants: 'json',
      uploaded_by: 'text?',
      created_at: 'time',
    }),
  },
  {
    name: 'articles',
    key: ['id'],
    columns: columns({
      id: 'text',
      slug: 'text',
      section_slug: 'text',
      headline: 'text',
      standfirst: 'text',
      body: 'text',
      dateline: 'text',
      status: 'text',
      published_at: 'time?',
      updated_at: 'time?',
      update_note: 'text?',
      version: 'integer',
      comment_count: 'integer',
      comment_seq: 'integer',
      created_at: 'time',
      modified_at: 'time',
      publish_at: 'time?',
      created_by: 'text?',
      comments_mode: 'text?',
      comments_auto_close_hours: 'integer?',
      returned_note: 'text?',
      returned_at: 'time?',
      returned_by: 'text?',
      main_image_id: 'text?',
      deleted_at: 'time?',
      deleted_by: 'text?',
    }),
    // PostgreSQL's search vector is generated from the text by the database itself; the
    // rendered body is rendered again from the body (null until then: decisions/0054).
    derived: ['search', 'body_html'],
  },
  {
    name: 'article_authors',
    key: ['article_id', 'user_id'],
    columns: columns({ article_id: 'text', user_id: 'text', position: 'integer' }),
  },
  {
    name: 'article_tags',
    key: ['article_id', 'tag_slug'],
    columns: columns({ article_id: 'text', tag_slug: 'text', position: 'integer' }),
  },
  {
    name: 'article_related',
    key: ['article_id', 'related_id'],
    columns: columns({ article_id: 'text', related_id: 'text', position: 'integer' }),
  },
  {
    name: 'article_revisions',
    key: ['article_id', 'version'],
    columns: columns({
      article_id: 'text',
      version: 'integer',
      slug: 'text',
      section_slug: 'text',
      headline: 'text',
      standfirst: 'text',
      body: 'text',
      dateline: 'text',
      author_ids: 'json',
      tags: 'json',
      related_ids: 'json',
      saved_at: 'time',
      saved_by: 'text?',
      substantive: 'integer',
      note: 'text',
    }),
  },
  {
    name: 'article_old_slugs',
    key: ['slug'],
    columns: columns({ slug: 'text', article_id: 'text', created_at: 'time' }),
  },
  {
    name: 'article_old_paths',
    key: ['path'],
    columns: columns({ path: 'text', article_id: 'text', created_at: 'time' }),
  },
  {
    name: 'corrections',
    key: ['id'],
    columns: columns({
      id: 'text',
      article_id: 'text',
      kind: 'text',
      text: 'text',
      created_at: 'time',
      retracted_at: 'time?',
      retraction_note: 'text?',
      priority: 'text',
    }),
  },
  { name: 'settings', key: ['key'], columns: columns({ key: 'text', value: 'text' }) },
  {
    name: 'comments',
    key: ['id'],
    // Parents before their replies (an imported reply may have an older id than its parent).
    order: ['depth', 'id'],
    columns: columns({
      id: 'text',
      article_id: 'text',
      parent_id: 'text?',
      root_id: 'text',
      author_id: 'text?',
      body: 'text',
      html: 'text',
      status: 'text',
      depth: 'integer',
      reaction_count: 'integer',
      created_at: 'time',
      edited_at: 'time?',
      live_seq: 'integer',
      first_public_seq: 'integer?',
      featured_at: 'time?',
      rejection_reason: 'text',
      client_address: 'text?',
      placeholder: 'integer',
      guest_name: 'text?',
    }),
    // The live-stream stamps (migration 0005) are restored as exported, not stamped anew.
    suspendTriggers: true,
  },
  {
    name: 'comment_revisions',
    key: ['id'],
    columns: columns({
      id: 'text',
      comment_id: 'text',
      body: 'text',
      html: 'text',
      written_at: 'time',
      replaced_at: 'time',
    }),
  },
  {
    name: 'comment_reactions',
    key: ['comment_id', 'user_id'],
    columns: columns({ comment_id: 'text', user_id: 'text', created_at: 'time' }),
  },
  {
    name: 'comment_moderation_reasons',
    key: ['comment_id', 'code'],
    columns: columns({ comment_id: 'text', code: 'text', detail: 'text', created_at: 'time' }),
  },
  {
    name: 'comment_reports',
    key: ['id'],
    columns: columns({
      id: 'text',
      comment_id: 'text',
      reporter_id: 'text',
      reason: 'text',
      text: 'text',
      created_at: 'time',
      resolved_at: 'time?',
    }),
  },
  {
    name: 'moderation_actions',
    key: ['id'],
    columns: columns({
      id: 'text',
      created_at: 'time',
      actor_id: 'text',
      actor_name: 'text',
      action: 'text',
      comment_id: 'text?',
      article_id: 'text?',
      target_user_id: 'text?',
      target_name: 'text',
      reason: 'text',
    }),
  },
  {
    // What imports made from what: a restored site still knows, so importing again adds nothing.
    name: 'import_items',
    key: ['source', 'kind', 'source_id'],
    columns: columns({
      source: 'text',
      kind: 'text',
      source_id: 'text',
      local_id: 'text',
      created_at: 'time',
    }),
  },
  {
    // The front page's pins (slot 0 the lead) and its sections' order (migration 0018).
    name: 'front_slots',
    key: ['slot'],
    columns: columns({ slot: 'integer', article_id: 'text', expires_at: 'time?' }),
  },
  {
    name: 'front_sections',
    key: ['section_slug'],
    columns: columns({ section_slug: 'text', position: 'integer', shown: 'integer' }),
  },
  {
    name: 'pages',
    key: ['id'],
    columns: columns({
      id: 'text',
      slug: 'text',
      title: 'text',
      description: 'text',
      body: 'text',
      status: 'text',
      version: 'integer',
      created_at: 'time',
      created_by: 'text?',
      modified_at: 'time',
      published_at: 'time?',
    }),
  },
  {
    name: 'page_revisions',
    key: ['page_id', 'version'],
    columns: columns({
      page_id: 'text',
      version: 'integer',
      slug: 'text',
      title: 'text',
      description: 'text',
      body: 'text',
      saved_at: 'time',
      saved_by: 'text?',
      note: 'text',
    }),
  },
  {
    name: 'page_old_slugs',
    key: ['slug'],
    columns: columns({ slug: 'text', page_id: 'text', created_at: 'time' }),
  },
  {
    // Staff invitations (only their tokens' hashes): an open one still works after a restore.
    name: 'invitations',
    key: ['id'],
    columns: columns({
      id: 'text',
      email: 'text',
      open_email: 'text?',
      role: 'text',
      token_hash: 'text',
      invited_by: 'text?',
      created_at: 'time',
      expires_at: 'time',
      accepted_at: 'time?',
      accepted_by: 'text?',
      revoked_at: 'time?',
    }),
  },
  {
    // What the demo made: a restored site can still remove its demo (decisions/0041).
    name: 'demo_rows',
    key: ['table_name', 'row_key'],
    columns: columns({ table_name: 'text', row_key: 'text' }),
  },
  {
    // Old addresses of renamed and removed sections, which redirect to where they lead now.
    name: 'section_old_slugs',
    key: ['slug'],
    columns: columns({ slug: 'text', section_slug: 'text', created_at: 'time' }),
  },
  {
    // Moderators who asked for the digest of waiting comments (0026).
    name: 'moderation_digests',
    key: ['user_id'],
    columns: columns({ user_id: 'text', subscribed_at: 'time', last_sent_at: 'time?' }),
  },
  {
    // Comments a sanction removed, so lifting it after a restore still puts them back (0024).
    name: 'sanction_removals',
    key: ['action_id', 'comment_id'],
    columns: columns({
      action_id: 'text',
      comment_id: 'text',
      previous_status: 'text',
      restored_at: 'time?',
    }),
  },
  {
    // Endpoints admins registered for webhook events, with their secrets (0030).
    name: 'webhooks',
    key: ['id'],
    columns: columns({
      id: 'text',
      url: 'text',
      secret: 'text',
      events: 'text',
      preset: 'text',
      description: 'text',
      enabled: 'integer',
      created_at: 'time',
      updated_at: 'time',
    }),
  },
  {
    // Newsroom emails a staff member turned off (0030).
    name: 'staff_mail_optouts',
    key: ['user_id', 'kind'],
    columns: columns({ user_id: 'text', kind: 'text', created_at: 'time' }),
  },
  {
    // Newsletter readers with their consent: when they confirmed, left or bounced (0029).
    name: 'newsletter_subscribers',
    key: ['id'],
    columns: columns({
      id: 'text',
      email: 'text',
      user_id: 'text?',
      status: 'text',
      source: 'text',
      created_at: 'time',
      confirmed_at: 'time?',
      left_at: 'time?',
      bounced_at: 'time?',
      bounce_reason: 'text?',
      consent_by: 'text?',
      consent_at: 'time?',
    }),
  },
  {
    // The lists each subscriber is on (0029).
    name: 'newsletter_subscriptions',
    key: ['subscriber_id', 'list'],
    columns: columns({ subscriber_id: 'text', list: 'text', created_at: 'time' }),
  },
  {
    // Newsletters made and sent: the web archive shows them (0029).
    name: 'newsletter_issues',
    key: ['id'],
    columns: columns({
      id: 'text',
      key: 'text',
      slug: 'text',
      kind: 'text',
      list: 'text',
      status: 'text',
      subject: 'text',
      intro: 'text',
      article_ids: 'text',
      send_at: 'time?',
      created_at: 'time',
      edited_by: 'text?',
      queued_at: 'time?',
    }),
  },
  {
    // Live coverage: which articles are (or were) live, and since when (0031).
    name: 'live_coverage',
    key: ['article_id'],
    columns: columns({
      article_id: 'text',
      started_at: 'time',
      ended_at: 'time?',
      seq: 'integer',
    }),
  },
  {
    // The updates of live articles (0031).
    name: 'live_updates',
    key: ['id'],
    columns: columns({
      id: 'text',
      article_id: 'text',
      seq: 'integer',
      posted_at: 'time',
      posted_by: 'text?',
      author_ids: 'text',
      title: 'text?',
      body: 'text',
      body_html: 'text',
      key_event: 'integer',
      pinned: 'integer',
      closing: 'integer',
      edited_at: 'time?',
      removed_at: 'time?',
      removal_note: 'text?',
    }),
  },
  {
    // The text each edit of a live update replaced (0031).
    name: 'live_update_revisions',
    key: ['id'],
    columns: columns({
      id: 'text',
      update_id: 'text',
      at: 'time',
      by_user: 'text?',
      title: 'text?',
      body: 'text',
    }),
  },
  {
    // People's passkeys: public keys only, so a restored site keeps their way in (0032).
    name: 'passkeys',
    key: ['id'],
    columns: columns({
      id: 'text',
      user_id: 'text',
      name: 'text',
      public_key: 'text',
      counter: 'integer',
      transports: 'text',
      backed_up: 'integer',
      created_at: 'time',
      last_used_at: 'time?',
    }),
  },
  {
    // The sign-in audit each person sees on /account, 90 days of it (0032).
    name: 'sign_in_events',
    key: ['id'],
    columns: columns({ id: 'text', user_id: 'text', method: 'text', label: 'text', at: 'time' }),
  },
  {
    // OpenID Connect providers an admin added, with their client secrets (0033).
    name: 'sso_providers',
    key: ['id'],
    columns: columns({
      id: 'text',
      name: 'text',
      issuer: 'text',
      client_id: 'text',
      client_secret: 'text',
      allowed_domains: 'text',
      role: 'text',
      created_at: 'time',
      updated_at: 'time',
    }),
  },
  {
    // Provider accounts linked to people (0033).
    name: 'sso_links',
    key: ['id'],
    columns: columns({
      id: 'text',
      provider_id: 'text',
      subject: 'text',
      user_id: 'text',
      email: 'text',
      created_at: 'time',
      last_used_at: 'time',
    }),
  },
];

const ephemeral = 'short-lived; a restored site starts without them';
const searchIndex = 'the SQLite search index, rebuilt from the articles as they are restored';

/** Tables an export leaves out, and why. */
export const excludedTables: Readonly<Record<string, string>> = {
  sessions: `sign-ins: ${ephemeral} (everyone signs in again)`,
  one_time_tokens: `verification, reset and setup links: ${ephemeral}`,
  outbox: `mail already sent or waiting: ${ephemeral}; it holds one-time links`,
  comment_idempotency_keys: `retried posts within minutes: ${ephemeral}`,
  import_jobs: `imports started from the admin page, with their progress: ${ephemeral}`,
  kysely_migration: 'the schema version: the header names it, the target runs its own migrations',
  kysely_migration_lock: 'the migration lock',
  article_search: searchIndex,
  article_search_keys: searchIndex,
  article_search_data: searchIndex,
  article_search_idx: searchIndex,
  article_search_docsize: searchIndex,
  article_search_config: searchIndex,
  limit_events: `sign-ups counted per address for an hour: ${ephemeral}`,
  webhook_deliveries: `webhook deliveries waiting or sent, with their answers: ${ephemeral}`,
  webhook_attempts: `each try of a webhook delivery: ${ephemeral}`,
  limit_counters: `request limits counted per window (decisions/0058): ${ephemeral}`,
  stream_leases: `open live streams, renewed while they last: ${ephemeral}`,
  live_presence: `who is on a live posting screen, for seconds at a time: ${ephemeral}`,
  newsletter_deliveries: `the newsletter sending queue, one row per mail: ${ephemeral}`,
  passkey_challenges: `passkey challenges, single use and minutes long: ${ephemeral}`,
  email_sign_in_links: `emailed sign-in links, 15 minutes each: ${ephemeral}`,
  sso_attempts: `single sign-ons under way, 10 minutes each: ${ephemeral}`,
  insight_counts:
    'counted page views (docs/insights.md): statistics, not content; a restored site counts afresh',
};

const readBatch = 500;

type AnyDb = Kysely<Record<string, Record<string, unknown>>>;

export class KyselyBackupStore implements BackupStore {
  readonly tables = exportedTables;
  readonly excluded = excludedTables;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: StoreDialect,
    private readonly scope: TransactionScope,
  ) {}

  async schemaVersion(): Promise<string> {
    const rows = await sql<{
      name: string;
    }>`select name from kysely_migration order by name desc limit 1`.execute(this.db);
    return rows.rows[0]?.name ?? '';
  }

  async tableNames(): Promise<string[]> {
    return (await this.dialect.tableNames(this.db)).sort();
  }

  columnNames(table: string): Promise<string[]> {
    return this.dialect.columnNames(this.db, table);
  }

  async isEmpty(): Promise<boolean> {
    return isEmpty(this.db);
  }

  /** One snapshot: a read transaction (repeatable read on PostgreSQL) around every table. */
  async readAll(each: (table: BackupTable, rows: unknown[][]) => Promise<void>): Promise<void> {
    await this.dialect.snapshot(this.db, (trx) =>
      this.scope.within(async () => {
        for (const table of exportedTables) {
          await this.dialect.readTable(trx, table, readBatch, (raw) =>
            each(
              table,
              raw.map((r) => table.columns.map((c) => normaliseValue(c, r[c.name]))),
            ),
          );
        }
      }),
    );
  }

  async restore<T>(work: (writer: RestoreWriter) => Promise<T>): Promise<T> {
    const dialect = this.dialect;
    return this.db.transaction().execute(async (trx) => {
      const suspended = exportedTables.filter((t) => t.suspendTriggers).map((t) => t.name);
      const resume = await dialect.suspendTriggers(trx, suspended);
      const writer: RestoreWriter = {
        isEmpty: () => isEmpty(trx),
        async insert(table, rows) {
          if (rows.length === 0) return;
          const values = rows.map((row) => {
            const out: Record<string, unknown> = {};
            for (const c of table.columns) out[c.name] = toDatabase(c, row[c.name], dialect);
            return out;
          });
          await (trx as unknown as AnyDb).insertInto(table.name).values(values).execute();
        },
      };
      const result = await this.scope.within(() => work(writer));
      await resume();
      return result;
    });
  }
}

async function isEmpty(db: Kysely<Database>): Promise<boolean> {
  for (const table of exportedTables) {
    const found = await sql`select 1 from ${sql.table(table.name)} limit 1`.execute(db);
    if (found.rows.length > 0) return false;
  }
  return true;
}

function toDatabase(column: ColumnSpec, value: unknown, dialect: StoreDialect): unknown {
  if (value === null || value === undefined) return null;
  if (column.type === 'json') return JSON.stringify(value);
  return dialect.toDatabase(column, value);
}
