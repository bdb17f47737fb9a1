/** The syndication port: sitemaps, the corrections feed and search over published articles. */
import type { Kysely } from 'kysely';
import type { TimeCursor } from '../domain/cursor.js';
import type { SearchTerms } from '../domain/search.js';
import { recentCorrections } from './corrections.js';
import type { SyndicationStore } from './ports/syndication.js';
import type { StoreDialect } from './dialect.js';
import type { Database } from './schema.js';
import { searchArticles } from './search.js';
import { sitemapAuthors, sitemapChunks, sitemapEntries } from './sitemap.js';

export class KyselySyndicationStore implements SyndicationStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: StoreDialect,
  ) {}

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

  search(query: { terms: SearchTerms; limit: number; offset: number }) {
    return searchArticles(this.db, this.dialect, query);
  }
}
