/** Reader pages: front page, sections, articles and their print views. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Services } from '../../services/index.js';
import type { SiteContext } from '../../views/context.js';
import { articlePageView } from '../../views/pages/article.js';
import { authorPageView } from '../../views/pages/author.js';
import { frontPageView } from '../../views/pages/front.js';
import { sectionPageView } from '../../views/pages/section.js';
import { sendPage } from '../plugins/pages.js';

const articleParams = Type.Object({
  section: Type.String(),
  yyyy: Type.String(),
  mm: Type.String(),
  dd: Type.String(),
  slug: Type.String(),
});

export function readerRoutes(
  fastify: FastifyInstance,
  services: Services,
  site: SiteContext,
): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const pageContext = async () => ({ ...site, sections: await services.reading.sections() });

  app.get('/', { schema: { hide: true } }, async (request, reply) => {
    const [ctx, front] = await Promise.all([pageContext(), services.reading.frontPage()]);
    return sendPage(request, reply, frontPageView(ctx, front));
  });

  app.get(
    '/:section',
    {
      schema: {
        hide: true,
        params: Type.Object({ section: Type.String() }),
        querystring: Type.Object({ cursor: Type.Optional(Type.String({ maxLength: 200 })) }),
      },
    },
    async (request, reply) => {
      const { section } = request.params;
      const { cursor } = request.query;
      const [ctx, found] = await Promise.all([
        pageContext(),
        services.reading.section(section, cursor),
      ]);
      return sendPage(
        request,
        reply,
        sectionPageView(ctx, found.section, found.page, cursor === undefined),
      );
    },
  );

  app.get(
    '/author/:slug',
    {
      schema: {
        hide: true,
        params: Type.Object({ slug: Type.String() }),
        querystring: Type.Object({ cursor: Type.Optional(Type.String({ maxLength: 200 })) }),
      },
    },
    async (request, reply) => {
      const { cursor } = request.query;
      const [ctx, found] = await Promise.all([
        pageContext(),
        services.reading.author(request.params.slug, cursor),
      ]);
      return sendPage(
        request,
        reply,
        authorPageView(ctx, found.person, found.page, cursor === undefined),
      );
    },
  );

  for (const print of [false, true]) {
    app.get(
      `/:section/:yyyy/:mm/:dd/:slug${print ? '/print' : ''}`,
      { schema: { hide: true, params: articleParams } },
      async (request, reply) => {
        const p = request.params;
        const path = `/${p.section}/${p.yyyy}/${p.mm}/${p.dd}/${p.slug}`;
        const [ctx, lookup] = await Promise.all([
          pageContext(),
          services.reading.articleAt(path, p.slug),
        ]);
        if (lookup.kind === 'moved')
          return reply.redirect(lookup.path + (print ? '/print' : ''), 301);
        return sendPage(request, reply, articlePageView(ctx, lookup.page, { print }));
      },
    );
  }
}
