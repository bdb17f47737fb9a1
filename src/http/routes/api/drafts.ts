/**
 * Deleting drafts over the API (decisions/0040): the newsroom deletes a never-published draft
 * (authors their own, editors anyone's); admins list deleted drafts and recover one within 30
 * days. Ownership and status rules are the service's.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { newsroomRoles } from '../../../domain/workflow.js';
import type { Services } from '../../../services/index.js';
import { requireRole } from '../../plugins/auth.js';
import { articleJson } from '../../serializers/articles.js';
import { deletedDraftJson } from '../../serializers/deleted-drafts.js';
import { AuthorRef, IdParams, refusals, SectionRef } from './schemas.js';

const errors = refusals(400, 401, 403, 404, 409);

const DeletedDraft = Type.Object({
  id: Type.String(),
  slug: Type.String({ description: 'kept reserved until the draft is purged' }),
  headline: Type.String(),
  status: Type.String({ description: 'the status it had, and gets back when recovered' }),
  section: SectionRef,
  authors: Type.Array(AuthorRef),
  version: Type.Integer(),
  deletedAt: Type.String({ format: 'date-time' }),
  deletedBy: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]),
  purgeAt: Type.String({
    format: 'date-time',
    description: 'when it is removed for good (30 days after deletion)',
  }),
});

export function draftApi(
  fastify: FastifyInstance,
  services: Pick<Services, 'newsroom'>,
  baseUrl: string,
): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const newsroom = services.newsroom;
  const staff = requireRole(newsroomRoles);
  const admins = requireRole(['admin']);

  app.delete(
    '/api/v1/articles/:id',
    {
      onRequest: staff,
      schema: {
        summary:
          'Newsroom: delete a never-published draft (authors: their own); recoverable by an admin for 30 days. A published or once-published article answers 409: unpublish it instead',
        tags: ['newsroom'],
        security: [{ bearer: [] }],
        params: IdParams,
        response: { 200: DeletedDraft, ...errors },
      },
    },
    async (request) =>
      deletedDraftJson(await newsroom.deleteDraft(request.viewer!.user, request.params.id)),
  );

  app.get(
    '/api/v1/articles/deleted',
    {
      onRequest: admins,
      schema: {
        summary: 'Admins: deleted drafts, most recently deleted first',
        tags: ['newsroom'],
        security: [{ bearer: [] }],
        querystring: Type.Object({
          cursor: Type.Optional(Type.String({ pattern: '^[0-9]{1,9}$', maxLength: 9 })),
          limit: Type.Integer({ minimum: 1, maximum: 100, default: 50 }),
        }),
        response: {
          200: Type.Object({
            items: Type.Array(DeletedDraft),
            nextCursor: Type.Union([Type.String(), Type.Null()]),
          }),
          ...errors,
        },
      },
    },
    async (request) => {
      const offset = Number(request.query.cursor ?? 0);
      const { limit } = request.query;
      const drafts = await newsroom.deletedDrafts(request.viewer!.user, {
        limit: limit + 1,
        offset,
      });
      return {
        items: drafts.slice(0, limit).map(deletedDraftJson),
        nextCursor: drafts.length > limit ? String(offset + limit) : null,
      };
    },
  );

  app.post(
    '/api/v1/articles/:id/recover',
    {
      onRequest: admins,
      schema: {
        summary: 'Admins: recover a deleted draft as it was, with its revisions',
        tags: ['newsroom'],
        security: [{ bearer: [] }],
        params: IdParams,
        body: Type.Optional(Type.Object({}, { additionalProperties: false })),
        response: { 200: Type.Ref('Article'), ...errors },
      },
    },
    async (request) =>
      articleJson(await newsroom.recoverDraft(request.viewer!.user, request.params.id), baseUrl),
  );
}
