/** Article search behind the store interface; each database's query lives in its own folder. */
import type { Kysely } from 'kysely';
import type { SearchQuery, StoreDialect } from './dialect.js';
import { toSummaries } from './rows.js';
import type { Database } from './schema.js';
import type { SearchResults } from '../domain/search.js';

export async function searchArticles(
  db: Kysely<Database>,
  dialect: StoreDialect,
  query: SearchQuery,
): Promise<SearchResults> {
  const { total, rows } = await dialect.search(db, query);
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
