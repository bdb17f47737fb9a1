/** The reader's queries on articles: published lists, one article whole, related ones, tags. */
import { sql, type Kysely } from 'kysely';
import type { Article, ArticleStatus, CorrectionKind } from '../domain/article.js';
import { prepared } from './compiled.js';
import { mainImagesOf } from './images.js';
import type { ArticleListQuery, ReaderStore } from './ports/reader.js';
import { authorsOf, summaryColumns, toSummaries, type SummaryRow } from './rows.js';
import type { ArticlesTable, Database } from './schema.js';

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
  'a.body_html',
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

const summaries = (db: Kysely<Database>) =>
  db
    .selectFrom('articles as a')
    .innerJoin('sections as s', 's.slug', 'a.section_slug')
    .select(summaryColumns);

/** One article whole, by id or by slug (the article page's first read). */
const articleRow = prepared((db, column: 'a.id' | 'a.slug', value: string) =>
  db
    .selectFrom('articles as a')
    .innerJoin('sections as s', 's.slug', 'a.section_slug')
    .leftJoin('users as rb', 'rb.id', 'a.returned_by')
    .select(articleColumns)
    .select(['s.name as section_name', 'rb.name as returned_by_name'])
    .where(column, '=', value)
    // A deleted draft is gone for everyone until an admin recovers it (decisions/0040).
    .where('a.deleted_at', 'is', null),
);

const tagsOf = prepared((db, _: '', articleId: string) =>
  db
    .selectFrom('article_tags as at')
    .innerJoin('tags as t', 't.slug', 'at.tag_slug')
    .select(['t.slug', 't.name'])
    .where('at.article_id', '=', articleId)
    .orderBy('at.position')
    .orderBy('t.slug'),
);

const correctionsOf = prepared((db, _: '', articleId: string) =>
  db
    .selectFrom('corrections')
    .selectAll()
    .where('article_id', '=', articleId)
    .orderBy('created_at')
    .orderBy('id'),
);

const relatedOf = prepared((db, _: '', articleId: string) =>
  db
    .selectFrom('article_related')
    .select('related_id')
    .where('article_id', '=', articleId)
    .orderBy('position'),
);

/** Published summaries by slug or by id (inline headlines, the editors' picks). */
const publishedWhere = prepared((db, column: 'a.slug' | 'a.id', values: readonly string[]) =>
  summaries(db).where('a.status', '=', 'published').where(column, 'in', values),
);

/**
 * Published stories scored against an article: two points per shared tag, one for the same
 * section; newest first among equals.
 */
const topicalQuery = prepared(
  (
    db,
    _: '',
    tagSlugs: readonly string[],
    sectionSlug: string,
    articleId: string,
    limit: number,
  ) => {
    const shared =
      tagSlugs.length === 0
        ? sql<number>`0`
        : sql<number>`(select count(*) from article_tags t where t.article_id = a.id and t.tag_slug in (${sql.join(tagSlugs)}))`;
    return summaries(db)
      .select(
        sql<number>`(${shared}) * 2 + case when a.section_slug = ${sectionSlug} then 1 else 0 end`.as(
          'score',
        ),
      )
      .where('a.status', '=', 'published')
      .where('a.id', '!=', articleId)
      .orderBy('score', 'desc')
      .orderBy('a.published_at', 'desc')
      .orderBy('a.id', 'desc')
      .limit(limit);
  },
);

export class KyselyReaderStore implements ReaderStore {
  constructor(private readonly db: Kysely<Database>) {}

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
    const row = await articleRow.first(this.db, column, value);
    if (!row) return null;
    const [authors, tags, corrections, related, images] = await Promise.all([
      authorsOf(this.db, [row.id]),
      tagsOf.all(this.db, '', row.id),
      correctionsOf.all(this.db, '', row.id),
      relatedOf.all(this.db, '', row.id),
      mainImagesOf(this.db, [row.id]),
    ]);
    return {
      id: row.id,
      slug: row.slug,
      headline: row.headline,
      standfirst: row.standfirst,
      body: row.body,
      bodyHtml: row.body_html,
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
    return toSummaries(this.db, await publishedWhere.all(this.db, 'a.slug', slugs));
  }

  async publishedByIds(ids: readonly string[]) {
    if (ids.length === 0) return [];
    return toSummaries(this.db, await publishedWhere.all(this.db, 'a.id', ids));
  }

  async topical(article: Article, limit: number) {
    const rows = await topicalQuery.all(
      this.db,
      '',
      article.tags.map((t) => t.slug),
      article.section.slug,
      article.id,
      limit,
    );
    return toSummaries(
      this.db,
      rows.filter((r) => Number(r.score) > 0),
    );
  }

  async byOldSlug(slug: string) {
    const row = await this.db
      .selectFrom('article_old_slugs')
      .select('article_id')
      .where('slug', '=', slug)
      .executeTakeFirst();
    return row ? this.getById(row.article_id) : null;
  }

  async tagBySlug(slug: string) {
    const row = await this.db
      .selectFrom('tags')
      .select(['slug', 'name'])
      .where('slug', '=', slug)
      .executeTakeFirst();
    return row ?? null;
  }
}
