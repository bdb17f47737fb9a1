/** An invitation as the API gives it to admins: never its token (that went by email only). */
import type { ListedInvitation } from '../../services/invitations.js';

export function invitationJson(invitation: ListedInvitation) {
  return {
    id: invitation.id,
    email: invitation.email,
    role: invitation.role,
    state: invitation.state,
    invitedBy: invitation.invitedBy,
    createdAt: invitation.createdAt,
    expiresAt: invitation.expiresAt,
    acceptedAt: invitation.acceptedAt,
    revokedAt: invitation.revokedAt,
  };
}
