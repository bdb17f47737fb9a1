import { sql, type Kysely } from 'kysely';
import type {
  Article,
  ArticleStatus,
  CorrectionKind,
  CorrectionPriority,
} from '../domain/article.js';
import { newId } from '../domain/ids.js';
import {
  listNewsroom,
  oldSlugOwner,
  publishDue,
  saveArticle,
  slugTaken,
  transition,
} from './newsroom.js';
import { insertRevision, listRevisions, oneRevision } from './revisions.js';
import { mainImagesOf } from './images.js';
import { authorsOf, summaryColumns, toSummaries, type SummaryRow } from './rows.js';
import type { StoreDialect } from './dialect.js';
import type { ArticlesTable, Database } from './schema.js';
import { searchArticles } from './search.js';
import { recentCorrections } from './corrections.js';
import { sitemapAuthors, sitemapChunks, sitemapEntries } from './sitemap.js';
import type { TimeCursor } from '../domain/cursor.js';
import type {
  ArticleListQuery,
  ArticleStore,
  NewArticle,
  NewsroomListQuery,
  SaveArticle,
  SaveResult,
} from './types.js';
import type { SearchTerms } from '../domain/search.js';

/**
 * The article columns a read needs, by name: `a.*` would also bring PostgreSQL's search vector,
 * a few kilobytes per article that no reader uses.
 */
const articleColumns = [
  'a.id',
  'a.slug',
  'a.section_slug',
  'a.headline',
  'a.standfirst',
  'a.body',
  'a.dateline',
  'a.status',
  'a.published_at',
  'a.updated_at',
  'a.update_note',
  'a.version',
  'a.comment_count',
  'a.comment_seq',
  'a.created_at',
  'a.modified_at',
  'a.publish_at',
  'a.created_by',
  'a.comments_mode',
  'a.comments_auto_close_hours',
  'a.returned_note',
  'a.returned_at',
  'a.returned_by',
] as const satisfies readonly `a.${keyof ArticlesTable}`[];

export class KyselyArticleStore implements ArticleStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: StoreDialect,
  ) {}

  private summaries() {
    return this.db
      .selectFrom('articles as a')
      .innerJoin('sections as s', 's.slug', 'a.section_slug')
      .select(summaryColumns);
  }

  async listPublished(query: ArticleListQuery) {
    let q = this.summaries().where('a.status', '=', 'published');
    if (query.section) q = q.where('a.section_slug', '=', query.section);
    if (query.tag) {
      const tag = query.tag;
      q = q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('article_tags as t')
            .select(sql`1`.as('one'))
            .whereRef('t.article_id', '=', 'a.id')
            .where('t.tag_slug', '=', tag),
        ),
      );
    }
    if (query.author) {
      const author = query.author;
      q = q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('article_authors as aa')
            .innerJoin('users as u', 'u.id', 'aa.user_id')
            .select(sql`1`.as('one'))
            .whereRef('aa.article_id', '=', 'a.id')
            .where('u.slug', '=', author),
        ),
      );
    }
    if (query.after) {
      const { id } = query.after;
      // Stored times are toISOString() output, and SQLite compares them as text.
      const t = new Date(query.after.t).toISOString();
      q = q.where((eb) =>
        eb.or([
          eb('a.published_at', '<', t),
          eb.and([eb('a.published_at', '=', t), eb('a.id', '<', id)]),
        ]),
      );
    }
    const rows = await q
      .orderBy('a.published_at', 'desc')
      .orderBy('a.id', 'desc')
      .limit(query.limit)
      .execute();
    return toSummaries(this.db, rows);
  }

  async latestInSections(sections: readonly string[], limit: number) {
    if (sections.length === 0 || limit <= 0) return [];
    // One indexed, limited query per section (articles_section_published), joined by UNION ALL
    // into one statement; each part is wrapped so that its ORDER BY and LIMIT stay its own.
    const part = (section: string) =>
      this.db
        .selectFrom(
          this.summaries()
            .where('a.status', '=', 'published')
            .where('a.section_slug', '=', section)
            .orderBy('a.published_at', 'desc')
            .orderBy('a.id', 'desc')
            .limit(limit)
            .as('p'),
        )
        .selectAll();
    const [first, ...rest] = sections.map(part);
    const rows = await rest.reduce((q, next) => q.unionAll(next), first!).execute();
    const order = new Map(sections.map((s, i) => [s, i]));
    // UNION ALL promises no order: sections as given, then newest first (as in each part).
    const newestFirst = (a: SummaryRow, b: SummaryRow) => {
      const [x, y] = [a.published_at ?? '', b.published_at ?? ''];
      if (x !== y) return x < y ? 1 : -1;
      return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
    };
    rows.sort(
      (a, b) =>
        (order.get(a.section_slug) ?? 0) - (order.get(b.section_slug) ?? 0) || newestFirst(a, b),
    );
    return toSummaries(this.db, rows);
  }

  async countPublished() {
    const row = await this.db
      .selectFrom('articles')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'published')
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async getById(id: string) {
    return this.getWhere('a.id', id);
  }

  async getBySlug(slug: string) {
    return this.getWhere('a.slug', slug);
  }

  private async getWhere(column: 'a.id' | 'a.slug', value: string): Promise<Article | null> {
    const row = await this.db
      .selectFrom('articles as a')
      .innerJoin('sections as s', 's.slug', 'a.section_slug')
      .leftJoin('users as rb', 'rb.id', 'a.returned_by')
      .select(articleColumns)
      .select(['s.name as section_name', 'rb.name as returned_by_name'])
      .where(column, '=', value)
      .executeTakeFirst();
    if (!row) return null;
    const [authors, tags, corrections, related, images] = await Promise.all([
      authorsOf(this.db, [row.id]),
      this.db
        .selectFrom('article_tags as at')
        .innerJoin('tags as t', 't.slug', 'at.tag_slug')
        .select(['t.slug', 't.name'])
        .where('at.article_id', '=', row.id)
        .orderBy('at.position')
        .orderBy('t.slug')
        .execute(),
      this.db
        .selectFrom('corrections')
        .selectAll()
        .where('article_id', '=', row.id)
        .orderBy('created_at')
        .orderBy('id')
        .execute(),
      this.db
        .selectFrom('article_related')
        .select('related_id')
        .where('article_id', '=', row.id)
        .orderBy('position')
        .execute(),
      mainImagesOf(this.db, [row.id]),
    ]);
    return {
      id: row.id,
      slug: row.slug,
      headline: row.headline,
      standfirst: row.standfirst,
      body: row.body,
      dateline: row.dateline,
      status: row.status as ArticleStatus,
      section: { slug: row.section_slug, name: row.section_name },
      authors: authors.get(row.id) ?? [],
      tags,
      publishedAt: row.published_at,
      updatedAt: row.updated_at,
      updateNote: row.update_note,
      version: Number(row.version),
      commentCount: Number(row.comment_count),
      createdAt: row.created_at,
      modifiedAt: row.modified_at,
      corrections: corrections.map((c) => ({
        id: c.id,
        kind: c.kind as CorrectionKind,
        priority: c.priority === 'high' ? ('high' as const) : ('normal' as const),
        text: c.text,
        createdAt: c.created_at,
        retractedAt: c.retracted_at,
        retractionNote: c.retraction_note,
      })),
      relatedIds: related.map((r) => r.related_id),
      publishAt: row.publish_at,
      createdBy: row.created_by,
      returned:
        row.returned_note !== null && row.returned_at !== null
          ? { note: row.returned_note, at: row.returned_at, byName: row.returned_by_name ?? null }
          : null,
      mainImage: images.get(row.id) ?? null,
    };
  }

  async publishedBySlugs(slugs: readonly string[]) {
    if (slugs.length === 0) return [];
    const rows = await this.summaries()
      .where('a.status', '=', 'published')
      .where('a.slug', 'in', slugs)
      .execute();
    return toSummaries(this.db, rows);
  }

  async publishedByIds(ids: readonly string[]) {
    if (ids.length === 0) return [];
    const rows = await this.summaries()
      .where('a.status', '=', 'published')
      .where('a.id', 'in', ids)
      .execute();
    return toSummaries(this.db, rows);
  }

  async topical(article: Article, limit: number) {
    const tagSlugs = article.tags.map((t) => t.slug);
    // Score: two points per shared tag, one for the same section; newest first among equals.
    const shared =
      tagSlugs.length === 0
        ? sql<number>`0`
        : sql<number>`(select count(*) from article_tags t where t.article_id = a.id and t.tag_slug in (${sql.join(tagSlugs)}))`;
    const rows = await this.summaries()
      .select(
        sql<number>`(${shared}) * 2 + case when a.section_slug = ${article.section.slug} then 1 else 0 end`.as(
          'score',
        ),
      )
      .where('a.status', '=', 'published')
      .where('a.id', '!=', article.id)
      .orderBy('score', 'desc')
      .orderBy('a.published_at', 'desc')
      .orderBy('a.id', 'desc')
      .limit(limit)
      .execute();
    return toSummaries(
      this.db,
      rows.filter((r) => Number(r.score) > 0),
    );
  }

  /** Runs work atomically: in the caller's transaction if there is one, else in a new one. */
  private atomically<T>(work: (db: Kysely<Database>) => Promise<T>): Promise<T> {
    return this.db.isTransaction ? work(this.db) : this.db.transaction().execute(work);
  }

  async create(input: NewArticle) {
    const id = newId(Date.parse(input.createdAt));
    const authorIds = [...new Set(input.authorIds)];
    // Two names may make one slug ("Council", "council"); the first one given wins.
    const tags = input.tags.filter((t, i) => input.tags.findIndex((u) => u.slug === t.slug) === i);
    await this.atomically(async (db) => {
      await db
        .insertInto('articles')
        .values({
          id,
          slug: input.slug,
          section_slug: input.sectionSlug,
          headline: input.headline,
          standfirst: input.standfirst,
          body: input.body,
          dateline: input.dateline,
          status: input.status,
          published_at: input.publishedAt,
          updated_at: null,
          update_note: null,
          created_at: input.createdAt,
          modified_at: input.createdAt,
          created_by: input.createdBy ?? null,
        })
        .execute();
      if (authorIds.length > 0) {
        await db
          .insertInto('article_authors')
          .values(
            authorIds.map((userId, position) => ({ article_id: id, user_id: userId, position })),
          )
          .execute();
      }
      if (tags.length > 0) {
        await db
          .insertInto('tags')
          .values(tags)
          .onConflict((oc) => oc.column('slug').doNothing())
          .execute();
        await db
          .insertInto('article_tags')
          .values(tags.map((t, position) => ({ article_id: id, tag_slug: t.slug, position })))
          .execute();
      }
      if (input.relatedIds?.length)
        await new KyselyArticleStore(db, this.dialect).setRelated(id, input.relatedIds);
      await insertRevision(db, {
        articleId: id,
        version: 1,
        content: {
          slug: input.slug,
          sectionSlug: input.sectionSlug,
          headline: input.headline,
          standfirst: input.standfirst,
          body: input.body,
          dateline: input.dateline,
          authorIds,
          tags,
          relatedIds: [...new Set(input.relatedIds ?? [])].filter((r) => r !== id),
        },
        savedAt: input.createdAt,
        savedBy: input.createdBy ?? null,
        substantive: false,
        note: '',
      });
    });
    const created = await this.getById(id);
    if (!created) throw new Error('article vanished after insert');
    return created;
  }

  async setRelated(articleId: string, relatedIds: readonly string[]) {
    const unique = [...new Set(relatedIds)].filter((id) => id !== articleId);
    await this.atomically(async (db) => {
      await db.deleteFrom('article_related').where('article_id', '=', articleId).execute();
      if (unique.length === 0) return;
      await db
        .insertInto('article_related')
        .values(
          unique.map((relatedId, position) => ({
            article_id: articleId,
            related_id: relatedId,
            position,
          })),
        )
        .execute();
    });
  }

  async addCorrection(input: {
    articleId: string;
    kind: CorrectionKind;
    text: string;
    createdAt: string;
    priority?: CorrectionPriority;
  }) {
    const id = newId(Date.parse(input.createdAt));
    await this.db
      .insertInto('corrections')
      .values({
        id,
        article_id: input.articleId,
        kind: input.kind,
        text: input.text,
        created_at: input.createdAt,
        retracted_at: null,
        retraction_note: null,
        priority: input.priority ?? 'normal',
      })
      .execute();
    return id;
  }

  async markUpdated(articleId: string, at: string, note: string | null) {
    await this.db
      .updateTable('articles')
      .set({ updated_at: at, update_note: note })
      .where('id', '=', articleId)
      .execute();
  }

  search(query: { terms: SearchTerms; limit: number; offset: number }) {
    return searchArticles(this.db, this.dialect, query);
  }

  async retractCorrection(input: {
    articleId: string;
    correctionId: string;
    at: string;
    note: string;
  }) {
    const result = await this.db
      .updateTable('corrections')
      .set({ retracted_at: input.at, retraction_note: input.note })
      .where('id', '=', input.correctionId)
      .where('article_id', '=', input.articleId)
      .where('retracted_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async save(input: SaveArticle): Promise<SaveResult> {
    const outcome = await saveArticle(this.db, input);
    const article = await this.getById(input.id);
    if (outcome === 'missing' || !article) return { ok: false, reason: 'missing' };
    if (outcome === 'stale') return { ok: false, reason: 'stale', current: article };
    return { ok: true, article };
  }

  transition(input: {
    id: string;
    from: readonly ArticleStatus[];
    to: ArticleStatus;
    publishedAt?: string;
    publishAt?: string | null;
    returned?: { note: string; at: string; by: string } | null;
  }) {
    return transition(this.db, input);
  }

  publishDue(now: string) {
    return publishDue(this.db, now);
  }

  revisions(articleId: string) {
    return listRevisions(this.db, articleId);
  }

  revision(articleId: string, version: number) {
    return oneRevision(this.db, articleId, version);
  }

  async byOldSlug(slug: string) {
    const id = await oldSlugOwner(this.db, slug);
    return id ? this.getById(id) : null;
  }

  async tagBySlug(slug: string) {
    const row = await this.db
      .selectFrom('tags')
      .select(['slug', 'name'])
      .where('slug', '=', slug)
      .executeTakeFirst();
    return row ?? null;
  }

  slugTaken(slug: string, exceptArticleId?: string) {
    return slugTaken(this.db, slug, exceptArticleId);
  }

  listNewsroom(query: NewsroomListQuery) {
    return listNewsroom(this.db, query);
  }

  sitemapChunks(size: number) {
    return sitemapChunks(this.db, size);
  }

  sitemapAuthors() {
    return sitemapAuthors(this.db);
  }

  sitemapEntries(size: number, chunk: number) {
    return sitemapEntries(this.db, size, chunk);
  }

  recentCorrections(query: { limit: number; after?: TimeCursor | null }) {
    return recentCorrections(this.db, query);
  }
}
