/**
 * Sign-in without a password (issue 23, decisions/0072): emailed sign-in links bound to a
 * browser, OpenID Connect providers, the provider accounts linked to people, and provider
 * sign-ins under way. Used by services/email-sign-in and services/sso.
 */
import type { Role } from '../../domain/user.js';

export interface EmailSignInLink {
  tokenHash: string;
  userId: string;
  browserHash: string;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
}

export interface SsoProvider {
  id: string;
  name: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Lower-case domains, e.g. `example.com`; an address's domain must be one of them. */
  allowedDomains: string[];
  /** The role of an account the provider creates. */
  role: Role;
  createdAt: string;
  updatedAt: string;
}

export interface SsoLink {
  id: string;
  providerId: string;
  subject: string;
  userId: string;
  email: string;
  createdAt: string;
  lastUsedAt: string;
}

/** A link with its provider's name, as /account lists them. */
export interface SsoLinkWithProvider extends SsoLink {
  providerName: string;
}

export interface SsoAttempt {
  stateHash: string;
  providerId: string;
  browserHash: string;
  nonce: string;
  codeVerifier: string;
  next: string;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
}

export interface EmailSignInLinkStore {
  create(link: Omit<EmailSignInLink, 'usedAt'>): Promise<void>;
  find(tokenHash: string): Promise<EmailSignInLink | null>;
  /**
   * Marks the link used when it is unused, unexpired and asked for by this browser; the link, or
   * null when any of that is not so. Of two concurrent calls, one wins.
   */
  consume(tokenHash: string, browserHash: string, now: string): Promise<EmailSignInLink | null>;
  /** Ends every unused link of this person (a newer one was sent, or they signed in). */
  invalidate(userId: string, now: string): Promise<void>;
  /** Removes links that expired before `before`. */
  prune(before: string): Promise<number>;
}

export interface SsoStore {
  createProvider(provider: SsoProvider): Promise<void>;
  updateProvider(
    id: string,
    changes: Partial<
      Pick<SsoProvider, 'name' | 'issuer' | 'clientId' | 'clientSecret' | 'allowedDomains' | 'role'>
    > & { updatedAt: string },
  ): Promise<boolean>;
  removeProvider(id: string): Promise<boolean>;
  provider(id: string): Promise<SsoProvider | null>;
  /** In the order they were added. */
  providers(): Promise<SsoProvider[]>;

  /** False when this provider account is already linked (to anyone). */
  link(link: SsoLink): Promise<boolean>;
  linkBySubject(providerId: string, subject: string): Promise<SsoLink | null>;
  linksOf(userId: string): Promise<SsoLinkWithProvider[]>;
  countLinks(userId: string): Promise<number>;
  touchLink(id: string, now: string, email: string): Promise<void>;
  /** Removes one of this person's links; false when it is not theirs. */
  unlink(userId: string, linkId: string): Promise<boolean>;

  createAttempt(attempt: Omit<SsoAttempt, 'usedAt'>): Promise<void>;
  /**
   * Marks the attempt used when it is unused, unexpired and this browser's; the attempt, or null.
   * Of two concurrent calls, one wins.
   */
  consumeAttempt(stateHash: string, browserHash: string, now: string): Promise<SsoAttempt | null>;
  pruneAttempts(before: string): Promise<number>;
}
