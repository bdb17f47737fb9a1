/** Managing sections (ports/sections.ts): counts, create, edit, rename, reorder, remove. */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { SectionRecord, SectionSummary } from '../domain/section.js';
import type { Database } from './schema.js';
import type { SectionAdminStore, SectionChange } from './ports/sections.js';
import { sectionOf } from './sections.js';

export class KyselySectionAdminStore implements SectionAdminStore {
  constructor(private readonly db: Kysely<Database>) {}

  /** In the caller's transaction if there is one, else in a new one. */
  private atomically<T>(work: (db: Kysely<Database>) => Promise<T>): Promise<T> {
    return this.db.isTransaction
      ? work(this.db)
      : this.db.transaction().execute((trx: Transaction<Database>) => work(trx));
  }

  async listWithCounts(): Promise<SectionSummary[]> {
    const rows = await this.db
      .selectFrom('sections as s')
      .selectAll('s')
      .select((eb) =>
        eb
          .selectFrom('articles as a')
          .select(sql<number>`count(*)`.as('n'))
          .whereRef('a.section_slug', '=', 's.slug')
          .as('article_count'),
      )
      .orderBy('s.position')
      .orderBy('s.name')
      .execute();
    return rows.map((r) => ({ ...sectionOf(r), articleCount: Number(r.article_count ?? 0) }));
  }

  async countArticles(slug: string): Promise<number> {
    const row = await this.db
      .selectFrom('articles')
      .select(sql<number>`count(*)`.as('n'))
      .where('section_slug', '=', slug)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  create(section: SectionRecord): Promise<'created' | 'taken'> {
    return this.atomically(async (db) => {
      const { hidden, ...fields } = section;
      const inserted = await db
        .insertInto('sections')
        .values({ ...fields, hidden: hidden ? 1 : 0 })
        .onConflict((oc) => oc.column('slug').doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return 'taken';
      // A slug that another section had before is now this one's: it no longer redirects.
      await db.deleteFrom('section_old_slugs').where('slug', '=', section.slug).execute();
      return 'created';
    });
  }

  async update(slug: string, change: SectionChange): Promise<boolean> {
    const values = {
      ...(change.name !== undefined ? { name: change.name } : {}),
      ...(change.description !== undefined ? { description: change.description } : {}),
      ...(change.hidden !== undefined ? { hidden: change.hidden ? 1 : 0 } : {}),
    };
    if (Object.keys(values).length === 0) {
      return (
        (await this.db
          .selectFrom('sections')
          .select('slug')
          .where('slug', '=', slug)
          .executeTakeFirst()) !== undefined
      );
    }
    const updated = await this.db
      .updateTable('sections')
      .set(values)
      .where('slug', '=', slug)
      .executeTakeFirst();
    return Number(updated.numUpdatedRows) > 0;
  }

  changeSlug(from: string, to: string, at: string): Promise<'changed' | 'missing' | 'taken'> {
    return this.atomically(async (db) => {
      const row = await db
        .selectFrom('sections')
        .selectAll()
        .where('slug', '=', from)
        .executeTakeFirst();
      if (!row) return 'missing';
      if (from === to) return 'changed';
      // The slug is the key the articles refer to: the section is copied under the new one, the
      // references follow it, and the old row goes.
      const inserted = await db
        .insertInto('sections')
        .values({ ...row, slug: to })
        .onConflict((oc) => oc.column('slug').doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return 'taken';
      await follow(db, from, to, at);
      await db.deleteFrom('sections').where('slug', '=', from).execute();
      return 'changed';
    });
  }

  async reorder(slugs: readonly string[]): Promise<void> {
    await this.atomically(async (db) => {
      for (const [position, slug] of slugs.entries()) {
        await db.updateTable('sections').set({ position }).where('slug', '=', slug).execute();
      }
    });
  }

  remove(
    slug: string,
    moveTo: string | null,
    at: string,
  ): Promise<{ result: 'removed' | 'missing' | 'not_empty'; moved: number }> {
    return this.atomically(async (db) => {
      const exists = await db
        .selectFrom('sections')
        .select('slug')
        .where('slug', '=', slug)
        .executeTakeFirst();
      if (!exists) return { result: 'missing', moved: 0 };
      // Revisions keep the section they were saved in: restoring one keeps the article where it is.
      const moved = moveTo === null ? 0 : await follow(db, slug, moveTo, at, { revisions: false });
      // One statement: an article added meanwhile keeps the section (and is counted as refused).
      const deleted = await db
        .deleteFrom('sections')
        .where('slug', '=', slug)
        .where((eb) =>
          eb.not(
            eb.exists(eb.selectFrom('articles').select('id').where('section_slug', '=', slug)),
          ),
        )
        .executeTakeFirst();
      if (Number(deleted.numDeletedRows) === 0) return { result: 'not_empty', moved: 0 };
      return { result: 'removed', moved };
    });
  }
}

/**
 * What led to section `from` leads to `to`: its articles (on a rename, their revisions too: it
 * is the same section), the slugs it had before, and `from` itself. Going back to an old slug
 * takes it out of the redirects.
 */
async function follow(
  db: Kysely<Database>,
  from: string,
  to: string,
  at: string,
  options: { revisions: boolean } = { revisions: true },
): Promise<number> {
  const moved = await db
    .updateTable('articles')
    .set({ section_slug: to })
    .where('section_slug', '=', from)
    .executeTakeFirst();
  if (options.revisions) {
    await db
      .updateTable('article_revisions')
      .set({ section_slug: to })
      .where('section_slug', '=', from)
      .execute();
  }
  await db
    .updateTable('section_old_slugs')
    .set({ section_slug: to })
    .where('section_slug', '=', from)
    .execute();
  await db.deleteFrom('section_old_slugs').where('slug', '=', to).execute();
  await db
    .insertInto('section_old_slugs')
    .values({ slug: from, section_slug: to, created_at: at })
    .onConflict((oc) => oc.column('slug').doUpdateSet({ section_slug: to, created_at: at }))
    .execute();
  return Number(moved.numUpdatedRows);
}
