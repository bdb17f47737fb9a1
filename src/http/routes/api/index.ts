import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../services/index.js';
import { articleApi } from './articles.js';
import { ArticleBody, ErrorBody } from './schemas.js';

export function apiRoutes(app: FastifyInstance, services: Services, baseUrl: string): void {
  app.addSchema(ErrorBody);
  app.addSchema(ArticleBody);
  app.addHook('onRequest', async (request, reply) => {
    if (request.url.startsWith('/api/')) reply.header('Cache-Control', 'no-store');
  });
  articleApi(app, services, baseUrl);
  app.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
