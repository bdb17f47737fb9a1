/**
 * Outgoing mail. Every message is first recorded in the outbox table; with SMTP_URL set it is
 * then delivered by nodemailer in the background (the request that caused it never waits on
 * the mail server), otherwise it stays in the outbox for admins to read and a line is logged.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import type { Store } from '../store/types.js';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** Extra header lines (List-Unsubscribe, say); sent, not kept in the outbox. */
  headers?: Record<string, string>;
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

export class MailService {
  private readonly transport: Transporter | null;
  private readonly pending = new Set<Promise<void>>();
  private readonly store: MailDeps['store'];
  private readonly from: string;
  private readonly log: MailLog;

  constructor(deps: MailDeps) {
    this.store = deps.store;
    this.from = deps.from;
    this.log = deps.log;
    this.transport = deps.smtpUrl ? nodemailer.createTransport(deps.smtpUrl) : null;
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
    if (!this.transport) {
      this.log.info(
        { mail: id, to: message.to, subject: message.subject },
        'mail kept in the outbox (no SMTP_URL)',
      );
      return id;
    }
    const delivery = this.deliver(id, message).finally(() => this.pending.delete(delivery));
    this.pending.add(delivery);
    return id;
  }

  private async deliver(id: string, message: MailMessage): Promise<void> {
    try {
      await this.transport?.sendMail({ from: this.from, ...message });
      await this.store.outbox.markSent(id, new Date().toISOString());
    } catch (error) {
      const reason = (error as Error).message;
      this.log.warn({ mail: id, to: message.to, err: reason }, 'mail delivery failed');
      await this.store.outbox.markFailed(id, reason).catch(() => {});
    }
  }

  /** Waits for deliveries in flight (graceful shutdown, tests). */
  async drain(): Promise<void> {
    await Promise.all([...this.pending]);
  }

  close(): void {
    this.transport?.close();
  }
}
