/**
 * The newsroom API (SPEC §4): create a draft, edit it with the version it was read at (a stale
 * edit is 409 with the article as it is now), submit, publish or schedule, unpublish, add and
 * retract corrections, list and restore revisions. Role guards per route; ownership and status
 * rules are the service's.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Article } from '../../../domain/article.js';
import { editorRoles, newsroomRoles } from '../../../domain/workflow.js';
import { publicError } from '../../../errors.js';
import type { Services } from '../../../services/index.js';
import { StaleEditError, limits } from '../../../services/newsroom.js';
import { requireRole } from '../../plugins/auth.js';
import { articleJson } from '../../serializers/articles.js';
import { revisionJson } from '../../serializers/revisions.js';
import {
  ConflictBody,
  Correction,
  IdParams,
  refusals,
  Revision,
  RevisionDetail,
  Text,
} from './schemas.js';

const errors = {
  ...refusals(400, 401, 403, 404, 422),
  409: ConflictBody,
};

const Fields = {
  headline: Type.Optional(Text(limits.headline)),
  standfirst: Type.Optional(Text(limits.standfirst)),
  body: Type.Optional(Text(limits.body, 'Markdown; a line [[related:SLUG]] places a headline')),
  section: Type.Optional(Text(120, 'section slug')),
  slug: Type.Optional(Text(120, 'unique site-wide; from the headline when left out')),
  dateline: Type.Optional(Text(limits.dateline)),
  tags: Type.Optional(Type.Array(Text(limits.tagName), { maxItems: 50, description: 'names' })),
  authors: Type.Optional(
    Type.Array(Text(200), { maxItems: 20, description: 'user ids or slugs, byline order' }),
  ),
  related: Type.Optional(
    Type.Array(Text(200), { maxItems: 20, description: "editor's picks: article ids or slugs" }),
  ),
};

export function newsroomApi(
  fastify: FastifyInstance,
  services: Pick<Services, 'newsroom'>,
  baseUrl: string,
): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const newsroom = services.newsroom;
  const staff = requireRole(newsroomRoles);
  const editors = requireRole(editorRoles);

  /** A stale save answers 409 with the current article, so the caller can show both. */
  async function conflictSafe(reply: FastifyReply, work: () => Promise<Article>, status = 200) {
    try {
      return await reply.code(status).send(articleJson(await work(), baseUrl));
    } catch (error) {
      if (!(error instanceof StaleEditError)) throw error;
      return reply.code(409).send({
        error: publicError(error),
        current: articleJson(error.current, baseUrl),
      });
    }
  }

  app.post(
    '/api/v1/articles',
    {
      onRequest: staff,
      schema: {
        summary: 'Newsroom: create a draft (the caller is its author unless authors are given)',
        tags: ['newsroom'],
        security: [{ bearer: [] }],
        body: Type.Object(
          { ...Fields, headline: Text(limits.headline), section: Text(120, 'section slug') },
          { additionalProperties: false },
        ),
        response: { 201: Type.Ref('Article'), ...errors },
      },
    },
    (request, reply) =>
      conflictSafe(reply, () => newsroom.create(request.viewer!.user, request.body), 201),
  );

  app.patch(
    '/api/v1/articles/:id',
    {
      onRequest: staff,
      schema: {
        summary: 'Newsroom: edit; send the version you read. A stale version gets 409',
        tags: ['newsroom'],
        security: [{ bearer: [] }],
        params: IdParams,
        body: Type.Object(
          {
            version: Type.Integer({
              minimum: 1,
              description: 'the version this edit is made from',
            }),
            ...Fields,
            substantive: Type.Optional(
              Type.Boolean({ description: 'editors: a substantive update; sets updatedAt' }),
            ),
            updateNote: Type.Optional(Text(limits.note, 'shown to readers with "Updated"')),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Ref('Article'), ...errors },
      },
    },
    (request, reply) =>
      conflictSafe(reply, () =>
        newsroom.edit(request.viewer!.user, request.params.id, request.body),
      ),
  );

  const EmptyBody = Type.Optional(Type.Object({}, { additionalProperties: false }));

  app.post(
    '/api/v1/articles/:id/submit',
    {
      onRequest: staff,
      schema: {
        summary: 'Newsroom: submit a draft for review',
        tags: ['newsroom'],
        security: [{ bearer: [] }],
        params: IdParams,
        body: EmptyBody,
        response: { 200: Type.Ref('Article'), ...errors },
      },
    },
    async (request) =>
      articleJson(await newsroom.submit(request.viewer!.user, request.params.id), baseUrl),
  );

  app.post(
    '/api/v1/articles/:id/return',
    {
      onRequest: editors,
      schema: {
        summary: 'Editors: send an article in review back to draft, with an optional note',
        tags: ['newsroom'],
        security: [{ bearer: [] }],
        params: IdParams,
        body: Type.Optional(
          Type.Object(
            { note: Type.Optional(Text(limits.returnNote, 'shown to the author in the editor')) },
            { additionalProperties: false },
          ),
        ),
        response: { 200: Type.Ref('Article'), ...errors },
      },
    },
    async (request) =>
      articleJson(
        await newsroom.returnToDraft(request.viewer!.user, request.params.id, request.body?.note),
        baseUrl,
      ),
  );

  app.post(
    '/api/v1/articles/:id/publish',
    {
      onRequest: editors,
      schema: {
        summary: 'Editors: publish now, or schedule with a future `at`',
        tags: ['newsroom'],
        security: [{ bearer: [] }],
        params: IdParams,
        body: Type.Optional(
          Type.Object(
            {
              at: Type.Optional(
                Type.String({
                  maxLength: 40,
                  description:
                    'ISO 8601 time with an offset (Z or ±hh:mm); a past time is refused (422)',
                }),
              ),
            },
            { additionalProperties: false },
          ),
        ),
        response: { 200: Type.Ref('Article'), ...errors },
      },
    },
    async (request) =>
      articleJson(
        await newsroom.publish(request.viewer!.user, request.params.id, request.body?.at),
        baseUrl,
      ),
  );

  app.post(
    '/api/v1/articles/:id/unpublish',
    {
      onRequest: editors,
      schema: {
        summary:
          'Editors: unpublish (its address answers 410); a scheduled one goes back to review',
        tags: ['newsroom'],
        security: [{ bearer: [] }],
        params: IdParams,
        body: EmptyBody,
        response: { 200: Type.Ref('Article'), ...errors },
      },
    },
    async (request) =>
      articleJson(await newsroom.unpublish(request.viewer!.user, request.params.id), baseUrl),
  );

  app.post(
    '/api/v1/articles/:id/corrections',
    {
      onRequest: editors,
      schema: {
        summary: 'Editors: add a correction, clarification or update (it cannot be deleted)',
        tags: ['newsroom'],
        security: [{ bearer: [] }],
        params: IdParams,
        body: Type.Object(
          {
            kind: Type.Union([
              Type.Literal('correction'),
              Type.Literal('clarification'),
              Type.Literal('update'),
            ]),
            text: Text(limits.correction),
            priority: Type.Optional(Type.Union([Type.Literal('high'), Type.Literal('normal')])),
          },
          { additionalProperties: false },
        ),
        response: { 201: Correction, ...errors },
      },
    },
    async (request, reply) => {
      const { correction } = await newsroom.addCorrection(
        request.viewer!.user,
        request.params.id,
        request.body,
      );
      return reply.code(201).send(correction);
    },
  );

  app.post(
    '/api/v1/articles/:id/corrections/:correctionId/retract',
    {
      onRequest: editors,
      schema: {
        summary: 'Editors: retract a correction; it stays visible with the note',
        tags: ['newsroom'],
        security: [{ bearer: [] }],
        params: Type.Object({
          id: Type.String({ maxLength: 200 }),
          correctionId: Type.String({ maxLength: 200 }),
        }),
        body: Type.Object({ note: Text(limits.note) }, { additionalProperties: false }),
        response: { 200: Correction, ...errors },
      },
    },
    async (request) =>
      (
        await newsroom.retractCorrection(
          request.viewer!.user,
          request.params.id,
          request.params.correctionId,
          request.body.note,
        )
      ).correction,
  );

  app.get(
    '/api/v1/articles/:id/revisions',
    {
      onRequest: staff,
      schema: {
        summary: 'Newsroom: every saved version, newest first',
        tags: ['newsroom'],
        security: [{ bearer: [] }],
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(Revision) }), ...errors },
      },
    },
    async (request) => ({
      items: await newsroom.revisions(request.viewer!.user, request.params.id),
    }),
  );

  const VersionParams = Type.Object({
    id: Type.String({ maxLength: 200 }),
    version: Type.Integer({ minimum: 1 }),
  });

  app.get(
    '/api/v1/articles/:id/revisions/:version',
    {
      onRequest: staff,
      schema: {
        summary: 'Newsroom: one saved version in full',
        tags: ['newsroom'],
        security: [{ bearer: [] }],
        params: VersionParams,
        response: { 200: RevisionDetail, ...errors },
      },
    },
    async (request) =>
      revisionJson(
        await newsroom.revision(request.viewer!.user, request.params.id, request.params.version),
      ),
  );

  app.post(
    '/api/v1/articles/:id/revisions/:version/restore',
    {
      onRequest: staff,
      schema: {
        summary: 'Newsroom: save an old version again as the newest (send the current version)',
        tags: ['newsroom'],
        security: [{ bearer: [] }],
        params: VersionParams,
        body: Type.Object(
          { version: Type.Integer({ minimum: 1, description: 'the current version' }) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Ref('Article'), ...errors },
      },
    },
    (request, reply) =>
      conflictSafe(reply, () =>
        newsroom.restore(
          request.viewer!.user,
          request.params.id,
          request.params.version,
          request.body.version,
        ),
      ),
  );
}
