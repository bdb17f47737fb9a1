/**
 * Staff invitations: an admin invites an email address to a staff role; the link mailed to it
 * works once, for seven days, until it is accepted or revoked (decisions/0039).
 *
 *   pending ──accept──▶ accepted
 *      │ ╲──revoke──▶ revoked
 *      └──(7 days)──▶ expired
 */
import { staffRoles, type Role } from './user.js';

export const invitationLifetimeMs = 7 * 24 * 3600 * 1000;

export type InvitationState = 'pending' | 'accepted' | 'revoked' | 'expired';

export interface Invitation {
  id: string;
  email: string;
  role: Role;
  /** The admin who sent it (null once their account is gone). */
  invitedBy: { id: string; name: string } | null;
  createdAt: string;
  expiresAt: string;
  acceptedAt: string | null;
  /** The account that accepted it. */
  acceptedBy: string | null;
  revokedAt: string | null;
}

export function invitationState(
  invitation: Pick<Invitation, 'acceptedAt' | 'revokedAt' | 'expiresAt'>,
  now: Date = new Date(),
): InvitationState {
  if (invitation.acceptedAt) return 'accepted';
  if (invitation.revokedAt) return 'revoked';
  if (Date.parse(invitation.expiresAt) <= now.getTime()) return 'expired';
  return 'pending';
}

/** Invitations bring people onto the staff: commenters sign up by themselves. */
export function isInvitableRole(role: string): role is Role {
  return (staffRoles as readonly string[]).includes(role);
}

/** Where someone lands after accepting: the part of /admin their role works in. */
export function staffHome(role: Role): string {
  if (role === 'moderator') return '/admin/moderation';
  if (role === 'commenter') return '/account';
  return '/admin/articles';
}

/** Why a link no longer works, in words for the person holding it. */
export function closedInvitationMessage(state: Exclude<InvitationState, 'pending'>): string {
  switch (state) {
    case 'accepted':
      return 'This invitation has already been accepted. Sign in with the account it made.';
    case 'revoked':
      return 'This invitation was withdrawn by the site’s admins. Ask them for a new one if you still need it.';
    case 'expired':
      return 'This invitation has expired: links work for seven days. Ask the site’s admins to invite you again.';
  }
}
