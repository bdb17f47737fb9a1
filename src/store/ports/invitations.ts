/** Staff invitations (decisions/0039). Used by services/invitations and services/personal-data. */
import type { Invitation } from '../../domain/invitation.js';
import type { Role } from '../../domain/user.js';

export interface NewInvitation {
  id: string;
  email: string;
  role: Role;
  tokenHash: string;
  invitedBy: string;
  createdAt: string;
  expiresAt: string;
}

export interface InvitationStore {
  /**
   * Records the invitation unless the address already has an open one (accepted, revoked and
   * expired ones do not count); false when it has. Safe under concurrent calls.
   */
  create(invitation: NewInvitation): Promise<boolean>;
  byId(id: string): Promise<Invitation | null>;
  byTokenHash(tokenHash: string): Promise<Invitation | null>;
  /** Newest first. */
  list(query: { limit: number }): Promise<Invitation[]>;
  /** Closes an open, unexpired invitation; false if it was not open any more. */
  revoke(id: string, now: string): Promise<boolean>;
  /**
   * Marks an open, unexpired invitation accepted (by this account, when it exists yet); false if
   * it was not open. Of two concurrent calls, one wins.
   */
  accept(id: string, now: string, userId: string | null): Promise<boolean>;
  /** Names the account made by accepting it. */
  setAcceptedBy(id: string, userId: string): Promise<void>;
}
