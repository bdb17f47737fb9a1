/**
 * The sending queue's worker (decisions/0064). Every process runs it: each round claims one
 * second's worth of due deliveries (the `ratePerSecond` setting) by conditional update, sends
 * them over the pooled SMTP connections, and marks each sent as soon as the server accepted it.
 *
 * claim ─► send ─► mark sent. A process killed between the server's acceptance and the mark
 * leaves the row claimed; when the claim expires another round sends it again, with the same
 * Message-ID (`<delivery id@host>`), so the copy can be recognised. That window — one message
 * per open connection at the moment of the kill — is the only way a subscriber gets two.
 * Failures: a 5xx reply marks the address bounced and stops mailing it; anything else is retried
 * with growing waits (domain/newsletter.ts `retryDelayMs`), and given up after `maxAttempts`.
 */
import { randomBytes } from 'node:crypto';
import type { ArticleSummary } from '../domain/article.js';
import {
  isPermanentFailure,
  maxAttempts,
  retryDelayMs,
  type NewsletterIssue,
} from '../domain/newsletter.js';
import type { SiteIdentity } from '../domain/site.js';
import type { Translator } from '../i18n/translator.js';
import type { ClaimedDelivery } from '../store/ports/newsletters.js';
import type { PortsWithUnitOfWork } from '../store/types.js';
import { issueEmail, personalise, type RenderedMail } from '../views/email/newsletter.js';
import { MailRefused, type MailService } from './mail.js';
import { readNewsletterSettings } from './newsletter-desk.js';
import { storiesOf, type NewsletterService } from './newsletters.js';

export interface NewsletterSenderDeps {
  store: PortsWithUnitOfWork<'newsletters' | 'reader' | 'settings'>;
  mail: Pick<MailService, 'deliverNow'>;
  links: Pick<NewsletterService, 'token'>;
  baseUrl: string;
  identity: () => SiteIdentity;
  i18n: () => Translator;
  now?: () => Date;
}

/** How many messages are in flight at once: nodemailer's pool opens five connections. */
const inFlight = 5;
/** The most one claim takes, whatever the rate. */
const largestClaim = 500;

export interface RoundResult {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
}

export class NewsletterSender {
  private readonly claim = randomBytes(9).toString('base64url');
  private readonly rendered = new Map<string, { issue: NewsletterIssue; mail: RenderedMail }>();
  private readonly host: string;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private stopped = true;

  constructor(private readonly deps: NewsletterSenderDeps) {
    this.host = new URL(deps.baseUrl).hostname;
  }

  /** One round: claims up to a second's worth and sends it; at least a second long when full. */
  async round(): Promise<RoundResult> {
    const started = Date.now();
    const settings = await readNewsletterSettings(this.deps.store.settings);
    const now = this.now();
    const limit = Math.min(largestClaim, settings.ratePerSecond);
    const claimed = await this.deps.store.newsletters.claimDeliveries({
      now: now.toISOString(),
      leaseUntil: new Date(now.getTime() + settings.claimSeconds * 1000).toISOString(),
      limit,
      claim: this.claim,
    });
    const result: RoundResult = { claimed: claimed.length, sent: 0, retried: 0, failed: 0 };
    let next = 0;
    const worker = async () => {
      while (next < claimed.length) {
        const delivery = claimed[next++]!;
        result[await this.send(delivery)]++;
      }
    };
    await Promise.all(Array.from({ length: Math.min(inFlight, claimed.length) }, worker));
    // The rate holds across rounds: a full round takes at least the second it was sized for.
    const share = (claimed.length / settings.ratePerSecond) * 1000;
    const left = share - (Date.now() - started);
    if (left > 0 && !this.stopped) await new Promise((resolve) => setTimeout(resolve, left));
    return result;
  }

  private async send(delivery: ClaimedDelivery): Promise<'sent' | 'retried' | 'failed'> {
    const { newsletters } = this.deps.store;
    if (delivery.subscriberStatus !== 'confirmed') {
      // They left (or bounced) after the issue was queued.
      await newsletters.markFailed(delivery.id, this.claim, 'not subscribed any more');
      return 'failed';
    }
    try {
      const issue = await this.issueMail(delivery.issueId);
      if (!issue) {
        await newsletters.markFailed(delivery.id, this.claim, 'the issue is gone');
        return 'failed';
      }
      const token = encodeURIComponent(
        await this.deps.links.token(delivery.subscriberId, 'manage'),
      );
      const manage = `${this.deps.baseUrl}/newsletters/manage?token=${token}`;
      const leave = `${this.deps.baseUrl}/newsletters/leave?token=${token}`;
      const mail = personalise(issue.mail, { manage, leave });
      await this.deps.mail.deliverNow({
        to: delivery.email,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: `<${delivery.id}@${this.host}>`,
        headers: {
          'List-Unsubscribe': `<${leave}>`,
          'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
          'List-Id': `<${issue.issue.list.replace(/[^a-z0-9-]/gi, '-')}.newsletters.${this.host}>`,
        },
      });
      // Marked the moment the server accepted it; marks of messages in flight together share one
      // commit (the group commit, decisions/0027), so marking keeps up with the pool.
      const at = this.now().toISOString();
      await this.deps.store.groupedTransaction((tx) =>
        tx.newsletters.markSent(delivery.id, this.claim, at),
      );
      return 'sent';
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const code = error instanceof MailRefused ? error.responseCode : undefined;
      if (isPermanentFailure(code)) {
        await newsletters.markBounced(delivery.subscriberId, reason, this.now().toISOString());
        await newsletters.markFailed(delivery.id, this.claim, reason);
        return 'failed';
      }
      if (delivery.attempts >= maxAttempts) {
        await newsletters.markFailed(delivery.id, this.claim, reason);
        return 'failed';
      }
      const due = new Date(this.now().getTime() + retryDelayMs(delivery.attempts));
      await newsletters.retryLater(delivery.id, this.claim, due.toISOString(), reason);
      return 'retried';
    }
  }

  /** An issue drawn once per process (issues do not change once queued). */
  private async issueMail(
    issueId: string,
  ): Promise<{ issue: NewsletterIssue; mail: RenderedMail } | null> {
    const known = this.rendered.get(issueId);
    if (known) return known;
    const issue = await this.deps.store.newsletters.issueById(issueId);
    if (!issue) return null;
    const articles: ArticleSummary[] = await storiesOf(this.deps.store.reader, issue);
    const mail = issueEmail(
      { baseUrl: this.deps.baseUrl, identity: this.deps.identity(), i18n: this.deps.i18n() },
      issue,
      articles,
    );
    if (this.rendered.size > 20) this.rendered.clear();
    this.rendered.set(issueId, { issue, mail });
    return { issue, mail };
  }

  /** Runs rounds until stopped: straight on while there is work, else every `idleMs`. */
  start(idleMs = 2_000, onError: (error: unknown) => void = () => {}): void {
    if (!this.stopped) return;
    this.stopped = false;
    const loop = () => {
      const round = this.round().then(
        (r) => r.claimed,
        (error: unknown) => {
          onError(error);
          return 0;
        },
      );
      this.running = round;
      void round.then((claimed) => {
        this.running = null;
        if (this.stopped) return;
        this.timer = setTimeout(loop, claimed > 0 ? 0 : idleMs);
        this.timer.unref();
      });
    };
    loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }
}
