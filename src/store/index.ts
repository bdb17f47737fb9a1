/** Opens the configured database, brings its schema up to date, and returns the store. */
import path from 'node:path';
import { sql, type Kysely, type Logger } from 'kysely';
import { KyselyOneTimeTokenStore, KyselyOutboxStore, KyselySessionStore } from './accounts.js';
import { KyselyBackupStore } from './backup.js';
import { CommentRowCache } from './comment-rows.js';
import { KyselyCommentStore } from './comments.js';
import type { DatabaseInfo } from './database-info.js';
import { KyselyDemoStore } from './demo.js';
import type { StoreDialect, TransactionRunner } from './dialect.js';
import { KyselyImageStore } from './images.js';
import { migrateToLatest } from './migrations/index.js';
import { KyselyImportStore } from './imports.js';
import { KyselyInvitationStore } from './invitations.js';
import { KyselyEmailSignInLinkStore, KyselySsoStore } from './sso.js';
import { KyselyModerationStore } from './moderation.js';
import { KyselyNewsroomStore } from './newsroom.js';
import { KyselyPageStore } from './pages.js';
import { KyselyPersonalDataStore } from './personal-data.js';
import { KyselyReaderStore } from './reader.js';
import type { Database } from './schema.js';
import { KyselySectionStore, KyselySettingStore } from './sections.js';
import { KyselySectionAdminStore } from './section-admin.js';
import { sqliteDialect } from './sqlite/dialect.js';
import { openSqlite } from './sqlite/open.js';
import { KyselySyndicationStore } from './syndication.js';
import { KyselyTokenStore } from './tokens.js';
import { TransactionScope } from './transaction-scope.js';
import type { Store } from './types.js';
import { KyselyUserStore, PersonWrites } from './users.js';
import { KyselyDeletedDraftStore } from './deleted-drafts.js';
import { KyselyFrontStore } from './front.js';
import { KyselyLimitStore } from './limits.js';
import { KyselyDigestStore } from './digests.js';
import { KyselyWebhookStore } from './webhooks.js';
import { KyselyStaffMailStore } from './staff-mail.js';
import { KyselyNewsletterStore } from './newsletters.js';
import { KyselyLiveStore } from './live.js';
import { KyselyPasskeyChallengeStore, KyselyPasskeyStore } from './passkeys.js';
import { KyselySignInEventStore } from './sign-in-events.js';
import { KyselyInsightStore } from './insights.js';

export type { Store } from './types.js';

export interface OpenStoreOptions {
  /** postgres://… or null for SQLite */
  databaseUrl: string | null;
  /** Folder of the SQLite file (ignored for PostgreSQL). */
  dataDir: string;
  /** PostgreSQL schema to use instead of public (tests use one per file). */
  pgSchema?: string;
  /** Run migrations (default true). */
  migrate?: boolean;
}

type QueryListener = (seconds: number, ok: boolean) => void;

/** What every store of one opened database shares, whether bound to a transaction or not. */
interface Opened {
  /** The database's own connection or pool, never a transaction: channels and commits use it. */
  db: Kysely<Database>;
  dialect: StoreDialect;
  database: DatabaseInfo;
  scope: TransactionScope;
  group: TransactionRunner;
  close: () => Promise<void>;
  listeners: QueryListener[];
  another: () => Promise<Store>;
  /** Comments as last read, by version (decision 0085): one per opened database. */
  commentRows: CommentRowCache;
  /** Who hears that a person's row changed (decision 0096): one per opened database. */
  people: PersonWrites;
}

/**
 * The ports over `db`. Bound to a transaction, `changed` collects the people its work changes,
 * told to the listeners when it ends (after the commit: a kept copy read in between is dropped
 * then); outside one, they are told at once.
 */
function bind(db: Kysely<Database>, opened: Opened, changed?: Set<string>): Store {
  const { dialect, database, scope, close, listeners, another, people } = opened;
  const written = changed
    ? (userId: string) => void changed.add(userId)
    : (userId: string) => people.written(userId);
  /** Runs a transaction's work with the ports bound to it; tells its people's changes after. */
  const ending = async <T>(run: (changed: Set<string>) => Promise<T>): Promise<T> => {
    const inWork = new Set<string>();
    try {
      return await run(inWork);
    } finally {
      for (const userId of inWork) people.written(userId);
    }
  };
  const store: Store = {
    database,
    backup: new KyselyBackupStore(db, dialect, scope),
    personalData: new KyselyPersonalDataStore(db, written),
    reader: new KyselyReaderStore(db),
    newsroom: new KyselyNewsroomStore(db),
    syndication: new KyselySyndicationStore(db, dialect),
    users: new KyselyUserStore(db, people, written),
    tokens: new KyselyTokenStore(db),
    sections: new KyselySectionStore(db),
    settings: new KyselySettingStore(db),
    sessions: new KyselySessionStore(db),
    oneTimeTokens: new KyselyOneTimeTokenStore(db),
    outbox: new KyselyOutboxStore(db),
    comments: new KyselyCommentStore(db, dialect, opened.commentRows),
    moderation: new KyselyModerationStore(db),
    imports: new KyselyImportStore(db),
    images: new KyselyImageStore(db),
    deletedDrafts: new KyselyDeletedDraftStore(db),
    front: new KyselyFrontStore(db),
    pages: new KyselyPageStore(db),
    invitations: new KyselyInvitationStore(db),
    demo: new KyselyDemoStore(db),
    sectionAdmin: new KyselySectionAdminStore(db),
    limits: new KyselyLimitStore(db, dialect),
    digests: new KyselyDigestStore(db),
    webhooks: new KyselyWebhookStore(db),
    staffMail: new KyselyStaffMailStore(db),
    newsletters: new KyselyNewsletterStore(db),
    live: new KyselyLiveStore(db),
    passkeys: new KyselyPasskeyStore(db),
    passkeyChallenges: new KyselyPasskeyChallengeStore(db),
    signInEvents: new KyselySignInEventStore(db),
    emailSignInLinks: new KyselyEmailSignInLinkStore(db),
    sso: new KyselySsoStore(db),
    insights: new KyselyInsightStore(db),
    async ping() {
      await sql`select 1`.execute(db);
    },
    observeQueries(listener) {
      listeners.push(listener);
    },
    openChannel: (onError) => dialect.openChannel(opened.db, onError),
    openAnother: another,
    // Inside a transaction, a nested one joins it (Kysely has no nested transactions). The work
    // runs in the scope, so reaching for the outer store from it fails at once.
    transaction: (work) =>
      db.isTransaction
        ? work(store)
        : ending((inWork) =>
            db.transaction().execute((trx) => scope.within(() => work(bind(trx, opened, inWork)))),
          ),
    groupedTransaction: async (work) => {
      if (db.isTransaction) return work(store);
      // Refused here, not in the group's commit: it would fail the other works of the group too.
      scope.refuse();
      return ending((inWork) =>
        opened.group.run((trx) => scope.within(() => work(bind(trx, opened, inWork)))),
      );
    },
    close,
  };
  return store;
}

export function sqliteFile(dataDir: string): string {
  return path.join(dataDir, 'broadsheet.sqlite');
}

async function openDatabase(
  options: OpenStoreOptions,
  log?: Logger,
  scope?: TransactionScope,
): Promise<{ db: Kysely<Database>; dialect: StoreDialect }> {
  if (options.databaseUrl) {
    // Loaded only for PostgreSQL: a SQLite process does not carry the pg driver (decisions/0083).
    const [{ openPostgres }, { postgresDialect }] = await Promise.all([
      import('./postgres/open.js'),
      import('./postgres/dialect.js'),
    ]);
    const { db, pool } = await openPostgres(options.databaseUrl, {
      ...(options.pgSchema !== undefined ? { schema: options.pgSchema } : {}),
      ...(log ? { log } : {}),
      ...(scope ? { scope } : {}),
    });
    const dialect = postgresDialect({
      connectionString: options.databaseUrl,
      schema: options.pgSchema,
      pool,
      log,
    });
    return { db, dialect };
  }
  const { db } = openSqlite(sqliteFile(options.dataDir), log, scope);
  return { db, dialect: sqliteDialect };
}

export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const listeners: QueryListener[] = [];
  const log: Logger = (event) => {
    const seconds = event.queryDurationMillis / 1000;
    for (const listener of listeners) listener(seconds, event.level === 'query');
  };
  const scope = new TransactionScope();
  const { db, dialect } = await openDatabase(options, log, scope);
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await db.destroy();
  };
  try {
    if (options.migrate !== false) await migrateToLatest(db as Kysely<unknown>, dialect);
  } catch (error) {
    await close();
    throw error;
  }
  const another = () => openStore({ ...options, migrate: false });
  const group = dialect.groupCommit(db);
  // Only what callers outside the store may know, not the whole dialect object.
  const database = { id: dialect.id, name: dialect.name, carriesChanges: dialect.carriesChanges };
  return bind(db, {
    db,
    dialect,
    database,
    scope,
    group,
    close,
    listeners,
    another,
    // Up to 4 M characters of comments (about 8 MB), as the comment cards (decision 0080).
    commentRows: new CommentRowCache(4_000_000),
    people: new PersonWrites(),
  });
}

/** For `broadsheet migrate`: opens, migrates, reports and closes. */
export async function runMigrations(options: OpenStoreOptions): Promise<string[]> {
  const { db, dialect } = await openDatabase(options);
  try {
    return await migrateToLatest(db as Kysely<unknown>, dialect);
  } finally {
    await db.destroy();
  }
}
