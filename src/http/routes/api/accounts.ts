/** Sign up, sign in and out, and "who am I" for scripts and the browser. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Services } from '../../../services/index.js';
import type { Limits } from '../../limits.js';
import {
  clearSessionCookie,
  requireRole,
  setSessionCookie,
  type CookieSettings,
} from '../../plugins/auth.js';
import { limiter } from '../../plugins/rate-limits.js';
import { userJson } from '../../serializers/users.js';
import { refusals } from './schemas.js';

const Credentials = Type.Object(
  {
    email: Type.String({ maxLength: 254 }),
    password: Type.String({ maxLength: 1000 }),
  },
  { additionalProperties: false },
);

const errors = refusals(400, 401, 403, 409, 429);

export function accountApi(
  fastify: FastifyInstance,
  services: Pick<Services, 'accounts' | 'personalData' | 'sessions'>,
  limits: Limits,
  cookies: CookieSettings,
): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const email = (body: unknown) =>
    String((body as { email?: unknown } | undefined)?.email ?? '')
      .trim()
      .toLowerCase();

  app.post(
    '/api/v1/users',
    {
      schema: {
        summary: 'Sign up (a commenter account); signs the new person in',
        tags: ['accounts'],
        body: Type.Object(
          {
            email: Type.String({ maxLength: 254 }),
            name: Type.String({ maxLength: 200 }),
            password: Type.String({ maxLength: 1000 }),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ user: Type.Ref('User') }), ...errors },
      },
    },
    async (request, reply) => {
      const user = await services.accounts.signUp(request.body, request.ip);
      const { id, session } = await services.accounts.startSignedIn(user);
      setSessionCookie(reply, cookies, id, session.expiresAt);
      return reply.code(201).send({ user: userJson(user) });
    },
  );

  app.post(
    '/api/v1/session',
    {
      preHandler: [limiter(app, 'sign-in-ip', limits.signInPerIp)],
      schema: {
        summary: 'Sign in; sets the session cookie',
        tags: ['accounts'],
        body: Credentials,
        response: { 200: Type.Object({ user: Type.Ref('User') }), ...errors },
      },
    },
    async (request, reply) => {
      const { user, sessionId, session } = await services.accounts.signIn(
        request.body.email,
        request.body.password,
        request.ip,
      );
      setSessionCookie(reply, cookies, sessionId, session.expiresAt);
      return { user: userJson(user) };
    },
  );

  app.delete(
    '/api/v1/session',
    {
      preHandler: requireRole('any'),
      schema: {
        summary: 'Sign out: ends every session of the signed-in person',
        tags: ['accounts'],
        response: { 204: Type.Any({ description: 'No content' }), ...errors },
      },
    },
    async (request, reply) => {
      if (request.viewer?.via === 'session') await services.sessions.endAll(request.viewer.user.id);
      clearSessionCookie(reply, cookies);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/v1/me',
    {
      preHandler: requireRole('any'),
      schema: {
        summary: 'The signed-in person',
        tags: ['accounts'],
        security: [{ bearer: [] }],
        response: { 200: Type.Object({ user: Type.Ref('User') }), 401: Type.Ref('Error') },
      },
    },
    async (request) => ({ user: userJson(request.viewer!.user) }),
  );

  app.get(
    '/api/v1/account/data',
    {
      onRequest: requireRole('any'),
      schema: {
        summary: 'Everything the site keeps about the signed-in person (no password hash)',
        tags: ['accounts'],
        security: [{ bearer: [] }],
        response: { 200: Type.Object({}, { additionalProperties: true }), 401: Type.Ref('Error') },
      },
    },
    async (request, reply) => {
      const data = await services.personalData.download(request.viewer!.user);
      return reply.header('cache-control', 'no-store').send(data);
    },
  );

  app.delete(
    '/api/v1/account',
    {
      onRequest: requireRole('any'),
      schema: {
        summary:
          'Delete the signed-in account (its password; without one, a sign-in of the last 10 minutes); comments follow the site policy accounts.deletionPolicy',
        tags: ['accounts'],
        security: [{ bearer: [] }],
        body: Type.Object(
          { password: Type.Optional(Type.String({ maxLength: 1000 })) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ deleted: Type.Boolean(), policy: Type.String() }),
          ...errors,
        },
      },
    },
    async (request, reply) => {
      // As the web form (decisions/0071): a person without a password confirms with a fresh
      // sign-in instead, which a token (no session) never is.
      const policy = await services.personalData.deleteAccount(
        request.viewer!.user,
        request.body.password,
        request.viewer!.session,
      );
      clearSessionCookie(reply, cookies);
      return { deleted: true, policy };
    },
  );

  app.post(
    '/api/v1/password-resets',
    {
      preHandler: [
        limiter(app, 'reset-ip', limits.passwordResetPerIp),
        limiter(app, 'reset-account', limits.passwordResetPerAccount, (request) =>
          email(request.body),
        ),
      ],
      schema: {
        summary:
          'Email a password-reset link (the answer is the same whether or not the account exists)',
        tags: ['accounts'],
        body: Type.Object(
          { email: Type.String({ maxLength: 254 }) },
          { additionalProperties: false },
        ),
        response: { 202: Type.Object({ status: Type.String() }), ...errors },
      },
    },
    async (request, reply) => {
      await services.accounts.requestPasswordReset(request.body.email);
      return reply
        .code(202)
        .send({ status: 'If that address has an account, a reset link is on its way.' });
    },
  );
}
