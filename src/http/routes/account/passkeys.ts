/**
 * Passkeys over HTTP (issue 23). The ceremonies are JSON between assets/passkeys.js and the
 * passkey service: options out (the server keeps the challenge), the browser's answer back. The
 * account page's renaming and removing are plain forms. Every POST passes the CSRF check (a JSON
 * body needs the browser's Origin; a form, the session's token); sign-ins and sign-ups count
 * against the same per-address limits as the password forms (one counter per name).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { Type } from 'typebox';
import { safeRedirectPath } from '../../../domain/redirect.js';
import type { AppError } from '../../../errors.js';
import type { Services } from '../../../services/index.js';
import type { FormProblem } from '../../../views/forms.js';
import type { SafeHtml } from '../../../views/html.js';
import { passkeysPanel, signInsPanel } from '../../../views/pages/account/passkeys.js';
import { setSessionCookie } from '../../plugins/auth.js';
import { sendPage } from '../../plugins/pages.js';
import { limiter } from '../../plugins/rate-limits.js';
import { attempt, errorMessage, problemOf, type FormPageDeps } from '../forms.js';

const Text = (maxLength: number) => Type.String({ maxLength });

/** The browser's answer, as @simplewebauthn/browser and our script write it; checked deeper by the library. */
const CredentialJson = Type.Object({
  id: Text(1400),
  rawId: Text(1400),
  type: Type.Literal('public-key'),
  response: Type.Record(Type.String({ maxLength: 40 }), Type.Unknown()),
  authenticatorAttachment: Type.Optional(Text(40)),
  clientExtensionResults: Type.Optional(
    Type.Record(Type.String({ maxLength: 100 }), Type.Unknown()),
  ),
});

/** A refusal as JSON for the script: the condition, the message in the page's words, the field. */
async function refuse(
  request: FastifyRequest,
  reply: FastifyReply,
  deps: FormPageDeps,
  error: AppError,
) {
  const { i18n } = await deps.pageContext(request);
  if (error.retryAfterSeconds !== undefined) {
    reply.header('retry-after', String(error.retryAfterSeconds));
  }
  return reply
    .code(error.status)
    .header('cache-control', 'no-store')
    .send({
      error: {
        condition: error.condition,
        message: errorMessage(i18n, error),
        ...(error.field ? { field: error.field } : {}),
      },
    });
}

/** Signing in and up with a passkey: for people who are not signed in. */
export function passkeySignInRoutes(
  fastify: FastifyInstance,
  services: Pick<Services, 'passkeys'>,
  deps: FormPageDeps,
) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { limits, cookies } = deps;
  const signInLimit = limiter(app, 'sign-in-ip', limits.signInPerIp);

  app.post(
    '/signin/passkey/options',
    { preHandler: [signInLimit], schema: { hide: true, body: Type.Optional(Type.Object({})) } },
    async (_request, reply) => {
      const options = await services.passkeys.signInOptions();
      return reply.header('cache-control', 'no-store').send(options);
    },
  );

  app.post(
    '/signin/passkey',
    {
      preHandler: [signInLimit],
      schema: {
        hide: true,
        body: Type.Object(
          { response: CredentialJson, next: Type.Optional(Text(2000)) },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const response = request.body.response as unknown as AuthenticationResponseJSON;
      const result = await attempt(() => services.passkeys.signIn(response));
      if (!result.ok) return refuse(request, reply, deps, result.error);
      const { sessionId, session } = result.value;
      setSessionCookie(reply, cookies, sessionId, session.expiresAt);
      return reply
        .header('cache-control', 'no-store')
        .send({ redirect: safeRedirectPath(request.body.next) });
    },
  );

  app.post(
    '/signup/passkey/options',
    {
      schema: {
        hide: true,
        body: Type.Object({ email: Text(254), name: Text(200) }, { additionalProperties: false }),
      },
    },
    async (request, reply) => {
      const result = await attempt(() => services.passkeys.signUpOptions(request.body, request.ip));
      if (!result.ok) return refuse(request, reply, deps, result.error);
      return reply.header('cache-control', 'no-store').send(result.value);
    },
  );

  app.post(
    '/signup/passkey',
    {
      schema: {
        hide: true,
        body: Type.Object(
          { response: CredentialJson, name: Text(200) },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const response = request.body.response as unknown as RegistrationResponseJSON;
      const result = await attempt(() => services.passkeys.signUp(response, request.body.name));
      if (!result.ok) return refuse(request, reply, deps, result.error);
      const { sessionId, session } = result.value;
      setSessionCookie(reply, cookies, sessionId, session.expiresAt);
      return reply.header('cache-control', 'no-store').send({ redirect: '/account?done=welcome' });
    },
  );
}

/** The passkeys panel and the recent sign-ins of /account, for this person. */
export async function passkeyPanels(
  request: FastifyRequest,
  services: Pick<Services, 'passkeys' | 'signInAudit'>,
  deps: FormPageDeps,
  problem?: FormProblem,
): Promise<{ passkeys: SafeHtml; signIns: SafeHtml }> {
  const user = request.viewer!.user;
  const ctx = await deps.pageContext(request);
  const [passkeys, mayRemove, events] = await Promise.all([
    services.passkeys.list(user),
    services.passkeys.mayRemove(user),
    services.signInAudit.recent(user.id),
  ]);
  return {
    passkeys: passkeysPanel(ctx, { passkeys, mayRemove, problem }),
    signIns: signInsPanel(ctx, events),
  };
}

/** Shows /account again with a problem (settings.ts draws it), with this status. */
export type ShowAccountAgain = (
  request: FastifyRequest,
  status: number,
  problem: FormProblem,
) => Promise<{ page: SafeHtml; status: number }>;

/** The signed-in person's passkeys: registered inside /account's guarded scope. */
export function passkeyAccountRoutes(
  fastify: FastifyInstance,
  services: Pick<Services, 'passkeys'>,
  deps: FormPageDeps,
  showAgain: ShowAccountAgain,
) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const me = (request: FastifyRequest) => request.viewer!.user;
  const IdParams = Type.Object({ id: Text(1400) });

  app.post(
    '/account/passkeys/options',
    {
      schema: {
        hide: true,
        body: Type.Object({ name: Text(200) }, { additionalProperties: false }),
      },
    },
    async (request, reply) => {
      const result = await attempt(async () => {
        // The name is checked before the browser asks for a fingerprint, not after.
        services.passkeys.checkName(request.body.name);
        return services.passkeys.registrationOptions(me(request));
      });
      if (!result.ok) return refuse(request, reply, deps, result.error);
      return reply.header('cache-control', 'no-store').send(result.value);
    },
  );

  app.post(
    '/account/passkeys',
    {
      schema: {
        hide: true,
        body: Type.Object(
          { name: Text(200), response: CredentialJson },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const response = request.body.response as unknown as RegistrationResponseJSON;
      const result = await attempt(() =>
        services.passkeys.register(me(request), request.body.name, response),
      );
      if (!result.ok) return refuse(request, reply, deps, result.error);
      return reply
        .header('cache-control', 'no-store')
        .send({ redirect: '/account?done=passkey-added#passkeys' });
    },
  );

  async function again(
    request: FastifyRequest,
    reply: FastifyReply,
    error: AppError,
    field?: string,
  ) {
    const problem = problemOf(error, (await deps.pageContext(request)).i18n, {
      fields: field ? { name: field } : {},
    });
    const shown = await showAgain(request, error.status, problem);
    return sendPage(request, reply, shown.page, { status: shown.status });
  }

  app.post(
    '/account/passkeys/:id/rename',
    {
      schema: {
        hide: true,
        params: IdParams,
        body: Type.Object({ name: Text(200) }, { additionalProperties: false }),
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const result = await attempt(() =>
        services.passkeys.rename(me(request), id, request.body.name),
      );
      if (!result.ok) return again(request, reply, result.error, `passkey-name-${id.slice(0, 24)}`);
      return reply.redirect('/account?done=passkey-renamed#passkeys', 303);
    },
  );

  app.post(
    '/account/passkeys/:id/remove',
    { schema: { hide: true, params: IdParams } },
    async (request, reply) => {
      const result = await attempt(() => services.passkeys.remove(me(request), request.params.id));
      if (!result.ok) return again(request, reply, result.error);
      return reply.redirect('/account?done=passkey-removed#passkeys', 303);
    },
  );
}
