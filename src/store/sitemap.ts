/**
 * What sitemaps list: published articles, oldest first (so a file's articles stay in it as new
 * ones are added at the end), in files of `size`, each article's last change being the latest of
 * its publication, its public update and its newest standing correction.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';
import type { SitemapChunk, SitemapEntry } from '../domain/syndication.js';

function entries(size: number) {
  if (!Number.isSafeInteger(size) || size < 1) throw new Error(`bad sitemap size ${size}`);
  // A literal, not a parameter: SQLite would bind the number as a real and divide exactly.
  return sql`select
      a.slug, a.section_slug, a.published_at, a.id,
      (row_number() over (order by a.published_at, a.id) - 1) / ${sql.lit(size)} as chunk,
      case when c.corrected_at > coalesce(a.updated_at, a.published_at) then c.corrected_at
        else coalesce(a.updated_at, a.published_at) end as lastmod
    from articles a
    left join (
      select article_id, max(created_at) as corrected_at from corrections
      where retracted_at is null group by article_id
    ) c on c.article_id = a.id
    where a.status = 'published' and a.published_at is not null`;
}

export async function sitemapChunks(db: Kysely<Database>, size: number): Promise<SitemapChunk[]> {
  const { rows } = await sql<{ chunk: number; lastmod: string; n: number }>`
    select chunk, max(lastmod) as lastmod, count(*) as n from (${entries(size)}) t
    group by chunk order by chunk`.execute(db);
  return rows.map((r) => ({
    index: Number(r.chunk),
    lastmod: new Date(r.lastmod).toISOString(),
    count: Number(r.n),
  }));
}

export async function sitemapEntries(
  db: Kysely<Database>,
  size: number,
  chunk: number,
): Promise<SitemapEntry[]> {
  const { rows } = await sql<{
    slug: string;
    section_slug: string;
    published_at: string;
    lastmod: string;
  }>`select slug, section_slug, published_at, lastmod from (${entries(size)}) t
    where chunk = ${chunk} order by published_at, id`.execute(db);
  return rows.map((r) => ({
    slug: r.slug,
    sectionSlug: r.section_slug,
    publishedAt: new Date(r.published_at).toISOString(),
    lastmod: new Date(r.lastmod).toISOString(),
  }));
}

/** Everyone with a byline on a published article, and when their newest one last changed. */
export async function sitemapAuthors(
  db: Kysely<Database>,
): Promise<{ slug: string; lastmod: string }[]> {
  const rows = await db
    .selectFrom('article_authors as aa')
    .innerJoin('users as u', 'u.id', 'aa.user_id')
    .innerJoin('articles as a', 'a.id', 'aa.article_id')
    .select(['u.slug'])
    .select(sql<string>`max(coalesce(a.updated_at, a.published_at))`.as('lastmod'))
    .where('a.status', '=', 'published')
    .groupBy('u.slug')
    .orderBy('u.slug')
    .execute();
  return rows.map((r) => ({ slug: r.slug, lastmod: new Date(r.lastmod).toISOString() }));
}
