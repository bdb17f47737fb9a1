/**
 * Who is asking: a session cookie (browsers) or an API token (`Authorization: Bearer …`,
 * scripts). The result is `request.viewer`, or null for an anonymous reader. Guards for whole
 * route subtrees live here too, so handlers never check roles themselves.
 */
import type {} from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isBanned, type Role, type User } from '../../domain/user.js';
import { AppError } from '../../errors.js';
import type { SessionService } from '../../services/sessions.js';
import type { TokenService } from '../../services/tokens.js';
import type { SessionRecord } from '../../domain/session.js';
import { laneSession } from '../reader-lane.js';

export interface Viewer {
  user: User;
  via: 'session' | 'token';
  /** Present when signed in by cookie. */
  session: SessionRecord | null;
  /** The raw cookie value (to end this session). */
  sessionId: string | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    viewer: Viewer | null;
  }
}

export interface CookieSettings {
  https: boolean;
}

/** `__Host-` binds the cookie to this exact origin over https; plain http cannot use it. */
export function sessionCookieName(settings: CookieSettings): string {
  return settings.https ? '__Host-bs_session' : 'bs_session';
}

export function setSessionCookie(
  reply: FastifyReply,
  settings: CookieSettings,
  id: string,
  expiresAt: string,
): void {
  reply.setCookie(sessionCookieName(settings), id, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: settings.https,
    expires: new Date(expiresAt),
  });
}

export function clearSessionCookie(reply: FastifyReply, settings: CookieSettings): void {
  reply.clearCookie(sessionCookieName(settings), {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: settings.https,
  });
}

export function authentication(
  app: FastifyInstance,
  deps: { sessions: SessionService; tokens: TokenService; cookies: CookieSettings },
): void {
  const cookieName = sessionCookieName(deps.cookies);
  app.decorateRequest('viewer', null);
  app.addHook('onRequest', async (request) => {
    // /metrics is nobody's account: its bearer is METRICS_TOKEN, checked by the route itself.
    if (request.routeOptions.url === '/metrics') return;
    const header = request.headers.authorization;
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      const user = match?.[1] ? await deps.tokens.authenticate(match[1]) : null;
      if (!user || isBanned(user)) {
        throw new AppError('invalid_token', 'The API token is not valid.');
      }
      request.viewer = { user, via: 'token', session: null, sessionId: null };
      return;
    }
    const id = request.cookies[cookieName];
    if (!id) return;
    // Resolved already when the reader lane looked at this request and handed it here (0092).
    // (null when it did not resolve: a forged or ended cookie costs one look-up, not two).
    const known = laneSession(request.raw, id);
    const active = known !== undefined ? known : await deps.sessions.resolve(id);
    if (active) request.viewer = { ...active, via: 'session', sessionId: id };
  });
}

function isApi(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/');
}

/**
 * A guard for a route subtree: the viewer must be signed in and have one of these roles.
 * Pages send an anonymous reader to sign in and come back; the API answers 401 or 403.
 */
export function requireRole(roles: readonly Role[] | 'any') {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const viewer = request.viewer;
    if (!viewer) {
      if (!isApi(request) && (request.method === 'GET' || request.method === 'HEAD')) {
        return reply.redirect(`/signin?next=${encodeURIComponent(request.url)}`, 303);
      }
      throw new AppError('sign_in_required', 'Sign in first.');
    }
    if (roles !== 'any' && !roles.includes(viewer.user.role)) {
      throw new AppError('role_not_allowed', 'Your account is not allowed to do that.');
    }
  };
}
