/**
 * The per-role sign-in policy (issue 23) and the one place a sign-in without a password ends:
 * `completeSignIn` starts a fresh session (the browser's old one, if any, is ended: no fixation)
 * and reports the sign-in to whoever records them (the sign-in audit, wired at merge time).
 *
 * The policy is stored in the site settings under `signIn.rolePolicy`, one JSON object of roles;
 * a role not named there may use everything (passwords and email links).
 */
import type { SessionRecord } from '../domain/session.js';
import {
  mayRemoveSignInMethod,
  usableSignInMethods,
  type RoleSignInPolicy,
  type SignInMethod,
} from '../domain/sign-in-methods.js';
import { isBanned, roles, type Role, type User } from '../domain/user.js';
import { AppError } from '../errors.js';
import type { Store } from '../store/types.js';
import { verifyPassword } from './passwords.js';
import type { SessionService } from './sessions.js';

/** How recent a sign-in must be to stand in for a password (decisions/0071). */
export const freshSignInMinutes = 10;

/** Whether this session began with a sign-in in the last 10 minutes. */
export function isFreshSignIn(
  session: Pick<SessionRecord, 'createdAt'> | null | undefined,
  now: Date = new Date(),
): boolean {
  if (!session) return false;
  const age = now.getTime() - Date.parse(session.createdAt);
  return age >= 0 && age <= freshSignInMinutes * 60_000;
}

/**
 * Confirms that the person at the keyboard is the account's owner before a change that could
 * take the account away (a new email address, deleting it, setting a first password): their
 * password when they have one; a sign-in of the last 10 minutes when they have none (passkey-only
 * and single-sign-on-only accounts). A person with a password always gives it.
 */
export async function confirmOwner(
  store: { users: Pick<Store['users'], 'passwordHash'> },
  user: Pick<User, 'id'>,
  password: string | undefined,
  session: Pick<SessionRecord, 'createdAt'> | null | undefined,
  now: Date = new Date(),
): Promise<void> {
  const stored = await store.users.passwordHash(user.id);
  if (stored) {
    if (!(await verifyPassword(String(password ?? ''), stored))) {
      throw new AppError('wrong_password', 'The password is not right.', { field: 'password' });
    }
    return;
  }
  if (!isFreshSignIn(session, now)) {
    throw new AppError(
      'fresh_sign_in_required',
      'For your safety, sign in again first: this needs a sign-in from the last 10 minutes.',
    );
  }
}

export const rolePolicyKey = 'signIn.rolePolicy';

export type RolePolicies = Record<Role, RoleSignInPolicy>;

/** The stored JSON, read leniently: anything unreadable means "allowed", never a lock-out. */
export function parseRolePolicies(stored: string | null): RolePolicies {
  let parsed: unknown = null;
  try {
    parsed = stored ? JSON.parse(stored) : null;
  } catch {
    parsed = null;
  }
  const byRole = (parsed && typeof parsed === 'object' ? parsed : {}) as Record<string, unknown>;
  const result = {} as RolePolicies;
  for (const role of roles) {
    const entry = Object.hasOwn(byRole, role) ? (byRole[role] as Record<string, unknown>) : null;
    result[role] = {
      password: entry?.password !== false,
      emailLink: entry?.emailLink !== false,
    };
  }
  return result;
}

/** Who records a successful sign-in (helper "passkeys"' audit: `recordSignIn`). */
export interface SignInRecorder {
  recordSignIn(userId: string, method: SignInMethod, label: string): Promise<void>;
}

export interface SignInPolicyDeps {
  store: Pick<Store, 'settings' | 'users' | 'sso'>;
  sessions: Pick<SessionService, 'start' | 'end'>;
  recorder?: SignInRecorder;
  /** How many passkeys a person has (the passkeys feature; none until it is there). */
  passkeyCount?: (userId: string) => Promise<number>;
}

export class SignInPolicyService {
  constructor(private readonly deps: SignInPolicyDeps) {}

  async policies(): Promise<RolePolicies> {
    return parseRolePolicies(await this.deps.store.settings.get(rolePolicyKey));
  }

  async policyFor(role: Role): Promise<RoleSignInPolicy> {
    return (await this.policies())[role];
  }

  /** Refuses a password sign-in for a role whose passwords are off (after the password was right). */
  async checkPassword(user: User): Promise<void> {
    if (!(await this.policyFor(user.role)).password) {
      throw new AppError(
        'sign_in_method_off',
        'People with your role cannot sign in this way here. Use a passkey or single sign-on.',
      );
    }
  }

  /**
   * Saves the policy. Refused when it would leave the admin saving it without a usable way in
   * (they would lock themselves out on their next sign-in).
   */
  async save(actor: User, input: RolePolicies): Promise<void> {
    const after = input[actor.role];
    const methods = await this.methodsOf(actor);
    if (usableSignInMethods(methods, after).length === 0) {
      throw new AppError(
        'last_sign_in_method',
        'This is your last way to sign in, so it cannot be removed. Add another way first.',
      );
    }
    await this.deps.store.settings.set(rolePolicyKey, JSON.stringify(input));
  }

  /** What one person has set up, for src/domain/sign-in-methods.ts. */
  async methodsOf(user: User) {
    return {
      hasPassword: (await this.deps.store.users.passwordHash(user.id)) !== null,
      emailVerified: user.emailVerifiedAt !== null,
      passkeys: (await this.deps.passkeyCount?.(user.id)) ?? 0,
      ssoLinks: await this.deps.store.sso.countLinks(user.id),
    };
  }

  /** Whether this person could remove their password and still sign in. */
  async mayRemovePassword(user: User): Promise<boolean> {
    const methods = await this.methodsOf(user);
    if (!methods.hasPassword) return false;
    return mayRemoveSignInMethod(methods, await this.policyFor(user.role), 'password');
  }

  /**
   * Removes the person's password, when another usable way in remains (a passkey, single
   * sign-on, or email links their role may use); refused with `last_sign_in_method` otherwise.
   * Their sessions stay: nothing about who they are has changed.
   */
  async removePassword(user: User): Promise<void> {
    const methods = await this.methodsOf(user);
    if (!methods.hasPassword) {
      throw new AppError('no_password', 'This account has no password to remove.');
    }
    if (!mayRemoveSignInMethod(methods, await this.policyFor(user.role), 'password')) {
      throw new AppError(
        'last_sign_in_method',
        'This is your last way to sign in, so it cannot be removed. Add another way first.',
      );
    }
    await this.deps.store.users.setPasswordHash(user.id, null);
  }

  /**
   * Every successful sign-in by email link or single sign-on ends here: a brand-new session (the
   * browser's previous one is ended), and the sign-in recorded.
   */
  async completeSignIn(
    user: User,
    method: SignInMethod,
    label: string,
    previousSessionId?: string,
  ) {
    if (isBanned(user)) throw new AppError('account_banned', 'This account has been banned.');
    if (previousSessionId) await this.deps.sessions.end(previousSessionId);
    const { id, session } = await this.deps.sessions.start(user.id);
    await this.deps.recorder?.recordSignIn(user.id, method, label);
    return { user, sessionId: id, session };
  }
}

/** What one person's role may use, as the passkeys service asks for it. */
export type SignInPolicyOf = (user: Pick<User, 'role'>) => Promise<RoleSignInPolicy>;
