/** The start of every live stream of the API (comments, live updates): see http/feed-hub.ts. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../../errors.js';
import type { SequencedFeedHub } from '../../feed-hub.js';
import { contentSecurityPolicy } from '../../plugins/security-headers.js';

const csp = contentSecurityPolicy();

/** A change number from Last-Event-ID, or null when there is none or it is not one of ours. */
export function eventId(header: string | string[] | undefined): number | null {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || !/^\d{1,15}$/.test(value.trim())) return null;
  return Number(value.trim());
}

/**
 * Hands the request's connection to `hub` as a stream of the article's changes after the
 * reader's position, or refuses it (429) when the client has as many streams open as allowed
 * anywhere on the site. `seq` is the article's change number now, `since` in the query the
 * page's; `cacheControl` the stream's Cache-Control (each keeps what it has always sent).
 */
export async function startLiveStream<Item extends { seq: number }>(
  request: Pick<FastifyRequest, 'headers' | 'ip'> & { query: { since?: number | undefined } },
  reply: FastifyReply,
  hub: SequencedFeedHub<Item>,
  start: { articleId: string; seq: number },
  cacheControl: string,
): Promise<void> {
  // A reconnecting browser sends Last-Event-ID; it wins over the page's `since`. Nothing can
  // start beyond the present.
  const asked = eventId(request.headers['last-event-id']) ?? request.query.since ?? start.seq;
  const position = Math.min(asked, start.seq);
  const lease = await hub.admit(request.ip, start.articleId);
  if (!lease) {
    reply.header('retry-after', '30');
    throw new AppError(
      'too_many_streams',
      'Too many live streams are open from your address. Close a tab and try again.',
    );
  }
  reply.hijack();
  // A hijacked reply skips the security-headers hook, so these are sent here.
  hub.open(start.articleId, lease, reply.raw, position, {
    'cache-control': cacheControl,
    'x-content-type-options': 'nosniff',
    'content-security-policy': csp,
  });
}
