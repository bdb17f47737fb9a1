import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { isNewsroom } from '../../../domain/workflow.js';
import type { Services } from '../../../services/index.js';
import { articleJson } from '../../serializers/articles.js';
import { ArticleList } from './schemas.js';

const errorResponses = {
  400: Type.Ref('Error'),
  404: Type.Ref('Error'),
  410: Type.Ref('Error'),
};

export function articleApi(
  fastify: FastifyInstance,
  services: Pick<Services, 'newsroom' | 'reading'>,
  baseUrl: string,
): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/api/v1/articles',
    {
      schema: {
        summary: 'Published articles, newest first',
        tags: ['articles'],
        querystring: Type.Object({
          cursor: Type.Optional(Type.String({ maxLength: 200 })),
          limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
          section: Type.Optional(Type.String({ maxLength: 120 })),
          tag: Type.Optional(Type.String({ maxLength: 120 })),
          author: Type.Optional(Type.String({ maxLength: 120, description: 'author slug' })),
        }),
        response: { 200: ArticleList, ...errorResponses },
      },
    },
    async (request) => {
      const { cursor, limit, section, tag, author } = request.query;
      const page = await services.reading.publishedFull(
        {
          ...(section ? { section } : {}),
          ...(tag ? { tag } : {}),
          ...(author ? { author } : {}),
        },
        cursor,
        limit,
      );
      return { items: page.items.map((a) => articleJson(a, baseUrl)), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/api/v1/articles/:id',
    {
      schema: {
        summary:
          'One published article, by id or slug; the newsroom also gets drafts it may work on',
        tags: ['articles'],
        params: Type.Object({ id: Type.String({ maxLength: 200 }) }),
        response: { 200: Type.Ref('Article'), ...errorResponses },
      },
    },
    async (request) => {
      // The newsroom also sees the drafts it may work on; everyone else, published ones only.
      const viewer = request.viewer?.user;
      const article =
        viewer && isNewsroom(viewer.role)
          ? await services.newsroom.visibleArticle(viewer, request.params.id)
          : await services.reading.publishedArticle(request.params.id);
      return articleJson(article, baseUrl);
    },
  );
}
