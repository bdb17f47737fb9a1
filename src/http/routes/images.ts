/**
 * Stored image files. A file's name is the hash of its bytes, so what an address answers never
 * changes: browsers and proxies may keep it for a year without asking again.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { mimeOfFile } from '../../domain/image.js';
import type { Services } from '../../services/index.js';

export function imageRoutes(fastify: FastifyInstance, services: Pick<Services, 'images'>): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/images/:file',
    {
      // Images are compressed already; gzip would only cost time.
      config: { compress: false },
      schema: { hide: true, params: Type.Object({ file: Type.String({ maxLength: 100 }) }) },
    },
    async (request, reply) => {
      const name = request.params.file;
      const type = mimeOfFile(name);
      const found = type ? await services.images.file(name) : null;
      if (!found || !type) return reply.callNotFound();
      const etag = `"${name.replace(/\..*$/, '')}"`;
      reply
        .type(type)
        .header('Cache-Control', 'public, max-age=31536000, immutable')
        .header('ETag', etag);
      const match = request.headers['if-none-match'];
      if (match && match.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)) {
        found.stream.destroy();
        return reply.code(304).send();
      }
      return reply.header('Content-Length', String(found.size)).send(found.stream);
    },
  );
}
