/**
 * /api/v1/newsletters: the lists with their subscriber counts and the issues (editors: read,
 * change before they go, send, hold, release), and the subscribers (admins: search, clear a
 * bounce). Signed in by session or API token like the rest of /api/v1.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  subscriberStatuses,
  type DeliveryCounts,
  type NewsletterIssue,
  type Subscriber,
} from '../../../domain/newsletter.js';
import { articlePath } from '../../../domain/article.js';
import { editorRoles } from '../../../domain/workflow.js';
import type { Services } from '../../../services/index.js';
import { requireRole } from '../../plugins/auth.js';
import { IdParams, Nullable } from './schemas.js';

const errors = {
  400: Type.Ref('Error'),
  401: Type.Ref('Error'),
  403: Type.Ref('Error'),
  404: Type.Ref('Error'),
  409: Type.Ref('Error'),
};

const Counts = Type.Object({
  queued: Type.Integer(),
  sending: Type.Integer(),
  sent: Type.Integer(),
  failed: Type.Integer(),
});
const IssueJson = Type.Object({
  id: Type.String(),
  kind: Type.Union([Type.Literal('briefing'), Type.Literal('alert'), Type.Literal('digest')]),
  list: Type.String({ description: '`briefing`, `alerts` or `section:<slug>`' }),
  slug: Type.String(),
  status: Type.Union([
    Type.Literal('draft'),
    Type.Literal('held'),
    Type.Literal('waiting'),
    Type.Literal('queued'),
  ]),
  subject: Type.String(),
  intro: Type.String(),
  articleIds: Type.Array(Type.String()),
  sendAt: Nullable(Type.String({ format: 'date-time' })),
  createdAt: Type.String({ format: 'date-time' }),
  queuedAt: Nullable(Type.String({ format: 'date-time' })),
  deliveries: Type.Optional(Counts),
});
const IssueDetail = Type.Object({
  issue: IssueJson,
  stories: Type.Array(
    Type.Object({ id: Type.String(), headline: Type.String(), url: Type.String() }),
    { description: 'the stories still published, in the issue’s order' },
  ),
});
const Status = Type.Unsafe<Subscriber['status']>({ type: 'string', enum: [...subscriberStatuses] });
const SubscriberJson = Type.Object({
  id: Type.String(),
  email: Type.String(),
  status: Status,
  source: Type.String(),
  lists: Type.Array(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
  confirmedAt: Nullable(Type.String({ format: 'date-time' })),
  bouncedAt: Nullable(Type.String({ format: 'date-time' })),
  bounceReason: Nullable(Type.String()),
  consentBy: Nullable(Type.String({ description: 'the admin who attested consent (imports)' })),
  consentAt: Nullable(Type.String({ format: 'date-time' })),
});

const issueJson = (i: NewsletterIssue, deliveries?: DeliveryCounts) => ({
  ...i,
  ...(deliveries ? { deliveries } : {}),
});
const subscriberJson = (s: Subscriber) => ({
  id: s.id,
  email: s.email,
  status: s.status,
  source: s.source,
  lists: s.lists,
  createdAt: s.createdAt,
  confirmedAt: s.confirmedAt,
  bouncedAt: s.bouncedAt,
  bounceReason: s.bounceReason,
  consentBy: s.consentBy,
  consentAt: s.consentAt,
});

export function newsletterApi(
  fastify: FastifyInstance,
  services: Pick<Services, 'newsletters' | 'newsletterDesk'>,
  baseUrl: string,
): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const editors = { onRequest: requireRole(editorRoles) };
  const admins = { onRequest: requireRole(['admin']) };
  const common = { tags: ['newsletters'], security: [{ bearer: [] }] };
  const { newsletters, newsletterDesk } = services;

  const detail = async (id: string) => {
    const { issue, articles } = await newsletterDesk.issue(id);
    const counts =
      issue.status === 'queued'
        ? (await newsletterDesk.overview()).sent.find((s) => s.issue.id === id)?.counts
        : undefined;
    return {
      issue: issueJson(issue, counts),
      stories: articles.map((a) => ({
        id: a.id,
        headline: a.headline,
        url: `${baseUrl}${articlePath(a)}`,
      })),
    };
  };

  app.get(
    '/api/v1/newsletters/lists',
    {
      ...editors,
      schema: {
        ...common,
        summary: 'The lists readers may join, with how many confirmed subscribers each has',
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                list: Type.String(),
                label: Type.String(),
                subscribers: Type.Integer(),
              }),
            ),
          }),
          ...errors,
        },
      },
    },
    async () => {
      const [lists, { listCounts }] = await Promise.all([
        newsletters.lists(),
        newsletterDesk.overview(),
      ]);
      return {
        items: lists.map((l) => ({ ...l, subscribers: listCounts[l.list] ?? 0 })),
      };
    },
  );

  app.get(
    '/api/v1/newsletters/issues',
    {
      ...editors,
      schema: {
        ...common,
        summary: 'Issues waiting to go (oldest first) and the latest 20 sent, with deliveries',
        response: {
          200: Type.Object({ unsent: Type.Array(IssueJson), sent: Type.Array(IssueJson) }),
          ...errors,
        },
      },
    },
    async () => {
      const overview = await newsletterDesk.overview();
      return {
        unsent: overview.unsent.map((i) => issueJson(i)),
        sent: overview.sent.map((s) => issueJson(s.issue, s.counts)),
      };
    },
  );

  app.get(
    '/api/v1/newsletters/issues/:id',
    {
      ...editors,
      schema: {
        ...common,
        summary: 'One issue with its stories',
        params: IdParams,
        response: { 200: IssueDetail, ...errors },
      },
    },
    async (request) => detail(request.params.id),
  );

  app.patch(
    '/api/v1/newsletters/issues/:id',
    {
      ...editors,
      schema: {
        ...common,
        summary: 'Change an issue before it goes: subject, introduction, stories in order',
        params: IdParams,
        body: Type.Object(
          {
            subject: Type.Optional(Type.String({ maxLength: 200 })),
            intro: Type.Optional(Type.String({ maxLength: 2000 })),
            articleIds: Type.Optional(
              Type.Array(Type.String({ maxLength: 100 }), {
                maxItems: 50,
                description: 'a subset of the issue’s stories, in the order they should appear',
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: IssueDetail, ...errors },
      },
    },
    async (request) => {
      const { id } = request.params;
      const { issue } = await newsletterDesk.issue(id);
      const wanted = request.body.articleIds;
      const known = new Set(issue.articleIds);
      await newsletterDesk.edit(request.viewer!.user, id, {
        subject: request.body.subject ?? issue.subject,
        intro: request.body.intro ?? issue.intro,
        // Only stories the issue had: an editor trims and orders, the briefing's choice stays.
        articleIds: wanted ? [...new Set(wanted)].filter((a) => known.has(a)) : issue.articleIds,
      });
      return detail(id);
    },
  );

  for (const action of ['send', 'hold', 'release'] as const) {
    app.post(
      `/api/v1/newsletters/issues/:id/${action}`,
      {
        ...editors,
        schema: {
          ...common,
          summary: {
            send: 'Queue a draft or held issue now (409 once it has gone)',
            hold: 'Hold a draft: it will not go by itself',
            release: 'Release a held issue: it goes at its time',
          }[action],
          params: IdParams,
          response: { 200: IssueDetail, ...errors },
        },
      },
      async (request) => {
        const { id } = request.params;
        const user = request.viewer!.user;
        if (action === 'send') await newsletterDesk.sendNow(user, id);
        else if (action === 'hold') await newsletterDesk.hold(user, id);
        else await newsletterDesk.release(user, id);
        return detail(id);
      },
    );
  }

  app.get(
    '/api/v1/newsletters/subscribers',
    {
      ...admins,
      schema: {
        ...common,
        summary: 'Subscribers, newest first: by a part of the address, a list, a state',
        querystring: Type.Object({
          search: Type.Optional(Type.String({ maxLength: 254 })),
          list: Type.Optional(Type.String({ maxLength: 120 })),
          status: Type.Optional(Status),
          page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
          perPage: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
        }),
        response: {
          200: Type.Object({ items: Type.Array(SubscriberJson), total: Type.Integer() }),
          ...errors,
        },
      },
    },
    async (request) => {
      const q = request.query;
      const found = await newsletters.search({
        search: q.search,
        list: q.list,
        status: q.status,
        page: q.page ?? 1,
        perPage: q.perPage ?? 50,
      });
      return { items: found.items.map(subscriberJson), total: found.total };
    },
  );

  app.post(
    '/api/v1/newsletters/subscribers/:id/clear-bounce',
    {
      ...admins,
      schema: {
        ...common,
        summary: 'Mail a bounced address again (404 when it has not bounced)',
        params: IdParams,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await newsletters.clearBounce(request.viewer!.user, request.params.id);
      return reply.status(204).send(null);
    },
  );
}
