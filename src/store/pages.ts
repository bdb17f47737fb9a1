/**
 * Static pages: creation, conflict-safe saves with their revisions and old slugs, status moves,
 * lists and lookups. Every write that must not race is one conditional statement.
 */
import { sql, type Kysely, type Selectable } from 'kysely';
import { newId } from '../domain/ids.js';
import type {
  Page,
  PageListItem,
  PageRevision,
  PageRevisionSummary,
  PageStatus,
} from '../domain/page.js';
import type { NewPage, PageStore, SavePage, SavePageResult } from './ports/pages.js';
import type { Database, PageRevisionsTable, PagesTable } from './schema.js';

function toPage(row: Selectable<PagesTable>): Page {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    description: row.description,
    body: row.body,
    status: row.status as PageStatus,
    version: Number(row.version),
    createdAt: row.created_at,
    modifiedAt: row.modified_at,
    publishedAt: row.published_at,
  };
}

type RevisionRow = Selectable<PageRevisionsTable> & { saver_name: string | null };

function toRevisionSummary(row: RevisionRow): PageRevisionSummary {
  return {
    version: Number(row.version),
    savedAt: row.saved_at,
    savedBy: row.saved_by ? { id: row.saved_by, name: row.saver_name ?? '' } : null,
    note: row.note,
    title: row.title,
  };
}

const listColumns = ['id', 'slug', 'title', 'status', 'version', 'modified_at'] as const;

function toListItem(row: Pick<Selectable<PagesTable>, (typeof listColumns)[number]>) {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    status: row.status as PageStatus,
    version: Number(row.version),
    modifiedAt: row.modified_at,
  };
}

export class KyselyPageStore implements PageStore {
  constructor(private readonly db: Kysely<Database>) {}

  /** In the caller's transaction if there is one, else in a new one. */
  private atomically<T>(work: (db: Kysely<Database>) => Promise<T>): Promise<T> {
    return this.db.isTransaction ? work(this.db) : this.db.transaction().execute(work);
  }

  async create(input: NewPage): Promise<Page> {
    const id = newId(Date.parse(input.createdAt));
    await this.atomically(async (tx) => {
      await tx
        .insertInto('pages')
        .values({
          id,
          slug: input.slug,
          title: input.title,
          description: input.description,
          body: input.body,
          status: 'draft',
          version: 1,
          created_at: input.createdAt,
          created_by: input.createdBy,
          modified_at: input.createdAt,
          published_at: null,
        })
        .execute();
      await tx
        .insertInto('page_revisions')
        .values({
          page_id: id,
          version: 1,
          slug: input.slug,
          title: input.title,
          description: input.description,
          body: input.body,
          saved_at: input.createdAt,
          saved_by: input.createdBy,
          note: '',
        })
        .execute();
    });
    const page = await this.byId(id);
    if (!page) throw new Error(`page ${id} vanished after insert`);
    return page;
  }

  async byId(id: string): Promise<Page | null> {
    const row = await this.db
      .selectFrom('pages')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toPage(row) : null;
  }

  async bySlug(slug: string): Promise<Page | null> {
    const row = await this.db
      .selectFrom('pages')
      .selectAll()
      .where('slug', '=', slug)
      .executeTakeFirst();
    return row ? toPage(row) : null;
  }

  async byOldSlug(slug: string): Promise<Page | null> {
    const row = await this.db
      .selectFrom('page_old_slugs as o')
      .innerJoin('pages as p', 'p.id', 'o.page_id')
      .selectAll('p')
      .where('o.slug', '=', slug)
      .executeTakeFirst();
    return row ? toPage(row) : null;
  }

  async save(input: SavePage): Promise<SavePageResult> {
    const outcome = await this.atomically(async (tx) => {
      const before = await tx
        .selectFrom('pages')
        .select(['slug'])
        .where('id', '=', input.id)
        .executeTakeFirst();
      if (!before) return 'missing' as const;
      const c = input.content;
      // The version check and the bump are one statement: of two saves from the same version,
      // the second finds the version moved.
      const updated = await tx
        .updateTable('pages')
        .set({
          slug: c.slug,
          title: c.title,
          description: c.description,
          body: c.body,
          version: sql<number>`version + 1`,
          modified_at: input.savedAt,
        })
        .where('id', '=', input.id)
        .where('version', '=', input.baseVersion)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) return 'stale' as const;
      if (before.slug !== c.slug) {
        // The old address keeps working; going back to an old slug takes it out of the redirects.
        await tx
          .insertInto('page_old_slugs')
          .values({ slug: before.slug, page_id: input.id, created_at: input.savedAt })
          .onConflict((oc) => oc.column('slug').doNothing())
          .execute();
        await tx.deleteFrom('page_old_slugs').where('slug', '=', c.slug).execute();
      }
      await tx
        .insertInto('page_revisions')
        .values({
          page_id: input.id,
          version: input.baseVersion + 1,
          slug: c.slug,
          title: c.title,
          description: c.description,
          body: c.body,
          saved_at: input.savedAt,
          saved_by: input.savedBy,
          note: input.note ?? '',
        })
        .execute();
      return 'saved' as const;
    });
    const page = await this.byId(input.id);
    if (outcome === 'missing' || !page) return { ok: false, reason: 'missing' };
    if (outcome === 'stale') return { ok: false, reason: 'stale', current: page };
    return { ok: true, page };
  }

  async setStatus(input: {
    id: string;
    from: PageStatus;
    to: PageStatus;
    at: string;
  }): Promise<boolean> {
    const result = await this.db
      .updateTable('pages')
      .set({
        status: input.to,
        modified_at: input.at,
        ...(input.to === 'published'
          ? { published_at: sql<string>`coalesce(published_at, ${input.at})` }
          : {}),
      })
      .where('id', '=', input.id)
      .where('status', '=', input.from)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async list(): Promise<PageListItem[]> {
    const rows = await this.db
      .selectFrom('pages')
      .select(listColumns)
      .orderBy('modified_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
    return rows.map(toListItem);
  }

  async listPublished(): Promise<PageListItem[]> {
    const rows = await this.db
      .selectFrom('pages')
      .select(listColumns)
      .where('status', '=', 'published')
      .orderBy('title')
      .orderBy('id')
      .execute();
    return rows.map(toListItem);
  }

  async slugTaken(slug: string, exceptPageId?: string): Promise<boolean> {
    const except = exceptPageId ?? '';
    const [current, old] = await Promise.all([
      this.db
        .selectFrom('pages')
        .select('id')
        .where('slug', '=', slug)
        .where('id', '!=', except)
        .executeTakeFirst(),
      this.db
        .selectFrom('page_old_slugs')
        .select('page_id')
        .where('slug', '=', slug)
        .where('page_id', '!=', except)
        .executeTakeFirst(),
    ]);
    return current !== undefined || old !== undefined;
  }

  private revisionQuery() {
    return this.db
      .selectFrom('page_revisions as r')
      .leftJoin('users as u', 'u.id', 'r.saved_by')
      .selectAll('r')
      .select(['u.name as saver_name']);
  }

  async revisions(pageId: string): Promise<PageRevisionSummary[]> {
    const rows = await this.revisionQuery()
      .where('r.page_id', '=', pageId)
      .orderBy('r.version', 'desc')
      .execute();
    return rows.map(toRevisionSummary);
  }

  async revision(pageId: string, version: number): Promise<PageRevision | null> {
    const row = await this.revisionQuery()
      .where('r.page_id', '=', pageId)
      .where('r.version', '=', version)
      .executeTakeFirst();
    if (!row) return null;
    return {
      ...toRevisionSummary(row),
      pageId: row.page_id,
      content: { slug: row.slug, title: row.title, description: row.description, body: row.body },
    };
  }
}
