/**
 * Sending pages: one ETag per body, 304 when the reader already has it, and caching headers that
 * let shared caches keep anonymous pages while always revalidating them. A page for a signed-in
 * person (or one that echoes what they typed, or a secret) is theirs alone: `private, no-store`.
 */
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { PageViewer } from '../../views/context.js';
import type { SafeHtml } from '../../views/html.js';
import { preparePage } from '../page-cache.js';
import { sendCached } from './page-cache.js';

const htmlType = 'text/html; charset=utf-8';

export function etagOf(body: string | Buffer): string {
  return `"${createHash('sha1').update(body).digest('base64url')}"`;
}

/** Who the page is for, as views see them; null for an anonymous reader. */
export function pageViewer(request: FastifyRequest): PageViewer | null {
  const viewer = request.viewer;
  if (!viewer) return null;
  return {
    id: viewer.user.id,
    name: viewer.user.name,
    role: viewer.user.role,
    csrfToken: viewer.session?.csrfToken ?? '',
  };
}

export function sendPage(
  request: FastifyRequest,
  reply: FastifyReply,
  /** The page, drawn or (a signed-in reader's filled shell: http/fragments.ts) as bytes. */
  page: SafeHtml | Buffer,
  options: {
    status?: number;
    private?: boolean;
    /** What the page shows, for the page cache (see page-cache.ts); without tags it is not cached. */
    cacheTags?: readonly string[];
    /** When the page will change without any change being announced (epoch ms). */
    cacheUntil?: number;
  } = {},
) {
  const body = Buffer.isBuffer(page) ? page : page.value;
  const personal = options.private === true || request.viewer !== null;
  const cacheControl = personal ? 'private, no-store' : 'public, max-age=0, must-revalidate';
  const slot = request.pageCacheSlot;
  if (
    slot !== null &&
    !personal &&
    options.cacheTags !== undefined &&
    (options.status ?? 200) === 200 &&
    reply.getHeader('set-cookie') === undefined
  ) {
    const entry = preparePage({
      key: slot.key,
      body,
      contentType: htmlType,
      cacheControl,
      tags: options.cacheTags,
      day: slot.day,
      expiresAt: options.cacheUntil,
    });
    slot.cache.put(slot.ticket, entry);
    return sendCached(request, reply, slot.cache, entry, 'miss');
  }
  reply
    .code(options.status ?? 200)
    .type(htmlType)
    .header('Vary', 'Accept-Encoding')
    .header('Cache-Control', cacheControl);
  if (personal) return reply.send(body);
  const etag = etagOf(body);
  reply.header('ETag', etag);
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
