/** Reader search: any text in, a page of ranked published articles out, never an error. */
import { maxQueryLength, parseSearchQuery } from '../domain/search.js';
import type { SearchHit } from '../domain/search.js';
import type { Store } from '../store/types.js';

export interface SearchPage {
  /** What was searched for, as typed (trimmed, and cut to a sane length). */
  query: string;
  /** False when the query had nothing searchable in it (empty, only punctuation…). */
  searched: boolean;
  total: number;
  /** 1-based. */
  page: number;
  pageCount: number;
  perPage: number;
  hits: SearchHit[];
}

/** Paging stops here: nobody reads page 51 of search results, and deep offsets cost. */
export const maxSearchPage = 50;

/** A page number from the query string; anything odd is the first page. */
export function searchPageNumber(raw: unknown): number {
  const n = typeof raw === 'string' && /^\d{1,4}$/.test(raw) ? Number(raw) : 1;
  return Math.min(Math.max(n, 1), maxSearchPage);
}

/** The text of ?q=, however it came (missing, repeated, not text). */
export function searchText(raw: unknown): string {
  const text = Array.isArray(raw) ? raw.filter((x) => typeof x === 'string').join(' ') : raw;
  if (typeof text !== 'string') return '';
  // Control characters are not text anyone typed (and the highlight markers are among them).
  return text
    .replace(/\p{Cc}+/gu, ' ')
    .slice(0, maxQueryLength)
    .trim();
}

export interface SearchServiceDeps {
  store: Pick<Store, 'syndication'>;
}

export class SearchService {
  private readonly store: SearchServiceDeps['store'];

  constructor(deps: SearchServiceDeps) {
    this.store = deps.store;
  }

  async search(rawQuery: string, page = 1, perPage = 10): Promise<SearchPage> {
    const query = searchText(rawQuery);
    const terms = parseSearchQuery(query);
    const empty = { query, total: 0, page, pageCount: 0, perPage, hits: [] };
    if (!terms) return { ...empty, searched: false };
    const found = await this.store.syndication.search({
      terms,
      limit: perPage,
      offset: (page - 1) * perPage,
    });
    return {
      ...empty,
      searched: true,
      total: found.total,
      pageCount: Math.min(Math.ceil(found.total / perPage), maxSearchPage),
      hits: found.hits,
    };
  }
}
