/** Article search on PostgreSQL: the English tsvector column, ts_rank and ts_headline. */
import { sql, type Kysely } from 'kysely';
import { markEnd, markStart, websearchQuery } from '../../domain/search.js';
import type { Database } from '../schema.js';
import type { MarkedRow, SearchQuery } from '../dialect.js';

const marks = `StartSel=${markStart}, StopSel=${markEnd}`;
const headlineOptions = `${marks}, HighlightAll=true`;
const snippetOptions = `${marks}, MaxWords=40, MinWords=20, MaxFragments=2, FragmentDelimiter=" … "`;

export async function searchPostgres(
  db: Kysely<Database>,
  query: SearchQuery,
): Promise<{ total: number; rows: MarkedRow[] }> {
  const tsquery = sql`websearch_to_tsquery('english', ${websearchQuery(query.terms)})`;
  const count = await sql<{ n: number }>`select count(*) as n from articles a
    where a.search @@ ${tsquery} and a.status = 'published'`.execute(db);
  const total = Number(count.rows[0]?.n ?? 0);
  if (total === 0 || query.offset >= total) return { total, rows: [] };
  // Rank and cut the page first; ts_headline re-parses the text, so only the page's rows get it.
  const page = await sql<MarkedRow>`with q as (select ${tsquery} as query),
    hits as (
      select a.*, ts_rank(a.search, q.query) as rank
      from articles a, q
      where a.search @@ q.query and a.status = 'published'
      order by rank desc, a.published_at desc, a.id desc
      limit ${query.limit} offset ${query.offset}
    )
    select h.id, h.slug, h.headline, h.standfirst, h.dateline, h.status, h.section_slug,
      s.name as section_name, h.published_at, h.updated_at, h.comment_count,
      ts_headline('english', h.headline, q.query, ${headlineOptions}) as marked_headline,
      ts_headline('english', h.standfirst, q.query, ${headlineOptions}) as marked_standfirst,
      ts_headline('english', h.body, q.query, ${snippetOptions}) as snippet
    from hits h join sections s on s.slug = h.section_slug, q
    order by h.rank desc, h.published_at desc, h.id desc`.execute(db);
  return { total, rows: page.rows };
}
