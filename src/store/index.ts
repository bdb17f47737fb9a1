/** Opens the configured database, brings its schema up to date, and returns the store. */
import path from 'node:path';
import { sql, type Kysely, type Logger } from 'kysely';
import { KyselyOneTimeTokenStore, KyselyOutboxStore, KyselySessionStore } from './accounts.js';
import { KyselyBackupStore } from './backup.js';
import { KyselyCommentStore } from './comments.js';
import { KyselyImageStore } from './images.js';
import { migrateToLatest } from './migrations/index.js';
import { KyselyImportStore } from './imports.js';
import { KyselyModerationStore } from './moderation.js';
import { KyselyNewsroomStore } from './newsroom.js';
import { KyselyPersonalDataStore } from './personal-data.js';
import { channelName, PostgresChannel } from './postgres/channel.js';
import { openPostgres } from './postgres/open.js';
import { KyselyReaderStore } from './reader.js';
import type { Database, Dialect } from './schema.js';
import { KyselySectionStore, KyselySettingStore } from './sections.js';
import { GroupCommit } from './sqlite/group-commit.js';
import { openSqlite } from './sqlite/open.js';
import { KyselySyndicationStore } from './syndication.js';
import { KyselyTokenStore } from './tokens.js';
import type { NotificationChannel } from './ports/channel.js';
import type { Store } from './types.js';
import { KyselyUserStore } from './users.js';

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

type ChannelOpener = (
  db: Kysely<Database>,
  onError?: (error: unknown) => void,
) => NotificationChannel | null;

function bind(
  db: Kysely<Database>,
  dialect: Dialect,
  close: () => Promise<void>,
  listeners: QueryListener[],
  channel: ChannelOpener,
  group: GroupCommit | null,
  another: () => Promise<Store>,
): Store {
  const store: Store = {
    dialect,
    backup: new KyselyBackupStore(db, dialect),
    personalData: new KyselyPersonalDataStore(db),
    reader: new KyselyReaderStore(db),
    newsroom: new KyselyNewsroomStore(db),
    syndication: new KyselySyndicationStore(db, dialect),
    users: new KyselyUserStore(db),
    tokens: new KyselyTokenStore(db),
    sections: new KyselySectionStore(db),
    settings: new KyselySettingStore(db),
    sessions: new KyselySessionStore(db),
    oneTimeTokens: new KyselyOneTimeTokenStore(db),
    outbox: new KyselyOutboxStore(db),
    comments: new KyselyCommentStore(db),
    moderation: new KyselyModerationStore(db),
    imports: new KyselyImportStore(db),
    images: new KyselyImageStore(db),
    async ping() {
      await sql`select 1`.execute(db);
    },
    observeQueries(listener) {
      listeners.push(listener);
    },
    openChannel: (onError) => channel(db, onError),
    openAnother: another,
    // Inside a transaction, a nested one joins it (Kysely has no nested transactions).
    transaction: (work) =>
      db.isTransaction
        ? work(store)
        : db
            .transaction()
            .execute((trx) => work(bind(trx, dialect, close, listeners, channel, null, another))),
    groupedTransaction: (work) =>
      db.isTransaction || !group
        ? store.transaction(work)
        : group.run((trx) => work(bind(trx, dialect, close, listeners, channel, null, another))),
    close,
  };
  return store;
}

export function sqliteFile(dataDir: string): string {
  return path.join(dataDir, 'broadsheet.sqlite');
}

async function openDatabase(options: OpenStoreOptions, log?: Logger) {
  if (options.databaseUrl) {
    const { db } = await openPostgres(options.databaseUrl, {
      ...(options.pgSchema !== undefined ? { schema: options.pgSchema } : {}),
      ...(log ? { log } : {}),
    });
    return { db, dialect: 'postgres' as const };
  }
  const { db } = openSqlite(sqliteFile(options.dataDir), log);
  return { db, dialect: 'sqlite' as const };
}

export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const listeners: QueryListener[] = [];
  const log: Logger = (event) => {
    const seconds = event.queryDurationMillis / 1000;
    for (const listener of listeners) listener(seconds, event.level === 'query');
  };
  const { db, dialect } = await openDatabase(options, log);
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
  const channel: ChannelOpener = (channelDb, onError) =>
    options.databaseUrl
      ? new PostgresChannel(
          channelDb,
          { connectionString: options.databaseUrl },
          channelName(options.pgSchema),
          onError,
        )
      : null;
  const group = dialect === 'sqlite' ? new GroupCommit(db) : null;
  const another = () => openStore({ ...options, migrate: false });
  return bind(db, dialect, close, listeners, channel, group, another);
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
