/**
 * The site's identity: anyone may read it; admins change its text, and upload or remove its
 * logo and icon (raw bytes with any Content-Type, or a multipart form's "file").
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { identityLimits } from '../../../domain/site.js';
import { AppError } from '../../../errors.js';
import type { Services } from '../../../services/index.js';
import { requireRole } from '../../plugins/auth.js';
import { siteJson } from '../../serializers/site.js';
import { acceptUploads, uploadFrom } from '../upload-parsing.js';
import { refusals } from './schemas.js';

const errors = refusals(400, 401, 403, 413, 415, 422);

const Picture = Type.Object({ url: Type.String(), width: Type.Integer(), height: Type.Integer() });

export const SiteBody = Type.Object(
  {
    name: Type.String(),
    tagline: Type.String(),
    description: Type.String(),
    publisherName: Type.String({ description: 'Empty: the site name is used.' }),
    publisherUrl: Type.String(),
    publisherEmail: Type.String(),
    footerText: Type.String(),
    credit: Type.Boolean({ description: '"Published with Broadsheet" in the footer.' }),
    timeZone: Type.String({ description: 'IANA time zone name, e.g. Europe/London.' }),
    language: Type.String({ description: 'BCP 47 tag of the interface language, e.g. en-GB.' }),
    logo: Type.Union([Picture, Type.Null()]),
    icons: Type.Union([
      Type.Object({
        favicon: Type.String(),
        png32: Type.String(),
        touch: Type.String(),
        png192: Type.String(),
        png512: Type.String(),
      }),
      Type.Null(),
    ]),
  },
  { $id: 'Site' },
);

const text = (key: keyof typeof identityLimits) =>
  Type.Optional(Type.String({ maxLength: identityLimits[key] * 4 }));

const SitePatch = Type.Object(
  {
    name: text('name'),
    tagline: text('tagline'),
    description: text('description'),
    publisherName: text('publisherName'),
    publisherUrl: text('publisherUrl'),
    publisherEmail: text('publisherEmail'),
    footerText: text('footerText'),
    credit: Type.Optional(Type.Boolean()),
    timeZone: Type.Optional(Type.String({ maxLength: 100 })),
    language: Type.Optional(Type.String({ maxLength: 40 })),
  },
  { additionalProperties: false },
);

export function siteApi(
  fastify: FastifyInstance,
  services: Pick<Services, 'site' | 'images'>,
  baseUrl: string,
): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const admins = requireRole(['admin']);
  const { site } = services;

  app.get(
    '/api/v1/site',
    {
      schema: {
        summary: 'The site’s name, tagline, publisher, footer, logo and icons',
        tags: ['site'],
        response: { 200: Type.Ref('Site') },
      },
    },
    async () => siteJson(await site.identity(), baseUrl),
  );

  app.patch(
    '/api/v1/site',
    {
      onRequest: admins,
      schema: {
        summary: 'Admins: change the site’s text (only the fields sent)',
        tags: ['site'],
        security: [{ bearer: [] }],
        body: SitePatch,
        response: { 200: Type.Ref('Site'), ...errors },
      },
    },
    async (request) => siteJson(await site.update(request.viewer!.user, request.body), baseUrl),
  );

  void app.register(async (uploads) => {
    acceptUploads(uploads, services.images, { raw: true });
    for (const what of ['logo', 'icon'] as const) {
      uploads.put(
        `/api/v1/site/${what}`,
        {
          onRequest: admins,
          schema: {
            summary:
              what === 'logo'
                ? 'Admins: upload the masthead logo (PNG, JPEG or WebP; raw bytes or multipart "file")'
                : 'Admins: upload the icon the favicon and app icons are made from (square, ≥ 48 px, best 512)',
            tags: ['site'],
            security: [{ bearer: [] }],
            response: { 200: Type.Ref('Site'), ...errors },
          },
        },
        async (request) => {
          const header = request.headers['x-filename'];
          const upload = uploadFrom(request.body, Array.isArray(header) ? header[0] : header);
          if (!upload) {
            throw new AppError('file_required', 'The form has no file in its "file" field.', {
              field: 'file',
            });
          }
          const user = request.viewer!.user;
          const identity =
            what === 'logo' ? await site.setLogo(user, upload) : await site.setIcons(user, upload);
          return siteJson(identity, baseUrl);
        },
      );
    }
  });

  for (const what of ['logo', 'icon'] as const) {
    app.delete(
      `/api/v1/site/${what}`,
      {
        onRequest: admins,
        schema: {
          summary: `Admins: remove the ${what}`,
          tags: ['site'],
          security: [{ bearer: [] }],
          response: { 200: Type.Ref('Site'), ...errors },
        },
      },
      async (request) =>
        siteJson(
          await site.remove(request.viewer!.user, what === 'logo' ? 'logo' : 'icons'),
          baseUrl,
        ),
    );
  }
}
