/**
 * The signed-in person's own account: details, password, email, signing out everywhere, the
 * download of their data and deleting the account.
 */
import { ssoAccountPanel } from '../../../views/pages/account/email-sign-in.js';
import { staffMailKindsFor } from '../../../services/staff-notifications.js';
import { digestRoles } from '../../../services/moderation-digest.js';
import { isFreshSignIn } from '../../../services/sign-in-policy.js';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { newsroomRoles } from '../../../domain/workflow.js';
import { AppError } from '../../../errors.js';
import type { MessageKey } from '../../../i18n/translator.js';
import type { Services } from '../../../services/index.js';
import { megabytes } from '../../../services/images.js';
import { deletedAccountName } from '../../../services/personal-data.js';
import type { FormProblem } from '../../../views/forms.js';
import { accountNotices, accountView } from '../../../views/pages/account/account.js';
import { accountNewsletters } from '../../../views/newsletters.js';
import { clearSessionCookie, requireRole, setSessionCookie } from '../../plugins/auth.js';
import { sendPage } from '../../plugins/pages.js';
import { limiter } from '../../plugins/rate-limits.js';
import { attempt, doneMessage, problemOf, type FormPageDeps } from '../forms.js';
import { acceptUploads, uploadFrom } from '../upload-parsing.js';
import { passkeyAccountRoutes, passkeyPanels } from './passkeys.js';

const Text = (maxLength: number) => Type.String({ maxLength });

/** Registers into its own scope: everything here needs a signed-in person (one guard). */
export async function accountSettingsPages(
  fastify: FastifyInstance,
  services: Pick<
    Services,
    | 'accounts'
    | 'newsroom'
    | 'notifications'
    | 'personalData'
    | 'sessions'
    | 'staff'
    | 'images'
    | 'moderationDigest'
    | 'staffNotifications'
    | 'newsletters'
    | 'passkeys'
    | 'signInAudit'
    | 'sso'
    | 'signInPolicy'
  >,
  deps: FormPageDeps,
) {
  fastify.addHook('onRequest', requireRole('any'));
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { pageContext, limits, cookies } = deps;
  const me = (request: FastifyRequest) => request.viewer!.user;
  const photoMaxSize = megabytes(services.images.settings.maxBytes);

  async function newsletterPanel(request: FastifyRequest) {
    const ctx = await pageContext(request);
    const [lists, subscriber] = await Promise.all([
      services.newsletters.lists(ctx.i18n),
      services.newsletters.forUser(me(request)),
    ]);
    return accountNewsletters(ctx, { email: me(request).email, lists, subscriber });
  }

  async function showAgain(
    request: FastifyRequest,
    status: number,
    problem: FormProblem,
    values: { newEmail?: string } = {},
  ) {
    const replies = await services.notifications.wantsReplies(me(request).id);
    const page = accountView(await pageContext(request), {
      user: me(request),
      problem,
      values,
      replies,
      digest: await digest(request),
      newsroomEmails: await newsroomEmails(request),
      photoMaxSize,
      deletion: await deletion(request),
      passkeys: await passkeyPanels(request, services, deps, problem),
      signIn: await signInState(request),
    });
    return { page, status };
  }

  /** The person's ways in: for the password panel and the confirmations it asks for. */
  async function signInState(request: FastifyRequest) {
    const user = me(request);
    const [methods, mayRemovePassword] = await Promise.all([
      services.signInPolicy.methodsOf(user),
      services.signInPolicy.mayRemovePassword(user),
    ]);
    return {
      hasPassword: methods.hasPassword,
      mayRemovePassword,
      fresh: isFreshSignIn(request.viewer!.session),
    };
  }

  /** Whether a moderator gets the moderation digest; null for everyone else. */
  async function digest(request: FastifyRequest) {
    const user = me(request);
    if (!(digestRoles as readonly string[]).includes(user.role)) return null;
    return services.moderationDigest.isSubscribed(user.id);
  }

  /** The newsroom emails offered to this person and which are on; null outside the newsroom. */
  async function newsroomEmails(request: FastifyRequest) {
    const user = me(request);
    const offered = staffMailKindsFor(user);
    if (offered.length === 0) return null;
    return { offered, on: await services.staffNotifications.settings(user) };
  }

  async function deletion(request: FastifyRequest) {
    const [check, policy] = await Promise.all([
      services.personalData.deletionCheck(me(request)),
      services.personalData.policy(),
    ]);
    return { check, policy, deletedName: deletedAccountName };
  }

  app.get(
    '/account',
    {
      schema: {
        hide: true,
        querystring: Type.Object({ done: Type.Optional(Text(40)) }),
      },
    },
    async (request, reply) => {
      // The notices' values are message keys.
      const done = doneMessage(accountNotices, request.query.done) as MessageKey | undefined;
      const replies = await services.notifications.wantsReplies(me(request).id);
      const page = accountView(await pageContext(request), {
        user: me(request),
        done,
        replies,
        digest: await digest(request),
        newsroomEmails: await newsroomEmails(request),
        photoMaxSize,
        deletion: await deletion(request),
        newsletters: await newsletterPanel(request),
        passkeys: await passkeyPanels(request, services, deps),
        signIn: await signInState(request),
        ssoLinks: ssoAccountPanel(
          await pageContext(request),
          await services.sso.linksOf(me(request)),
        ),
      });
      return sendPage(request, reply, page);
    },
  );

  // The download: an attachment, never cached anywhere.
  app.get('/account/data', { schema: { hide: true } }, async (request, reply) => {
    const data = await services.personalData.download(me(request));
    const day = data.exportedAt.slice(0, 10);
    return reply
      .header('content-type', 'application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="my-data-${day}.json"`)
      .header('cache-control', 'no-store')
      .send(JSON.stringify(data, null, 2));
  });

  app.post(
    '/account/delete',
    {
      schema: {
        hide: true,
        body: Type.Object({ password: Type.Optional(Text(1000)) }, { additionalProperties: false }),
      },
    },
    async (request, reply) => {
      const result = await attempt(() =>
        services.personalData.deleteAccount(
          me(request),
          request.body.password,
          request.viewer!.session,
        ),
      );
      if (!result.ok) {
        const problem = problemOf(result.error, (await pageContext(request)).i18n, {
          fields: { password: 'delete-password' },
        });
        const { page, status } = await showAgain(request, result.error.status, problem);
        return sendPage(request, reply, page, { status });
      }
      clearSessionCookie(reply, cookies);
      return reply.redirect('/account/deleted', 303);
    },
  );

  app.post(
    '/account/password',
    {
      schema: {
        hide: true,
        body: Type.Object(
          { current: Type.Optional(Text(1000)), password: Text(1000) },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const { current, password } = request.body;
      const result = await attempt(() =>
        services.accounts.changePassword(me(request), current, password, request.viewer!.session),
      );
      if (!result.ok) {
        const problem = problemOf(result.error, (await pageContext(request)).i18n, {
          fields: { current: 'current-password', password: 'new-password' },
        });
        const { page, status } = await showAgain(request, result.error.status, problem);
        return sendPage(request, reply, page, { status });
      }
      setSessionCookie(reply, cookies, result.value.sessionId, result.value.session.expiresAt);
      return reply.redirect(
        `/account?done=${current === undefined ? 'password-set' : 'password'}`,
        303,
      );
    },
  );

  // Only for someone with another usable way in (a passkey, single sign-on, email links).
  app.post('/account/password/remove', { schema: { hide: true } }, async (request, reply) => {
    const result = await attempt(() => services.signInPolicy.removePassword(me(request)));
    if (!result.ok) {
      const problem = problemOf(result.error, (await pageContext(request)).i18n);
      const { page, status } = await showAgain(request, result.error.status, problem);
      return sendPage(request, reply, page, { status });
    }
    return reply.redirect('/account?done=password-removed', 303);
  });

  app.post(
    '/account/profile',
    {
      onRequest: requireRole(newsroomRoles),
      schema: {
        hide: true,
        body: Type.Object(
          { bio: Type.Optional(Text(1_000)), photo: Type.Optional(Text(500)) },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const result = await attempt(() =>
        services.newsroom.setProfile(me(request), {
          bio: request.body.bio ?? '',
          photo: request.body.photo ?? '',
        }),
      );
      if (!result.ok) {
        const problem = problemOf(result.error, (await pageContext(request)).i18n, {
          fields: { photo: 'profile-photo', bio: 'profile-bio' },
        });
        const shown = await showAgain(request, result.error.status, problem);
        return sendPage(request, reply, shown.page, { status: shown.status });
      }
      return reply.redirect('/account?done=profile', 303);
    },
  );

  app.post(
    '/account/names',
    {
      schema: {
        hide: true,
        body: Type.Object(
          { name: Text(200), byline: Type.Optional(Text(200)) },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const user = me(request);
      const { name, byline } = request.body;
      const result = await attempt(() =>
        services.staff.rename(user, user.id, {
          name,
          // Commenters have no byline field; what they never saw stays as it is.
          ...(byline !== undefined && user.role !== 'commenter' ? { byline } : {}),
        }),
      );
      if (!result.ok) {
        const problem = problemOf(result.error, (await pageContext(request)).i18n, {
          fields: { name: 'names-name', byline: 'names-byline' },
        });
        const shown = await showAgain(request, result.error.status, problem);
        return sendPage(request, reply, shown.page, { status: shown.status });
      }
      return reply.redirect('/account?done=names', 303);
    },
  );

  // The photo upload is a multipart form: its own scope reads those (and only it).
  await fastify.register(async (uploads) => {
    acceptUploads(uploads, services.images, { raw: false });
    uploads.post(
      '/account/photo',
      { onRequest: requireRole(newsroomRoles), schema: { hide: true } },
      async (request, reply) => {
        const result = await attempt(async () => {
          const upload = uploadFrom(request.body ?? Object.create(null), undefined);
          if (!upload) {
            throw new AppError('file_required', 'Choose an image file to upload.', {
              field: 'file',
            });
          }
          return services.staff.uploadPhoto(me(request), upload);
        });
        if (!result.ok) {
          const problem = problemOf(result.error, (await pageContext(request)).i18n, {
            fields: { file: 'photo-file', photo: 'photo-file' },
            conditions: { file_too_large: 'photo-file', newsroom_only: 'photo-file' },
          });
          const shown = await showAgain(request, result.error.status, problem);
          return sendPage(request, reply, shown.page, { status: shown.status });
        }
        return reply.redirect('/account?done=photo', 303);
      },
    );
  });

  app.post(
    '/account/email',
    {
      schema: {
        hide: true,
        body: Type.Object(
          { email: Text(254), password: Type.Optional(Text(1000)) },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const { email, password } = request.body;
      const result = await attempt(() =>
        services.accounts.requestEmailChange(me(request), email, password, request.viewer!.session),
      );
      if (!result.ok) {
        const problem = problemOf(result.error, (await pageContext(request)).i18n, {
          fields: { password: 'email-password', email: 'new-email' },
        });
        const shown = await showAgain(request, result.error.status, problem, { newEmail: email });
        return sendPage(request, reply, shown.page, { status: shown.status });
      }
      return reply.redirect('/account?done=email', 303);
    },
  );

  app.post(
    '/account/verify/resend',
    {
      preHandler: [
        limiter(
          app,
          'verify-resend',
          limits.verificationMailPerAccount,
          (request) => me(request).id,
        ),
      ],
      schema: { hide: true },
    },
    async (request, reply) => {
      await services.accounts.sendVerification(me(request));
      return reply.redirect('/account?done=verification-sent', 303);
    },
  );

  passkeyAccountRoutes(app, services, deps, showAgain);

  app.post('/account/signout-everywhere', { schema: { hide: true } }, async (request, reply) => {
    await services.sessions.endAll(me(request).id);
    clearSessionCookie(reply, cookies);
    return reply.redirect('/signin?done=signed-out-everywhere', 303);
  });
}
