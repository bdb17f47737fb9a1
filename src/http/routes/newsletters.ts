/**
 * Readers' newsletter pages: subscribing (double opt-in), the confirmation and manage links from
 * emails (a signed token, no sign-in), RFC 8058's one-click POST (authorised by the token in
 * the address; no cookie, no form token), the archive, and the lists on /account.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Services } from '../../services/index.js';
import {
  archiveView,
  confirmView,
  issueView,
  manageView,
  newsletterResult,
  sentView,
} from '../../views/newsletters.js';
import { requireRole } from '../plugins/auth.js';
import { sendPage } from '../plugins/pages.js';
import { attempt, problemOf, type FormPageDeps } from './forms.js';

const tokenQuery = Type.Object({ token: Type.Optional(Type.String({ maxLength: 200 })) });
const Lists = Type.Optional(
  Type.Union([
    Type.String({ maxLength: 120 }),
    Type.Array(Type.String({ maxLength: 120 }), { maxItems: 100 }),
  ]),
);
const asList = (value: string | string[] | undefined): string[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

export function newsletterPages(
  fastify: FastifyInstance,
  services: Pick<Services, 'newsletters'>,
  deps: FormPageDeps,
) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { newsletters } = services;
  const { pageContext } = deps;

  const badLink = async (request: Parameters<typeof pageContext>[0]) => {
    const ctx = await pageContext(request);
    const { t } = ctx.i18n;
    return newsletterResult(ctx, {
      title: t('newsletters.badLink.title'),
      message: t('newsletters.badLink.message'),
    });
  };

  app.get(
    '/newsletters',
    {
      schema: {
        hide: true,
        querystring: Type.Object({
          page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
        }),
      },
    },
    async (request, reply) => {
      const page = request.query.page ?? 1;
      const ctx = await pageContext(request);
      const [lists, archive] = await Promise.all([
        newsletters.lists(ctx.i18n),
        newsletters.archive(page),
      ]);
      const olderHref = archive.hasMore ? `/newsletters?page=${page + 1}` : null;
      return sendPage(
        request,
        reply,
        archiveView(ctx, { lists, issues: archive.issues, olderHref }),
        {
          private: true,
        },
      );
    },
  );

  app.post(
    '/newsletters/subscribe',
    {
      schema: {
        hide: true,
        body: Type.Object(
          { email: Type.Optional(Type.String({ maxLength: 300 })), lists: Lists },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const email = request.body.email ?? '';
      const lists = asList(request.body.lists);
      const user = request.viewer?.user;
      const result = await attempt(() =>
        newsletters.subscribe({
          email,
          lists,
          asker: user
            ? { userId: user.id, email: user.email, verified: user.emailVerifiedAt !== null }
            : null,
        }),
      );
      const ctx = await pageContext(request);
      if (!result.ok) {
        const [choices, archive] = await Promise.all([
          newsletters.lists(ctx.i18n),
          newsletters.archive(1),
        ]);
        const problem = problemOf(result.error, ctx.i18n, {
          fields: { email: 'email', lists: 'list-0' },
        });
        const page = archiveView(ctx, {
          lists: choices,
          issues: archive.issues,
          olderHref: archive.hasMore ? '/newsletters?page=2' : null,
          problem,
          email,
          chosen: lists,
        });
        return sendPage(request, reply, page, { status: result.error.status, private: true });
      }
      return sendPage(request, reply, sentView(ctx, email.trim()), { private: true });
    },
  );

  app.get(
    '/newsletters/confirm',
    { schema: { hide: true, querystring: tokenQuery } },
    async (request, reply) => {
      const token = request.query.token ?? '';
      const subscriber = await newsletters.pendingFor(token);
      if (!subscriber)
        return sendPage(request, reply, await badLink(request), { status: 404, private: true });
      return sendPage(request, reply, confirmView(await pageContext(request), token, subscriber), {
        private: true,
      });
    },
  );

  app.post(
    '/newsletters/confirm',
    { schema: { hide: true, querystring: tokenQuery } },
    async (request, reply) => {
      const subscriber = await newsletters.confirm(request.query.token ?? '');
      if (!subscriber)
        return sendPage(request, reply, await badLink(request), { status: 404, private: true });
      const ctx = await pageContext(request);
      const { t } = ctx.i18n;
      const page = newsletterResult(ctx, {
        title: t('newsletters.confirmed.title'),
        message: t('newsletters.confirmed.message'),
      });
      return sendPage(request, reply, page, { private: true });
    },
  );

  const managePage = async (
    request: Parameters<typeof pageContext>[0],
    reply: Parameters<typeof sendPage>[1],
    saved: boolean,
  ) => {
    const token = (request.query as { token?: string }).token ?? '';
    const subscriber = await newsletters.manageable(token);
    if (!subscriber)
      return sendPage(request, reply, await badLink(request), { status: 404, private: true });
    const ctx = await pageContext(request);
    const lists = await newsletters.lists(ctx.i18n);
    return sendPage(request, reply, manageView(ctx, { token, subscriber, lists, saved }), {
      private: true,
    });
  };

  // The manage link, and the one-click address opened in a browser: the page, never a change.
  app.get(
    '/newsletters/manage',
    { schema: { hide: true, querystring: tokenQuery } },
    (request, reply) => managePage(request, reply, false),
  );
  app.get(
    '/newsletters/leave',
    { schema: { hide: true, querystring: tokenQuery } },
    (request, reply) => managePage(request, reply, false),
  );

  app.post(
    '/newsletters/manage',
    {
      schema: {
        hide: true,
        querystring: tokenQuery,
        body: Type.Optional(Type.Object({ lists: Lists }, { additionalProperties: false })),
      },
    },
    async (request, reply) => {
      const done = await newsletters.choose(request.query.token ?? '', asList(request.body?.lists));
      if (!done)
        return sendPage(request, reply, await badLink(request), { status: 404, private: true });
      return managePage(request, reply, true);
    },
  );

  app.post(
    '/newsletters/leave',
    {
      schema: {
        hide: true,
        querystring: tokenQuery,
        // A mail program sends exactly `List-Unsubscribe=One-Click` (RFC 8058); the page's button
        // sends nothing. Either way the token in the address is the authority.
        body: Type.Optional(
          Type.Object(
            { 'List-Unsubscribe': Type.Optional(Type.Literal('One-Click')) },
            { additionalProperties: false },
          ),
        ),
      },
    },
    async (request, reply) => {
      const token = request.query.token ?? '';
      const subscriber = await newsletters.manageable(token);
      if (!subscriber || !(await newsletters.leave(token))) {
        return sendPage(request, reply, await badLink(request), { status: 404, private: true });
      }
      const ctx = await pageContext(request);
      const { t } = ctx.i18n;
      const page = newsletterResult(ctx, {
        title: t('newsletters.manage.leftTitle'),
        message: t('newsletters.manage.left', { email: subscriber.email }),
      });
      return sendPage(request, reply, page, { private: true });
    },
  );

  app.get(
    '/newsletters/:issue',
    { schema: { hide: true, params: Type.Object({ issue: Type.String({ maxLength: 200 }) }) } },
    async (request, reply) => {
      const found = await newsletters.archived(request.params.issue);
      if (!found) {
        const ctx = await pageContext(request);
        const { t } = ctx.i18n;
        const page = newsletterResult(ctx, {
          title: t('errors.page.404'),
          message: t('newsletters.badLink.message'),
        });
        return sendPage(request, reply, page, { status: 404 });
      }
      const page = issueView(await pageContext(request), found);
      return sendPage(request, reply, page, { private: true });
    },
  );

  app.post(
    '/account/newsletters',
    {
      onRequest: requireRole('any'),
      schema: {
        hide: true,
        body: Type.Optional(Type.Object({ lists: Lists }, { additionalProperties: false })),
      },
    },
    async (request, reply) => {
      const user = request.viewer!.user;
      const outcome = await newsletters.chooseForUser(user, asList(request.body?.lists));
      return reply.redirect(`/account?done=newsletters-${outcome}`, 303);
    },
  );
}
