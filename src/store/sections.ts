import type { Kysely, Selectable } from 'kysely';
import type { Database, SectionsTable } from './schema.js';
import type { Section, SectionRecord } from '../domain/section.js';
import type { SectionStore, SettingStore } from './ports/site.js';

export function sectionOf(row: Selectable<SectionsTable>): Section {
  return {
    slug: row.slug,
    name: row.name,
    description: row.description,
    position: Number(row.position),
    hidden: Number(row.hidden) === 1,
  };
}

export class KyselySectionStore implements SectionStore {
  constructor(private readonly db: Kysely<Database>) {}

  async list(): Promise<Section[]> {
    const rows = await this.db
      .selectFrom('sections')
      .selectAll()
      .orderBy('position')
      .orderBy('name')
      .execute();
    return rows.map(sectionOf);
  }

  async get(slug: string): Promise<Section | null> {
    const row = await this.db
      .selectFrom('sections')
      .selectAll()
      .where('slug', '=', slug)
      .executeTakeFirst();
    return row ? sectionOf(row) : null;
  }

  async upsert(section: SectionRecord) {
    const { hidden, ...fields } = section;
    const flag = hidden === undefined ? {} : { hidden: hidden ? 1 : 0 };
    await this.db
      .insertInto('sections')
      .values({ ...fields, ...flag })
      .onConflict((oc) =>
        oc.column('slug').doUpdateSet({
          name: section.name,
          description: section.description,
          position: section.position,
          ...flag,
        }),
      )
      .execute();
  }

  async currentSlug(oldSlug: string): Promise<string | null> {
    const row = await this.db
      .selectFrom('section_old_slugs')
      .select('section_slug')
      .where('slug', '=', oldSlug)
      .executeTakeFirst();
    return row?.section_slug ?? null;
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
