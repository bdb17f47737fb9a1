/**
 * Staff invitations (issue 16, decisions/0039): an admin invites an address to a staff role; the
 * link mailed to it works once, for seven days. Opened by someone without an account, it makes
 * one (name and password, the address confirmed by the link itself) and signs them in; for an
 * address that already has an account, that person signs in and accepts, and their role becomes
 * the invited one. Only the SHA-256 of a link's token is stored.
 */
import { createHash, randomBytes } from 'node:crypto';
import { newId } from '../domain/ids.js';
import {
  closedInvitationMessage,
  invitationLifetimeMs,
  invitationState,
  isInvitableRole,
  type Invitation,
  type InvitationState,
} from '../domain/invitation.js';
import { passwordProblem } from '../domain/password-policy.js';
import { freeSlug, slugify } from '../domain/slug.js';
import { cleanName, isEmail, normaliseEmail, type User } from '../domain/user.js';
import { AppError, notFound } from '../errors.js';
import type { Translator } from '../i18n/translator.js';
import type { PortsWithUnitOfWork } from '../store/types.js';
import { isCommonPassword } from './common-passwords.js';
import type { MailService } from './mail.js';
import { hashPassword } from './passwords.js';
import type { SessionService } from './sessions.js';
import type { SignInAudit } from './sign-in-audit.js';

export interface InvitationDeps {
  store: PortsWithUnitOfWork<'users' | 'invitations'>;
  sessions: Pick<SessionService, 'start'>;
  mail: Pick<MailService, 'send'>;
  baseUrl: string;
  siteName: () => string;
  /** The mail's words and the link's expiry: the site's language and time zone. */
  i18n: () => Translator;
  now?: () => Date;
  /** Accepting with a new account signs the person in: the sign-in audit records it. */
  audit?: Pick<SignInAudit, 'recordSignIn'>;
}

/** An invitation as the admin list shows it. */
export interface ListedInvitation extends Invitation {
  state: InvitationState;
}

/** What the link's page needs: the invitation, and the account its address already has. */
export interface OpenInvitation {
  invitation: Invitation;
  account: User | null;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

const unknownLink = () =>
  new AppError(
    'not_found',
    'This invitation link is not complete or not genuine. Copy the whole link from the email.',
  );

export class InvitationService {
  private readonly store: InvitationDeps['store'];
  private readonly now: () => Date;

  constructor(private readonly deps: InvitationDeps) {
    this.store = deps.store;
    this.now = deps.now ?? (() => new Date());
  }

  private requireAdmin(actor: User) {
    if (actor.role !== 'admin') {
      throw new AppError('role_not_allowed', 'Only admins invite people to the staff.');
    }
  }

  /** Sends an invitation; 409 when the address has an open one or its account has the role. */
  async invite(actor: User, input: { email: string; role: string }): Promise<Invitation> {
    this.requireAdmin(actor);
    const email = normaliseEmail(String(input.email));
    if (!isEmail(email)) {
      throw new AppError('invalid_email', 'Enter a valid email address.', { field: 'email' });
    }
    if (!isInvitableRole(input.role)) {
      throw new AppError(
        'role_not_invitable',
        'Choose a staff role: author, editor, moderator or admin.',
        { field: 'role' },
      );
    }
    const role = input.role;
    const account = await this.store.users.byEmail(email);
    if (account?.role === role) {
      throw new AppError(
        'already_has_role',
        `${email} already has an account with the ${role} role.`,
        {
          field: 'email',
        },
      );
    }
    const token = randomBytes(32).toString('base64url');
    const now = this.now();
    const invitation: Invitation = {
      id: newId(now.getTime()),
      email,
      role,
      invitedBy: { id: actor.id, name: actor.name },
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + invitationLifetimeMs).toISOString(),
      acceptedAt: null,
      acceptedBy: null,
      revokedAt: null,
    };
    const created = await this.store.invitations.create({
      id: invitation.id,
      email,
      role,
      tokenHash: hashToken(token),
      invitedBy: actor.id,
      createdAt: invitation.createdAt,
      expiresAt: invitation.expiresAt,
    });
    if (!created) {
      throw new AppError(
        'invitation_pending',
        `${email} already has an invitation waiting. Revoke it first to send a new one.`,
        { field: 'email' },
      );
    }
    await this.deps.mail.send({ to: email, ...this.message(invitation, token, account) });
    return invitation;
  }

  private message(invitation: Invitation, token: string, account: User | null) {
    const i18n = this.deps.i18n();
    const { t } = i18n;
    const site = this.deps.siteName();
    const role = invitation.role;
    const link = `${this.deps.baseUrl}/invitation?token=${token}`;
    const inviter = invitation.invitedBy?.name;
    return {
      subject: t('email.invitation.subject', { site, role }),
      text: [
        t('email.greetingAnonymous'),
        '',
        inviter
          ? t('email.invitation.from', { name: inviter, site, role })
          : t('email.invitation.fromAdmin', { site, role }),
        account ? t('email.invitation.hasAccount') : t('email.invitation.newAccount'),
        '',
        link,
        '',
        t('email.invitation.until', { until: i18n.dateTime(invitation.expiresAt) }),
      ].join('\n'),
    };
  }

  /** Every invitation, newest first, with whether it is pending, accepted, revoked or expired. */
  async list(actor: User, limit = 100): Promise<ListedInvitation[]> {
    this.requireAdmin(actor);
    const now = this.now();
    const items = await this.store.invitations.list({ limit });
    return items.map((i) => ({ ...i, state: invitationState(i, now) }));
  }

  async revoke(actor: User, id: string): Promise<ListedInvitation> {
    this.requireAdmin(actor);
    const found = await this.store.invitations.byId(id);
    if (!found) throw notFound('That invitation');
    const now = this.now();
    if (!(await this.store.invitations.revoke(id, now.toISOString()))) {
      throw new AppError(
        'invitation_not_pending',
        `That invitation is ${invitationState(found, now)}: only a pending one can be revoked.`,
      );
    }
    return { ...found, revokedAt: now.toISOString(), state: 'revoked' };
  }

  /** The invitation a link names, if it can still be accepted (404 unknown, 410 closed). */
  async open(token: string): Promise<OpenInvitation> {
    if (typeof token !== 'string' || token.length < 20 || token.length > 100) throw unknownLink();
    const invitation = await this.store.invitations.byTokenHash(hashToken(token));
    if (!invitation) throw unknownLink();
    const state = invitationState(invitation, this.now());
    if (state !== 'pending') {
      throw new AppError('invitation_closed', closedInvitationMessage(state));
    }
    return { invitation, account: await this.store.users.byEmail(invitation.email) };
  }

  private closed(invitation: Invitation): AppError {
    const state = invitationState(invitation, this.now());
    return new AppError(
      'invitation_closed',
      closedInvitationMessage(state === 'pending' ? 'accepted' : state),
    );
  }

  /** A new account from the link: the staff role, the address confirmed; signs them in. */
  async acceptNew(token: string, input: { name: string; password: string }) {
    const { invitation, account } = await this.open(token);
    if (account) {
      throw new AppError(
        'email_taken',
        `${invitation.email} already has an account: sign in to accept the invitation.`,
      );
    }
    const name = cleanName(String(input.name));
    if (!name) {
      throw new AppError('invalid_name', 'Enter a display name of 1 to 60 characters.', {
        field: 'name',
        values: { max: 60 },
      });
    }
    const problem = passwordProblem(String(input.password), isCommonPassword);
    if (problem) throw new AppError(problem.condition, problem.message, { field: 'password' });
    // Outside the transaction: SQLite's one connection would wait on a query beside it.
    const slug = await freeSlug(slugify(name) || 'staff', (s) => this.store.users.slugTaken(s));
    const passwordHash = await hashPassword(String(input.password));
    const user = await this.store.transaction(async (tx) => {
      const at = this.now().toISOString();
      // Accepted first: of two submissions at once, the second stops here (no second account).
      if (!(await tx.invitations.accept(invitation.id, at, null))) throw this.closed(invitation);
      if (await tx.users.byEmail(invitation.email)) {
        throw new AppError(
          'email_taken',
          `${invitation.email} already has an account: sign in to accept the invitation.`,
        );
      }
      const made = await tx.users.create({
        email: invitation.email,
        name,
        slug,
        role: invitation.role,
        passwordHash,
        createdAt: at,
        emailVerifiedAt: at,
      });
      await tx.invitations.setAcceptedBy(invitation.id, made.id);
      return made;
    });
    const { id, session } = await this.deps.sessions.start(user.id);
    await this.deps.audit?.recordSignIn(user.id, 'password');
    return { user, sessionId: id, session };
  }

  /** The signed-in owner of the invited address accepts: their role becomes the invited one. */
  async acceptAsAccount(token: string, viewer: User): Promise<User> {
    const { invitation } = await this.open(token);
    if (viewer.email !== invitation.email) {
      throw new AppError(
        'invitation_not_yours',
        `This invitation is for ${invitation.email}, and you are signed in as ${viewer.email}. Sign out and sign in with the invited address.`,
      );
    }
    const at = this.now().toISOString();
    await this.store.transaction(async (tx) => {
      if (!(await tx.invitations.accept(invitation.id, at, viewer.id))) {
        throw this.closed(invitation);
      }
      await tx.users.setRole(viewer.id, invitation.role);
      await tx.users.markEmailVerified(viewer.id, at);
    });
    return { ...viewer, role: invitation.role, emailVerifiedAt: viewer.emailVerifiedAt ?? at };
  }
}
