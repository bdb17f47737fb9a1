/**
 * The live posting screen (docs/live-coverage.md): thin form routes over services.live. A
 * refused form comes back with its text and the problem; a done one redirects with a notice.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../../../errors.js';
import { isEditor } from '../../../domain/workflow.js';
import type { LiveUpdate } from '../../../domain/live.js';
import type { Services } from '../../../services/index.js';
import { notice } from '../../../views/pages/admin/page.js';
import {
  liveDeskNotices,
  liveDeskView,
  presenceLine,
  type UpdateForm,
} from '../../../views/pages/admin/live-desk.js';
import { sendPage } from '../../plugins/pages.js';
import { attempt, problemOf, type FormFields, type FormPageDeps } from '../forms.js';
import { me, Params, Text } from './article-editor-page.js';

const UpdateParams = Type.Object({
  id: Type.String({ maxLength: 100 }),
  updateId: Type.String({ maxLength: 100 }),
});
const On = Type.Optional(Type.Union([Type.Literal('on'), Type.Literal('off')]));

export function liveDeskPages(
  fastify: FastifyInstance,
  services: Pick<Services, 'live' | 'newsletterDesk'>,
  deps: Pick<FormPageDeps, 'pageContext'>,
): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { live } = services;

  async function show(
    request: FastifyRequest,
    reply: FastifyReply,
    articleId: string,
    extra: {
      form?: UpdateForm;
      preview?: LiveUpdate;
      error?: AppError;
      problemFor?: string;
      done?: string | undefined;
      cursor?: string | undefined;
    } = {},
  ) {
    const user = me(request);
    const [ctx, article] = await Promise.all([
      deps.pageContext(request),
      live.article(user, articleId),
    ]);
    // Opening the screen (or coming back to it from a form) counts as being on it.
    const [coverage, list, presence] = await Promise.all([
      live.coverage(article.id),
      live.newsroomList(user, article.id, extra.cursor),
      live.here(user, article.id, false),
    ]);
    const target = extra.problemFor;
    const where: FormFields = target
      ? {
          fields: {
            title: `edit-title-${target}`,
            body: `edit-body-${target}`,
            note: `remove-${target}`,
          },
          conditions: { removal_note_required: `remove-${target}` },
        }
      : { fields: { title: 'update-title', body: 'update-body' } };
    const page = liveDeskView(ctx, {
      article,
      coverage,
      updates: list.updates,
      next: list.next,
      ...(extra.form ? { form: extra.form } : {}),
      preview: extra.preview,
      problem: extra.error ? problemOf(extra.error, ctx.i18n, where) : undefined,
      problemFor: target,
      done: notice(liveDeskNotices, extra.done),
      presence,
      viewerId: user.id,
    });
    return sendPage(request, reply, page, { status: extra.error?.status ?? 200 });
  }

  const back = (reply: FastifyReply, id: string, done: string, anchor = '') =>
    reply.redirect(`/admin/articles/${id}/live?done=${done}${anchor}`, 303);

  app.get(
    '/admin/articles/:id/live',
    {
      schema: {
        hide: true,
        params: Params,
        querystring: Type.Object({ done: Text(20), cursor: Text(300) }),
      },
    },
    (request, reply) =>
      show(request, reply, request.params.id, {
        done: request.query.done,
        cursor: request.query.cursor,
      }),
  );

  // Who is posting now: the screen's island says it is open (and whether its person is typing)
  // every few seconds, and hears who else is (decisions/0089); `leaving` when it is closed.
  app.post(
    '/admin/articles/:id/live/presence',
    {
      schema: {
        hide: true,
        params: Params,
        body: Type.Object(
          { writing: Type.Boolean(), leaving: Type.Optional(Type.Boolean()) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            text: Type.String(),
            people: Type.Array(Type.Object({ name: Type.String(), writing: Type.Boolean() })),
          }),
        },
      },
    },
    async (request, reply) => {
      const user = me(request);
      const { id } = request.params;
      const [ctx, presence] = await Promise.all([
        deps.pageContext(request),
        request.body.leaving
          ? live.leave(user, id).then(() => [])
          : live.here(user, id, request.body.writing),
      ]);
      void reply.header('cache-control', 'no-store');
      const others = presence.filter((p) => p.userId !== user.id);
      return {
        text: presenceLine(ctx.i18n, presence, user.id),
        people: others.map((p) => ({ name: p.name, writing: p.writing })),
      };
    },
  );

  for (const step of ['start', 'end', 'reopen'] as const) {
    app.post(
      `/admin/articles/:id/live/${step}`,
      { schema: { hide: true, params: Params } },
      async (request, reply) => {
        const { id } = request.params;
        const result = await attempt(() => live[step](me(request), id));
        if (!result.ok) return show(request, reply, id, { error: result.error });
        return back(reply, id, { start: 'started', end: 'ended', reopen: 'reopened' }[step]);
      },
    );
  }

  app.post(
    '/admin/articles/:id/live/updates',
    {
      schema: {
        hide: true,
        params: Params,
        body: Type.Object(
          {
            title: Text(1_000),
            body: Text(100_000),
            keyEvent: On,
            closing: On,
            alert: On,
            action: Text(10),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const b = request.body;
      const form: UpdateForm = {
        title: b.title ?? '',
        body: b.body ?? '',
        keyEvent: b.keyEvent === 'on',
        closing: b.closing === 'on',
        alert: b.alert === 'on',
      };
      if (b.action === 'preview') {
        const result = await attempt(() => live.preview(me(request), id, form));
        if (!result.ok) return show(request, reply, id, { form, error: result.error });
        return show(request, reply, id, { form, preview: result.value });
      }
      const user = me(request);
      const result = await attempt(async () => {
        // Only editors send alerts: refused before anything is posted.
        if (form.alert && !isEditor(user.role)) {
          throw new AppError('editor_only', 'Only editors send alerts.');
        }
        const posted = await live.post(user, id, form);
        if (form.alert) {
          const article = await live.article(user, id);
          await services.newsletterDesk.requestUpdateAlert(user, article, posted);
        }
        return posted;
      });
      if (!result.ok) return show(request, reply, id, { form, error: result.error });
      return back(reply, id, form.alert ? 'alerted' : 'posted');
    },
  );

  app.post(
    '/admin/articles/:id/live/updates/:updateId',
    {
      schema: {
        hide: true,
        params: UpdateParams,
        body: Type.Object(
          { title: Text(1_000), body: Text(100_000) },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const { id, updateId } = request.params;
      const result = await attempt(() =>
        live.edit(me(request), id, updateId, {
          title: request.body.title ?? null,
          body: request.body.body ?? '',
        }),
      );
      if (!result.ok) {
        return show(request, reply, id, { error: result.error, problemFor: updateId });
      }
      return back(reply, id, 'saved');
    },
  );

  app.post(
    '/admin/articles/:id/live/updates/:updateId/flags',
    {
      schema: {
        hide: true,
        params: UpdateParams,
        body: Type.Object(
          { pinned: On, keyEvent: On, closing: On },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const { id, updateId } = request.params;
      const flag = (v: 'on' | 'off' | undefined) => (v === undefined ? {} : { value: v === 'on' });
      const b = request.body;
      const flags = {
        ...('value' in flag(b.pinned) ? { pinned: b.pinned === 'on' } : {}),
        ...('value' in flag(b.keyEvent) ? { keyEvent: b.keyEvent === 'on' } : {}),
        ...('value' in flag(b.closing) ? { closing: b.closing === 'on' } : {}),
      };
      const result = await attempt(() => live.mark(me(request), id, updateId, flags));
      if (!result.ok) {
        return show(request, reply, id, { error: result.error, problemFor: updateId });
      }
      return back(reply, id, 'marked');
    },
  );

  app.post(
    '/admin/articles/:id/live/updates/:updateId/remove',
    {
      schema: {
        hide: true,
        params: UpdateParams,
        body: Type.Object({ note: Text(2_000) }, { additionalProperties: false }),
      },
    },
    async (request, reply) => {
      const { id, updateId } = request.params;
      const result = await attempt(() =>
        live.remove(me(request), id, updateId, request.body.note ?? ''),
      );
      if (!result.ok) {
        return show(request, reply, id, { error: result.error, problemFor: updateId });
      }
      return back(reply, id, 'removed');
    },
  );
}
