import { sql, type Kysely, type Selectable } from 'kysely';
import type { Grain, PageKind, ReferrerCategory } from '../domain/insights.js';
import type {
  ArticleViews,
  InsightCount,
  InsightRange,
  InsightStore,
  NamedInsightCount,
} from './ports/insights.js';
import type { Database, InsightCountsTable } from './schema.js';

/** Rows per INSERT: well under SQLite's limit on bound values (8 a row). */
const chunk = 500;

export class KyselyInsightStore implements InsightStore {
  constructor(private readonly db: Kysely<Database>) {}

  async add(counts: readonly InsightCount[]): Promise<void> {
    if (counts.length === 0) return;
    const work = async (db: Kysely<Database>) => {
      for (let i = 0; i < counts.length; i += chunk) {
        await db
          .insertInto('insight_counts')
          .values(
            counts.slice(i, i + chunk).map((c) => ({
              grain: c.grain,
              bucket: c.bucket,
              kind: c.kind,
              subject: c.subject,
              referrer_category: c.category,
              referrer_host: c.host,
              campaign: c.campaign,
              views: c.views,
            })),
          )
          .onConflict((oc) =>
            oc
              .columns([
                'grain',
                'bucket',
                'kind',
                'subject',
                'referrer_category',
                'referrer_host',
                'campaign',
              ])
              .doUpdateSet({ views: sql<number>`insight_counts.views + excluded.views` }),
          )
          .execute();
      }
    };
    await (this.db.isTransaction ? work(this.db) : this.db.transaction().execute(work));
  }

  async prune(grain: Grain, before: number): Promise<number> {
    const result = await this.db
      .deleteFrom('insight_counts')
      .where('grain', '=', grain)
      .where('bucket', '<', before)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  private inRange(range: InsightRange) {
    return this.db
      .selectFrom('insight_counts')
      .where('grain', '=', range.grain)
      .where('bucket', '>=', range.from)
      .where('bucket', '<', range.to);
  }

  async topArticles(range: InsightRange, limit: number, sectionSlug?: string) {
    let query = this.inRange(range)
      .innerJoin('articles', 'articles.id', 'insight_counts.subject')
      .innerJoin('sections', 'sections.slug', 'articles.section_slug')
      .where('insight_counts.kind', '=', 'article')
      .where('articles.status', '=', 'published')
      .select((eb) => [
        'articles.id',
        'articles.headline',
        'articles.slug',
        'articles.section_slug',
        'sections.name',
        'articles.published_at',
        eb.fn.sum<number | string>('insight_counts.views').as('views'),
      ])
      .groupBy([
        'articles.id',
        'articles.headline',
        'articles.slug',
        'articles.section_slug',
        'sections.name',
        'articles.published_at',
      ])
      .orderBy('views', 'desc')
      .orderBy('articles.published_at', 'desc')
      .orderBy('articles.id')
      .limit(limit);
    if (sectionSlug !== undefined) query = query.where('articles.section_slug', '=', sectionSlug);
    const rows = await query.execute();
    return rows.map((r): ArticleViews => ({
      articleId: r.id,
      headline: r.headline,
      slug: r.slug,
      sectionSlug: r.section_slug,
      sectionName: r.name,
      publishedAt: r.published_at === null ? null : new Date(r.published_at).toISOString(),
      views: Number(r.views),
    }));
  }

  async bySubject(range: InsightRange, kind: PageKind, limit: number) {
    const rows = await this.inRange(range)
      .where('kind', '=', kind)
      .select((eb) => ['subject', eb.fn.sum<number | string>('views').as('views')])
      .groupBy('subject')
      .orderBy('views', 'desc')
      .orderBy('subject')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ subject: r.subject, views: Number(r.views) }));
  }

  async bySection(range: InsightRange, limit: number) {
    const rows = await this.inRange(range)
      .leftJoin('sections', 'sections.slug', 'insight_counts.subject')
      .where('insight_counts.kind', '=', 'section')
      .select((eb) => [
        'insight_counts.subject',
        'sections.name',
        eb.fn.sum<number | string>('insight_counts.views').as('views'),
      ])
      .groupBy(['insight_counts.subject', 'sections.name'])
      .orderBy('views', 'desc')
      .orderBy('insight_counts.subject')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      slug: r.subject,
      name: r.name ?? r.subject,
      views: Number(r.views),
    }));
  }

  async campaignViews(range: InsightRange, campaigns: readonly string[]) {
    const out = new Map<string, number>();
    if (campaigns.length === 0) return out;
    const rows = await this.inRange(range)
      .where('campaign', 'in', [...campaigns])
      .select((eb) => ['campaign', eb.fn.sum<number | string>('views').as('views')])
      .groupBy('campaign')
      .execute();
    for (const r of rows) out.set(r.campaign, Number(r.views));
    return out;
  }

  async byReferrer(range: InsightRange, limit: number, articleId?: string) {
    let query = this.inRange(range)
      .select((eb) => [
        'referrer_category',
        'referrer_host',
        eb.fn.sum<number | string>('views').as('views'),
      ])
      .groupBy(['referrer_category', 'referrer_host'])
      .orderBy('views', 'desc')
      .orderBy('referrer_category')
      .orderBy('referrer_host')
      .limit(limit);
    if (articleId !== undefined) {
      query = query.where('kind', '=', 'article').where('subject', '=', articleId);
    }
    const rows = await query.execute();
    return rows.map((r) => ({
      category: r.referrer_category as ReferrerCategory,
      host: r.referrer_host,
      views: Number(r.views),
    }));
  }

  async byCampaign(range: InsightRange, limit: number) {
    const rows = await this.inRange(range)
      .where('campaign', '!=', '')
      .select((eb) => ['campaign', eb.fn.sum<number | string>('views').as('views')])
      .groupBy('campaign')
      .orderBy('views', 'desc')
      .orderBy('campaign')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ campaign: r.campaign, views: Number(r.views) }));
  }

  async series(range: InsightRange, articleId?: string) {
    let query = this.inRange(range)
      .select((eb) => ['bucket', eb.fn.sum<number | string>('views').as('views')])
      .groupBy('bucket')
      .orderBy('bucket');
    if (articleId !== undefined) {
      query = query.where('kind', '=', 'article').where('subject', '=', articleId);
    }
    const rows = await query.execute();
    return rows.map((r) => ({ bucket: Number(r.bucket), views: Number(r.views) }));
  }

  async commentsPerArticle(from: string, to: string, limit: number) {
    const rows = await this.db
      .selectFrom('comments')
      .innerJoin('articles', 'articles.id', 'comments.article_id')
      .where('comments.status', '=', 'published')
      .where('comments.created_at', '>=', from)
      .where('comments.created_at', '<', to)
      .select((eb) => [
        'articles.id',
        'articles.headline',
        eb.fn.countAll<number | string>().as('comments'),
      ])
      .groupBy(['articles.id', 'articles.headline'])
      .orderBy('comments', 'desc')
      .orderBy('articles.id')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      articleId: r.id,
      headline: r.headline,
      comments: Number(r.comments),
    }));
  }

  async rowCounts(): Promise<Record<Grain, number>> {
    const rows = await this.db
      .selectFrom('insight_counts')
      .select((eb) => ['grain', eb.fn.countAll<number | string>().as('n')])
      .groupBy('grain')
      .execute();
    const counts: Record<Grain, number> = { minute: 0, hour: 0, day: 0 };
    for (const r of rows) counts[r.grain as Grain] = Number(r.n);
    return counts;
  }

  async rows(range?: InsightRange): Promise<InsightCount[]> {
    const query = range ? this.inRange(range) : this.db.selectFrom('insight_counts');
    const rows = await query.selectAll().orderBy(rowOrder).execute();
    return rows.map(countOf);
  }

  async namedRows(range: InsightRange): Promise<NamedInsightCount[]> {
    const rows = await this.inRange(range)
      .leftJoin('articles', (join) =>
        join
          .onRef('articles.id', '=', 'insight_counts.subject')
          .on('insight_counts.kind', '=', 'article'),
      )
      .leftJoin('sections', (join) =>
        join
          .onRef('sections.slug', '=', 'insight_counts.subject')
          .on('insight_counts.kind', '=', 'section'),
      )
      .selectAll('insight_counts')
      .select(['articles.headline', 'sections.name'])
      .orderBy(rowOrder)
      .execute();
    return rows.map((r) => ({ ...countOf(r), name: r.headline ?? r.name ?? '' }));
  }
}

/** Rows in the order of their key: grain, bucket, page, referrer, campaign. */
const rowOrder = [
  'insight_counts.grain',
  'insight_counts.bucket',
  'insight_counts.kind',
  'insight_counts.subject',
  'insight_counts.referrer_category',
  'insight_counts.referrer_host',
  'insight_counts.campaign',
] as const;

function countOf(r: Selectable<InsightCountsTable>): InsightCount {
  return {
    grain: r.grain as Grain,
    bucket: Number(r.bucket),
    kind: r.kind as PageKind,
    subject: r.subject,
    category: r.referrer_category as ReferrerCategory,
    host: r.referrer_host,
    campaign: r.campaign,
    views: Number(r.views),
  };
}
