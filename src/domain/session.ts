/** A signed-in session as stored: only the hash of its id, never the id itself. */
export interface SessionRecord {
  idHash: string;
  userId: string;
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
  lastSeenAt: string;
}
