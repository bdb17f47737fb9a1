/**
 * Which ways in a person's role may use (domain/sign-in-methods.ts). The per-role setting that
 * admins choose comes with the single sign-on work; until then every role may use a password
 * and nobody email links. Swap this one function to read the setting.
 */
import type { RoleSignInPolicy } from '../domain/sign-in-methods.js';
import type { User } from '../domain/user.js';

export type SignInPolicyOf = (user: Pick<User, 'role'>) => Promise<RoleSignInPolicy>;

export const defaultSignInPolicy: SignInPolicyOf = () =>
  Promise.resolve({ password: true, emailLink: false });
