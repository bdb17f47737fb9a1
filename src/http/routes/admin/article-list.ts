/** The newsroom's list of articles under /admin/articles, filtered and paged. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Services } from '../../../services/index.js';
import { articleListView } from '../../../views/pages/admin/article-list.js';
import { articleNotice } from '../../../views/pages/admin/article-status.js';
import { sendPage } from '../../plugins/pages.js';
import type { FormPageDeps } from '../forms.js';
import { me, Text } from './article-editor-page.js';

const perPage = 50;

export function articleListPage(
  fastify: FastifyInstance,
  services: Pick<Services, 'newsroom' | 'reading'>,
  deps: Pick<FormPageDeps, 'pageContext'>,
) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { pageContext } = deps;
  const newsroom = services.newsroom;

  app.get(
    '/admin/articles',
    {
      schema: {
        hide: true,
        querystring: Type.Object({
          status: Text(20),
          section: Text(120),
          author: Text(120),
          q: Text(100),
          page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
          done: Text(20),
        }),
      },
    },
    async (request, reply) => {
      const { status = '', section = '', author = '', q = '', page = 1 } = request.query;
      const [ctx, items, sections] = await Promise.all([
        pageContext(request),
        newsroom.list(me(request), {
          status,
          section,
          author,
          text: q,
          page,
          perPage: perPage + 1,
        }),
        services.reading.sections(),
      ]);
      return sendPage(
        request,
        reply,
        articleListView(ctx, {
          items: items.slice(0, perPage),
          sections,
          query: { status, section, author, q, page },
          hasMore: items.length > perPage,
          done: articleNotice(request.query.done),
        }),
      );
    },
  );
}
