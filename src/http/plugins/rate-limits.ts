/**
 * Rate limits, per client address (the socket's peer unless TRUST_PROXY names the proxy) or per
 * another key such as the account being signed in to. Over the limit: 429 with Retry-After.
 *
 * Counted with every other process and server of the site (decisions/0058): in the database, or
 * in Redis when REDIS_URL is set (services/limits.ts). A fixed window starts at a key's first
 * request; x-ratelimit-limit, -remaining and -reset say where the request stands in it. When the
 * counter cannot be reached the request is refused with 503 and Retry-After (fails closed): every
 * limiter guards a door an attacker would like unlimited (sign-in, reset, mail, invitations).
 *
 * One name is one counter: every route that asks for the limiter of a name (the JSON sign-in and
 * the HTML sign-in form, say) shares it, so a second door never doubles the allowance.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../errors.js';
import type { SharedLimitService } from '../../services/limits.js';
import type { RateLimit } from '../limits.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The shared counters (decorated by app.ts). */
    sharedLimits: SharedLimitService;
  }
}

export type Limiter = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

/** Per app (its shared limits), the limiter made for each name. */
const made = new WeakMap<object, Map<string, Limiter>>();

export function limiter(
  app: FastifyInstance,
  name: string,
  limit: RateLimit,
  key: (request: FastifyRequest) => string = (request) => request.ip,
): Limiter {
  const limits = app.sharedLimits;
  let byName = made.get(limits);
  if (!byName) made.set(limits, (byName = new Map()));
  const existing = byName.get(name);
  if (existing) return existing;

  const created: Limiter = async (request, reply) => {
    const answer = await limits.count(name, key(request), limit);
    const seconds = answer.resetSeconds;
    reply.header('x-ratelimit-limit', answer.max);
    reply.header('x-ratelimit-remaining', answer.remaining);
    reply.header('x-ratelimit-reset', seconds);
    if (!answer.exceeded) return;
    reply.header('retry-after', seconds);
    const error = new AppError(
      'too_many_attempts',
      `Too many attempts. Try again in ${seconds} seconds.`,
    );
    error.retryAfterSeconds = seconds;
    throw error;
  };
  byName.set(name, created);
  return created;
}
