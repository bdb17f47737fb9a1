/**
 * Reply notifications: when a published reply is committed, the author of the comment it answers
 * gets an email (unless it is their own reply, or they turned these emails off). Sent in the
 * background: the request that posted the reply never waits for it.
 *
 * Every email carries a one-click unsubscribe link with a signed token (HMAC-SHA-256 of the
 * person's id with a secret kept in the settings), so it works without signing in, and the
 * RFC 8058 headers that let mail programs offer "Unsubscribe" themselves.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { articlePath } from '../domain/article.js';
import type { Comment } from '../domain/comment.js';
import type { Translator } from '../i18n/translator.js';
import type { Store } from '../store/types.js';
import type { MailLog, MailService } from './mail.js';
import type { ReplyListener } from './moderation.js';

export const notificationSecretKey = 'notifications.secret';

export interface ReplyNotifierDeps {
  store: Pick<Store, 'comments' | 'reader' | 'settings' | 'users'>;
  mail: Pick<MailService, 'send' | 'drain'>;
  baseUrl: string;
  siteName: () => string;
  /** The emails' words: the site's language as last read. */
  i18n: () => Translator;
  log: MailLog;
}

export class ReplyNotifier implements ReplyListener {
  private readonly pending = new Set<Promise<void>>();
  private secretValue: Buffer | null = null;

  private readonly store: ReplyNotifierDeps['store'];
  private readonly mail: ReplyNotifierDeps['mail'];
  private readonly options: Pick<ReplyNotifierDeps, 'baseUrl' | 'siteName' | 'i18n' | 'log'>;

  constructor(deps: ReplyNotifierDeps) {
    this.store = deps.store;
    this.mail = deps.mail;
    this.options = deps;
  }

  /** Starts notifying about this reply; returns at once. */
  replyPublished(reply: Comment): void {
    const work = this.notify(reply)
      .catch((error: unknown) =>
        this.options.log.warn({ err: error, comment: reply.id }, 'reply notification failed'),
      )
      .finally(() => this.pending.delete(work));
    this.pending.add(work);
  }

  /** Waits for notifications in flight (graceful shutdown, tests). */
  async drain(): Promise<void> {
    await Promise.all([...this.pending]);
    await this.mail.drain();
  }

  /** The link that turns reply emails off for this person, no sign-in needed. */
  async unsubscribeUrl(userId: string): Promise<string> {
    const token = `${userId}.${await this.sign(userId)}`;
    return `${this.options.baseUrl}/account/unsubscribe/replies?token=${encodeURIComponent(token)}`;
  }

  /** The person a token was made for, if it is genuine. */
  async verify(token: string): Promise<string | null> {
    const dot = token.lastIndexOf('.');
    if (dot <= 0) return null;
    const userId = token.slice(0, dot);
    const given = Buffer.from(token.slice(dot + 1));
    const expected = Buffer.from(await this.sign(userId));
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    return (await this.store.users.byId(userId)) ? userId : null;
  }

  /** Turns reply emails off for the person the token names; false if the token is not genuine. */
  async unsubscribe(token: string): Promise<boolean> {
    const userId = await this.verify(token);
    if (!userId) return false;
    await this.store.users.setReplyNotifications(userId, false);
    return true;
  }

  /** Whether the person gets emails about replies. */
  wantsReplies(userId: string): Promise<boolean> {
    return this.store.users.replyNotifications(userId);
  }

  setReplies(userId: string, on: boolean): Promise<void> {
    return this.store.users.setReplyNotifications(userId, on);
  }

  /** Makes sure the signing secret exists (called at start-up, before any email). */
  async ensureSecret(): Promise<void> {
    await this.secret();
  }

  private async notify(reply: Comment): Promise<void> {
    if (!reply.parentId) return;
    const parent = await this.store.comments.byId(reply.parentId);
    // A guest's comment (imported) has no account to write to.
    const parentAuthor = parent?.author.id;
    if (!parent || !parentAuthor || parentAuthor === reply.author.id) return;
    if (!(await this.store.users.replyNotifications(parentAuthor))) return;
    const [recipient, article] = await Promise.all([
      this.store.users.byId(parentAuthor),
      this.store.reader.getById(reply.articleId),
    ]);
    if (!recipient || recipient.bannedAt || !article) return;
    const link = `${this.options.baseUrl}${articlePath(article)}#comment-${reply.id}`;
    const unsubscribe = await this.unsubscribeUrl(recipient.id);
    const site = this.options.siteName();
    const { t } = this.options.i18n();
    const name = reply.author.name;
    const { headline } = article;
    await this.mail.send({
      to: recipient.email,
      subject: t('email.reply.subject', { name, headline }),
      text: [
        t('email.reply.intro', { name, headline }),
        '',
        ...reply.body.split('\n').map((line) => `> ${line}`),
        '',
        t('email.reply.read', { link }),
        '',
        t('email.reply.why', { site }),
        t('email.reply.stop', { link: unsubscribe }),
        t('email.reply.account', { link: `${this.options.baseUrl}/account` }),
      ].join('\n'),
      headers: {
        'List-Unsubscribe': `<${unsubscribe}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      },
    });
  }

  private async sign(userId: string): Promise<string> {
    return createHmac('sha256', await this.secret())
      .update(`unsubscribe-replies:${userId}`)
      .digest('base64url')
      .slice(0, 32);
  }

  private async secret(): Promise<Buffer> {
    if (this.secretValue) return this.secretValue;
    let stored = await this.store.settings.get(notificationSecretKey);
    if (!stored) {
      await this.store.settings.set(notificationSecretKey, randomBytes(32).toString('hex'));
      // Read back: if another process made one at the same moment, both use the stored one.
      stored = await this.store.settings.get(notificationSecretKey);
    }
    if (!stored) throw new Error('the notification secret could not be stored');
    this.secretValue = Buffer.from(stored, 'hex');
    return this.secretValue;
  }
}
