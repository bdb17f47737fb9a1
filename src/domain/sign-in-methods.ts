/**
 * The ways a person can sign in, and whether one of them may be removed.
 *
 * A person keeps at least one way in: a password (when their role may use passwords), email
 * sign-in links (when their role may use them and their address is verified), a passkey, or a
 * linked single sign-on account. Removing the last usable one is refused, so nobody locks
 * themselves out by accident. Pure: the counts come from the stores, the per-role policy from the
 * site settings.
 */
export type SignInMethod = 'password' | 'email-link' | 'passkey' | 'sso';

/** What a role may use; passkeys and single sign-on are always allowed. */
export interface RoleSignInPolicy {
  password: boolean;
  emailLink: boolean;
}

/** What one person has set up. */
export interface PersonSignInMethods {
  hasPassword: boolean;
  emailVerified: boolean;
  passkeys: number;
  ssoLinks: number;
}

/** The ways this person can sign in today, under their role's policy. */
export function usableSignInMethods(
  person: PersonSignInMethods,
  policy: RoleSignInPolicy,
): SignInMethod[] {
  const usable: SignInMethod[] = [];
  if (person.hasPassword && policy.password) usable.push('password');
  if (person.emailVerified && policy.emailLink) usable.push('email-link');
  if (person.passkeys > 0) usable.push('passkey');
  if (person.ssoLinks > 0) usable.push('sso');
  return usable;
}

/**
 * Whether one password, passkey or single sign-on link may be removed: only when at least one
 * usable way in is left afterwards.
 */
export function mayRemoveSignInMethod(
  person: PersonSignInMethods,
  policy: RoleSignInPolicy,
  removing: Exclude<SignInMethod, 'email-link'>,
): boolean {
  const after: PersonSignInMethods = {
    ...person,
    hasPassword: removing === 'password' ? false : person.hasPassword,
    passkeys: removing === 'passkey' ? Math.max(0, person.passkeys - 1) : person.passkeys,
    ssoLinks: removing === 'sso' ? Math.max(0, person.ssoLinks - 1) : person.ssoLinks,
  };
  return usableSignInMethods(after, policy).length > 0;
}
