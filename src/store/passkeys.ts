/** Passkeys and their challenges on both databases (ports/passkeys.ts). */
import type { Kysely, Selectable } from 'kysely';
import type {
  ChallengePurpose,
  PasskeyChallenge,
  PasskeyChallengeStore,
  PasskeyRecord,
  PasskeyStore,
} from './ports/passkeys.js';
import type { Database, PasskeysTable } from './schema.js';

function toRecord(row: Selectable<PasskeysTable>): PasskeyRecord {
  return {
    id: row.id,
    userId: row.user_id,
    name: row.name,
    publicKey: row.public_key,
    counter: Number(row.counter),
    transports: row.transports ? row.transports.split(',') : [],
    backedUp: Number(row.backed_up) === 1,
    createdAt: new Date(row.created_at).toISOString(),
    lastUsedAt: row.last_used_at ? new Date(row.last_used_at).toISOString() : null,
  };
}

export class KyselyPasskeyStore implements PasskeyStore {
  constructor(private readonly db: Kysely<Database>) {}

  async add(passkey: PasskeyRecord): Promise<boolean> {
    const result = await this.db
      .insertInto('passkeys')
      .values({
        id: passkey.id,
        user_id: passkey.userId,
        name: passkey.name,
        public_key: passkey.publicKey,
        counter: passkey.counter,
        transports: passkey.transports.join(','),
        backed_up: passkey.backedUp ? 1 : 0,
        created_at: passkey.createdAt,
        last_used_at: passkey.lastUsedAt,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async byId(id: string): Promise<PasskeyRecord | null> {
    const row = await this.db
      .selectFrom('passkeys')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  async forUser(userId: string): Promise<PasskeyRecord[]> {
    const rows = await this.db
      .selectFrom('passkeys')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toRecord);
  }

  async countForUser(userId: string): Promise<number> {
    const row = await this.db
      .selectFrom('passkeys')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  async used(id: string, counter: number, at: string): Promise<void> {
    await this.db
      .updateTable('passkeys')
      .set({ counter, last_used_at: at })
      .where('id', '=', id)
      .execute();
  }

  async rename(userId: string, id: string, name: string): Promise<boolean> {
    const result = await this.db
      .updateTable('passkeys')
      .set({ name })
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async remove(userId: string, id: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('passkeys')
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}

export class KyselyPasskeyChallengeStore implements PasskeyChallengeStore {
  constructor(private readonly db: Kysely<Database>) {}

  async issue(challenge: PasskeyChallenge): Promise<void> {
    await this.db
      .insertInto('passkey_challenges')
      .values({
        challenge: challenge.challenge,
        purpose: challenge.purpose,
        user_id: challenge.userId,
        data: challenge.data,
        expires_at: challenge.expiresAt,
      })
      .execute();
  }

  async take(
    challenge: string,
    purpose: ChallengePurpose,
    now: string,
  ): Promise<PasskeyChallenge | null> {
    // Deleting is the taking: of two requests with one challenge, only one deletes the row.
    const row = await this.db
      .deleteFrom('passkey_challenges')
      .where('challenge', '=', challenge)
      .where('purpose', '=', purpose)
      .returningAll()
      .executeTakeFirst();
    if (!row) return null;
    if (Date.parse(new Date(row.expires_at).toISOString()) <= Date.parse(now)) return null;
    return {
      challenge: row.challenge,
      purpose: row.purpose as ChallengePurpose,
      userId: row.user_id,
      data: row.data,
      expiresAt: new Date(row.expires_at).toISOString(),
    };
  }

  async prune(now: string): Promise<number> {
    const result = await this.db
      .deleteFrom('passkey_challenges')
      .where('expires_at', '<=', now)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
