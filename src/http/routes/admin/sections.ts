/**
 * /admin/sections (admins): list in order with Move up / Move down, create; and each section's
 * page to rename, describe, hide or remove it. Plain forms: POST, then 303 back; a refusal shows
 * the form again with the message beside the input and the service's status (404, 409, 422).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppError } from '../../../errors.js';
import type { Services } from '../../../services/index.js';
import {
  newSectionFields,
  removeFields,
  sectionEditView,
  sectionFields,
  sectionNotices,
  sectionsView,
  type SectionFormValues,
} from '../../../views/pages/admin/sections.js';
import { sendPage } from '../../plugins/pages.js';
import { noticeOf } from '../../../views/pages/admin/structure-parts.js';
import { attempt, problemOf, type FormPageDeps } from '../forms.js';

const Params = Type.Object({ slug: Type.String({ maxLength: 200 }) });
const DetailsBody = Type.Object(
  {
    name: Type.String({ maxLength: 1000 }),
    slug: Type.Optional(Type.String({ maxLength: 1000 })),
    description: Type.Optional(Type.String({ maxLength: 10_000 })),
    hidden: Type.Optional(Type.String({ maxLength: 10 })),
  },
  { additionalProperties: false },
);

function valuesOf(body: {
  name: string;
  slug?: string | undefined;
  description?: string | undefined;
  hidden?: string | undefined;
}): SectionFormValues {
  return {
    name: body.name,
    slug: body.slug ?? '',
    description: body.description ?? '',
    hidden: body.hidden !== undefined && body.hidden !== '',
  };
}

const direction = (value: string | undefined) =>
  value === 'up' || value === 'down' ? value : undefined;

export function sectionAdminPages(
  fastify: FastifyInstance,
  services: Pick<Services, 'sections'>,
  deps: FormPageDeps,
) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { pageContext } = deps;
  const sections = services.sections;

  async function listPage(
    request: FastifyRequest,
    reply: FastifyReply,
    props: Omit<Parameters<typeof sectionsView>[1], 'sections'>,
    status = 200,
  ) {
    const [ctx, list] = await Promise.all([pageContext(request), sections.list()]);
    return sendPage(request, reply, sectionsView(ctx, { ...props, sections: list }), { status });
  }

  async function editPage(
    request: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    props: Omit<Parameters<typeof sectionEditView>[1], 'section' | 'others'>,
    status = 200,
  ) {
    const [ctx, list] = await Promise.all([pageContext(request), sections.list()]);
    const section = list.find((s) => s.slug === slug);
    if (!section) return sections.get(slug); // throws: 404
    const others = list.filter((s) => s.slug !== slug);
    return sendPage(request, reply, sectionEditView(ctx, { ...props, section, others }), {
      status,
    });
  }

  app.get(
    '/admin/sections',
    {
      schema: {
        hide: true,
        querystring: Type.Object({
          done: Type.Optional(Type.String({ maxLength: 20 })),
          focus: Type.Optional(Type.String({ maxLength: 200 })),
          direction: Type.Optional(Type.String({ maxLength: 10 })),
        }),
      },
    },
    async (request, reply) => {
      const { focus } = request.query;
      const moved = direction(request.query.direction);
      return listPage(request, reply, {
        done: noticeOf(sectionNotices, request.query.done),
        focus: focus && moved ? { slug: focus, direction: moved } : undefined,
      });
    },
  );

  app.post(
    '/admin/sections',
    { schema: { hide: true, body: DetailsBody } },
    async (request, reply) => {
      const values = valuesOf(request.body);
      const result = await attempt(() =>
        sections.create({
          name: values.name,
          slug: values.slug,
          description: values.description,
          hidden: values.hidden,
        }),
      );
      if (result.ok) return reply.redirect('/admin/sections?done=created', 303);
      return listPage(
        request,
        reply,
        {
          values,
          problem: problemOf(result.error, (await pageContext(request)).i18n, {
            fields: newSectionFields,
          }),
        },
        result.error.status,
      );
    },
  );

  app.post(
    '/admin/sections/:slug/move',
    {
      schema: {
        hide: true,
        params: Params,
        body: Type.Object({ direction: Type.String({ maxLength: 10 }) }),
      },
    },
    async (request, reply) => {
      const moved = direction(request.body.direction) ?? 'up';
      await sections.move(request.params.slug, moved);
      const focus = new URLSearchParams({
        done: 'moved',
        focus: request.params.slug,
        direction: moved,
      });
      // No #fragment: a browser skips autofocus when the address names an element.
      return reply.redirect(`/admin/sections?${focus}`, 303);
    },
  );

  app.get(
    '/admin/sections/:slug',
    {
      schema: {
        hide: true,
        params: Params,
        querystring: Type.Object({ done: Type.Optional(Type.String({ maxLength: 20 })) }),
      },
    },
    (request, reply) =>
      editPage(request, reply, request.params.slug, {
        done: noticeOf(sectionNotices, request.query.done),
      }),
  );

  app.post(
    '/admin/sections/:slug',
    { schema: { hide: true, params: Params, body: DetailsBody } },
    async (request, reply) => {
      const values = valuesOf(request.body);
      const result = await attempt(() =>
        sections.update(request.params.slug, {
          name: values.name,
          slug: values.slug,
          description: values.description,
          hidden: values.hidden,
        }),
      );
      if (result.ok) {
        return reply.redirect(
          `/admin/sections/${encodeURIComponent(result.value.slug)}?done=saved`,
          303,
        );
      }
      return refused(request, reply, request.params.slug, result.error, { values });
    },
  );

  app.post(
    '/admin/sections/:slug/remove',
    {
      schema: {
        hide: true,
        params: Params,
        body: Type.Object({ moveTo: Type.Optional(Type.String({ maxLength: 200 })) }),
      },
    },
    async (request, reply) => {
      const moveTo = request.body.moveTo ?? '';
      const result = await attempt(() => sections.remove(request.params.slug, moveTo));
      if (result.ok) return reply.redirect('/admin/sections?done=removed', 303);
      return refused(request, reply, request.params.slug, result.error, { moveTo });
    },
  );

  /** The section's page again with the refusal beside its input; a missing section is a 404. */
  async function refused(
    request: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    error: AppError,
    props: { values?: SectionFormValues; moveTo?: string },
  ) {
    if (error.status === 404) throw error;
    const problem = problemOf(error, (await pageContext(request)).i18n, {
      fields: { ...sectionFields, ...removeFields },
    });
    return editPage(request, reply, slug, { ...props, problem }, error.status);
  }
}
