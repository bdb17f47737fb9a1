/**
 * The editor's image forms: upload or choose the main image and write about it (a multipart
 * form), remove it, upload an image into the body, and change what is written about an image in
 * the body. Each answers like the other editor buttons: back to the editor with a notice, or the
 * editor with the refusal.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Article } from '../../../domain/article.js';
import { imageLimits, type Image } from '../../../domain/image.js';
import type { User } from '../../../domain/user.js';
import { canEdit } from '../../../domain/workflow.js';
import { AppError } from '../../../errors.js';
import type { Services } from '../../../services/index.js';
import type { ImageDetails } from '../../../domain/image.js';
import type { MultipartBody } from '../../multipart.js';
import { acceptUploads, detailsFrom, uploadFrom } from '../upload-parsing.js';
import type { EditorAction } from './article-editor-page.js';

const Params = Type.Object({ id: Type.String({ maxLength: 100 }) });

const forbidden = () =>
  new AppError(
    'editor_only',
    'Only an editor can change an article once it is scheduled or published.',
  );

/** The text about an image, from a form, over what it says now. */
function merged(current: ImageDetails, sent: Partial<ImageDetails>): ImageDetails {
  return {
    alt: sent.alt ?? current.alt,
    decorative: sent.decorative ?? current.decorative,
    caption: sent.caption ?? current.caption,
    credit: sent.credit ?? current.credit,
  };
}

const blank: ImageDetails = { alt: '', decorative: false, caption: '', credit: '' };

function sameDetails(a: ImageDetails, b: ImageDetails): boolean {
  return (
    a.alt.trim() === b.alt.trim() &&
    a.decorative === b.decorative &&
    a.caption.trim() === b.caption.trim() &&
    a.credit.trim() === b.credit.trim()
  );
}

export function articleImagePages(
  fastify: FastifyInstance,
  services: Pick<Services, 'images' | 'newsroom'>,
  act: EditorAction,
): void {
  const { images, newsroom } = services;
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  acceptUploads(app, images, { raw: false });

  /** Sets the main image from the form: a new upload, one chosen from earlier uploads, or the
   * current one with new text. */
  async function saveMainImage(user: User, article: Article, form: MultipartBody) {
    const sent = detailsFrom(form);
    const upload = uploadFrom(form, undefined);
    const current: Image | null = article.mainImage;
    const existing = typeof form.existing === 'string' ? form.existing.trim() : '';
    if (upload) {
      // The fields showed the current image's text: unless it was changed, it describes that
      // image, not this one, so the new image starts without any.
      const details =
        current && sameDetails(merged(blank, sent), current) ? blank : merged(blank, sent);
      const image = await images.upload(user, { ...upload, details });
      await images.setMainImage(user, article, image.id);
    } else if (existing) {
      await images.setMainImage(user, article, existing);
    } else if (current) {
      await images.updateDetails(user, current.id, merged(current, sent));
    } else {
      throw new AppError(
        'file_required',
        'Choose an image file to upload, or one already uploaded.',
        { field: 'file' },
      );
    }
  }

  app.post(
    '/admin/articles/:id/image',
    {
      schema: {
        hide: true,
        params: Params,
        querystring: Type.Object({ place: Type.Optional(Type.Literal('body')) }),
      },
    },
    (request, reply) =>
      act(
        request,
        reply,
        request.params.id,
        async (user) => {
          const article = await newsroom.article(user, request.params.id);
          if (!canEdit(user, article)) throw forbidden();
          const form = (request.body ?? {}) as MultipartBody;
          if (request.query.place !== 'body') {
            await saveMainImage(user, article, form);
            return newsroom.article(user, article.id);
          }
          const upload = uploadFrom(form, undefined);
          if (!upload) {
            throw new AppError('file_required', 'Choose an image file to upload.', {
              field: 'file',
            });
          }
          const image = await images.upload(user, {
            ...upload,
            details: merged(blank, detailsFrom(form)),
          });
          // The line that places it goes at the end of the body, as a saved edit.
          return newsroom.edit(user, article.id, {
            version: article.version,
            body: `${article.body.trimEnd()}\n\n[[image:${image.id}]]\n`,
          });
        },
        () => (request.query.place === 'body' ? 'imagePlaced' : 'image'),
      ),
  );

  app.post(
    '/admin/articles/:id/image/remove',
    {
      schema: {
        hide: true,
        params: Params,
        body: Type.Object({}, { additionalProperties: false }),
      },
    },
    (request, reply) =>
      act(
        request,
        reply,
        request.params.id,
        async (user) => {
          const article = await newsroom.article(user, request.params.id);
          await images.setMainImage(user, article, null);
          return newsroom.article(user, article.id);
        },
        () => 'imageRemoved',
      ),
  );

  const Text = (maxLength: number) => Type.Optional(Type.String({ maxLength }));
  app.post(
    '/admin/articles/:id/images/:imageId',
    {
      schema: {
        hide: true,
        params: Type.Object({
          id: Type.String({ maxLength: 100 }),
          imageId: Type.String({ maxLength: 100 }),
        }),
        body: Type.Object(
          {
            alt: Text(imageLimits.alt),
            decorative: Text(5),
            caption: Text(imageLimits.caption),
            credit: Text(imageLimits.credit),
          },
          { additionalProperties: false },
        ),
      },
    },
    (request, reply) =>
      act(
        request,
        reply,
        request.params.id,
        async (user) => {
          const article = await newsroom.article(user, request.params.id);
          const image = await images.get(user, request.params.imageId);
          await images.updateDetails(user, image.id, {
            alt: request.body.alt ?? '',
            decorative: request.body.decorative === '1',
            caption: request.body.caption ?? '',
            credit: request.body.credit ?? '',
          });
          return article;
        },
        () => 'imageSaved',
      ),
  );
}
