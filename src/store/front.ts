import type { Kysely } from 'kysely';
import type { FrontSectionChoice, StoredPin } from '../domain/front.js';
import type { FrontStore } from './ports/front.js';
import type { Database } from './schema.js';

export class KyselyFrontStore implements FrontStore {
  constructor(private readonly db: Kysely<Database>) {}

  async pins(): Promise<StoredPin[]> {
    const rows = await this.db.selectFrom('front_slots').selectAll().orderBy('slot').execute();
    return rows.map((r) => ({ slot: r.slot, articleId: r.article_id, expiresAt: r.expires_at }));
  }

  async sectionChoices(): Promise<FrontSectionChoice[]> {
    const rows = await this.db
      .selectFrom('front_sections')
      .selectAll()
      .orderBy('position')
      .orderBy('section_slug')
      .execute();
    return rows.map((r) => ({ slug: r.section_slug, position: r.position, shown: r.shown === 1 }));
  }

  async replace(pins: readonly StoredPin[], sections: readonly FrontSectionChoice[]) {
    await this.db.deleteFrom('front_slots').execute();
    await this.db.deleteFrom('front_sections').execute();
    if (pins.length) {
      await this.db
        .insertInto('front_slots')
        .values(
          pins.map((p) => ({ slot: p.slot, article_id: p.articleId, expires_at: p.expiresAt })),
        )
        .execute();
    }
    if (sections.length) {
      await this.db
        .insertInto('front_sections')
        .values(
          sections.map((s) => ({
            section_slug: s.slug,
            position: s.position,
            shown: s.shown ? 1 : 0,
          })),
        )
        .execute();
    }
  }
}
