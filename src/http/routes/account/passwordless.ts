/**
 * Signing in without a password (issue 23): email sign-in links and OpenID Connect single
 * sign-on, and unlinking a provider account on /account. The services decide; these routes carry
 * the browser's binding cookie and the session cookie.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { safeRedirectPath } from '../../../domain/redirect.js';
import type { AppError } from '../../../errors.js';
import { newBrowserSecret } from '../../../services/email-sign-in.js';
import type { Services } from '../../../services/index.js';
import {
  linkConfirmView,
  linkSentView,
  signInProblemView,
} from '../../../views/pages/account/email-sign-in.js';
import {
  requireRole,
  sessionCookieName,
  setSessionCookie,
  type CookieSettings,
} from '../../plugins/auth.js';
import { sendPage } from '../../plugins/pages.js';
import { limiter } from '../../plugins/rate-limits.js';
import { attempt, emailKey, problemOf, type FormPageDeps } from '../forms.js';

const Text = (maxLength: number) => Type.String({ maxLength });

/** The cookie that binds a link or a provider sign-in to the browser that asked for it. */
export function browserCookieName(settings: CookieSettings): string {
  return settings.https ? '__Host-bs_signin' : 'bs_signin';
}

const browserCookieSeconds = 24 * 3600;

/** This browser's binding secret; a new one is set when it has none (or a malformed one). */
function browserSecret(request: FastifyRequest, reply: FastifyReply, cookies: CookieSettings) {
  const existing = request.cookies[browserCookieName(cookies)];
  if (existing && /^[A-Za-z0-9_-]{43}$/.test(existing)) return existing;
  const secret = newBrowserSecret();
  reply.setCookie(browserCookieName(cookies), secret, {
    path: '/',
    httpOnly: true,
    // Lax: the provider's redirect back is a top-level GET from another site, and must carry it.
    sameSite: 'lax',
    secure: cookies.https,
    maxAge: browserCookieSeconds,
  });
  return secret;
}

export function passwordlessPages(
  fastify: FastifyInstance,
  services: Pick<Services, 'emailSignIn' | 'sso'>,
  deps: FormPageDeps,
) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { pageContext, limits, cookies } = deps;
  const currentSession = (request: FastifyRequest) =>
    request.cookies[sessionCookieName(cookies)] || undefined;

  async function problemPage(
    request: FastifyRequest,
    reply: FastifyReply,
    error: AppError,
    kind: 'other-browser' | 'invalid' | 'sso' | 'unlink',
  ) {
    const ctx = await pageContext(request);
    const page = signInProblemView(ctx, { kind, problem: problemOf(error, ctx.i18n) });
    if (error.retryAfterSeconds !== undefined) {
      reply.header('retry-after', String(error.retryAfterSeconds));
    }
    return sendPage(request, reply, page, { status: error.status, private: true });
  }

  // The same redirect whether or not the account exists; the service decides, silently.
  app.post(
    '/signin/email',
    {
      preHandler: [
        limiter(app, 'email-link-ip', limits.passwordResetPerIp),
        limiter(app, 'email-link-account', limits.passwordResetPerAccount, emailKey),
      ],
      schema: {
        hide: true,
        body: Type.Object(
          { email: Text(254), next: Type.Optional(Text(2000)) },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      await services.emailSignIn.request(
        request.body.email,
        browserSecret(request, reply, cookies),
      );
      return reply.redirect('/signin/email', 303);
    },
  );

  app.get('/signin/email', { schema: { hide: true } }, async (request, reply) => {
    return sendPage(request, reply, linkSentView(await pageContext(request)), { private: true });
  });

  // Opening the link spends nothing: mail scanners open links before people do.
  app.get(
    '/signin/link',
    {
      schema: {
        hide: true,
        querystring: Type.Object({ token: Type.Optional(Text(200)) }),
      },
    },
    async (request, reply) => {
      const page = linkConfirmView(await pageContext(request), {
        token: request.query.token ?? '',
      });
      reply.header('referrer-policy', 'no-referrer');
      return sendPage(request, reply, page, { private: true });
    },
  );

  app.post(
    '/signin/link',
    {
      schema: {
        hide: true,
        body: Type.Object({ token: Text(200) }, { additionalProperties: false }),
      },
    },
    async (request, reply) => {
      const secret = request.cookies[browserCookieName(cookies)];
      const result = await attempt(() =>
        services.emailSignIn.signIn(request.body.token, secret, currentSession(request)),
      );
      if (!result.ok) {
        const kind =
          result.error.condition === 'sign_in_link_other_browser' ? 'other-browser' : 'invalid';
        return problemPage(request, reply, result.error, kind);
      }
      setSessionCookie(reply, cookies, result.value.sessionId, result.value.session.expiresAt);
      return reply.redirect('/account?done=signed-in', 303);
    },
  );

  // A link, not a form: the page's CSP (`form-action 'self'`) stops a form's redirect to the
  // provider. Starting costs a row and is rate-limited; only the callback signs anyone in.
  app.get(
    '/signin/sso/:id',
    {
      preHandler: [limiter(app, 'sso-ip', limits.signInPerIp)],
      schema: {
        hide: true,
        params: Type.Object({ id: Text(60) }),
        querystring: Type.Object({ next: Type.Optional(Text(2000)) }),
      },
    },
    async (request, reply) => {
      const next = safeRedirectPath(request.query.next);
      const secret = browserSecret(request, reply, cookies);
      const result = await attempt(() => services.sso.start(request.params.id, next, secret));
      if (!result.ok) return problemPage(request, reply, result.error, 'sso');
      reply.header('cache-control', 'no-store');
      return reply.redirect(result.value.href, 303);
    },
  );

  // Where the provider sends the browser back: a GET, as OpenID Connect has it.
  app.get('/signin/sso/callback', { schema: { hide: true } }, async (request, reply) => {
    const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?') + 1) : '';
    const secret = request.cookies[browserCookieName(cookies)];
    const result = await attempt(() => services.sso.finish(query, secret, currentSession(request)));
    if (!result.ok) return problemPage(request, reply, result.error, 'sso');
    setSessionCookie(reply, cookies, result.value.sessionId, result.value.session.expiresAt);
    return reply.redirect(safeRedirectPath(result.value.next), 303);
  });

  void app.register(async (signedIn) => {
    signedIn.addHook('onRequest', requireRole('any'));
    const guarded = signedIn.withTypeProvider<TypeBoxTypeProvider>();
    guarded.post(
      '/account/sso/:id/unlink',
      { schema: { hide: true, params: Type.Object({ id: Text(60) }) } },
      async (request, reply) => {
        const result = await attempt(() =>
          services.sso.unlink(request.viewer!.user, request.params.id),
        );
        if (!result.ok) return problemPage(request, reply, result.error, 'unlink');
        return reply.redirect('/account?done=sso-unlinked', 303);
      },
    );
  });
}
