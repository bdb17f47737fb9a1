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

/** The headers every response carries, as name and value. */
export function securityHeaderList(options: { https: boolean }): [string, string][] {
  return [
    ['Content-Security-Policy', contentSecurityPolicy()],
    ['X-Content-Type-Options', 'nosniff'],
    ['X-Frame-Options', 'DENY'],
    ['Referrer-Policy', 'strict-origin-when-cross-origin'],
    ['Permissions-Policy', 'camera=(), microphone=(), geolocation=(), interest-cohort=()'],
    ['Cross-Origin-Opener-Policy', 'same-origin'],
    ...(options.https
      ? [['Strict-Transport-Security', 'max-age=31536000; includeSubDomains'] as [string, string]]
      : []),
  ];
}

export function securityHeaders(app: FastifyInstance, options: { https: boolean }): void {
  const headers = Object.fromEntries(securityHeaderList(options));
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.headers(headers);
    return payload;
  });
}
