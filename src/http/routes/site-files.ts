/**
 * The files browsers ask for by fixed names: /favicon.ico, /apple-touch-icon.png and the web
 * app manifest, from the icons an admin made in /admin/site. Until then they are 404s, and
 * pages name no icon.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { imagePath } from '../../domain/image.js';
import type { Services } from '../../services/index.js';

/** A day: the names stay the same when the icon changes, so they cannot be kept for ever. */
const iconCache = 'public, max-age=86400';

export function siteFileRoutes(fastify: FastifyInstance, services: Pick<Services, 'site'>): void {
  async function send(
    request: FastifyRequest,
    reply: FastifyReply,
    pick: 'ico' | 'touch',
    type: string,
  ) {
    const { icons } = await services.site.identity();
    const name = icons?.[pick];
    const found = name ? await services.site.file(name) : null;
    if (!found || !name) return reply.callNotFound();
    const etag = `"${name.replace(/\..*$/, '')}"`;
    reply.type(type).header('Cache-Control', iconCache).header('ETag', etag);
    const match = request.headers['if-none-match'];
    if (match && match.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)) {
      found.stream.destroy();
      return reply.code(304).send();
    }
    return reply.header('Content-Length', String(found.size)).send(found.stream);
  }

  fastify.get(
    '/favicon.ico',
    { schema: { hide: true }, config: { compress: false } },
    (request, reply) => send(request, reply, 'ico', 'image/x-icon'),
  );
  fastify.get(
    '/apple-touch-icon.png',
    { schema: { hide: true }, config: { compress: false } },
    (request, reply) => send(request, reply, 'touch', 'image/png'),
  );

  fastify.get('/site.webmanifest', { schema: { hide: true } }, async (_request, reply) => {
    const identity = await services.site.identity();
    if (!identity.icons) return reply.callNotFound();
    const manifest = {
      name: identity.name,
      short_name: identity.name,
      ...(identity.description ? { description: identity.description } : {}),
      start_url: '/',
      display: 'browser',
      background_color: '#ffffff',
      theme_color: '#ffffff',
      icons: [
        { src: imagePath(identity.icons.png192), sizes: '192x192', type: 'image/png' },
        { src: imagePath(identity.icons.png512), sizes: '512x512', type: 'image/png' },
      ],
    };
    return reply
      .type('application/manifest+json; charset=utf-8')
      .header('Cache-Control', 'public, max-age=300')
      .send(JSON.stringify(manifest));
  });
}
