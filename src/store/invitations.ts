/** Staff invitations: one open invitation per address, held by a unique index (migration 0019). */
import type { Kysely, Selectable } from 'kysely';
import type { Invitation } from '../domain/invitation.js';
import type { Role } from '../domain/user.js';
import type { Database, InvitationsTable } from './schema.js';
import type { InvitationStore, NewInvitation } from './ports/invitations.js';

type Row = Selectable<InvitationsTable> & { inviter_name: string | null };

function toInvitation(row: Row): Invitation {
  return {
    id: row.id,
    email: row.email,
    role: row.role as Role,
    invitedBy:
      row.invited_by && row.inviter_name !== null
        ? { id: row.invited_by, name: row.inviter_name }
        : null,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    acceptedAt: row.accepted_at,
    acceptedBy: row.accepted_by,
    revokedAt: row.revoked_at,
  };
}

export class KyselyInvitationStore implements InvitationStore {
  constructor(private readonly db: Kysely<Database>) {}

  private select() {
    return this.db
      .selectFrom('invitations as i')
      .leftJoin('users as u', 'u.id', 'i.invited_by')
      .selectAll('i')
      .select('u.name as inviter_name');
  }

  async create(invitation: NewInvitation): Promise<boolean> {
    // An expired invitation no longer holds the address; the insert below then may.
    await this.db
      .updateTable('invitations')
      .set({ open_email: null })
      .where('open_email', '=', invitation.email)
      .where('expires_at', '<=', invitation.createdAt)
      .execute();
    const result = await this.db
      .insertInto('invitations')
      .values({
        id: invitation.id,
        email: invitation.email,
        open_email: invitation.email,
        role: invitation.role,
        token_hash: invitation.tokenHash,
        invited_by: invitation.invitedBy,
        created_at: invitation.createdAt,
        expires_at: invitation.expiresAt,
        accepted_at: null,
        accepted_by: null,
        revoked_at: null,
      })
      .onConflict((oc) => oc.column('open_email').doNothing())
      .returning('id')
      .executeTakeFirst();
    return result !== undefined;
  }

  async byId(id: string) {
    const row = await this.select().where('i.id', '=', id).executeTakeFirst();
    return row ? toInvitation(row) : null;
  }

  async byTokenHash(tokenHash: string) {
    const row = await this.select().where('i.token_hash', '=', tokenHash).executeTakeFirst();
    return row ? toInvitation(row) : null;
  }

  async list(query: { limit: number }) {
    const rows = await this.select()
      .orderBy('i.created_at', 'desc')
      .orderBy('i.id', 'desc')
      .limit(query.limit)
      .execute();
    return rows.map(toInvitation);
  }

  private async close(
    id: string,
    now: string,
    set: { revoked_at: string } | { accepted_at: string; accepted_by: string | null },
  ): Promise<boolean> {
    const result = await this.db
      .updateTable('invitations')
      .set({ ...set, open_email: null })
      .where('id', '=', id)
      .where('accepted_at', 'is', null)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  revoke(id: string, now: string) {
    return this.close(id, now, { revoked_at: now });
  }

  accept(id: string, now: string, userId: string | null) {
    return this.close(id, now, { accepted_at: now, accepted_by: userId });
  }

  async setAcceptedBy(id: string, userId: string) {
    await this.db
      .updateTable('invitations')
      .set({ accepted_by: userId })
      .where('id', '=', id)
      .execute();
  }
}
