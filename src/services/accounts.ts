/**
 * People and their accounts: sign-up, sign-in, email verification, password reset and change,
 * email change, and the one-time link that creates the first admin.
 *
 * Sign-in and reset never reveal whether an account exists: unknown and wrong answer alike.
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  maxPasswordLength,
  minPasswordLength,
  passwordProblem,
} from '../domain/password-policy.js';
import type { SessionRecord } from '../domain/session.js';
import { freeSlug, slugify } from '../domain/slug.js';
import { isBanned, isEmail, normaliseEmail, type Role, type User } from '../domain/user.js';
import { AppError } from '../errors.js';
import type { Translator } from '../i18n/translator.js';
import type { TokenPurpose } from '../store/ports/accounts.js';
import type { PortsWithUnitOfWork } from '../store/types.js';
import { isCommonPassword } from './common-passwords.js';
import type { MailService } from './mail.js';
import { hashPassword, verifyPassword } from './passwords.js';
import type { SessionService } from './sessions.js';
import type { SignInAudit } from './sign-in-audit.js';
import type { SignInGuard } from './sign-in-guard.js';
import { confirmOwner, type SignInPolicyService } from './sign-in-policy.js';

const hour = 3600 * 1000;
const tokenLifetimes: Record<TokenPurpose, number> = {
  verify_email: 48 * hour,
  reset_password: hour,
  change_email: 24 * hour,
  setup_admin: hour,
};

/** Verifying against this keeps an unknown account as slow as a wrong password. */
let decoyHash: Promise<string> | undefined;

export const signInFailed = 'That email and password do not match an account.';

/** A confirmation link (`?token=`) that is unknown, used or out of date. */
const invalidLink = () =>
  new AppError('invalid_link', 'That confirmation link is invalid or has expired.', {
    field: 'token',
  });

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

export interface AccountDeps {
  store: PortsWithUnitOfWork<'users' | 'oneTimeTokens' | 'limits'>;
  sessions: Pick<SessionService, 'start' | 'endAll'>;
  mail: Pick<MailService, 'send'>;
  baseUrl: string;
  siteName: () => string;
  /** Words and dates of the emails: the site's language and zone as last read. */
  i18n: () => Translator;
  /**
   * Sign-up attempts per network address: counted in the database, so the limit holds across
   * processes and servers and under a burst (decisions/0046).
   */
  signUpsPerAddress?: { max: number; windowMs: number };
  /** Counts failed sign-ins per account and address when the caller names the address. */
  signInGuard?: SignInGuard;
  /** Records each sign-in for the person's list on /account. */
  audit?: Pick<SignInAudit, 'recordSignIn'>;
  /** Refuses a right password for a role whose passwords are off (issue 23). */
  signInPolicy?: Pick<SignInPolicyService, 'checkPassword' | 'policyFor'>;
}

export class AccountService {
  constructor(private readonly deps: AccountDeps) {}

  private get store() {
    return this.deps.store;
  }

  checkPassword(password: string): void {
    const problem = passwordProblem(password, isCommonPassword);
    if (problem) {
      throw new AppError(problem.condition, problem.message, {
        field: 'password',
        values: { min: minPasswordLength, max: maxPasswordLength },
      });
    }
  }

  private checkEmail(raw: string): string {
    const email = normaliseEmail(raw);
    if (!isEmail(email)) {
      throw new AppError('invalid_email', 'Enter a valid email address.', { field: 'email' });
    }
    return email;
  }

  private checkName(raw: string): string {
    const name = raw.trim().replace(/\s+/g, ' ');
    if (name.length < 1 || name.length > 60) {
      throw new AppError('invalid_name', 'Enter a display name of 1 to 60 characters.', {
        field: 'name',
        values: { max: 60 },
      });
    }
    return name;
  }

  private freeSlug(name: string): Promise<string> {
    return freeSlug(slugify(name) || 'reader', (slug) => this.store.users.slugTaken(slug));
  }

  private async issueToken(
    purpose: TokenPurpose,
    userId: string | null,
    newEmail: string | null = null,
  ): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const now = Date.now();
    await this.store.oneTimeTokens.create({
      tokenHash: hashToken(token),
      purpose,
      userId,
      newEmail,
      createdAt: new Date(now).toISOString(),
      expiresAt: new Date(now + tokenLifetimes[purpose]).toISOString(),
    });
    return token;
  }

  private async consume(purpose: TokenPurpose, token: string) {
    if (typeof token !== 'string' || token.length < 20 || token.length > 100) return null;
    return this.store.oneTimeTokens.consume(hashToken(token), purpose, new Date().toISOString());
  }

  /** A new commenter account; sends the verification link. */
  async signUp(
    input: { email: string; name: string; password: string },
    clientAddress?: string | null,
  ): Promise<User> {
    await this.admitSignUp(clientAddress);
    const { email, name } = await this.checkNewAccount(input);
    this.checkPassword(input.password);
    return this.createCommenter({ email, name }, await hashPassword(input.password));
  }

  /** A sign-up's name and address, checked as signUp checks them (also when no password comes). */
  async checkNewAccount(input: { email: string; name: string }) {
    const email = this.checkEmail(input.email);
    const name = this.checkName(input.name);
    if (await this.store.users.byEmail(email)) {
      throw new AppError(
        'email_taken',
        'An account with that email already exists. Sign in or reset the password.',
        { field: 'email' },
      );
    }
    return { email, name };
  }

  /**
   * The first step of a sign-up without a password (a passkey's): counts the attempt against the
   * address's sign-up limit, and checks the name and address.
   */
  async admitPasswordlessSignUp(
    input: { email: string; name: string },
    clientAddress?: string | null,
  ) {
    await this.admitSignUp(clientAddress);
    return this.checkNewAccount(input);
  }

  /** A new commenter account with no password (the caller adds the way in); sends verification. */
  async signUpWithoutPassword(input: { email: string; name: string }): Promise<User> {
    const { email, name } = await this.checkNewAccount(input);
    return this.createCommenter({ email, name }, null);
  }

  private async createCommenter(
    input: { email: string; name: string },
    passwordHash: string | null,
  ): Promise<User> {
    const user = await this.store.users.create({
      email: input.email,
      name: input.name,
      slug: await this.freeSlug(input.name),
      role: 'commenter',
      passwordHash,
      createdAt: new Date().toISOString(),
    });
    await this.sendVerification(user);
    return user;
  }

  /** Every attempt counts, as a sign-in's does: a burst of probes is limited too. */
  private async admitSignUp(clientAddress: string | null | undefined): Promise<void> {
    const limit = this.deps.signUpsPerAddress;
    if (!limit || !clientAddress) return;
    const result = await this.store.limits.admit({
      name: 'sign-up',
      key: clientAddress,
      max: limit.max,
      windowMs: limit.windowMs,
      at: new Date().toISOString(),
    });
    if (result.admitted) return;
    const error = new AppError(
      'too_many_attempts',
      `Too many sign-ups from your network address. Try again in ${result.retryAfterSeconds} seconds.`,
    );
    error.retryAfterSeconds = result.retryAfterSeconds;
    throw error;
  }

  async sendVerification(user: User): Promise<void> {
    if (user.emailVerifiedAt) return;
    const token = await this.issueToken('verify_email', user.id);
    const { t } = this.deps.i18n();
    const site = this.deps.siteName();
    await this.deps.mail.send({
      to: user.email,
      subject: t('email.verify.subject', { site }),
      text: [
        t('email.greeting', { name: user.name }),
        '',
        t('email.verify.body', { site }),
        '',
        `${this.deps.baseUrl}/account/verify?token=${token}`,
        '',
        t('email.verify.footer'),
      ].join('\n'),
    });
  }

  /**
   * Confirms the address the link was sent for. A link opened again (mail scanners open links
   * before people do) whose address is confirmed answers `alreadyConfirmed`: nothing changes.
   */
  async verifyEmail(token: string): Promise<{ user: User; alreadyConfirmed: boolean }> {
    const found = await this.consume('verify_email', token);
    if (!found?.userId) {
      const user = await this.alreadyConfirmedBy(token);
      if (!user) throw invalidLink();
      return { user, alreadyConfirmed: true };
    }
    await this.store.users.markEmailVerified(found.userId, new Date().toISOString());
    const user = await this.store.users.byId(found.userId);
    if (!user) throw invalidLink();
    return { user, alreadyConfirmed: false };
  }

  /** The person a known verification link was sent to, if their address is confirmed now. */
  private async alreadyConfirmedBy(token: string): Promise<User | null> {
    if (typeof token !== 'string' || token.length < 20 || token.length > 100) return null;
    const known = await this.store.oneTimeTokens.find(hashToken(token), 'verify_email');
    if (!known?.userId) return null;
    const user = await this.store.users.byId(known.userId);
    // The address may have changed since the link was sent: only a confirmed one counts.
    return user?.emailVerifiedAt ? user : null;
  }

  /** Checks the password; the same error for an unknown email and a wrong password. */
  async authenticate(rawEmail: string, password: string): Promise<User> {
    const email = normaliseEmail(String(rawEmail));
    const user = isEmail(email) ? await this.store.users.byEmail(email) : null;
    const stored = user ? await this.store.users.passwordHash(user.id) : null;
    if (!user || !stored) {
      decoyHash ??= hashPassword(randomBytes(16).toString('hex'));
      await verifyPassword(String(password), await decoyHash);
      throw new AppError('sign_in_failed', signInFailed);
    }
    if (!(await verifyPassword(String(password), stored)))
      throw new AppError('sign_in_failed', signInFailed);
    if (isBanned(user)) throw new AppError('account_banned', 'This account has been banned.');
    return user;
  }

  /**
   * Signs in: a brand-new session id every time (no fixation). With the client's address, failed
   * attempts are counted per account and address, and may be refused (sign-in-guard.ts).
   */
  async signIn(email: string, password: string, clientAddress?: string | null) {
    const guard = clientAddress ? this.deps.signInGuard : undefined;
    const ticket = guard ? await guard.admit(email, clientAddress!) : null;
    let user: User;
    try {
      user = await this.authenticate(email, password);
    } catch (error) {
      if (guard && ticket && error instanceof AppError && error.condition === 'sign_in_failed') {
        await guard.failed(ticket);
      }
      throw error;
    }
    if (guard && ticket) await guard.succeeded(ticket);
    // Only a right password learns that its role must sign in another way.
    await this.deps.signInPolicy?.checkPassword(user);
    const { id, session } = await this.deps.sessions.start(user.id);
    await this.deps.audit?.recordSignIn(user.id, 'password');
    return { user, sessionId: id, session };
  }

  /** Signs a new account in (sign-up with a password): a new session, recorded in the audit. */
  async startSignedIn(user: User) {
    const { id, session } = await this.deps.sessions.start(user.id);
    await this.deps.audit?.recordSignIn(user.id, 'password');
    return { id, session };
  }

  /** Always succeeds, so the answer says nothing about whether the account exists. */
  async requestPasswordReset(rawEmail: string): Promise<void> {
    const email = normaliseEmail(String(rawEmail));
    if (!isEmail(email)) return;
    const user = await this.store.users.byEmail(email);
    if (!user || isBanned(user)) return;
    const { t } = this.deps.i18n();
    if (this.deps.signInPolicy && !(await this.deps.signInPolicy.policyFor(user.role)).password) {
      // A password could not be used: the mail says so (the page's answer is the same as ever).
      await this.deps.mail.send({
        to: user.email,
        subject: t('email.reset.off.subject', { site: this.deps.siteName() }),
        text: [
          t('email.greeting', { name: user.name }),
          '',
          t('email.reset.off.body', { site: this.deps.siteName() }),
          '',
          `${this.deps.baseUrl}/signin`,
          '',
          t('email.reset.footer'),
        ].join('\n'),
      });
      return;
    }
    const token = await this.issueToken('reset_password', user.id);
    await this.deps.mail.send({
      to: user.email,
      subject: t('email.reset.subject', { site: this.deps.siteName() }),
      text: [
        t('email.greeting', { name: user.name }),
        '',
        t('email.reset.body'),
        '',
        `${this.deps.baseUrl}/account/reset?token=${token}`,
        '',
        t('email.reset.footer'),
      ].join('\n'),
    });
  }

  /** Sets a new password from a reset link and signs the person out everywhere. */
  async resetPassword(token: string, password: string): Promise<User> {
    this.checkPassword(password);
    const found = await this.consume('reset_password', token);
    const user = found?.userId ? await this.store.users.byId(found.userId) : null;
    if (!user || isBanned(user)) {
      throw new AppError(
        'invalid_link',
        'That reset link is invalid, used or expired. Ask for a new one.',
        { field: 'token' },
      );
    }
    await this.store.users.setPasswordHash(user.id, await hashPassword(password));
    // The link reached their inbox, so the address is theirs.
    await this.store.users.markEmailVerified(user.id, new Date().toISOString());
    await this.store.oneTimeTokens.invalidate('reset_password', user.id, new Date().toISOString());
    await this.deps.sessions.endAll(user.id);
    return user;
  }

  /** Changes the password and ends every other session; returns a fresh session for this one. */
  async changePassword(
    user: User,
    current: string | undefined,
    next: string,
    signedIn?: Pick<SessionRecord, 'createdAt'> | null,
  ) {
    const stored = await this.store.users.passwordHash(user.id);
    if (!stored) {
      // A first password for a passkey-only or single-sign-on-only account: a fresh sign-in
      // stands in for the password it does not have.
      await confirmOwner(this.store, user, undefined, signedIn);
    } else if (!(await verifyPassword(String(current ?? ''), stored))) {
      throw new AppError('wrong_password', 'The current password is not right.', {
        field: 'current',
      });
    }
    this.checkPassword(next);
    await this.store.users.setPasswordHash(user.id, await hashPassword(next));
    await this.deps.sessions.endAll(user.id);
    const { id, session } = await this.deps.sessions.start(user.id);
    return { sessionId: id, session };
  }

  /** Sends a confirmation link to the new address; the change happens when it is opened. */
  async requestEmailChange(
    user: User,
    rawEmail: string,
    password: string | undefined,
    session?: Pick<SessionRecord, 'createdAt'> | null,
  ): Promise<void> {
    await confirmOwner(this.store, user, password, session);
    const email = this.checkEmail(rawEmail);
    if (email === user.email) {
      throw new AppError('email_unchanged', 'That is already your email address.', {
        field: 'email',
      });
    }
    if (await this.store.users.byEmail(email)) {
      throw new AppError('email_taken', 'Another account already uses that email address.', {
        field: 'email',
      });
    }
    await this.store.oneTimeTokens.invalidate('change_email', user.id, new Date().toISOString());
    const token = await this.issueToken('change_email', user.id, email);
    const { t } = this.deps.i18n();
    await this.deps.mail.send({
      to: email,
      subject: t('email.changeEmail.subject', { site: this.deps.siteName() }),
      text: [
        t('email.greeting', { name: user.name }),
        '',
        t('email.changeEmail.body'),
        '',
        `${this.deps.baseUrl}/account/email?token=${token}`,
        '',
        t('email.changeEmail.footer'),
      ].join('\n'),
    });
  }

  async confirmEmailChange(token: string): Promise<User> {
    const found = await this.consume('change_email', token);
    if (!found?.userId || !found.newEmail) throw invalidLink();
    const before = await this.store.users.byId(found.userId);
    if (!before) throw invalidLink();
    if (await this.store.users.byEmail(found.newEmail)) {
      throw new AppError('email_taken', 'Another account already uses that email address.');
    }
    await this.store.users.setEmail(before.id, found.newEmail, new Date().toISOString());
    const { t } = this.deps.i18n();
    await this.deps.mail.send({
      to: before.email,
      subject: t('email.emailChanged.subject', { site: this.deps.siteName() }),
      text: [
        t('email.greeting', { name: before.name }),
        '',
        t('email.emailChanged.body', { email: found.newEmail }),
      ].join('\n'),
    });
    return (await this.store.users.byId(before.id)) ?? before;
  }

  /** The first-run link that lets a browser create the first admin; null once there is one. */
  async createSetupLink(): Promise<string | null> {
    if ((await this.store.users.countWithRole('admin')) > 0) return null;
    await this.store.oneTimeTokens.invalidate('setup_admin', null, new Date().toISOString());
    const token = await this.issueToken('setup_admin', null);
    return `${this.deps.baseUrl}/setup?token=${token}`;
  }

  async completeSetup(token: string, input: { email: string; name: string; password: string }) {
    const email = this.checkEmail(input.email);
    const name = this.checkName(input.name);
    this.checkPassword(input.password);
    // Everything that touches the store outside the transaction happens before or after it:
    // SQLite has one connection, so a query beside an open transaction would wait forever.
    const slug = await this.freeSlug(name);
    const passwordHash = await hashPassword(input.password);
    const user = await this.store.transaction(async (tx) => {
      if ((await tx.users.countWithRole('admin')) > 0) {
        throw new AppError('admin_exists', 'This site already has an admin. Sign in instead.');
      }
      const found = await tx.oneTimeTokens.consume(
        hashToken(token),
        'setup_admin',
        new Date().toISOString(),
      );
      if (!found)
        throw new AppError(
          'invalid_link',
          'That setup link is invalid or has expired. Restart the server for a new one.',
          { field: 'token' },
        );
      const existing = await tx.users.byEmail(email);
      if (existing) {
        await tx.users.setRole(existing.id, 'admin' satisfies Role);
        await tx.users.setPasswordHash(existing.id, passwordHash);
        return { ...existing, role: 'admin' as const };
      }
      return tx.users.create({
        email,
        name,
        slug,
        role: 'admin',
        passwordHash,
        createdAt: new Date().toISOString(),
        emailVerifiedAt: new Date().toISOString(),
      });
    });
    const { id, session } = await this.deps.sessions.start(user.id);
    await this.deps.audit?.recordSignIn(user.id, 'password');
    return { user, sessionId: id, session };
  }
}
