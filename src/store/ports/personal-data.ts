/** Everything kept about one person, to hand over or to erase. Used by services/personal-data. */

/** Everything stored about one person, as rows (see services/personal-data.ts for the file). */
export interface PersonalRecords {
  user: {
    id: string;
    email: string;
    name: string;
    slug: string;
    role: string;
    bio: string;
    photo_url: string;
    created_at: string;
    email_verified_at: string | null;
    suspended_until: string | null;
    banned_at: string | null;
    sanction_reason: string;
    notify_replies: number;
    byline: string;
  };
  comments: {
    id: string;
    article_id: string;
    article_slug: string;
    article_headline: string;
    parent_id: string | null;
    status: string;
    body: string;
    created_at: string;
    edited_at: string | null;
    featured_at: string | null;
    rejection_reason: string;
    client_address: string | null;
  }[];
  /** Earlier versions of their edited comments. */
  versions: { comment_id: string; body: string; written_at: string; replaced_at: string }[];
  reactions: { comment_id: string; created_at: string }[];
  reports: {
    comment_id: string;
    reason: string;
    text: string;
    created_at: string;
    resolved_at: string | null;
  }[];
  tokens: {
    label: string;
    created_at: string;
    last_used_at: string | null;
    revoked_at: string | null;
  }[];
  /** Moderation actions about them (sanctions and lifts). */
  sanctions: { action: string; reason: string; created_at: string }[];
  /** Articles with their name in the byline. */
  bylines: { id: string; slug: string; headline: string }[];
  /** Staff invitations sent to their address or accepted by them. */
  invitations: {
    role: string;
    created_at: string;
    expires_at: string;
    accepted_at: string | null;
    revoked_at: string | null;
  }[];
  /** Single sign-on accounts linked to them (0033). */
  ssoLinks: {
    provider_name: string;
    subject: string;
    email: string;
    created_at: string;
    last_used_at: string;
  }[];
}

export interface PersonalDataStore {
  collect(userId: string): Promise<PersonalRecords | null>;
  /** Their comments not deleted yet, replies before their parents. */
  liveCommentIds(userId: string): Promise<string[]>;
  /** How many articles carry their name in the byline. */
  bylineCount(userId: string): Promise<number>;
  /**
   * Empties the person's row (name, email and slug replaced, no password, no bio) and removes
   * their sessions, API tokens, one-time links, passkeys, sign-in records, invitations to them (and their name on those
   * they sent), reactions and comments' network addresses;
   * answers the articles their comments are on.
   */
  anonymise(
    userId: string,
    replacement: { name: string; email: string; slug: string },
  ): Promise<string[]>;
}
