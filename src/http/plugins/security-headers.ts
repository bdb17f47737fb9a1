/**
 * Security headers on every response. The CSP allows scripts from this origin and the one inline
 * head script by its hash: no nonces, so every anonymous reader can get identical bytes.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { headScript } from '../../views/head-script.js';

export function contentSecurityPolicy(): string {
  const hash = createHash('sha256').update(headScript).digest('base64');
  return [
    "default-src 'self'",
    `script-src 'self' 'sha256-${hash}'`,
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function securityHeaders(app: FastifyInstance, options: { https: boolean }): void {
  const csp = contentSecurityPolicy();
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('Content-Security-Policy', csp);
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('X-Frame-Options', 'DENY');
    reply.header('Referrer-Policy', 'strict-origin-when-cross-origin');
    reply.header(
      'Permissions-Policy',
      'camera=(), microphone=(), geolocation=(), interest-cohort=()',
    );
    reply.header('Cross-Origin-Opener-Policy', 'same-origin');
    if (options.https)
      reply.header('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    return payload;
  });
}
