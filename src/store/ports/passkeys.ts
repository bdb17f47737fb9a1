/**
 * Passkeys (WebAuthn credentials), the challenges handed out for them, and the sign-in audit.
 * Used by services/passkeys.ts and services/sign-in-audit.ts.
 */
import type { PasskeyRecord, SignInEvent } from '../../domain/passkey.js';

export type { PasskeyRecord, SignInEvent, SignInMethodName } from '../../domain/passkey.js';

export interface PasskeyStore {
  /** False when a passkey with that credential id is already stored (for anyone). */
  add(passkey: PasskeyRecord): Promise<boolean>;
  byId(id: string): Promise<PasskeyRecord | null>;
  /** One person's passkeys, oldest first. */
  forUser(userId: string): Promise<PasskeyRecord[]>;
  countForUser(userId: string): Promise<number>;
  /** After a sign-in: the authenticator's new counter and when. */
  used(id: string, counter: number, at: string): Promise<void>;
  /** False when the person has no passkey of that id. */
  rename(userId: string, id: string, name: string): Promise<boolean>;
  /** False when the person has no passkey of that id. */
  remove(userId: string, id: string): Promise<boolean>;
}

export type ChallengePurpose = 'register' | 'sign-in' | 'sign-up';

export interface PasskeyChallenge {
  challenge: string;
  purpose: ChallengePurpose;
  /** Who asks to register a passkey; null for a sign-in or a sign-up. */
  userId: string | null;
  /** What the step after needs (a sign-up's name and address), as JSON; '' for nothing. */
  data: string;
  expiresAt: string;
}

export interface PasskeyChallengeStore {
  issue(challenge: PasskeyChallenge): Promise<void>;
  /**
   * Takes a challenge out, once: the row is deleted as it is read, so a second use (a replay, or
   * two requests at once) finds nothing. Null when unknown, used, expired or for another purpose.
   */
  take(challenge: string, purpose: ChallengePurpose, now: string): Promise<PasskeyChallenge | null>;
  /** Removes challenges past their time. */
  prune(now: string): Promise<number>;
}

export interface SignInEventStore {
  record(event: SignInEvent): Promise<void>;
  /** One person's sign-ins since `since`, newest first. */
  forUser(userId: string, since: string, limit: number): Promise<SignInEvent[]>;
  /** Deletes everyone's sign-ins before `before`; answers how many. */
  pruneBefore(before: string): Promise<number>;
}
