/** The moderation queue and its forms; the service has the rules, these only translate. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { isReasonCode } from '../../../domain/moderation/types.js';
import type { MessageKey } from '../../../i18n/translator.js';
import type { Services } from '../../../services/index.js';
import { queueTabs, type QueueTab } from '../../../domain/moderation/queue.js';
import type { FormProblem } from '../../../views/forms.js';
import { moderationLogView } from '../../../views/pages/admin/moderation-log.js';
import {
  logDay,
  moderationActions,
  type ModerationAction,
} from '../../../domain/moderation/log.js';
import {
  moderationNotices,
  moderationQueueView,
  queueHref,
  type QueueView,
} from '../../../views/pages/admin/moderation.js';
import { sendPage } from '../../plugins/pages.js';
import { attempt, problemOf, doneMessage, type FormPageDeps } from '../forms.js';

const perPage = 50;
const Text = (maxLength: number) => Type.String({ maxLength });

function toQueueView(raw: {
  status?: string | undefined;
  article?: string | undefined;
  reason?: string | undefined;
  page?: number | undefined;
}): QueueView {
  const tab = (queueTabs as readonly string[]).includes(raw.status ?? '')
    ? (raw.status as QueueTab)
    : 'pending';
  return {
    tab,
    article: raw.article?.slice(0, 100) ?? '',
    reason: raw.reason && isReasonCode(raw.reason) ? raw.reason : '',
    page: raw.page && raw.page > 0 ? raw.page : 1,
  };
}

/** Where the form came from, so the moderator lands where they were; only ever the queue. */
function backTo(raw: string | undefined): { view: QueueView; focus: string } {
  const url = new URL(raw ?? '', 'http://same.invalid/admin/moderation');
  if (url.pathname !== '/admin/moderation') return { view: toQueueView({}), focus: '' };
  const page = Number(url.searchParams.get('page'));
  return {
    view: toQueueView({
      status: url.searchParams.get('status') ?? undefined,
      article: url.searchParams.get('article') ?? undefined,
      reason: url.searchParams.get('reason') ?? undefined,
      page: Number.isInteger(page) ? page : 1,
    }),
    focus: (url.searchParams.get('focus') ?? '').slice(0, 100),
  };
}

export function moderationPages(
  fastify: FastifyInstance,
  services: Pick<Services, 'moderation' | 'reading'>,
  deps: FormPageDeps,
) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  async function queuePage(
    request: FastifyRequest,
    query: QueueView,
    extra: { done?: string | undefined; problem?: FormProblem },
  ) {
    const [ctx, items, latest, counts] = await Promise.all([
      deps.pageContext(request),
      services.moderation.queue({
        tab: query.tab,
        articleId: query.article || undefined,
        reason: query.reason || undefined,
        page: query.page,
        perPage,
      }),
      services.reading.published({}, undefined, 50),
      services.moderation.queueCounts(query.article || undefined),
    ]);
    return moderationQueueView(ctx, {
      query,
      items,
      hasMore: items.length === perPage,
      articles: latest.items.map((a) => ({ id: a.id, headline: a.headline })),
      counts,
      now: new Date(),
      ...extra,
    });
  }

  app.get(
    '/admin/moderation',
    {
      schema: {
        hide: true,
        querystring: Type.Object({
          status: Type.Optional(Text(20)),
          article: Type.Optional(Text(100)),
          reason: Type.Optional(Text(40)),
          page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
          done: Type.Optional(Text(20)),
          focus: Type.Optional(Text(100)),
        }),
      },
    },
    async (request, reply) => {
      const view = await queuePage(request, toQueueView(request.query), {
        done: doneMessage(moderationNotices, request.query.done),
      });
      return sendPage(request, reply, view);
    },
  );

  const redirectBack = (back: string | undefined, done: keyof typeof moderationNotices) => {
    const { view, focus } = backTo(back);
    return `${queueHref(view)}&done=${done}${focus ? `&focus=${encodeURIComponent(focus)}` : ''}`;
  };

  app.post(
    '/admin/moderation/act',
    {
      schema: {
        hide: true,
        body: Type.Object(
          {
            ids: Type.Optional(Type.Union([Text(100), Type.Array(Text(100), { maxItems: 200 })])),
            action: Text(20),
            reason: Type.Optional(Text(500)),
            back: Type.Optional(Text(600)),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const { ids, action, reason, back } = request.body;
      const list = ids === undefined ? [] : [ids].flat();
      const result = await attempt(() =>
        services.moderation.act(request.viewer!.user, list, action, reason ?? ''),
      );
      if (result.ok) {
        return reply.redirect(redirectBack(back, action as keyof typeof moderationNotices), 303);
      }
      const page = await queuePage(request, backTo(back).view, {
        problem: problemOf(result.error, (await deps.pageContext(request)).i18n),
      });
      return sendPage(request, reply, page, { status: result.error.status });
    },
  );

  app.post(
    '/admin/moderation/sanction',
    {
      schema: {
        hide: true,
        body: Type.Object(
          {
            userId: Text(100),
            choice: Text(10),
            reason: Type.Optional(Text(500)),
            commentId: Type.Optional(Text(100)),
            removeComments: Type.Optional(Text(5)),
            back: Type.Optional(Text(600)),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const { userId, choice, reason, commentId, back } = request.body;
      const removeComments = request.body.removeComments === '1';
      const result = await attempt(() =>
        services.moderation.sanction(
          request.viewer!.user,
          userId,
          choice,
          reason ?? '',
          commentId ?? null,
          { removeComments },
        ),
      );
      if (result.ok) {
        const done = removeComments ? 'removed' : choice === 'ban' ? 'ban' : 'suspend';
        return reply.redirect(redirectBack(back, done), 303);
      }
      const page = await queuePage(request, backTo(back).view, {
        problem: problemOf(result.error, (await deps.pageContext(request)).i18n),
      });
      return sendPage(request, reply, page, { status: result.error.status });
    },
  );

  app.post(
    '/admin/moderation/lift',
    {
      schema: {
        hide: true,
        body: Type.Object(
          { userId: Text(100), back: Type.Optional(Text(600)) },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const { userId, back } = request.body;
      const result = await attempt(() => services.moderation.lift(request.viewer!.user, userId));
      if (result.ok) return reply.redirect(redirectBack(back, 'lift'), 303);
      const page = await queuePage(request, backTo(back).view, {
        problem: problemOf(result.error, (await deps.pageContext(request)).i18n),
      });
      return sendPage(request, reply, page, { status: result.error.status });
    },
  );

  // The thread's comment mode, from a queue item or from the article page itself.
  app.post(
    '/admin/moderation/thread',
    {
      schema: {
        hide: true,
        body: Type.Object(
          { articleId: Text(100), mode: Text(20), back: Type.Optional(Text(600)) },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const { articleId, mode, back } = request.body;
      const result = await attempt(() =>
        services.moderation.setThreadMode(request.viewer!.user, articleId, mode),
      );
      if (result.ok) {
        return reply.redirect(
          back ? redirectBack(back, 'thread') : `${result.value}?moderated=thread#thread-settings`,
          303,
        );
      }
      if (result.error.status === 404 || !back) throw result.error;
      const page = await queuePage(request, backTo(back).view, {
        problem: problemOf(result.error, (await deps.pageContext(request)).i18n),
      });
      return sendPage(request, reply, page, { status: result.error.status });
    },
  );

  app.get(
    '/admin/moderation/log',
    {
      schema: {
        hide: true,
        querystring: Type.Object({
          action: Type.Optional(Text(20)),
          actor: Type.Optional(Text(100)),
          target: Type.Optional(Text(100)),
          name: Type.Optional(Text(100)),
          from: Type.Optional(Text(20)),
          to: Type.Optional(Text(20)),
          page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
        }),
      },
    },
    async (request, reply) => {
      const q = request.query;
      const action = (moderationActions as readonly string[]).includes(q.action ?? '')
        ? (q.action as ModerationAction)
        : undefined;
      const filter = {
        action: action ?? '',
        actor: q.actor ?? '',
        target: q.target ?? '',
        name: (q.name ?? '').trim(),
        from: (q.from ?? '').trim(),
        to: (q.to ?? '').trim(),
        page: q.page ?? 1,
      };
      const from = filter.from ? logDay(filter.from) : '';
      const to = filter.to ? logDay(filter.to) : '';
      const refusal: { key: MessageKey; field: string } | undefined =
        from === null
          ? { key: 'moderation.log.badFrom', field: 'log-from' }
          : to === null
            ? { key: 'moderation.log.badTo', field: 'log-to' }
            : from && to && from > to
              ? { key: 'moderation.log.toBeforeFrom', field: 'log-to' }
              : undefined;
      const [ctx, entries] = await Promise.all([
        deps.pageContext(request),
        refusal
          ? []
          : services.moderation.log({
              ...(action ? { action } : {}),
              ...(filter.actor ? { actorId: filter.actor } : {}),
              ...(filter.target ? { targetUserId: filter.target } : {}),
              ...(filter.name ? { name: filter.name } : {}),
              ...(from ? { from } : {}),
              ...(to ? { to } : {}),
              withContext: true,
              limit: perPage,
              offset: (filter.page - 1) * perPage,
            }),
      ]);
      const problem: FormProblem | undefined = refusal && {
        message: ctx.i18n.t(refusal.key),
        field: refusal.field,
      };
      return sendPage(
        request,
        reply,
        moderationLogView(ctx, {
          entries,
          filter,
          hasMore: entries.length === perPage,
          ...(problem ? { problem } : {}),
        }),
        problem ? { status: 422 } : {},
      );
    },
  );
}
