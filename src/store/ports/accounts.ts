/**
 * People and how they prove who they are: accounts, sessions, one-time links, API tokens.
 * Used by services/users, people, sessions, accounts, tokens and most others (people by id).
 */
import type { ApiTokenInfo } from '../../domain/api-token.js';
import type { SessionRecord } from '../../domain/session.js';
import type { Role, User } from '../../domain/user.js';

export interface NewUser {
  email: string;
  name: string;
  slug: string;
  role: Role;
  passwordHash: string | null;
  bio?: string;
  photoUrl?: string;
  createdAt: string;
  emailVerifiedAt?: string | null;
}

export interface UserStore {
  create(input: NewUser): Promise<User>;
  byId(id: string): Promise<User | null>;
  byEmail(email: string): Promise<User | null>;
  bySlug(slug: string): Promise<User | null>;
  passwordHash(id: string): Promise<string | null>;
  /** null removes the password (the person signs in another way). */
  setPasswordHash(id: string, hash: string | null): Promise<void>;
  countWithRole(role: Role): Promise<number>;
  slugTaken(slug: string): Promise<boolean>;
  setRole(id: string, role: Role): Promise<void>;
  /** What an author page shows about the person: the bio and the photo's address. */
  setProfile(id: string, profile: { bio: string; photoUrl: string }): Promise<void>;
  /** The display name, and the byline articles show instead of it when it is not ''. */
  setNames(id: string, names: { name: string; byline: string }): Promise<void>;
  setEmail(id: string, email: string, verifiedAt: string | null): Promise<void>;
  /** Whether the person wants an email when someone replies to their comments (default yes). */
  replyNotifications(id: string): Promise<boolean>;
  setReplyNotifications(id: string, on: boolean): Promise<void>;
  markEmailVerified(id: string, at: string): Promise<void>;
  setSanction(
    id: string,
    sanction: { suspendedUntil: string | null; bannedAt: string | null; reason: string },
  ): Promise<void>;
  /** People whose email or name contains `text` (case-insensitive), newest first. */
  search(query: { text?: string; role?: Role; limit: number; offset: number }): Promise<User[]>;
  /**
   * Calls the listener with a person's id after each change to their row through any store of
   * this opened database — any method here but `create`, and the personal-data store's
   * anonymising — at once, or inside a transaction when it ends (committed or not). Returns the
   * function that stops it. Kept copies of people listen (decision 0096).
   */
  observeWrites(listener: (userId: string) => void): () => void;
}

export interface SessionStore {
  create(record: SessionRecord): Promise<void>;
  /** The session, if it exists and has not expired. */
  find(idHash: string, now: string): Promise<SessionRecord | null>;
  touch(idHash: string, lastSeenAt: string, expiresAt: string): Promise<void>;
  delete(idHash: string): Promise<void>;
  /** Ends every session of a person (optionally but one); returns how many. */
  deleteForUser(userId: string, exceptIdHash?: string): Promise<number>;
  deleteExpired(now: string): Promise<number>;
}

export type TokenPurpose = 'verify_email' | 'reset_password' | 'change_email' | 'setup_admin';

export interface NewOneTimeToken {
  tokenHash: string;
  purpose: TokenPurpose;
  userId: string | null;
  newEmail: string | null;
  createdAt: string;
  expiresAt: string;
}

export type OneTimeToken = NewOneTimeToken;

export interface OneTimeTokenStore {
  create(token: NewOneTimeToken): Promise<void>;
  /** Uses the token up: returns it only if it exists, has this purpose, is unused and unexpired. */
  consume(tokenHash: string, purpose: TokenPurpose, now: string): Promise<OneTimeToken | null>;
  /** Uses up every open token of this purpose for this person (null: tokens without a person). */
  invalidate(purpose: TokenPurpose, userId: string | null, now: string): Promise<void>;
  /** The token as stored, used or not, expired or not; changes nothing. */
  find(
    tokenHash: string,
    purpose: TokenPurpose,
  ): Promise<(OneTimeToken & { usedAt: string | null }) | null>;
}

export interface TokenStore {
  create(input: {
    userId: string;
    tokenHash: string;
    label: string;
    createdAt: string;
  }): Promise<string>;
  /** Every token (newest first) with its owner's name and email; never the token itself. */
  list(): Promise<ApiTokenInfo[]>;
  /** The token's owner, if the token exists and was not revoked; records its use. */
  userForHash(tokenHash: string, now: string): Promise<User | null>;
  revoke(id: string, now: string): Promise<void>;
}
