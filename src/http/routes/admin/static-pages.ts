/**
 * The static pages under /admin/pages, for editors and admins: the list, the editor (new, save,
 * preview; a stale save comes back with both texts), publish and unpublish, and the revisions
 * with their comparison and restore. Plain forms throughout; the service has every rule.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type, type Static } from 'typebox';
import type { Page } from '../../../domain/page.js';
import type { User } from '../../../domain/user.js';
import type { Services } from '../../../services/index.js';
import { pageLimits, StalePageError, type PageFields } from '../../../services/pages.js';
import type { FormProblem } from '../../../views/forms.js';
import {
  blankPageForm,
  pageFormOf,
  pageNotices,
  type PageNotice,
  staticPageEditorView,
  type PageForm,
} from '../../../views/pages/admin/static-page-editor.js';
import { staticPageListView } from '../../../views/pages/admin/static-page-list.js';
import { staticPageRevisionsView } from '../../../views/pages/admin/static-page-revisions.js';
import { sendPage } from '../../plugins/pages.js';
import { noticeOf } from '../../../views/pages/admin/structure-parts.js';
import { attempt, problemOf, type FormFields, type FormPageDeps } from '../forms.js';

const Text = (maxLength: number) => Type.Optional(Type.String({ maxLength }));
const Params = Type.Object({ id: Type.String({ maxLength: 100 }) });
const VersionParams = Type.Object({
  id: Type.String({ maxLength: 100 }),
  version: Type.Integer({ minimum: 1 }),
});
const Done = Type.Object({ done: Text(20) });
const Empty = Type.Object({}, { additionalProperties: false });

const EditForm = Type.Object(
  {
    // A little over the limits, so that the service says what is too long beside the field.
    title: Text(pageLimits.title * 2),
    slug: Text(200),
    description: Text(pageLimits.description * 2),
    body: Text(pageLimits.body * 2),
    version: Type.Optional(Type.String({ pattern: '^[0-9]{1,9}$' })),
    intent: Text(20),
  },
  { additionalProperties: false },
);

/** The editor's inputs that show an error beside them; they carry the API's field names. */
const editorFields: FormFields = {
  fields: { title: 'title', slug: 'slug', description: 'description', body: 'body' },
};

const me = (request: FastifyRequest): User => request.viewer!.user;

function formFrom(body: Static<typeof EditForm>, version: number): PageForm {
  return {
    title: body.title ?? '',
    slug: body.slug ?? '',
    description: body.description ?? '',
    body: (body.body ?? '').replace(/\r\n/g, '\n'),
    version,
  };
}

function fieldsFrom(form: PageForm): PageFields {
  return {
    title: form.title,
    description: form.description,
    body: form.body,
    ...(form.slug.trim() ? { slug: form.slug.trim() } : {}),
  };
}

interface EditorExtra {
  form?: PageForm;
  problem?: FormProblem;
  done?: PageNotice | undefined;
  preview?: boolean;
  conflict?: Page;
  status?: number;
}

export function staticPageAdminPages(
  fastify: FastifyInstance,
  services: Pick<Services, 'pages'>,
  deps: Pick<FormPageDeps, 'pageContext'>,
) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const pages = services.pages;

  async function editor(
    request: FastifyRequest,
    reply: FastifyReply,
    page: Page | null,
    extra: EditorExtra = {},
  ) {
    const [ctx, revisions] = await Promise.all([
      deps.pageContext(request),
      page ? pages.revisions(me(request), page.id) : Promise.resolve([]),
    ]);
    const view = staticPageEditorView(ctx, {
      page,
      form: extra.form ?? (page ? pageFormOf(page) : blankPageForm()),
      problem: extra.problem,
      done: extra.done,
      preview: extra.preview ?? false,
      conflict: extra.conflict,
      revisionCount: revisions.length,
      limits: pageLimits,
    });
    return sendPage(request, reply, view, { status: extra.status ?? 200 });
  }

  /** A button under the editor: back to the editor with a notice, or with the refusal. */
  async function act(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    work: (user: User) => Promise<Page>,
    done: keyof typeof pageNotices,
  ) {
    const result = await attempt(() => work(me(request)));
    if (result.ok) return reply.redirect(`/admin/pages/${result.value.id}?done=${done}`, 303);
    if (result.error.status === 404 || result.error.status === 403) throw result.error;
    const page = await pages.page(me(request), id);
    return editor(request, reply, page, {
      problem: problemOf(result.error, (await deps.pageContext(request)).i18n, editorFields),
      status: result.error.status,
    });
  }

  app.get('/admin/pages', { schema: { hide: true, querystring: Done } }, async (request, reply) => {
    const [ctx, list] = await Promise.all([deps.pageContext(request), pages.list(me(request))]);
    const done = noticeOf(pageNotices, request.query.done);
    return sendPage(request, reply, staticPageListView(ctx, { pages: list, done }));
  });

  app.get('/admin/pages/new', { schema: { hide: true } }, (request, reply) =>
    editor(request, reply, null),
  );

  app.post('/admin/pages', { schema: { hide: true, body: EditForm } }, async (request, reply) => {
    const form = formFrom(request.body, 0);
    if (request.body.intent === 'preview')
      return editor(request, reply, null, { form, preview: true });
    const result = await attempt(() => pages.create(me(request), fieldsFrom(form)));
    if (!result.ok) {
      return editor(request, reply, null, {
        form,
        problem: problemOf(result.error, (await deps.pageContext(request)).i18n, editorFields),
        status: result.error.status,
      });
    }
    return reply.redirect(`/admin/pages/${result.value.id}?done=created`, 303);
  });

  app.get(
    '/admin/pages/:id',
    { schema: { hide: true, params: Params, querystring: Done } },
    async (request, reply) => {
      const page = await pages.page(me(request), request.params.id);
      return editor(request, reply, page, { done: noticeOf(pageNotices, request.query.done) });
    },
  );

  app.post(
    '/admin/pages/:id',
    { schema: { hide: true, params: Params, body: EditForm } },
    async (request, reply) => {
      const user = me(request);
      const page = await pages.page(user, request.params.id);
      const version = Number(request.body.version ?? page.version);
      const form = formFrom(request.body, version);
      if (request.body.intent === 'preview') {
        return editor(request, reply, page, { form, preview: true });
      }
      const result = await attempt(() =>
        pages.edit(user, page.id, { ...fieldsFrom(form), version }),
      );
      if (result.ok) return reply.redirect(`/admin/pages/${page.id}?done=saved`, 303);
      if (result.error instanceof StalePageError) {
        // Their text beside a diff; the form keeps this person's text, now at the current
        // version, so saving again is a deliberate choice.
        const current = result.error.current;
        return editor(request, reply, current, {
          form: { ...form, version: current.version },
          conflict: current,
          problem: problemOf(result.error, (await deps.pageContext(request)).i18n),
          status: 409,
        });
      }
      return editor(request, reply, page, {
        form,
        problem: problemOf(result.error, (await deps.pageContext(request)).i18n, editorFields),
        status: result.error.status,
      });
    },
  );

  app.post(
    '/admin/pages/:id/publish',
    { schema: { hide: true, params: Params, body: Empty } },
    (request, reply) =>
      act(
        request,
        reply,
        request.params.id,
        (u) => pages.publish(u, request.params.id),
        'published',
      ),
  );

  app.post(
    '/admin/pages/:id/unpublish',
    { schema: { hide: true, params: Params, body: Empty } },
    (request, reply) =>
      act(
        request,
        reply,
        request.params.id,
        (u) => pages.unpublish(u, request.params.id),
        'unpublished',
      ),
  );

  async function revisions(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    compare?: { a: number; b: number },
  ) {
    const user = me(request);
    const page = await pages.page(user, id);
    const [ctx, list, a, b] = await Promise.all([
      deps.pageContext(request),
      pages.revisions(user, page.id),
      compare ? pages.revision(user, page.id, compare.a) : null,
      compare ? pages.revision(user, page.id, compare.b) : null,
    ]);
    const view = staticPageRevisionsView(ctx, {
      page,
      revisions: list,
      compare: a && b ? { a, b } : undefined,
    });
    return sendPage(request, reply, view);
  }

  app.get(
    '/admin/pages/:id/revisions',
    { schema: { hide: true, params: Params } },
    (request, reply) => revisions(request, reply, request.params.id),
  );

  app.get(
    '/admin/pages/:id/revisions/compare',
    {
      schema: {
        hide: true,
        params: Params,
        querystring: Type.Object({
          a: Type.Integer({ minimum: 1 }),
          b: Type.Integer({ minimum: 1 }),
        }),
      },
    },
    (request, reply) => revisions(request, reply, request.params.id, request.query),
  );

  app.post(
    '/admin/pages/:id/revisions/:version/restore',
    {
      schema: {
        hide: true,
        params: VersionParams,
        body: Type.Object(
          { version: Type.Optional(Type.String({ pattern: '^[0-9]{1,9}$' })) },
          { additionalProperties: false },
        ),
      },
    },
    (request, reply) =>
      act(
        request,
        reply,
        request.params.id,
        (u) =>
          pages.restore(
            u,
            request.params.id,
            request.params.version,
            Number(request.body.version ?? 0),
          ),
        'restored',
      ),
  );
}
