/**
 * Cross-site request forgery defences, for every state-changing request:
 *
 * 1. A browser request from another site is refused: its `Origin` (or, without one, its
 *    `Sec-Fetch-Site`) must be this site.
 * 2. A change made with the session cookie must also prove it came from our own page: a form
 *    carries the session's token in `_csrf`; JSON must come with `Origin` or `Sec-Fetch-Site`,
 *    which browsers always send and a plain HTML form cannot fake as JSON.
 *
 * API tokens are not sent automatically by browsers, so token-authenticated calls need neither.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../errors.js';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function isForm(request: FastifyRequest): boolean {
  const type = request.headers['content-type'] ?? '';
  return /^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type);
}

const refused = () =>
  new AppError(
    'cross_site_request',
    'This request did not come from this site’s own pages, so it was refused.',
  );

export function csrfProtection(app: FastifyInstance, options: { publicOrigin: string }): void {
  // preValidation: the body is parsed, and `_csrf` is removed before schemas see it.
  app.addHook('preValidation', async (request) => {
    if (safeMethods.has(request.method)) return;
    const origin = request.headers.origin;
    const site = request.headers['sec-fetch-site'];
    const ownOrigin = `${request.protocol}://${request.host}`;
    if (origin !== undefined) {
      if (origin !== options.publicOrigin && origin !== ownOrigin) throw refused();
    } else if (site !== undefined && site !== 'same-origin' && site !== 'none') {
      throw refused();
    }

    const body = request.body as Record<string, unknown> | undefined;
    const sent = body && typeof body === 'object' ? body._csrf : undefined;
    if (body && typeof body === 'object' && '_csrf' in body) delete body._csrf;

    const session = request.viewer?.via === 'session' ? request.viewer.session : null;
    if (!session) return;
    if (isForm(request)) {
      if (typeof sent !== 'string' || !sameToken(sent, session.csrfToken)) {
        throw new AppError(
          'form_expired',
          'The form has expired. Go back, reload the page and try again.',
        );
      }
    } else if (origin === undefined && site === undefined) {
      throw refused();
    }
  });
}
