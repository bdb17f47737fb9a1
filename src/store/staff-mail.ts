import type { Kysely } from 'kysely';
import type { StaffMailStore } from './ports/webhooks.js';
import type { Database } from './schema.js';

export class KyselyStaffMailStore implements StaffMailStore {
  constructor(private readonly db: Kysely<Database>) {}

  async optOut(userId: string, kind: string, at: string): Promise<void> {
    await this.db
      .insertInto('staff_mail_optouts')
      .values({ user_id: userId, kind, created_at: at })
      .onConflict((oc) => oc.columns(['user_id', 'kind']).doNothing())
      .execute();
  }

  async optIn(userId: string, kind: string): Promise<void> {
    await this.db
      .deleteFrom('staff_mail_optouts')
      .where('user_id', '=', userId)
      .where('kind', '=', kind)
      .execute();
  }

  async optedOut(userId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('staff_mail_optouts')
      .select('kind')
      .where('user_id', '=', userId)
      .orderBy('kind')
      .execute();
    return rows.map((r) => r.kind);
  }
}
