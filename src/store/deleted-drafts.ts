/** Deleted drafts: a stamp on the article row, so everything it had stays until the purge. */
import type { Kysely } from 'kysely';
import type { ArticleStatus } from '../domain/article.js';
import { purgeTime, type DeletedDraft } from '../domain/draft-deletion.js';
import type { DeletedDraftStore } from './ports/deleted-drafts.js';
import { authorsOf } from './rows.js';
import type { Database } from './schema.js';

interface DeletedRow {
  id: string;
  slug: string;
  headline: string;
  status: string;
  section_slug: string;
  section_name: string;
  version: number;
  deleted_at: string | null;
  deleted_by: string | null;
  deleted_by_name: string | null;
}

export class KyselyDeletedDraftStore implements DeletedDraftStore {
  constructor(private readonly db: Kysely<Database>) {}

  async markDeleted(input: {
    id: string;
    from: readonly ArticleStatus[];
    at: string;
    by: string;
  }): Promise<boolean> {
    if (input.from.length === 0) return false;
    const result = await this.db
      .updateTable('articles')
      .set({ deleted_at: input.at, deleted_by: input.by })
      .where('id', '=', input.id)
      .where('deleted_at', 'is', null)
      .where('published_at', 'is', null)
      .where('status', 'in', [...input.from])
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  private deleted() {
    return this.db
      .selectFrom('articles as a')
      .innerJoin('sections as s', 's.slug', 'a.section_slug')
      .leftJoin('users as d', 'd.id', 'a.deleted_by')
      .select([
        'a.id',
        'a.slug',
        'a.headline',
        'a.status',
        'a.section_slug',
        's.name as section_name',
        'a.version',
        'a.deleted_at',
        'a.deleted_by',
        'd.name as deleted_by_name',
      ])
      .where('a.deleted_at', 'is not', null);
  }

  private async toDrafts(rows: readonly DeletedRow[]) {
    const authors = await authorsOf(
      this.db,
      rows.map((r) => r.id),
    );
    return rows.map((row): DeletedDraft => ({
      id: row.id,
      slug: row.slug,
      headline: row.headline,
      status: row.status as ArticleStatus,
      section: { slug: row.section_slug, name: row.section_name },
      authors: authors.get(row.id) ?? [],
      version: Number(row.version),
      deletedAt: row.deleted_at!,
      deletedBy: row.deleted_by ? { id: row.deleted_by, name: row.deleted_by_name ?? '' } : null,
      purgeAt: purgeTime(row.deleted_at!),
    }));
  }

  async listDeleted(query: { limit: number; offset: number }) {
    const rows = await this.deleted()
      .orderBy('a.deleted_at', 'desc')
      .orderBy('a.id', 'desc')
      .limit(query.limit)
      .offset(query.offset)
      .execute();
    return this.toDrafts(rows);
  }

  async deletedDraft(id: string) {
    const rows = await this.deleted().where('a.id', '=', id).execute();
    return (await this.toDrafts(rows))[0] ?? null;
  }

  async recover(id: string) {
    const result = await this.db
      .updateTable('articles')
      .set({ deleted_at: null, deleted_by: null })
      .where('id', '=', id)
      .where('deleted_at', 'is not', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async purgeDeleted(cutoff: string) {
    const rows = await this.db
      .deleteFrom('articles')
      .where('deleted_at', 'is not', null)
      .where('deleted_at', '<=', cutoff)
      .returning('id')
      .execute();
    return rows.map((r) => r.id);
  }
}
