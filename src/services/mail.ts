/**
 * Outgoing mail. Every message is first recorded in the outbox table; with SMTP_URL set it is
 * then delivered by nodemailer in the background (the request that caused it never waits on
 * the mail server), otherwise it stays in the outbox for admins to read and a line is logged.
 *
 * The transport keeps a small pool of SMTP connections open (nodemailer's `pool`), so a
 * newsletter going to many addresses does not open one connection per message; newsletters go
 * through `deliverNow` (services/newsletter-sender.ts keeps its own queue in the database).
 */
import type { Transporter } from 'nodemailer';
import type { Store } from '../store/types.js';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** Extra header lines (List-Unsubscribe, say); sent, not kept in the outbox. */
  headers?: Record<string, string>;
  /** The HTML alternative to `text`; sent, not kept in the outbox. */
  html?: string;
  /** A fixed Message-ID (`<…@host>`), so a message sent twice can be recognised as one. */
  messageId?: string;
}

/** What an SMTP server answered when it refused a message (its reply code, if it gave one). */
export class MailRefused extends Error {
  constructor(
    message: string,
    readonly responseCode: number | undefined,
  ) {
    super(message);
  }
}

export interface MailLog {
  info(object: object, message: string): void;
  warn(object: object, message: string): void;
}

export interface MailDeps {
  store: Pick<Store, 'outbox'>;
  /** Where mail goes; null keeps it in the outbox only (the admin outbox page shows it). */
  smtpUrl: string | null;
  from: string;
  log: MailLog;
}

/**
 * The SMTP URL with the pool turned on. Nodemailer takes every option from the URL when one is
 * given and ignores the others beside it, so `{ url, pool: true }` opened a new connection (and
 * waited for the server's greeting) for every message. Options the operator put in the URL win.
 */
export function pooledUrl(smtpUrl: string): string {
  let url: URL;
  try {
    url = new URL(smtpUrl);
  } catch {
    return smtpUrl;
  }
  if (!url.searchParams.has('pool')) url.searchParams.set('pool', 'true');
  if (!url.searchParams.has('maxMessages')) url.searchParams.set('maxMessages', '1000');
  return url.toString();
}

export class MailService {
  private readonly smtpUrl: string | null;
  /** Nodemailer is loaded at the first message, and only with SMTP_URL (decisions/0083). */
  private opening: Promise<Transporter> | null = null;
  private opened: Transporter | null = null;
  private closed = false;
  private readonly pending = new Set<Promise<void>>();
  private readonly store: MailDeps['store'];
  private readonly from: string;
  private readonly log: MailLog;

  constructor(deps: MailDeps) {
    this.store = deps.store;
    this.from = deps.from;
    this.log = deps.log;
    this.smtpUrl = deps.smtpUrl;
  }

  private transport(smtpUrl: string): Promise<Transporter> {
    this.opening ??= import('nodemailer').then(({ default: nodemailer }) => {
      const transport = nodemailer.createTransport(pooledUrl(smtpUrl));
      if (this.closed) transport.close();
      this.opened = transport;
      return transport;
    });
    return this.opening;
  }

  /** Records the message and starts delivering it; resolves once it is recorded. */
  async send(message: MailMessage): Promise<string> {
    const { to, subject, text } = message;
    const id = await this.store.outbox.add({
      to,
      subject,
      text,
      createdAt: new Date().toISOString(),
    });
    if (!this.smtpUrl) {
      this.log.info(
        { mail: id, to: message.to, subject: message.subject },
        'mail kept in the outbox (no SMTP_URL)',
      );
      return id;
    }
    const delivery = this.deliver(this.smtpUrl, id, message).finally(() =>
      this.pending.delete(delivery),
    );
    this.pending.add(delivery);
    return id;
  }

  private async deliver(smtpUrl: string, id: string, message: MailMessage): Promise<void> {
    try {
      await (await this.transport(smtpUrl)).sendMail({ from: this.from, ...message });
      await this.store.outbox.markSent(id, new Date().toISOString());
    } catch (error) {
      const reason = (error as Error).message;
      this.log.warn({ mail: id, to: message.to, err: reason }, 'mail delivery failed');
      await this.store.outbox.markFailed(id, reason).catch(() => {});
    }
  }

  /**
   * Sends one message now and resolves once the server accepted it (without SMTP_URL: once it is
   * kept in the outbox); rejects with MailRefused, carrying the server's reply code, if not.
   */
  async deliverNow(message: MailMessage): Promise<void> {
    if (!this.smtpUrl) {
      const { to, subject, text } = message;
      await this.store.outbox.add({ to, subject, text, createdAt: new Date().toISOString() });
      return;
    }
    try {
      await (await this.transport(this.smtpUrl)).sendMail({ from: this.from, ...message });
    } catch (error) {
      const code = (error as { responseCode?: unknown }).responseCode;
      throw new MailRefused((error as Error).message, typeof code === 'number' ? code : undefined);
    }
  }

  /** Whether mail really leaves (SMTP_URL set), rather than staying in the outbox. */
  get sends(): boolean {
    return this.smtpUrl !== null;
  }

  /** Waits for deliveries in flight (graceful shutdown, tests). */
  async drain(): Promise<void> {
    await Promise.all([...this.pending]);
  }

  close(): void {
    this.closed = true;
    this.opened?.close();
  }
}
