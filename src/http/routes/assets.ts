import type { FastifyInstance } from 'fastify';
import type { AssetRegistry } from '../assets.js';

/** Hashed assets never change, so they are cached for a year and served precompressed. */
export function assetRoutes(app: FastifyInstance, assets: AssetRegistry): void {
  app.get(
    '/assets/*',
    { schema: { hide: true }, config: { compress: false } },
    async (request, reply) => {
      const asset = assets.find(request.url.split('?')[0] ?? '');
      if (!asset) return reply.callNotFound();
      reply
        .type(asset.type)
        .header('Cache-Control', 'public, max-age=31536000, immutable')
        .header('ETag', asset.etag)
        .header('Vary', 'Accept-Encoding');
      if (request.headers['if-none-match'] === asset.etag) return reply.code(304).send();
      const accept = String(request.headers['accept-encoding'] ?? '');
      if (asset.br && /\bbr\b/.test(accept))
        return reply.header('Content-Encoding', 'br').send(asset.br);
      if (asset.gzip && /\bgzip\b/.test(accept))
        return reply.header('Content-Encoding', 'gzip').send(asset.gzip);
      return reply.send(asset.body);
    },
  );
}
