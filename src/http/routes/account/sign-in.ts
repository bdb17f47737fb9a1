/** Signing up, in and out with HTML forms. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { safeRedirectPath } from '../../../domain/redirect.js';
import type { MessageKey } from '../../../i18n/translator.js';
import type { Services } from '../../../services/index.js';
import { signInNotices, signInView } from '../../../views/pages/account/sign-in.js';
import { signUpView } from '../../../views/pages/account/sign-up.js';
import { clearSessionCookie, setSessionCookie } from '../../plugins/auth.js';
import { sendPage } from '../../plugins/pages.js';
import { limiter } from '../../plugins/rate-limits.js';
import { attempt, doneMessage, problemOf, type FormPageDeps } from '../forms.js';

const Text = (maxLength: number) => Type.String({ maxLength });

export function signInPages(
  fastify: FastifyInstance,
  services: Pick<Services, 'accounts' | 'sessions' | 'sso'>,
  deps: FormPageDeps,
) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { pageContext, limits, cookies } = deps;

  app.get(
    '/signin',
    {
      schema: {
        hide: true,
        querystring: Type.Object({
          next: Type.Optional(Text(2000)),
          done: Type.Optional(Text(40)),
        }),
      },
    },
    async (request, reply) => {
      const next = safeRedirectPath(request.query.next);
      if (request.viewer) return reply.redirect(next, 303);
      // The notices' values are message keys.
      const done = doneMessage(signInNotices, request.query.done) as MessageKey | undefined;
      const providers = await services.sso.buttons();
      return sendPage(
        request,
        reply,
        signInView(await pageContext(request), { next, done, providers }),
      );
    },
  );

  app.post(
    '/signin',
    {
      preHandler: [limiter(app, 'sign-in-ip', limits.signInPerIp)],
      schema: {
        hide: true,
        body: Type.Object(
          { email: Text(254), password: Text(1000), next: Type.Optional(Text(2000)) },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const { email, password } = request.body;
      const next = safeRedirectPath(request.body.next);
      const result = await attempt(() => services.accounts.signIn(email, password, request.ip));
      if (!result.ok) {
        // A failed sign-in names no field on purpose (which of the two was wrong stays unsaid).
        const problem = problemOf(result.error, (await pageContext(request)).i18n, {
          conditions: { sign_in_failed: 'email' },
        });
        const providers = await services.sso.buttons();
        const page = signInView(await pageContext(request), { next, problem, providers });
        if (result.error.retryAfterSeconds !== undefined) {
          reply.header('retry-after', String(result.error.retryAfterSeconds));
        }
        return sendPage(request, reply, page, { status: result.error.status, private: true });
      }
      const { sessionId, session } = result.value;
      setSessionCookie(reply, cookies, sessionId, session.expiresAt);
      return reply.redirect(next, 303);
    },
  );

  app.get('/signup', { schema: { hide: true } }, async (request, reply) => {
    if (request.viewer) return reply.redirect('/account', 303);
    return sendPage(request, reply, signUpView(await pageContext(request), {}));
  });

  app.post(
    '/signup',
    {
      schema: {
        hide: true,
        body: Type.Object(
          { email: Text(254), name: Text(200), password: Text(1000) },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const result = await attempt(async () => {
        const user = await services.accounts.signUp(request.body, request.ip);
        return services.accounts.startSignedIn(user);
      });
      if (!result.ok) {
        const { email, name } = request.body;
        const problem = problemOf(result.error, (await pageContext(request)).i18n, {
          fields: { name: 'name', email: 'email', password: 'password' },
        });
        const page = signUpView(await pageContext(request), { values: { email, name }, problem });
        return sendPage(request, reply, page, { status: result.error.status, private: true });
      }
      setSessionCookie(reply, cookies, result.value.id, result.value.session.expiresAt);
      return reply.redirect('/account?done=welcome', 303);
    },
  );

  // Not guarded: someone whose session has already ended still gets a clean sign-out.
  // Signing out ends every session of the person, on every device (issue 4).
  app.post('/signout', { schema: { hide: true } }, async (request, reply) => {
    const user = request.viewer?.via === 'session' ? request.viewer.user : null;
    if (user) await services.sessions.endAll(user.id);
    clearSessionCookie(reply, cookies);
    return reply.redirect('/', 303);
  });
}
