import type { Kysely } from 'kysely';
import type { DigestRecipient, DigestStore } from './ports/digests.js';
import type { Database } from './schema.js';

export class KyselyDigestStore implements DigestStore {
  constructor(private readonly db: Kysely<Database>) {}

  async subscribe(userId: string, at: string): Promise<void> {
    await this.db
      .insertInto('moderation_digests')
      .values({ user_id: userId, subscribed_at: at, last_sent_at: null })
      .onConflict((oc) => oc.column('user_id').doNothing())
      .execute();
  }

  async unsubscribe(userId: string): Promise<void> {
    await this.db.deleteFrom('moderation_digests').where('user_id', '=', userId).execute();
  }

  async isSubscribed(userId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('moderation_digests')
      .select('user_id')
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row !== undefined;
  }

  async claimDue(input: {
    roles: readonly string[];
    sentBefore: string;
    at: string;
  }): Promise<DigestRecipient[]> {
    if (input.roles.length === 0) return [];
    const claimed = await this.db
      .updateTable('moderation_digests')
      .set({ last_sent_at: input.at })
      .where((eb) =>
        eb.or([eb('last_sent_at', 'is', null), eb('last_sent_at', '<', input.sentBefore)]),
      )
      .where('user_id', 'in', (eb) =>
        eb
          .selectFrom('users')
          .select('users.id')
          .where('users.role', 'in', [...input.roles])
          .where('users.banned_at', 'is', null),
      )
      .returning('user_id')
      .execute();
    if (claimed.length === 0) return [];
    const people = await this.db
      .selectFrom('users')
      .select(['id', 'email', 'name'])
      .where(
        'id',
        'in',
        claimed.map((c) => c.user_id),
      )
      .orderBy('id')
      .execute();
    return people.map((p) => ({ userId: p.id, email: p.email, name: p.name }));
  }
}
