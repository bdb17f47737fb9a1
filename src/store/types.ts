/**
 * The Store: every port of ports/ over one database connection. Services talk to the ports;
 * one Kysely implementation serves both databases, and what differs lives in sqlite/ and
 * postgres/.
 */
import type { DatabaseInfo } from './database-info.js';
import type { OneTimeTokenStore, SessionStore, TokenStore, UserStore } from './ports/accounts.js';
import type { BackupStore } from './ports/backup.js';
import type { NotificationChannel } from './ports/channel.js';
import type { CommentStore } from './ports/comments.js';
import type { DemoStore } from './ports/demo.js';
import type { ImageStore } from './ports/images.js';
import type { ImportStore } from './ports/imports.js';
import type { InvitationStore } from './ports/invitations.js';
import type { ModerationStore } from './ports/moderation.js';
import type { NewsroomStore } from './ports/newsroom.js';
import type { OutboxStore } from './ports/outbox.js';
import type { PageStore } from './ports/pages.js';
import type { PersonalDataStore } from './ports/personal-data.js';
import type { ReaderStore } from './ports/reader.js';
import type { SectionStore, SettingStore } from './ports/site.js';
import type { SectionAdminStore } from './ports/sections.js';
import type { SyndicationStore } from './ports/syndication.js';
import type { UnitOfWork } from './ports/unit-of-work.js';
import type { DeletedDraftStore } from './ports/deleted-drafts.js';
import type { FrontStore } from './ports/front.js';
import type { LimitStore } from './ports/limits.js';
import type { DigestStore } from './ports/digests.js';
import type { StaffMailStore, WebhookStore } from './ports/webhooks.js';
import type { NewsletterStore } from './ports/newsletters.js';
import type { LiveStore } from './ports/live.js';
import type { PasskeyChallengeStore, PasskeyStore, SignInEventStore } from './ports/passkeys.js';
import type { EmailSignInLinkStore, SsoStore } from './ports/sso.js';
import type { InsightStore } from './ports/insights.js';

export interface Store extends UnitOfWork<Store> {
  /** Which database this is, for the few callers outside the store that must say or know. */
  readonly database: DatabaseInfo;
  readonly backup: BackupStore;
  readonly personalData: PersonalDataStore;
  readonly reader: ReaderStore;
  readonly newsroom: NewsroomStore;
  readonly syndication: SyndicationStore;
  readonly users: UserStore;
  readonly tokens: TokenStore;
  readonly sections: SectionStore;
  readonly settings: SettingStore;
  readonly sessions: SessionStore;
  readonly oneTimeTokens: OneTimeTokenStore;
  readonly outbox: OutboxStore;
  readonly comments: CommentStore;
  readonly moderation: ModerationStore;
  readonly imports: ImportStore;
  readonly images: ImageStore;
  readonly deletedDrafts: DeletedDraftStore;
  readonly front: FrontStore;
  readonly pages: PageStore;
  readonly invitations: InvitationStore;
  readonly demo: DemoStore;
  readonly sectionAdmin: SectionAdminStore;
  readonly limits: LimitStore;
  readonly digests: DigestStore;
  readonly webhooks: WebhookStore;
  readonly staffMail: StaffMailStore;
  readonly newsletters: NewsletterStore;
  readonly live: LiveStore;
  readonly passkeys: PasskeyStore;
  readonly passkeyChallenges: PasskeyChallengeStore;
  readonly signInEvents: SignInEventStore;
  /** Emailed sign-in links, bound to the browser that asked (0033). */
  readonly emailSignInLinks: EmailSignInLinkStore;
  /** OpenID Connect providers, linked accounts, provider sign-ins under way (0033). */
  readonly sso: SsoStore;
  readonly insights: InsightStore;
  /** Calls the listener after every query with its duration in seconds. */
  observeQueries(listener: (seconds: number, ok: boolean) => void): void;
  /** Throws if the database cannot be reached. */
  ping(): Promise<void>;
  /**
   * A channel to the other app processes on this database (PostgreSQL LISTEN/NOTIFY), or null
   * where the database has none (SQLite). Each call opens a new one; close it when done.
   */
  openChannel(onError?: (error: unknown) => void): NotificationChannel | null;
  /**
   * Another connection to the same database, opened for long work (an import) that must not
   * hold this store's connection; close it when done.
   */
  openAnother(): Promise<Store>;
  close(): Promise<void>;
}

/** The names of the Store's ports (what `Pick<Store, …>` may name for a service). */
export type PortName = Exclude<
  keyof Store,
  | 'database'
  | 'transaction'
  | 'groupedTransaction'
  | 'observeQueries'
  | 'ping'
  | 'openChannel'
  | 'openAnother'
  | 'close'
>;

/**
 * Some of the Store's ports, and transactions that hand the same ports bound to them: what a
 * service that writes in transactions declares it uses. The Store itself is one.
 */
export type PortsWithUnitOfWork<K extends PortName> = Pick<Store, K> & UnitOfWork<Pick<Store, K>>;
