/** Every use-case, built from one store. Routes and the CLI receive this object. */
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DiskImageStorage } from '../store/image-files.js';
import type { Store } from '../store/types.js';
import { AccountService } from './accounts.js';
import { BackupService } from './backup.js';
import { LocalChangeBus, type ChangeBus } from './changes.js';
import { CommentService } from './comments.js';
import { ImportService } from './imports/index.js';
import { ImageService, type ImageSettings } from './images.js';
import { MailService, type MailLog } from './mail.js';
import { ReplyNotifier } from './notifications.js';
import { ModerationService } from './moderation.js';
import { NewsroomService } from './newsroom.js';
import { PeopleService } from './people.js';
import { PersonalDataService } from './personal-data.js';
import { ReadingService } from './reading.js';
import { SearchService } from './search.js';
import { SyndicationService } from './syndication.js';
import { SessionService } from './sessions.js';
import { TokenService } from './tokens.js';
import { UserService } from './users.js';

export interface Services {
  reading: ReadingService;
  search: SearchService;
  syndication: SyndicationService;
  comments: CommentService;
  /** Emails about replies, and their unsubscribe links. */
  notifications: ReplyNotifier;
  users: UserService;
  tokens: TokenService;
  sessions: SessionService;
  accounts: AccountService;
  mail: MailService;
  people: PeopleService;
  moderation: ModerationService;
  newsroom: NewsroomService;
  /** A person's data download and account deletion. */
  personalData: PersonalDataService;
  /** `broadsheet export` and `restore`. */
  backup: BackupService;
  /** WordPress and Disqus imports. */
  imports: ImportService;
  images: ImageService;
  /** Announces committed changes to the live stream, the page cache and other listeners. */
  changes: ChangeBus;
}

export interface ServiceOptions {
  baseUrl: string;
  smtpUrl: string | null;
  siteName: () => string;
  log: MailLog;
  /** The bus to announce changes on; an in-process one when not given. */
  changes?: ChangeBus;
  /** Where uploads (imports) are kept while they are processed; DATA_DIR. */
  dataDir?: string;
  /** Defaults for moderation settings nobody has saved yet (the deployment's posting limits). */
  moderationDefaults?: Record<string, string>;
  /** Where images are stored and how large they may be; by default a folder under the system's
   * temporary directory, 10 MB and 50 megapixels (the server passes DATA_DIR/images and config). */
  images?: ImageSettings;
}

const quiet: MailLog = { info: () => {}, warn: () => {} };

export function createServices(
  store: Store,
  options: ServiceOptions = {
    baseUrl: 'http://localhost:3000',
    smtpUrl: null,
    siteName: () => 'Broadsheet',
    log: quiet,
  },
): Services {
  const sessions = new SessionService(store);
  const mail = new MailService(
    store,
    { smtpUrl: options.smtpUrl, from: `no-reply@${new URL(options.baseUrl).hostname}` },
    options.log,
  );
  const changes = options.changes ?? new LocalChangeBus();
  const moderation = new ModerationService(store, changes, sessions, {
    settings: options.moderationDefaults ?? {},
  });
  const comments = new CommentService(store, changes, moderation);
  const notifications = new ReplyNotifier(store, mail, {
    baseUrl: options.baseUrl,
    siteName: options.siteName,
    log: options.log,
  });
  comments.onReplyPublished = (reply) => notifications.replyPublished(reply);
  const images = new ImageService(
    store,
    changes,
    options.images ?? {
      storage: new DiskImageStorage(path.join(tmpdir(), `broadsheet-images-${process.pid}`)),
      maxBytes: 10 * 2 ** 20,
      maxPixels: 50e6,
    },
  );
  const newsroom = new NewsroomService(store, changes);
  newsroom.publishChecks.push((article) => images.publishingProblem(article));
  moderation.onReplyPublished = (reply) => notifications.replyPublished(reply);
  return {
    reading: new ReadingService(store, comments),
    search: new SearchService(store),
    syndication: new SyndicationService(store),
    comments,
    notifications,
    users: new UserService(store),
    tokens: new TokenService(store),
    sessions,
    mail,
    people: new PeopleService(store, sessions),
    moderation,
    newsroom,
    backup: new BackupService(store),
    imports: new ImportService(store, changes, {
      dataDir: options.dataDir ?? path.join(tmpdir(), 'broadsheet'),
      log: (error) => options.log.warn({ err: error }, 'import failed'),
    }),
    personalData: new PersonalDataService(store, changes, moderation),
    images,
    changes,
    accounts: new AccountService({
      store,
      sessions,
      mail,
      baseUrl: options.baseUrl,
      siteName: options.siteName,
    }),
  };
}
