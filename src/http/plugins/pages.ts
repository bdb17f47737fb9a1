/**
 * Sending pages: one ETag per body, 304 when the reader already has it, and caching headers that
 * let shared caches keep anonymous pages while always revalidating them.
 */
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SafeHtml } from '../../views/html.js';

export function etagOf(body: string | Buffer): string {
  return `"${createHash('sha1').update(body).digest('base64url')}"`;
}

export function sendPage(
  request: FastifyRequest,
  reply: FastifyReply,
  page: SafeHtml,
  options: { status?: number; private?: boolean } = {},
) {
  const body = page.value;
  const etag = etagOf(body);
  reply
    .code(options.status ?? 200)
    .type('text/html; charset=utf-8')
    .header('ETag', etag)
    .header('Vary', 'Accept-Encoding')
    .header(
      'Cache-Control',
      options.private ? 'private, no-cache' : 'public, max-age=0, must-revalidate',
    );
  const ifNoneMatch = request.headers['if-none-match'];
  if (
    (options.status ?? 200) === 200 &&
    ifNoneMatch !== undefined &&
    ifNoneMatch.split(/\s*,\s*/).includes(etag)
  ) {
    return reply.code(304).send();
  }
  return reply.send(body);
}
