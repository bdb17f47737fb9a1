/**
 * /admin/newsletters: editors see what waits and what went, edit an issue, preview it and send,
 * hold or release it; admins also change the settings, clear bounces and work with subscribers
 * (search, CSV export, CSV import with consent: decisions/0076).
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { subscriberStatuses, type SubscriberStatus } from '../../../domain/newsletter.js';
import { AppError } from '../../../errors.js';
import type { Services } from '../../../services/index.js';
import { notice } from '../../../views/pages/admin/page.js';
import {
  issueValues,
  newsletterIssueView,
  newsletterNotices,
  newslettersView,
  settingsValues,
  subscribersView,
  type IssueFormValues,
  type NewsletterSettingsValues,
} from '../../../views/pages/admin/newsletters.js';
import { isUploadedFile, parseMultipart, type MultipartBody } from '../../multipart.js';
import { sendPage } from '../../plugins/pages.js';
import { attempt, problemOf, type FormPageDeps } from '../forms.js';

type Deps = Pick<Services, 'newsletterDesk' | 'newsletters' | 'insights'>;

const Text = (max: number) => Type.String({ maxLength: max });
const Id = Type.Object({ id: Text(100) });
const Many = (max: number) =>
  Type.Optional(Type.Union([Text(max), Type.Array(Text(max), { maxItems: 100 })]));
const EditBody = Type.Object(
  {
    subject: Text(1000),
    intro: Type.Optional(Text(10_000)),
    ids: Many(100),
    positions: Many(10),
    articles: Many(100),
  },
  { additionalProperties: false },
);
const SettingsBody = Type.Object(
  {
    briefingTime: Text(20),
    ratePerSecond: Text(20),
    sendAsBuilt: Type.Optional(Type.Literal('on')),
  },
  { additionalProperties: false },
);
const where = {
  fields: {
    subject: 'nl-subject',
    briefingTime: 'nl-briefing-time',
    ratePerSecond: 'nl-rate',
    file: 'nl-file',
  },
};

/** An uploaded CSV may be this large (about 50,000 rows). */
const maxCsvBytes = 5 * 1024 * 1024;
const perPage = 50;

const all = (value: string | string[] | undefined) => (value === undefined ? [] : [value].flat());

/** The stories as the form sent them: those ticked, by their positions (ties keep the order). */
function storiesFrom(body: {
  ids?: string | string[];
  positions?: string | string[];
  articles?: string | string[];
}) {
  const ids = all(body.ids);
  const positions = all(body.positions);
  const ticked = new Set(all(body.articles));
  return ids
    .map((id, i) => {
      const n = Number(positions[i]);
      return { id, position: Number.isFinite(n) ? n : i + 1, index: i, included: ticked.has(id) };
    })
    .sort((a, b) => a.position - b.position || a.index - b.index);
}

async function overviewPage(
  services: Deps,
  deps: FormPageDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  extra: { done?: string; error?: AppError; values?: NewsletterSettingsValues },
) {
  const ctx = await deps.pageContext(request);
  const { newsletterDesk, newsletters } = services;
  const [overview, settings, lists] = await Promise.all([
    newsletterDesk.overview(),
    newsletterDesk.settings(),
    newsletters.lists(ctx.i18n),
  ]);
  const page = newslettersView(ctx, {
    unsent: overview.unsent,
    sent: overview.sent,
    bounced: overview.bounced,
    listCounts: lists.map((l) => ({ label: l.label, count: overview.listCounts[l.list] ?? 0 })),
    settings: extra.values ?? settingsValues(settings),
    admin: ctx.viewer?.role === 'admin',
    done: notice(newsletterNotices, extra.done),
    problem: extra.error ? problemOf(extra.error, ctx.i18n, where) : undefined,
  });
  return sendPage(request, reply, page, { status: extra.error?.status ?? 200 });
}

/** The pages every editor (and admin) opens: register in the editors' scope. */
export function newsletterEditorPages(
  fastify: FastifyInstance,
  services: Deps,
  deps: FormPageDeps,
): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { newsletterDesk, newsletters } = services;

  const issuePage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    extra: { done?: string; doneText?: string; error?: AppError; values?: IssueFormValues },
  ) => {
    const ctx = await deps.pageContext(request);
    const { issue, articles } = await newsletterDesk.issue(id);
    const counts =
      issue.status === 'queued'
        ? (await newsletterDesk.overview()).sent.find((s) => s.issue.id === id)?.counts
        : undefined;
    const [clicks] = await services.insights.newsletterClicks([issue]);
    const page = newsletterIssueView(ctx, {
      issue,
      listLabel:
        (await newsletters.lists(ctx.i18n)).find((l) => l.list === issue.list)?.label ?? issue.list,
      values: extra.values ?? issueValues(issue, articles),
      counts,
      clicks,
      done: notice(newsletterNotices, extra.done),
      doneText: extra.doneText,
      problem: extra.error ? problemOf(extra.error, ctx.i18n, where) : undefined,
    });
    return sendPage(request, reply, page, { status: extra.error?.status ?? 200 });
  };

  app.get(
    '/admin/newsletters',
    { schema: { hide: true, querystring: Type.Object({ done: Type.Optional(Text(20)) }) } },
    async (request, reply) =>
      overviewPage(services, deps, request, reply, {
        ...(request.query.done ? { done: request.query.done } : {}),
      }),
  );

  app.get(
    '/admin/newsletters/:id',
    {
      schema: {
        hide: true,
        params: Id,
        querystring: Type.Object({
          done: Type.Optional(Text(20)),
          queued: Type.Optional(Type.Integer({ minimum: 0 })),
        }),
      },
    },
    async (request, reply) => {
      const { done, queued } = request.query;
      const ctx = queued === undefined ? null : await deps.pageContext(request);
      return issuePage(request, reply, request.params.id, {
        ...(done ? { done } : {}),
        ...(ctx && queued !== undefined
          ? { doneText: ctx.i18n.t('newsletters.edit.queued', { count: queued }) }
          : {}),
      });
    },
  );

  app.post(
    '/admin/newsletters/:id',
    { schema: { hide: true, params: Id, body: EditBody } },
    async (request, reply) => {
      const { id } = request.params;
      const stories = storiesFrom(request.body);
      const result = await attempt(() =>
        newsletterDesk.edit(request.viewer!.user, id, {
          subject: request.body.subject,
          intro: request.body.intro ?? '',
          articleIds: stories.filter((s) => s.included).map((s) => s.id),
        }),
      );
      if (!result.ok) {
        const { articles } = await newsletterDesk.issue(id);
        const byId = new Map(articles.map((a) => [a.id, a]));
        const values: IssueFormValues = {
          subject: request.body.subject,
          intro: request.body.intro ?? '',
          stories: stories.flatMap((s) => {
            const article = byId.get(s.id);
            return article ? [{ article, position: String(s.position), included: s.included }] : [];
          }),
        };
        return issuePage(request, reply, id, { error: result.error, values });
      }
      return reply.redirect(`/admin/newsletters/${encodeURIComponent(id)}?done=saved`, 303);
    },
  );

  app.post(
    '/admin/newsletters/:id/send',
    { schema: { hide: true, params: Id } },
    async (request, reply) => {
      const { id } = request.params;
      const result = await attempt(() => newsletterDesk.sendNow(request.viewer!.user, id));
      if (!result.ok) return issuePage(request, reply, id, { error: result.error });
      return reply.redirect(
        `/admin/newsletters/${encodeURIComponent(id)}?queued=${result.value}`,
        303,
      );
    },
  );

  for (const [action, done] of [
    ['hold', 'held'],
    ['release', 'released'],
  ] as const) {
    app.post(
      `/admin/newsletters/:id/${action}`,
      { schema: { hide: true, params: Id } },
      async (request, reply) => {
        const { id } = request.params;
        const user = request.viewer!.user;
        const result = await attempt(() =>
          action === 'hold' ? newsletterDesk.hold(user, id) : newsletterDesk.release(user, id),
        );
        if (!result.ok) return issuePage(request, reply, id, { error: result.error });
        return reply.redirect(`/admin/newsletters/${encodeURIComponent(id)}?done=${done}`, 303);
      },
    );
  }

  // The email as subscribers get it: its HTML alone (it is a whole document), or its text.
  app.get(
    '/admin/newsletters/:id/preview',
    { schema: { hide: true, params: Id } },
    async (request, reply) => {
      const mail = await newsletterDesk.preview(request.params.id);
      return reply
        .header('content-type', 'text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .header(
          'content-security-policy',
          "default-src 'none'; img-src * data:; style-src 'unsafe-inline'",
        )
        .send(mail.html);
    },
  );
  app.get(
    '/admin/newsletters/:id/preview.txt',
    { schema: { hide: true, params: Id } },
    async (request, reply) => {
      const mail = await newsletterDesk.preview(request.params.id);
      return reply
        .header('content-type', 'text/plain; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(mail.text);
    },
  );
}

/** The admins' part: settings, bounces, subscribers. Register in the admins' scope. */
export async function newsletterAdminPages(
  fastify: FastifyInstance,
  services: Deps,
  deps: FormPageDeps,
): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { newsletterDesk, newsletters } = services;

  app.post(
    '/admin/newsletters/settings',
    { schema: { hide: true, body: SettingsBody } },
    async (request, reply) => {
      const result = await attempt(() =>
        newsletterDesk.saveSettings(request.viewer!.user, request.body),
      );
      if (!result.ok) {
        return overviewPage(services, deps, request, reply, {
          error: result.error,
          values: {
            briefingTime: request.body.briefingTime,
            ratePerSecond: request.body.ratePerSecond,
            sendAsBuilt: request.body.sendAsBuilt === 'on',
          },
        });
      }
      return reply.redirect('/admin/newsletters?done=settings', 303);
    },
  );

  app.post(
    '/admin/newsletters/subscribers/:id/clear-bounce',
    { schema: { hide: true, params: Id } },
    async (request, reply) => {
      await newsletters.clearBounce(request.viewer!.user, request.params.id);
      return reply.redirect('/admin/newsletters?done=cleared', 303);
    },
  );

  const SearchQuery = Type.Object({
    search: Type.Optional(Text(254)),
    list: Type.Optional(Text(120)),
    status: Type.Optional(
      Type.Union([Type.Literal(''), ...subscriberStatuses.map((s) => Type.Literal(s))]),
    ),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
  });

  const listPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    query: { search?: string; list?: string; status?: string; page?: number },
    extra: { report?: Awaited<ReturnType<typeof newsletters.importCsv>>; error?: AppError } = {},
  ) => {
    const ctx = await deps.pageContext(request);
    const page = query.page ?? 1;
    const status = (query.status || undefined) as SubscriberStatus | undefined;
    const [lists, found] = await Promise.all([
      newsletters.lists(ctx.i18n),
      newsletters.search({ search: query.search, list: query.list, status, page, perPage }),
    ]);
    const view = subscribersView(ctx, {
      query: { search: query.search ?? '', list: query.list ?? '', status: status ?? '', page },
      lists,
      items: found.items,
      total: found.total,
      perPage,
      report: extra.report,
      problem: extra.error ? problemOf(extra.error, ctx.i18n, where) : undefined,
    });
    return sendPage(request, reply, view, { status: extra.error?.status ?? 200 });
  };

  app.get(
    '/admin/newsletters/subscribers',
    { schema: { hide: true, querystring: SearchQuery } },
    async (request, reply) => listPage(request, reply, request.query),
  );

  app.get(
    '/admin/newsletters/subscribers.csv',
    { schema: { hide: true } },
    async (_request, reply) => {
      const day = new Date().toISOString().slice(0, 10);
      reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="subscribers-${day}.csv"`)
        .header('cache-control', 'no-store');
      const { Readable } = await import('node:stream');
      return reply.send(Readable.from(newsletters.exportCsv()));
    },
  );

  await fastify.register(async (scope) => {
    scope.addContentTypeParser(
      'multipart/form-data',
      { parseAs: 'buffer', bodyLimit: maxCsvBytes },
      (request, body, done) => {
        try {
          done(null, parseMultipart(body as Buffer, request.headers['content-type'] ?? ''));
        } catch (error) {
          done(error as Error);
        }
      },
    );
    scope.setErrorHandler((error: FastifyError) => {
      if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
        throw new AppError('file_too_large', 'That file is too large.', { field: 'file' });
      }
      throw error;
    });
    scope.post(
      '/admin/newsletters/subscribers/import',
      { schema: { hide: true } },
      async (request, reply) => {
        const body = (request.body ?? {}) as MultipartBody;
        const file = body.file;
        const text = isUploadedFile(file) ? file.data.toString('utf8') : '';
        const result = await attempt(() =>
          newsletters.importCsv(request.viewer!.user, text, { attest: body.attest === 'on' }),
        );
        if (!result.ok) return listPage(request, reply, {}, { error: result.error });
        return listPage(request, reply, {}, { report: result.value });
      },
    );
  });
}
