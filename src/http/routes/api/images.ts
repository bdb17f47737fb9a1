/**
 * The newsroom's image API: upload (raw bytes or a multipart form), read, change the text about
 * an image, list the newest, and set an article's main image. Stored files are served by
 * routes/images.ts.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { imageLimits } from '../../../domain/image.js';
import { newsroomRoles } from '../../../domain/workflow.js';
import { AppError } from '../../../errors.js';
import type { Services } from '../../../services/index.js';
import { requireRole } from '../../plugins/auth.js';
import { acceptUploads, uploadFrom } from '../upload-parsing.js';
import { articleJson } from '../../serializers/articles.js';
import { imageJson } from '../../serializers/images.js';
import { IdParams, refusals } from './schemas.js';

const errors = refusals(400, 401, 403, 404, 413, 415, 422);

export function imageApi(
  fastify: FastifyInstance,
  services: Pick<Services, 'images' | 'newsroom'>,
  baseUrl: string,
): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const staff = requireRole(newsroomRoles);
  const images = services.images;

  void app.register(async (uploads) => {
    acceptUploads(uploads, images, { raw: true });
    uploads.post(
      '/api/v1/images',
      {
        onRequest: staff,
        schema: {
          summary:
            'Newsroom: upload a JPEG, PNG or WebP image (raw bytes with X-Filename, or multipart field "file")',
          description:
            'The type is read from the bytes. Too large: 413; not JPEG, PNG or WebP: 415; damaged: 422. Multipart forms may also send alt, caption, credit and decorative (1).',
          tags: ['images'],
          security: [{ bearer: [] }],
          response: { 201: Type.Ref('Image'), ...errors },
        },
      },
      async (request, reply) => {
        const header = request.headers['x-filename'];
        const upload = uploadFrom(request.body, Array.isArray(header) ? header[0] : header);
        if (!upload) {
          throw new AppError('file_required', 'The form has no file in its "file" field.', {
            field: 'file',
          });
        }
        const image = await images.upload(request.viewer!.user, upload);
        return reply.code(201).send(imageJson(image, baseUrl));
      },
    );
  });

  app.get(
    '/api/v1/images',
    {
      onRequest: staff,
      schema: {
        summary: 'Newsroom: the newest uploads',
        tags: ['images'],
        security: [{ bearer: [] }],
        querystring: Type.Object({
          limit: Type.Integer({ minimum: 1, maximum: 100, default: 24 }),
        }),
        response: { 200: Type.Object({ items: Type.Array(Type.Ref('Image')) }), ...errors },
      },
    },
    async (request) => ({
      items: (await images.recent(request.viewer!.user, request.query.limit)).map((i) =>
        imageJson(i, baseUrl),
      ),
    }),
  );

  app.get(
    '/api/v1/images/:id',
    {
      onRequest: staff,
      schema: {
        summary: 'Newsroom: one image',
        tags: ['images'],
        security: [{ bearer: [] }],
        params: IdParams,
        response: { 200: Type.Ref('Image'), ...errors },
      },
    },
    async (request) =>
      imageJson(await images.get(request.viewer!.user, request.params.id), baseUrl),
  );

  app.patch(
    '/api/v1/images/:id',
    {
      onRequest: staff,
      schema: {
        summary: 'Newsroom: change the alt text, caption, credit or decorative mark',
        tags: ['images'],
        security: [{ bearer: [] }],
        params: IdParams,
        body: Type.Object(
          {
            alt: Type.Optional(Type.String({ maxLength: imageLimits.alt })),
            decorative: Type.Optional(Type.Boolean()),
            caption: Type.Optional(Type.String({ maxLength: imageLimits.caption })),
            credit: Type.Optional(Type.String({ maxLength: imageLimits.credit })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Ref('Image'), ...errors },
      },
    },
    async (request) => {
      const user = request.viewer!.user;
      const current = await images.get(user, request.params.id);
      const updated = await images.updateDetails(user, current.id, {
        alt: request.body.alt ?? current.alt,
        decorative: request.body.decorative ?? current.decorative,
        caption: request.body.caption ?? current.caption,
        credit: request.body.credit ?? current.credit,
      });
      return imageJson(updated, baseUrl);
    },
  );

  app.put(
    '/api/v1/articles/:id/main-image',
    {
      onRequest: staff,
      schema: {
        summary: "Newsroom: set an article's main image (null removes it)",
        tags: ['images'],
        security: [{ bearer: [] }],
        params: IdParams,
        body: Type.Object(
          { image: Type.Union([Type.String({ maxLength: 100 }), Type.Null()]) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Ref('Article'), ...errors },
      },
    },
    async (request) => {
      const user = request.viewer!.user;
      const article = await services.newsroom.article(user, request.params.id);
      await images.setMainImage(user, article, request.body.image);
      return articleJson(await services.newsroom.article(user, article.id), baseUrl);
    },
  );
}
