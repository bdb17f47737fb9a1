/** Moderators' email digest of waiting comments: who asked for it, and claiming each send once. */

export interface DigestRecipient {
  userId: string;
  email: string;
  name: string;
}

export interface DigestStore {
  /** Asks for the digest (again: nothing changes). */
  subscribe(userId: string, at: string): Promise<void>;
  unsubscribe(userId: string): Promise<void>;
  isSubscribed(userId: string): Promise<boolean>;
  /**
   * Claims a send for every subscriber of these roles, not banned, whose last digest went before
   * `sentBefore` (or never): marks it sent `at` and returns them. One conditional update, so
   * several processes claiming at once send each digest once.
   */
  claimDue(input: {
    roles: readonly string[];
    sentBefore: string;
    at: string;
  }): Promise<DigestRecipient[]>;
}
