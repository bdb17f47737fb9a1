/** Article search on SQLite: FTS5 with bm25 ranking (see migrations/0006_search.ts). */
import { sql, type Kysely } from 'kysely';
import { fts5Query, markEnd, markStart } from '../../domain/search.js';
import type { Database } from '../schema.js';
import type { MarkedRow, SearchQuery } from '../dialect.js';

// Column weights for bm25: a match in the headline counts most, then the standfirst.
const weights = sql.raw('10.0, 4.0, 1.0');

export async function searchSqlite(
  db: Kysely<Database>,
  query: SearchQuery,
): Promise<{ total: number; rows: MarkedRow[] }> {
  const match = fts5Query(query.terms);
  const from = sql`article_search
    join article_search_keys k on k.rowid = article_search.rowid
    join articles a on a.id = k.article_id
    where article_search match ${match} and a.status = 'published'`;
  const count = await sql<{ n: number }>`select count(*) as n from ${from}`.execute(db);
  const total = Number(count.rows[0]?.n ?? 0);
  if (total === 0 || query.offset >= total) return { total, rows: [] };
  const page = await sql<MarkedRow>`select
      a.id, a.slug, a.headline, a.standfirst, a.dateline, a.status, a.section_slug,
      (select s.name from sections s where s.slug = a.section_slug) as section_name,
      a.published_at, a.updated_at, a.comment_count,
      highlight(article_search, 0, ${markStart}, ${markEnd}) as marked_headline,
      highlight(article_search, 1, ${markStart}, ${markEnd}) as marked_standfirst,
      snippet(article_search, 2, ${markStart}, ${markEnd}, '…', 32) as snippet
    from ${from}
    order by bm25(article_search, ${weights}), a.published_at desc, a.id desc
    limit ${query.limit} offset ${query.offset}`.execute(db);
  return { total, rows: page.rows };
}
