/** The sign-in audit on both databases (ports/passkeys.ts). */
import type { Kysely } from 'kysely';
import type { SignInEvent, SignInEventStore, SignInMethodName } from './ports/passkeys.js';
import type { Database } from './schema.js';

export class KyselySignInEventStore implements SignInEventStore {
  constructor(private readonly db: Kysely<Database>) {}

  async record(event: SignInEvent): Promise<void> {
    await this.db
      .insertInto('sign_in_events')
      .values({
        id: event.id,
        user_id: event.userId,
        method: event.method,
        label: event.label,
        at: event.at,
      })
      .execute();
  }

  async forUser(userId: string, since: string, limit: number): Promise<SignInEvent[]> {
    const rows = await this.db
      .selectFrom('sign_in_events')
      .selectAll()
      .where('user_id', '=', userId)
      .where('at', '>=', since)
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      userId: r.user_id,
      method: r.method as SignInMethodName,
      label: r.label,
      at: new Date(r.at).toISOString(),
    }));
  }

  async pruneBefore(before: string): Promise<number> {
    const result = await this.db
      .deleteFrom('sign_in_events')
      .where('at', '<', before)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
