/**
 * Stored image files. A file's name is the hash of its bytes, so what an address answers never
 * changes: browsers and proxies may keep it for a year without asking again. With
 * IMAGE_DELIVERY=redirect the address answers 302 to a signed address of the object in the S3
 * store instead (docs/decisions/0060-s3-images.md).
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { mimeOfFile } from '../../domain/image.js';
import type { Services } from '../../services/index.js';

/** The signed address stays good for six days at least; a browser may keep the 302 an hour. */
const redirectCaching = 'public, max-age=3600';

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
      if (!type) return reply.callNotFound();
      if (services.images.redirects) {
        const target = await services.images.fileUrl(name);
        if (!target) return reply.callNotFound();
        return reply.header('Cache-Control', redirectCaching).redirect(target, 302);
      }
      const etag = `"${name.replace(/\..*$/, '')}"`;
      const match = request.headers['if-none-match'];
      if (match && match.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)) {
        // The bytes are not fetched only to be thrown away; the file must still exist.
        if (!(await services.images.hasFile(name))) return reply.callNotFound();
        reply.header('Cache-Control', 'public, max-age=31536000, immutable').header('ETag', etag);
        return reply.code(304).send();
      }
      const found = await services.images.file(name);
      if (!found) return reply.callNotFound();
      return reply
        .type(type)
        .header('Cache-Control', 'public, max-age=31536000, immutable')
        .header('ETag', etag)
        .header('Content-Length', String(found.size))
        .send(found.stream);
    },
  );
}
