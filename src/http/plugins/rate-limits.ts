/**
 * Rate limits, per client address (the socket's peer unless TRUST_PROXY names the proxy) or per
 * another key such as the account being signed in to. Over the limit: 429 with Retry-After.
 *
 * One name is one counter: every route that asks for the limiter of a name (the JSON sign-in and
 * the HTML sign-in form, say) shares it, so a second door never doubles the allowance.
 *
 * Built on `createRateLimit`, not `rateLimit`: the plugin's ready-made handlers mark a request as
 * "already limited" with one flag they all share, so a second limiter on the same route (per IP,
 * then per account) would never count.
 */
import type {} from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../errors.js';
import type { RateLimit } from '../limits.js';

export type Limiter = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

/** Per app (its createRateLimit decorator), the limiter made for each name. */
const made = new WeakMap<object, Map<string, Limiter>>();

export function limiter(
  app: FastifyInstance,
  name: string,
  limit: RateLimit,
  key: (request: FastifyRequest) => string = (request) => request.ip,
): Limiter {
  let byName = made.get(app.createRateLimit);
  if (!byName) made.set(app.createRateLimit, (byName = new Map()));
  const existing = byName.get(name);
  if (existing) return existing;

  const check = app.createRateLimit({
    max: limit.max,
    timeWindow: limit.windowMs,
    keyGenerator: (request) => `${name}:${key(request)}`,
  });
  const created: Limiter = async (request, reply) => {
    const result = await check(request);
    if (result.isAllowed) return;
    const seconds = Math.max(1, result.ttlInSeconds);
    reply.header('x-ratelimit-limit', result.max);
    reply.header('x-ratelimit-remaining', result.remaining);
    reply.header('x-ratelimit-reset', seconds);
    if (!result.isExceeded) return;
    reply.header('retry-after', seconds);
    throw new AppError('too_many_attempts', `Too many attempts. Try again in ${seconds} seconds.`);
  };
  byName.set(name, created);
  return created;
}
