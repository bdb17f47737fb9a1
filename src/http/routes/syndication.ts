/**
 * Feeds (RSS 2.0 and Atom for the site, each section, author and topic, and the corrections) and the
 * corrections page. Feeds answer with an ETag and a Last-Modified, and 304 when either shows the
 * reader has them already.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Services } from '../../services/index.js';
import type { FeedScope } from '../../services/syndication.js';
import type { PageContext, SiteContext } from '../../views/context.js';
import { articleFeedXml, correctionsFeedXml, type FeedFormat } from '../../views/feeds.js';
import { correctionsPageView } from '../../views/pages/corrections.js';
import { newsSitemapXml, robotsTxt, sitemapIndexXml, urlsetXml } from '../../views/sitemaps.js';
import { matchesEtag } from '../page-cache.js';
import { etagOf, sendPage } from '../plugins/pages.js';

const contentTypes: Record<FeedFormat, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
};

/** Sends a feed or other generated document with validators; `updated` is its newest content. */
export function sendDocument(
  request: FastifyRequest,
  reply: FastifyReply,
  body: string,
  contentType: string,
  updated: string | null,
) {
  const etag = etagOf(body);
  // HTTP dates have whole seconds.
  const modified = Math.floor(Date.parse(updated ?? '1970-01-01T00:00:00Z') / 1000) * 1000;
  reply
    .type(contentType)
    .header('Cache-Control', 'public, max-age=0, must-revalidate')
    .header('Vary', 'Accept-Encoding')
    .header('ETag', etag)
    .header('Last-Modified', new Date(modified).toUTCString());
  const ifNoneMatch = request.headers['if-none-match'];
  const ifModifiedSince = request.headers['if-modified-since'];
  // If-None-Match wins when both are sent (RFC 9110 §13.2.2).
  const fresh =
    ifNoneMatch !== undefined
      ? matchesEtag(ifNoneMatch, [etag])
      : ifModifiedSince !== undefined && Date.parse(ifModifiedSince) >= modified;
  if (fresh) return reply.code(304).send();
  return reply.send(body);
}

const formats: [FeedFormat, string][] = [
  ['rss', 'feed.xml'],
  ['atom', 'atom.xml'],
];

export function syndicationRoutes(
  fastify: FastifyInstance,
  services: Pick<Services, 'syndication'>,
  site: () => Promise<SiteContext>,
  pageContext: (request: FastifyRequest) => Promise<PageContext>,
  /** The app's clock: the news sitemap's 48 hours end now. */
  clock: () => Date = () => new Date(),
): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const slugParams = Type.Object({ slug: Type.String({ maxLength: 200 }) });

  async function articleFeed(
    request: FastifyRequest,
    reply: FastifyReply,
    scope: FeedScope,
    format: FeedFormat,
  ) {
    const feed = await services.syndication.articleFeed(scope);
    return sendDocument(
      request,
      reply,
      articleFeedXml(await site(), feed, format),
      contentTypes[format],
      feed.updated,
    );
  }

  for (const [format, file] of formats) {
    app.get(`/${file}`, { schema: { hide: true } }, (request, reply) =>
      articleFeed(request, reply, { kind: 'site' }, format),
    );
    app.get(
      `/:section/${file}`,
      { schema: { hide: true, params: Type.Object({ section: Type.String({ maxLength: 200 }) }) } },
      (request, reply) =>
        articleFeed(request, reply, { kind: 'section', slug: request.params.section }, format),
    );
    app.get(
      `/author/:slug/${file}`,
      { schema: { hide: true, params: slugParams } },
      (request, reply) =>
        articleFeed(request, reply, { kind: 'author', slug: request.params.slug }, format),
    );
    app.get(
      `/tag/:slug/${file}`,
      { schema: { hide: true, params: slugParams } },
      (request, reply) =>
        articleFeed(request, reply, { kind: 'tag', slug: request.params.slug }, format),
    );
    app.get(`/corrections/${file}`, { schema: { hide: true } }, async (request, reply) => {
      const feed = await services.syndication.correctionsFeed();
      return sendDocument(
        request,
        reply,
        correctionsFeedXml(await site(), feed, format),
        contentTypes[format],
        feed.updated,
      );
    });
  }

  const xml = 'application/xml; charset=utf-8';

  app.get('/sitemap.xml', { schema: { hide: true } }, async (request, reply) => {
    const map = await services.syndication.sitemap();
    const body =
      map.kind === 'index'
        ? sitemapIndexXml((await site()).baseUrl, map.sitemaps)
        : urlsetXml((await site()).baseUrl, map.urls);
    return sendDocument(request, reply, body, xml, map.updated);
  });

  app.get(
    '/sitemap-:part.xml',
    { schema: { hide: true, params: Type.Object({ part: Type.String({ maxLength: 20 }) }) } },
    async (request, reply) => {
      const part = await services.syndication.sitemapPart(request.params.part);
      return sendDocument(
        request,
        reply,
        urlsetXml((await site()).baseUrl, part.urls),
        xml,
        part.updated,
      );
    },
  );

  app.get('/news-sitemap.xml', { schema: { hide: true } }, async (request, reply) => {
    const news = await services.syndication.newsSitemap(clock());
    return sendDocument(
      request,
      reply,
      newsSitemapXml(await site(), news.articles),
      xml,
      news.updated,
    );
  });

  app.get('/robots.txt', { schema: { hide: true } }, async (request, reply) =>
    sendDocument(
      request,
      reply,
      robotsTxt((await site()).baseUrl),
      'text/plain; charset=utf-8',
      null,
    ),
  );

  app.get(
    '/corrections',
    {
      schema: {
        hide: true,
        querystring: Type.Object({ cursor: Type.Optional(Type.String({ maxLength: 200 })) }),
      },
    },
    async (request, reply) => {
      const { cursor } = request.query;
      const [ctx, page] = await Promise.all([
        pageContext(request),
        services.syndication.corrections(cursor),
      ]);
      return sendPage(request, reply, correctionsPageView(ctx, page, cursor === undefined));
    },
  );
}
