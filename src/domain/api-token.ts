/** An API token as the admin page lists it: its owner and use, never the token itself. */
export interface ApiTokenInfo {
  id: string;
  label: string;
  userId: string;
  userName: string;
  userEmail: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}
