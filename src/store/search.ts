/** Article search behind the store interface; each database's query lives in its own folder. */
import type { Kysely } from 'kysely';
import type { SearchTerms } from '../domain/search.js';
import { searchPostgres } from './postgres/search.js';
import { toSummaries, type SummaryRow } from './rows.js';
import type { Database, Dialect } from './schema.js';
import { searchSqlite } from './sqlite/search.js';
import type { SearchResults } from '../domain/search.js';

export interface MarkedRow extends SummaryRow {
  marked_headline: string;
  marked_standfirst: string;
  snippet: string;
}

export async function searchArticles(
  db: Kysely<Database>,
  dialect: Dialect,
  query: { terms: SearchTerms; limit: number; offset: number },
): Promise<SearchResults> {
  const { total, rows } = await (dialect === 'postgres' ? searchPostgres : searchSqlite)(db, query);
  const summaries = await toSummaries(db, rows);
  return {
    total,
    hits: summaries.map((article, i) => ({
      article,
      headline: rows[i]?.marked_headline ?? article.headline,
      standfirst: rows[i]?.marked_standfirst ?? article.standfirst,
      snippet: rows[i]?.snippet ?? '',
    })),
  };
}
