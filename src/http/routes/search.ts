/** Search: the reader's page at /search and the same results at /api/v1/search. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { articlePath } from '../../domain/article.js';
import { readableSnippet } from '../../domain/search.js';
import type { Services } from '../../services/index.js';
import { maxSearchPage, searchPageNumber, searchText } from '../../services/search.js';
import type { PageContext } from '../../views/context.js';
import { markedHtml, searchPageView } from '../../views/pages/search.js';
import { sendPage } from '../plugins/pages.js';
import { AuthorRef, SectionRef } from './api/schemas.js';

// Whatever arrives in the query string is searched, never refused: repeated, empty, any length.
const anyText = Type.Optional(
  Type.Union([Type.String(), Type.Array(Type.String())], { description: 'The words to find' }),
);
const pageText = Type.Optional(Type.Union([Type.String(), Type.Array(Type.String())]));

const SearchHitBody = Type.Object({
  id: Type.String(),
  slug: Type.String(),
  url: Type.String(),
  headline: Type.String(),
  standfirst: Type.String(),
  section: SectionRef,
  authors: Type.Array(AuthorRef),
  publishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  updatedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  highlight: Type.Object(
    {
      headline: Type.String(),
      snippet: Type.String(),
    },
    { description: 'HTML: escaped text with the matching words in <mark>' },
  ),
});

export function searchRoutes(
  fastify: FastifyInstance,
  services: Pick<Services, 'search' | 'live'>,
  pageContext: (request: FastifyRequest) => Promise<PageContext>,
  baseUrl: string,
): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/search',
    { schema: { hide: true, querystring: Type.Object({ q: anyText, page: pageText }) } },
    async (request, reply) => {
      const { q, page } = request.query;
      const [ctx, result] = await Promise.all([
        pageContext(request),
        services.search.search(searchText(q), searchPageNumber(page)),
      ]);
      // Stories whose live coverage runs now carry the LIVE label, as in the listings.
      const running = await services.live.running(result.hits.map((h) => h.article.id));
      const hits = result.hits.map((h) =>
        running.has(h.article.id) ? { ...h, article: { ...h.article, live: true } } : h,
      );
      return sendPage(request, reply, searchPageView(ctx, { ...result, hits }));
    },
  );

  app.get(
    '/api/v1/search',
    {
      schema: {
        summary: 'Search published articles, best match first',
        tags: ['articles'],
        querystring: Type.Object({
          q: anyText,
          cursor: Type.Optional(
            Type.String({ maxLength: 8, description: 'nextCursor of the previous page' }),
          ),
          limit: Type.Integer({ minimum: 1, maximum: 50, default: 10 }),
        }),
        response: {
          200: Type.Object({
            items: Type.Array(SearchHitBody),
            total: Type.Integer({ description: 'Matching articles in all' }),
            nextCursor: Type.Union([Type.String(), Type.Null()]),
          }),
          400: Type.Ref('Error'),
        },
      },
    },
    async (request) => {
      const { q, cursor, limit } = request.query;
      const page = searchPageNumber(cursor);
      const result = await services.search.search(searchText(q), page, limit);
      return {
        items: result.hits.map((hit) => ({
          id: hit.article.id,
          slug: hit.article.slug,
          url: baseUrl + articlePath(hit.article),
          headline: hit.article.headline,
          standfirst: hit.article.standfirst,
          section: hit.article.section,
          authors: hit.article.authors,
          publishedAt: hit.article.publishedAt,
          updatedAt: hit.article.updatedAt,
          highlight: {
            headline: markedHtml(hit.headline).value,
            snippet: markedHtml(readableSnippet(hit.snippet)).value,
          },
        })),
        total: result.total,
        nextCursor: page < result.pageCount && page < maxSearchPage ? String(page + 1) : null,
      };
    },
  );
}
