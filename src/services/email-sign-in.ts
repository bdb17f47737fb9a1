/**
 * Signing in with a link sent by email (issue 23, decisions/0072).
 *
 * The browser that asks for a link gets a random secret in a cookie; the link's row stores the
 * SHA-256 of its token and of that secret. Opening the link shows a button only (a mail scanner's
 * GET spends nothing); posting it signs in only when the same browser's secret comes with it, so
 * a forwarded or intercepted link is useless elsewhere. A link lives 15 minutes and is used once.
 *
 * Asking never reveals whether an account exists: the same answer, and a mail only when there is
 * a person whose role may use links.
 */
import { createHash, randomBytes } from 'node:crypto';
import { isBanned, isEmail, normaliseEmail } from '../domain/user.js';
import { AppError } from '../errors.js';
import type { Translator } from '../i18n/translator.js';
import type { Store } from '../store/types.js';
import type { MailService } from './mail.js';
import type { SignInPolicyService } from './sign-in-policy.js';

export const emailLinkLifetimeMs = 15 * 60 * 1000;

export function hashSecret(value: string): string {
  return createHash('sha256').update(value).digest('base64url');
}

/** A fresh browser secret, for the cookie of a browser that has none yet. */
export function newBrowserSecret(): string {
  return randomBytes(32).toString('base64url');
}

const plausible = (value: string) =>
  typeof value === 'string' && value.length >= 20 && value.length <= 100;

export interface EmailSignInDeps {
  store: Pick<Store, 'users' | 'emailSignInLinks'>;
  mail: Pick<MailService, 'send'>;
  policy: Pick<SignInPolicyService, 'policyFor' | 'completeSignIn'>;
  baseUrl: string;
  siteName: () => string;
  i18n: () => Translator;
  now?: () => Date;
}

export class EmailSignInService {
  constructor(private readonly deps: EmailSignInDeps) {}

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  /** Sends a link when the address is a person's who may use one; silent either way. */
  async request(rawEmail: string, browserSecret: string): Promise<void> {
    const email = normaliseEmail(String(rawEmail));
    if (!isEmail(email) || !plausible(browserSecret)) return;
    const user = await this.deps.store.users.byEmail(email);
    if (!user || isBanned(user)) return;
    if (!(await this.deps.policy.policyFor(user.role)).emailLink) return;
    const now = this.now();
    // Only the newest link works: an older one in the inbox is ended.
    await this.deps.store.emailSignInLinks.invalidate(user.id, now.toISOString());
    const token = randomBytes(32).toString('base64url');
    await this.deps.store.emailSignInLinks.create({
      tokenHash: hashSecret(token),
      userId: user.id,
      browserHash: hashSecret(browserSecret),
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + emailLinkLifetimeMs).toISOString(),
    });
    const { t } = this.deps.i18n();
    const site = this.deps.siteName();
    await this.deps.mail.send({
      to: user.email,
      subject: t('sign-in.email.subject', { site }),
      text: [
        t('email.greeting', { name: user.name }),
        '',
        t('sign-in.email.body', { site }),
        '',
        `${this.deps.baseUrl}/signin/link?token=${token}`,
        '',
        t('sign-in.email.footer'),
      ].join('\n'),
    });
  }

  /**
   * Signs in with a link from the browser that asked for it. A link that is known, unused and
   * unexpired but posted from another browser is refused with its own condition (and stays
   * usable in the right browser).
   */
  async signIn(token: string, browserSecret: string | undefined, previousSessionId?: string) {
    const invalid = () =>
      new AppError('invalid_link', 'That link is invalid or has expired.', {
        field: 'token',
      });
    if (!plausible(token)) throw invalid();
    const now = this.now().toISOString();
    const tokenHash = hashSecret(token);
    const link =
      browserSecret && plausible(browserSecret)
        ? await this.deps.store.emailSignInLinks.consume(tokenHash, hashSecret(browserSecret), now)
        : null;
    if (!link) {
      const known = await this.deps.store.emailSignInLinks.find(tokenHash);
      if (known && known.usedAt === null && known.expiresAt > now) {
        throw new AppError(
          'sign_in_link_other_browser',
          'This sign-in link works only in the browser that asked for it. Open it there, or ask for a new link in this browser.',
        );
      }
      throw invalid();
    }
    const user = await this.deps.store.users.byId(link.userId);
    if (!user) throw invalid();
    if (!(await this.deps.policy.policyFor(user.role)).emailLink) {
      throw new AppError(
        'sign_in_method_off',
        'People with your role cannot sign in this way here. Use a passkey or single sign-on.',
      );
    }
    // The link reached their inbox, so the address is theirs.
    if (!user.emailVerifiedAt) await this.deps.store.users.markEmailVerified(user.id, now);
    await this.deps.store.emailSignInLinks.invalidate(user.id, now);
    return this.deps.policy.completeSignIn(
      (await this.deps.store.users.byId(user.id)) ?? user,
      'email-link',
      user.email,
      previousSessionId,
    );
  }
}
