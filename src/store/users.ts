import type { Kysely } from 'kysely';
import type { Role } from '../domain/user.js';
import { newId } from '../domain/ids.js';
import { toUser } from './rows.js';
import type { Database } from './schema.js';
import type { NewUser, UserStore } from './types.js';

export class KyselyUserStore implements UserStore {
  constructor(private readonly db: Kysely<Database>) {}

  async create(input: NewUser) {
    const row = {
      id: newId(Date.parse(input.createdAt)),
      email: input.email,
      name: input.name,
      slug: input.slug,
      role: input.role,
      password_hash: input.passwordHash,
      bio: input.bio ?? '',
      created_at: input.createdAt,
    };
    await this.db.insertInto('users').values(row).execute();
    return toUser(row);
  }

  async byId(id: string) {
    const row = await this.db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toUser(row) : null;
  }

  async byEmail(email: string) {
    const row = await this.db
      .selectFrom('users')
      .selectAll()
      .where('email', '=', email)
      .executeTakeFirst();
    return row ? toUser(row) : null;
  }

  async bySlug(slug: string) {
    const row = await this.db
      .selectFrom('users')
      .selectAll()
      .where('slug', '=', slug)
      .executeTakeFirst();
    return row ? toUser(row) : null;
  }

  async passwordHash(id: string) {
    const row = await this.db
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', id)
      .executeTakeFirst();
    return row?.password_hash ?? null;
  }

  async setPasswordHash(id: string, hash: string) {
    await this.db.updateTable('users').set({ password_hash: hash }).where('id', '=', id).execute();
  }

  async countWithRole(role: Role) {
    const row = await this.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('role', '=', role)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async slugTaken(slug: string) {
    const row = await this.db
      .selectFrom('users')
      .select('id')
      .where('slug', '=', slug)
      .executeTakeFirst();
    return row !== undefined;
  }
}
