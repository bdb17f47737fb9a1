/**
 * The program assembled in one place: from an opened Store, the config, a logger and a change
 * bus, every service, each handed only what it declares it uses. Nothing here opens a
 * connection or listens: server.ts, the CLI and the tests open the store and the change channel,
 * and close them.
 */
import { ModerationDigest } from './services/moderation-digest.js';
import { defaultSignInLimits, SignInGuard, type SignInLimits } from './services/sign-in-guard.js';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Config, ImageStoreLocation } from './config.js';
import type { AppDeps } from './http/app.js';
import { resolveLimits, type Limits } from './http/limits.js';
import { translator } from './i18n/translator.js';
import { AccountService } from './services/accounts.js';
import { BackupService } from './services/backup.js';
import { LocalChangeBus, type ChangeBus } from './services/changes.js';
import { CommentSettingsService } from './services/comment-settings.js';
import { CommentThreadService } from './services/comment-threads.js';
import { CommentService } from './services/comments.js';
import { DemoService } from './services/demo.js';
import { ImportService } from './services/imports/index.js';
import { ImageService, type ImageSettings } from './services/images.js';
import type { Services } from './services/index.js';
import { MailService, type MailLog } from './services/mail.js';
import { ModerationService } from './services/moderation.js';
import { NewsroomService } from './services/newsroom.js';
import { ReplyNotifier } from './services/notifications.js';
import { PeopleService } from './services/people.js';
import { PersonalDataService } from './services/personal-data.js';
import { ReadingService } from './services/reading.js';
import { SectionService } from './services/sections.js';
import { SearchService } from './services/search.js';
import { SessionService } from './services/sessions.js';
import { SiteService } from './services/site.js';
import { SetupService } from './services/setup.js';
import { SyndicationService } from './services/syndication.js';
import { TokenService } from './services/tokens.js';
import { UserService } from './services/users.js';
import { FrontService } from './services/front.js';
import { PageService } from './services/pages.js';
import { InvitationService } from './services/invitations.js';
import { StaffService } from './services/staff.js';
import { MenuService } from './services/menus.js';
import { openSharedLimits } from './services/limits.js';
import { DiskImageStorage, type ImageStorage } from './store/image-files.js';
import { NewsletterService } from './services/newsletters.js';
import { NewsletterDesk } from './services/newsletter-desk.js';
import { NewsletterSender } from './services/newsletter-sender.js';
import type { Store } from './store/types.js';
import { WebhookService } from './services/webhooks.js';
import { LiveService } from './services/live.js';
import { StaffNotifications } from './services/staff-notifications.js';
import { newsroomListeners } from './services/newsroom-events.js';
import { PasskeyService } from './services/passkeys.js';
import { SignInAudit } from './services/sign-in-audit.js';
import { EmailSignInService } from './services/email-sign-in.js';
import { SsoService } from './services/sso.js';
import { SignInPolicyService } from './services/sign-in-policy.js';
import { ViewCounter } from './services/insights.js';
import { InsightReports } from './services/insights-report.js';

export interface ServiceOptions {
  baseUrl: string;
  smtpUrl: string | null;
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
  /** Sign-up attempts per network address (counted in the database); unlimited when not given. */
  signUpsPerAddress?: { max: number; windowMs: number };
  /** Failed sign-ins counted per account and address (services/sign-in-guard.ts). */
  signIn?: SignInLimits;
  /** Let webhooks reach loopback and private addresses (WEBHOOKS_ALLOW_PRIVATE; tests). */
  webhooksAllowPrivate?: boolean;
}

const quiet: MailLog = { info: () => {}, warn: () => {} };

/**
 * Every service over one store. Built in the order they need each other, so each receives its
 * collaborators at construction (nothing is wired afterwards).
 */
export function createServices(
  store: Store,
  options: ServiceOptions = {
    baseUrl: 'http://localhost:3000',
    smtpUrl: null,
    log: quiet,
  },
): Services {
  const changes = options.changes ?? new LocalChangeBus();
  const imageSettings = options.images ?? {
    storage: new DiskImageStorage(path.join(tmpdir(), `broadsheet-images-${process.pid}`)),
    maxBytes: 10 * 2 ** 20,
    maxPixels: 50e6,
  };
  const site = new SiteService({ store, changes, ...imageSettings });
  // Emails are worded with the name last read (pages read it afresh after every change).
  const siteName = () => site.current().name;
  // Emails are written in the site's language, with dates in its zone.
  const i18n = () => {
    const { language, timeZone } = site.current();
    return translator(language, timeZone);
  };
  const webhooks = new WebhookService({
    store,
    changes,
    baseUrl: options.baseUrl,
    i18n,
    siteName,
    allowPrivate: options.webhooksAllowPrivate ?? false,
    onError: (error) => options.log.warn({ err: error }, 'webhooks: queueing or delivering failed'),
  });
  const sessions = new SessionService({ store, changes });
  const mail = new MailService({
    store,
    smtpUrl: options.smtpUrl,
    from: `no-reply@${new URL(options.baseUrl).hostname}`,
    log: options.log,
  });
  const notifications = new ReplyNotifier({
    store,
    mail,
    baseUrl: options.baseUrl,
    siteName,
    i18n,
    log: options.log,
  });
  const moderation = new ModerationService({
    store,
    changes,
    sessions,
    replies: notifications,
    settings: options.moderationDefaults ?? {},
    events: webhooks,
  });
  const commentSettings = new CommentSettingsService({ store, changes });
  const threads = new CommentThreadService({ store, moderation, settings: commentSettings });
  const comments = new CommentService({
    store,
    changes,
    moderation,
    settings: commentSettings,
    threads,
    replies: notifications,
    events: webhooks,
  });
  const images = new ImageService({
    store,
    changes,
    settings: imageSettings,
  });
  const reading = new ReadingService({ store, threads });
  const staffNotifications = new StaffNotifications({
    store,
    mail,
    baseUrl: options.baseUrl,
    siteName,
    i18n,
  });
  const newsroom = new NewsroomService({
    store,
    changes,
    publishChecks: [images],
    events: newsroomListeners([staffNotifications, webhooks.newsroomListener()], (error) =>
      options.log.warn({ err: error }, 'a newsroom listener failed'),
    ),
  });
  const menus = new MenuService({ store, changes });
  // Reader newsletters (issue 21): subscriptions, the newsroom's issues, the sending queue.
  const newsletterSite = {
    baseUrl: options.baseUrl,
    identity: () => site.current(),
    i18n,
  };
  const newsletters = new NewsletterService({ store, mail, events: webhooks, ...newsletterSite });
  // Every sign-in path records itself here (issue 23).
  const signInAudit = new SignInAudit({ store });
  const signInPolicy = new SignInPolicyService({
    store,
    sessions,
    recorder: signInAudit,
    passkeyCount: (userId) => store.passkeys.countForUser(userId),
  });
  const accounts = new AccountService({
    store,
    sessions,
    mail,
    baseUrl: options.baseUrl,
    siteName,
    i18n,
    signInPolicy,
    ...(options.signUpsPerAddress ? { signUpsPerAddress: options.signUpsPerAddress } : {}),
    signInGuard: new SignInGuard({
      store,
      mail,
      baseUrl: options.baseUrl,
      siteName,
      i18n,
      limits: options.signIn ?? defaultSignInLimits,
    }),
    audit: signInAudit,
  });
  return {
    live: new LiveService({ store, changes }),
    signInPolicy,
    emailSignIn: new EmailSignInService({
      store,
      mail,
      policy: signInPolicy,
      baseUrl: options.baseUrl,
      siteName,
      i18n,
    }),
    sso: new SsoService({ store, policy: signInPolicy, baseUrl: options.baseUrl }),
    views: new ViewCounter({ store, siteHost: new URL(options.baseUrl).hostname }),
    insights: new InsightReports({ store, timeZone: () => site.current().timeZone }),
    newsletters,
    newsletterDesk: new NewsletterDesk({ store, reading, ...newsletterSite }),
    newsletterSender: new NewsletterSender({ store, mail, links: newsletters, ...newsletterSite }),
    reading,
    search: new SearchService({ store }),
    syndication: new SyndicationService({ store }),
    comments,
    threads,
    commentSettings,
    notifications,
    users: new UserService({ store }),
    tokens: new TokenService({ store }),
    sessions,
    mail,
    people: new PeopleService({ store, sessions }),
    moderation,
    newsroom,
    backup: new BackupService({ store }),
    imports: new ImportService({
      store,
      changes,
      dataDir: options.dataDir ?? path.join(tmpdir(), 'broadsheet'),
      log: (error) => options.log.warn({ err: error }, 'import failed'),
    }),
    personalData: new PersonalDataService({ store, changes, moderation }),
    images,
    changes,
    moderationDigest: new ModerationDigest({
      store,
      mail,
      baseUrl: options.baseUrl,
      siteName,
      i18n,
    }),
    accounts,
    signInAudit,
    passkeys: new PasskeyService({
      store,
      relyingParty: {
        id: new URL(options.baseUrl).hostname,
        origin: new URL(options.baseUrl).origin,
        name: siteName,
      },
      sessions,
      accounts,
      audit: signInAudit,
      policy: (user) => signInPolicy.policyFor(user.role),
    }),
    site,
    setup: new SetupService({ store, baseUrl: options.baseUrl }),
    front: new FrontService({
      store,
      changes,
      reading,
      timeZone: () => site.current().timeZone,
    }),
    pages: new PageService({ store, changes, menus }),
    invitations: new InvitationService({
      store,
      sessions,
      mail,
      baseUrl: options.baseUrl,
      siteName,
      i18n,
      audit: signInAudit,
    }),
    staff: new StaffService({ store, changes, images, newsroom }),
    demo: new DemoService({ store, changes }),
    sections: new SectionService({ store, changes }),
    menus,
    webhooks,
    staffNotifications,
  };
}

export interface ProgramDeps {
  config: Config;
  store: Store;
  log: MailLog;
  /** The bus changes are announced on: relayed between processes, or this process's own. */
  changes: ChangeBus;
  /** Overrides of the default request limits (tests and benchmarks); the posting limits are
   * the moderation settings' defaults. */
  limits?: Partial<Limits>;
}

/** What the HTTP app is built from, besides the config and the logger. */
export type Program = Pick<AppDeps, 'services' | 'database' | 'outbox' | 'sharedLimits'>;

/** The services of the configured site, and what the HTTP app asks of the store itself. */
export async function composeProgram(deps: ProgramDeps): Promise<Program> {
  const { config, store } = deps;
  const limits = resolveLimits(deps.limits);
  const services = createServices(store, {
    changes: deps.changes,
    baseUrl: config.baseUrl,
    smtpUrl: config.smtpUrl,
    log: deps.log,
    images: {
      storage: await imageStorageFor(config.imageStore, config),
      delivery: config.imageDelivery,
      maxBytes: config.imageMaxMb * 2 ** 20,
      maxPixels: config.imageMaxMegapixels * 1e6,
    },
    dataDir: config.dataDir,
    signUpsPerAddress: limits.signUpPerIp,
    webhooksAllowPrivate: config.webhooksAllowPrivate,
    signIn: {
      perAccountAddress: limits.signInPerAccountAddress,
      perAccountUnknown: limits.signInPerAccountUnknown,
      alertAfter: limits.signInAlertAfter,
    },
    moderationDefaults: {
      'moderation.ratePerPerson': String(limits.commentPostsPerPerson.max),
      'moderation.ratePerAddress': String(limits.commentPostsPerAddress.max),
      'moderation.rateWindowSeconds': String(
        Math.max(1, Math.round(limits.commentPostsPerPerson.windowMs / 1000)),
      ),
    },
  });
  // Read once now, so the first emails name the site.
  await services.site.identity();
  // Counted with every other process and server: in Redis when REDIS_URL is set, else here.
  const sharedLimits = await openSharedLimits({ redisUrl: config.redisUrl, store, log: deps.log });
  return { services, database: store, outbox: store.outbox, sharedLimits };
}

/**
 * The image store at a location (IMAGE_STORE, or the `images copy` command's --from and --to):
 * a folder, or an S3 bucket reached with the S3_* settings. The AWS SDK is loaded only for S3.
 */
export async function imageStorageFor(
  location: ImageStoreLocation,
  s3: Pick<
    Config,
    's3Endpoint' | 's3Region' | 's3AccessKeyId' | 's3SecretAccessKey' | 's3ForcePathStyle'
  >,
): Promise<ImageStorage> {
  if (location.kind === 'folder') return new DiskImageStorage(location.dir);
  const { S3ImageStorage } = await import('./store/s3-image-files.js');
  return new S3ImageStorage({
    bucket: location.bucket,
    prefix: location.prefix,
    endpoint: s3.s3Endpoint,
    region: s3.s3Region,
    accessKeyId: s3.s3AccessKeyId,
    secretAccessKey: s3.s3SecretAccessKey,
    forcePathStyle: s3.s3ForcePathStyle,
  });
}
