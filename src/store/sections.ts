import type { Kysely } from 'kysely';
import type { Database } from './schema.js';
import type { Section } from '../domain/section.js';
import type { SectionStore, SettingStore } from './ports/site.js';

export class KyselySectionStore implements SectionStore {
  constructor(private readonly db: Kysely<Database>) {}

  async list(): Promise<Section[]> {
    return this.db.selectFrom('sections').selectAll().orderBy('position').orderBy('name').execute();
  }

  async get(slug: string): Promise<Section | null> {
    const row = await this.db
      .selectFrom('sections')
      .selectAll()
      .where('slug', '=', slug)
      .executeTakeFirst();
    return row ?? null;
  }

  async upsert(section: Section) {
    await this.db
      .insertInto('sections')
      .values(section)
      .onConflict((oc) =>
        oc.column('slug').doUpdateSet({
          name: section.name,
          description: section.description,
          position: section.position,
        }),
      )
      .execute();
  }
}

export class KyselySettingStore implements SettingStore {
  constructor(private readonly db: Kysely<Database>) {}

  async get(key: string) {
    const row = await this.db
      .selectFrom('settings')
      .select('value')
      .where('key', '=', key)
      .executeTakeFirst();
    return row?.value ?? null;
  }

  async getMany(keys: readonly string[]) {
    if (keys.length === 0) return {};
    const rows = await this.db
      .selectFrom('settings')
      .select(['key', 'value'])
      .where('key', 'in', keys)
      .execute();
    return Object.fromEntries(rows.map((r) => [r.key, r.value]));
  }

  async set(key: string, value: string) {
    await this.db
      .insertInto('settings')
      .values({ key, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute();
  }
}
