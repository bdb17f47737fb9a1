/**
 * Rate limits, per client address (the socket's peer unless TRUST_PROXY names the proxy) or per
 * another key such as the account being signed in to. Over the limit: 429 with Retry-After.
 */
import type {} from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../errors.js';
import type { RateLimit } from '../limits.js';

export function limiter(
  app: FastifyInstance,
  name: string,
  limit: RateLimit,
  key: (request: FastifyRequest) => string = (request) => request.ip,
) {
  return app.rateLimit({
    max: limit.max,
    timeWindow: limit.windowMs,
    groupId: name,
    keyGenerator: (request) => `${name}:${key(request)}`,
    errorResponseBuilder: (_request, context) =>
      Object.assign(
        new AppError(
          'rate_limited',
          `Too many attempts. Try again in ${Math.max(1, Math.ceil(Number(context.ttl) / 1000))} seconds.`,
        ),
        { statusCode: 429 },
      ),
  });
}
