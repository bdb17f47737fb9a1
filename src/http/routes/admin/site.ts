/** /admin/site: the site's identity, its logo and its icons (admins). */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { IdentityText, SiteIdentity } from '../../../domain/site.js';
import { AppError } from '../../../errors.js';
import { megabytes } from '../../../services/images.js';
import type { Services } from '../../../services/index.js';
import type { MessageKey } from '../../../i18n/translator.js';
import { notice } from '../../../views/pages/admin/page.js';
import { siteNotices, sitePageView } from '../../../views/pages/admin/site.js';
import type { FormProblem } from '../../../views/forms.js';
import type { MultipartBody } from '../../multipart.js';
import { sendPage } from '../../plugins/pages.js';
import { attempt, problemOf, type FormPageDeps } from '../forms.js';
import { acceptUploads, uploadFrom } from '../upload-parsing.js';

const Text = (maxLength: number) => Type.Optional(Type.String({ maxLength }));

/** Room for what a person may paste: the service gives the real limits and their messages. */
const IdentityForm = Type.Object(
  {
    name: Text(1000),
    tagline: Text(1000),
    description: Text(5000),
    publisherName: Text(1000),
    publisherUrl: Text(5000),
    publisherEmail: Text(1000),
    footerText: Text(5000),
    credit: Type.Optional(Type.Literal('1')),
    timeZone: Text(100),
    language: Text(40),
  },
  { additionalProperties: false },
);

const identityFields = {
  name: 'name',
  tagline: 'tagline',
  description: 'description',
  publisherName: 'publisherName',
  publisherUrl: 'publisherUrl',
  publisherEmail: 'publisherEmail',
  footerText: 'footerText',
  timeZone: 'timeZone',
  language: 'language',
  logo: 'logo',
  icon: 'icon',
};

const textOf = (identity: SiteIdentity): IdentityText => ({
  name: identity.name,
  tagline: identity.tagline,
  description: identity.description,
  publisherName: identity.publisherName,
  publisherUrl: identity.publisherUrl,
  publisherEmail: identity.publisherEmail,
  footerText: identity.footerText,
  credit: identity.credit,
  timeZone: identity.timeZone,
  language: identity.language,
});

export function siteAdminPages(
  fastify: FastifyInstance,
  services: Pick<Services, 'site' | 'images' | 'demo'>,
  deps: FormPageDeps,
): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const maxSize = megabytes(services.images.settings.maxBytes);

  async function page(
    request: FastifyRequest,
    reply: FastifyReply,
    props: { values?: IdentityText; problem?: FormProblem; done?: MessageKey; status?: number },
  ) {
    const [ctx, demoLoaded] = await Promise.all([
      deps.pageContext(request),
      services.demo.isLoaded(),
    ]);
    const view = sitePageView(ctx, {
      demoLoaded,
      values: props.values ?? textOf(ctx.identity),
      problem: props.problem,
      done: props.done,
      maxSize,
    });
    return sendPage(request, reply, view, props.status ? { status: props.status } : {});
  }

  app.get(
    '/admin/site',
    {
      schema: {
        hide: true,
        querystring: Type.Object({ done: Type.Optional(Type.String({ maxLength: 20 })) }),
      },
    },
    async (request, reply) =>
      page(request, reply, { done: notice(siteNotices, request.query.done) }),
  );

  app.post(
    '/admin/site',
    { schema: { hide: true, body: IdentityForm } },
    async (request, reply) => {
      const { credit, ...text } = request.body;
      const input = { ...text, credit: credit === '1' };
      const result = await attempt(() => services.site.update(request.viewer!.user, input));
      if (result.ok) return reply.redirect('/admin/site?done=saved', 303);
      // What was typed comes back, so nothing is lost, with the problem beside its field.
      const current = textOf(await services.site.identity());
      return page(request, reply, {
        values: { ...current, ...input },
        problem: problemOf(result.error, (await deps.pageContext(request)).i18n, {
          fields: identityFields,
        }),
        status: result.error.status,
      });
    },
  );

  for (const what of ['logo', 'icon'] as const) {
    app.post(`/admin/site/${what}/remove`, { schema: { hide: true } }, async (request, reply) => {
      await services.site.remove(request.viewer!.user, what === 'logo' ? 'logo' : 'icons');
      return reply.redirect(
        `/admin/site?done=${what === 'logo' ? 'logoRemoved' : 'iconsRemoved'}`,
        303,
      );
    });
  }

  // Uploads: multipart forms, in a scope of their own.
  void app.register(async (uploads) => {
    acceptUploads(uploads, services.images, { raw: false });
    for (const what of ['logo', 'icon'] as const) {
      uploads.post(`/admin/site/${what}`, { schema: { hide: true } }, async (request, reply) => {
        const upload = uploadFrom((request.body ?? {}) as MultipartBody, undefined);
        const user = request.viewer!.user;
        const result = await attempt(async () => {
          if (!upload) {
            throw new AppError('file_required', 'Choose an image file to upload.', {
              field: what,
            });
          }
          return what === 'logo'
            ? services.site.setLogo(user, upload)
            : services.site.setIcons(user, upload);
        });
        if (result.ok)
          return reply.redirect(`/admin/site?done=${what === 'logo' ? 'logo' : 'icons'}`, 303);
        const problem = problemOf(result.error, (await deps.pageContext(request)).i18n, {
          fields: identityFields,
        });
        return page(request, reply, {
          problem: problem.field ? problem : { ...problem, field: what },
          status: result.error.status,
        });
      });
    }
  });
}
