/**
 * Every use-case, as src/compose.ts builds them. Routes receive the few they call (a `Pick` of
 * this); the CLI and tests reach them all.
 */
import type { ModerationDigest } from './moderation-digest.js';
import type { AccountService } from './accounts.js';
import type { BackupService } from './backup.js';
import type { ChangeBus } from './changes.js';
import type { CommentSettingsService } from './comment-settings.js';
import type { CommentThreadService } from './comment-threads.js';
import type { CommentService } from './comments.js';
import type { ImportService } from './imports/index.js';
import type { ImageService } from './images.js';
import type { MailService } from './mail.js';
import type { ReplyNotifier } from './notifications.js';
import type { ModerationService } from './moderation.js';
import type { NewsroomService } from './newsroom.js';
import type { PeopleService } from './people.js';
import type { PersonalDataService } from './personal-data.js';
import type { ReadingService } from './reading.js';
import type { SearchService } from './search.js';
import type { SectionService } from './sections.js';
import type { SyndicationService } from './syndication.js';
import type { SessionService } from './sessions.js';
import type { SiteService } from './site.js';
import type { SetupService } from './setup.js';
import type { TokenService } from './tokens.js';
import type { UserService } from './users.js';
import type { FrontService } from './front.js';
import type { PageService } from './pages.js';
import type { InvitationService } from './invitations.js';
import type { StaffService } from './staff.js';
import type { DemoService } from './demo.js';
import type { MenuService } from './menus.js';
import type { WebhookService } from './webhooks.js';
import type { StaffNotifications } from './staff-notifications.js';
import type { NewsletterService } from './newsletters.js';
import type { ViewCounter } from './insights.js';
import type { InsightReports } from './insights-report.js';
import type { NewsletterDesk } from './newsletter-desk.js';
import type { NewsletterSender } from './newsletter-sender.js';
import type { LiveService } from './live.js';
import type { PasskeyService } from './passkeys.js';
import type { SignInAudit } from './sign-in-audit.js';
import type { EmailSignInService } from './email-sign-in.js';
import type { SsoService } from './sso.js';
import type { SignInPolicyService } from './sign-in-policy.js';

export interface Services {
  reading: ReadingService;
  search: SearchService;
  syndication: SyndicationService;
  /** Writing comments: post, edit, delete, react. */
  comments: CommentService;
  /** Reading an article's comment threads. */
  threads: CommentThreadService;
  /** Whether an article takes comments, and how. */
  commentSettings: CommentSettingsService;
  /** Emails about replies, and their unsubscribe links. */
  notifications: ReplyNotifier;
  moderationDigest: ModerationDigest;
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
  /** The site's identity: name, tagline, logo, icons, publisher, footer. */
  site: SiteService;
  /** The first-run wizard: whether it is finished; the public address check. */
  setup: SetupService;
  /** Announces committed changes to the live stream, the page cache and other listeners. */
  changes: ChangeBus;
  /** Editors' arrangement of the front page: pins, featured slots, sections. */
  front: FrontService;
  /** Static pages (About, Contact…): editors' drafts and revisions, readers' `/{slug}`. */
  pages: PageService;
  /** Staff invitations: sent by admins, accepted from the emailed link. */
  invitations: InvitationService;
  /** Display names, bylines and author photos. */
  staff: StaffService;
  /** The demo content: loading it into an empty site, and removing it. */
  demo: DemoService;
  /** Admins manage the sections: create, rename, reorder, hide, remove. */
  sections: SectionService;
  /** The masthead's and the footer's menus: read by every page, edited by admins. */
  menus: MenuService;
  /** Webhooks: endpoints, events queued for them, deliveries (issue 21). */
  webhooks: WebhookService;
  /** The newsroom's emails to authors and editors, and who turned which off. */
  staffNotifications: StaffNotifications;
  /** Readers' newsletters: subscribing, the manage link, /account, the archive, the admin list. */
  newsletters: NewsletterService;
  /** Counting page views (issue 24): the fast lane and the reader pages count through it. */
  views: ViewCounter;
  /** Most read lists and the reports of /admin/insights. */
  insights: InsightReports;
  /** The newsroom's newsletters: the briefing, digests, alerts; editing and sending them. */
  newsletterDesk: NewsletterDesk;
  /** The sending queue's worker (decisions/0064). */
  newsletterSender: NewsletterSender;
  /** Live coverage: a live article's updates, for the newsroom and for readers (issue 22). */
  live: LiveService;
  /** Passkeys: adding, signing in and up with one, removing (issue 23). */
  passkeys: PasskeyService;
  /** The record of sign-ins each person sees on /account; every sign-in path writes it. */
  signInAudit: SignInAudit;
  /** Sign-in links sent by email, bound to the browser that asked (issue 23). */
  emailSignIn: EmailSignInService;
  /** OpenID Connect single sign-on: providers, sign-ins, linked accounts (issue 23). */
  sso: SsoService;
  /** Which roles may use passwords and email links; where every link or SSO sign-in ends. */
  signInPolicy: SignInPolicyService;
}
