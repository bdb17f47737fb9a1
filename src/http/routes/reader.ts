/** Reader pages: front page, sections, static pages, articles and their print views. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type, type Static } from 'typebox';
import { AppError, notFound } from '../../errors.js';
import type { CommentView } from '../../services/comment-threads.js';
import type { Services } from '../../services/index.js';
import type { FrontPage } from '../../services/reading.js';
import type { ArticleSummary } from '../../domain/article.js';
import type { SiteContext, Viewing } from '../../views/context.js';
import { articlePageView } from '../../views/pages/article.js';
import { authorPageView, tagPageView } from '../../views/pages/author.js';
import { frontPageView } from '../../views/pages/front.js';
import { sectionPageView } from '../../views/pages/section.js';
import { staticPageView } from '../../views/pages/static-page.js';
import { listingsTag } from '../page-cache.js';
import { articlePageData } from '../article-parts.js';
import { sendCached } from '../plugins/page-cache.js';
import { articleRoute, laneUrl, marksOf } from '../reader-lane.js';
import { pageViewer, sendPage } from '../plugins/pages.js';
import { drawOnce, shellsOf, type Drawn } from '../fragments.js';
import { raw } from '../../views/html.js';
import { PageShell, SlotRecorder } from '../../views/slots.js';
import { pageContexts } from './forms.js';
import { liveUpdatePageView } from '../../views/pages/live-update.js';
import { placedArticles, type LiveOrder } from '../../domain/live.js';

/** A missing thing as null; any other failure stays one. */
function unlessNotFound(error: unknown): null {
  if (error instanceof AppError && error.condition === 'not_found') return null;
  throw error;
}

/** Page-cache tags of the articles a page shows (see page-cache.ts). */
const articleTags = (articles: Iterable<{ id: string }>) =>
  [...articles].map((a) => `article:${a.id}`);

/** How many articles an article page's "Most read" lists (itself left out). */
const mostReadLength = 5;
const articleParams = Type.Object({
  section: Type.String(),
  yyyy: Type.String(),
  mm: Type.String(),
  dd: Type.String(),
  slug: Type.String(),
});

/** The same listing with the articles whose live coverage runs now marked for the LIVE label. */
async function markLive<T extends { id: string }>(
  live: Pick<Services, 'live'>['live'],
  items: readonly T[],
): Promise<(T & { live?: boolean })[]> {
  const running = await live.running(items.map((a) => a.id));
  return items.map((a) => (running.has(a.id) ? { ...a, live: true } : a));
}

export function readerRoutes(
  fastify: FastifyInstance,
  services: Pick<
    Services,
    | 'moderation'
    | 'reading'
    | 'threads'
    | 'pages'
    | 'menus'
    | 'live'
    | 'insights'
    | 'commentSettings'
    | 'changes'
  >,
  site: () => Promise<SiteContext>,
): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const pageContext = pageContexts(site, services);

  async function withLiveLabels(front: FrontPage): Promise<FrontPage> {
    const all = [
      ...(front.lead ? [front.lead] : []),
      ...front.featured,
      ...front.latest,
      ...front.bySection.flatMap((s) => s.articles),
    ];
    const marked = new Map((await markLive(services.live, all)).map((a) => [a.id, a]));
    const mark = (a: ArticleSummary) => marked.get(a.id) ?? a;
    return {
      ...front,
      lead: front.lead ? mark(front.lead) : null,
      featured: front.featured.map(mark),
      latest: front.latest.map(mark),
      bySection: front.bySection.map((s) => ({ ...s, articles: s.articles.map(mark) })),
    };
  }

  app.get('/', { schema: { hide: true }, config: { pageCache: {} } }, async (request, reply) => {
    // WordPress's own addresses of posts (/?p=4) lead to the imported article.
    if (/[?&](p|page_id)=\d/.test(request.url)) {
      const moved = await services.reading.oldAddress(request.url);
      if (moved) return reply.redirect(moved, 301);
    }
    const [ctx, unmarked, mostRead] = await Promise.all([
      pageContext(request),
      services.reading.frontPage(),
      services.insights.mostRead(),
    ]);
    const front = await withLiveLabels(unmarked);
    const shown = [
      ...(front.lead ? [front.lead] : []),
      ...front.featured,
      ...front.latest,
      ...front.bySection.flatMap((s) => s.articles),
    ];
    request.viewedPage = { kind: 'front', subject: '' };
    // A pin that expires changes the page with nothing announced: it is cached until then.
    // "Most read" is read again on a schedule: the cached page lasts until then at most.
    const mostReadUntil = services.insights.mostReadUntil();
    return sendPage(request, reply, frontPageView(ctx, front, { mostRead }), {
      cacheTags: [
        'front',
        listingsTag,
        ...articleTags([...shown, ...mostRead.map((a) => ({ id: a.articleId }))]),
      ],
      cacheUntil: front.changesAt
        ? Math.min(Date.parse(front.changesAt), mostReadUntil)
        : mostReadUntil,
    });
  });

  app.get(
    '/:section',
    {
      schema: {
        hide: true,
        params: Type.Object({ section: Type.String() }),
        querystring: Type.Object({ cursor: Type.Optional(Type.String({ maxLength: 200 })) }),
      },
      config: { pageCache: { vary: ['cursor'] } },
    },
    async (request, reply) => {
      const { section } = request.params;
      const { cursor } = request.query;
      const [ctx, found] = await Promise.all([
        pageContext(request),
        services.reading.section(section, cursor).catch(unlessNotFound),
      ]);
      // No section of that name: a static page, or the new address of one (its slugs never
      // equal a section's; a section made later with a page's slug takes the address).
      if (!found) {
        const lookup = await services.pages.atSlug(section);
        if (lookup?.kind === 'moved') return reply.redirect(lookup.path, 301);
        if (!lookup) throw notFound();
        return sendPage(request, reply, staticPageView(ctx, lookup.page), {
          cacheTags: [`page:${lookup.page.id}`],
        });
      }
      request.viewedPage = { kind: 'section', subject: found.section.slug };
      const page = { ...found.page, items: await markLive(services.live, found.page.items) };
      return sendPage(
        request,
        reply,
        sectionPageView(ctx, found.section, page, cursor === undefined),
        {
          cacheTags: [
            `section:${found.section.slug}`,
            listingsTag,
            ...articleTags(found.page.items),
          ],
        },
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
      config: { pageCache: { vary: ['cursor'] } },
    },
    async (request, reply) => {
      const { cursor } = request.query;
      const [ctx, found] = await Promise.all([
        pageContext(request),
        services.reading.author(request.params.slug, cursor),
      ]);
      return sendPage(
        request,
        reply,
        authorPageView(
          ctx,
          found.person,
          { ...found.page, items: await markLive(services.live, found.page.items) },
          cursor === undefined,
        ),
        {
          cacheTags: [`author:${found.person.slug}`, listingsTag, ...articleTags(found.page.items)],
        },
      );
    },
  );

  app.get(
    '/tag/:slug',
    {
      schema: {
        hide: true,
        params: Type.Object({ slug: Type.String({ maxLength: 120 }) }),
        querystring: Type.Object({ cursor: Type.Optional(Type.String({ maxLength: 200 })) }),
      },
      config: { pageCache: { vary: ['cursor'] } },
    },
    async (request, reply) => {
      const { cursor } = request.query;
      const [ctx, found] = await Promise.all([
        pageContext(request),
        services.reading.tag(request.params.slug, cursor),
      ]);
      return sendPage(
        request,
        reply,
        tagPageView(
          ctx,
          found.tag,
          { ...found.page, items: await markLive(services.live, found.page.items) },
          cursor === undefined,
        ),
        { cacheTags: [`tag:${found.tag.slug}`, listingsTag, ...articleTags(found.page.items)] },
      );
    },
  );

  // The article and its print view. The print view is for readers without JavaScript (with it,
  // Print opens the browser's dialog on the article itself); ?comments=1 adds the comments.
  async function article(
    request: FastifyRequest,
    reply: FastifyReply,
    p: Static<typeof articleParams>,
    print: false | { comments: boolean },
    replyTo?: string,
    reported: { id?: string | undefined; opened?: string | undefined } = {},
    commentView?: CommentView,
    moderated?: string,
    liveQuery: { order?: LiveOrder; cursor?: string } = {},
  ) {
    const path = `/${p.section}/${p.yyyy}/${p.mm}/${p.dd}/${p.slug}`;
    // Drawn once for every reader (the shell, see http/fragments.ts), then filled for this one.
    const draw = async (): Promise<Drawn> => {
      const recorder = new SlotRecorder();
      const [ctx, lookup] = await Promise.all([
        pageContext(request),
        articlePageData(services, request.pageCacheSlot?.cache, path, p.slug, commentView),
      ]);
      if (lookup.kind === 'moved') return lookup;
      const base = { ...ctx, viewer: null, slots: recorder };
      // A live article's updates (the print view gives all of them in the order they were
      // posted), and "Most read" in the article's section, read on a schedule (never per view).
      const section = lookup.page.article.section;
      const [live, mostReadInSection] = await Promise.all([
        print
          ? services.live.printView(lookup.page.article.id)
          : services.live.readerView(
              lookup.page.article.id,
              liveQuery.order ?? 'newest',
              liveQuery.cursor,
            ),
        print ? Promise.resolve([]) : services.insights.mostRead(section.slug, mostReadLength + 1),
      ]);
      const mostRead = mostReadInSection
        .filter((m) => m.articleId !== lookup.page.article.id)
        .slice(0, mostReadLength);
      const view = print
        ? articlePageView(base, lookup.page, {
            live,
            print: true,
            printComments: print.comments,
            ...(print.comments
              ? { printedComments: await services.threads.forPrint(lookup.page.article) }
              : {}),
            now: ctx.now,
          })
        : articlePageView(base, lookup.page, {
            live,
            mostRead: { items: mostRead, sectionName: section.name },
          });
      const { article, related, inline, comments } = lookup.page;
      // Comments closing at a set time change the page with nothing announced: it is cached until then.
      const closing = comments.policy.closedBy === null ? comments.policy.closesAt : null;
      // "Most read" is read again on a schedule: the drawn page lasts until then at most.
      const expiries = [
        ...(closing ? [Date.parse(closing)] : []),
        ...(print ? [] : [services.insights.mostReadUntil(section.slug, mostReadLength + 1)]),
      ];
      return {
        kind: 'page',
        shell: PageShell.of(view, recorder, base, {
          articleId: article.id,
          threads: comments.threads,
          print: print !== false,
        }),
        tags: [
          `thread:${article.id}`,
          `live:${article.id}`,
          ...articleTags([
            article,
            ...related,
            ...inline.values(),
            ...mostRead.map((m) => ({ id: m.articleId })),
            // The headlines its updates place.
            ...placedArticles(live ? [live.pinned, ...live.updates] : []),
          ]),
        ],
        expiresAt: expiries.length ? Math.min(...expiries) : undefined,
      };
    };
    const slot = request.pageCacheSlot;
    const drawing = slot ? await shellsOf(slot.cache).shell(slot.key, draw) : await drawOnce(draw);
    if (drawing.kind === 'moved') {
      const suffix = print ? `/print${print.comments ? '?comments=1' : ''}` : '';
      return reply.redirect(drawing.path + suffix, 301);
    }
    const { shell, entry } = drawing;
    if (!print) request.viewedPage = { kind: 'article', subject: shell.data.articleId };
    if (!request.viewer) {
      return slot && entry
        ? sendCached(request, reply, slot.cache, entry, 'miss')
        : sendPage(request, reply, raw(shell.anonymous()));
    }
    if (slot) shellsOf(slot.cache).filled(drawing);
    const { articleId } = shell.data;
    const user = request.viewer.user;
    // The reader's marks, kept per shell and reader until a change can alter them (0092).
    const [state, form, settings] = print
      ? [null, undefined, undefined]
      : await Promise.all([
          marksOf(services.changes).state(
            services,
            shell,
            user,
            slot && entry ? { cache: slot.cache, entry } : undefined,
          ),
          commentFormFor(request, articleId, replyTo),
          threadSettingsFor(request, articleId, moderated),
        ]);
    const comments = state?.comments ?? null;
    const own = state?.own ?? [];
    // The reader lane (decision 0092) answers this URL's next requests while the shell is kept:
    // remembered only when the lane could answer it (it looked at this request and would take
    // it: no notice or form in the query, gzip, a cookie it reads), and not for staff it leaves.
    const laneAsks = laneUrl(request.raw);
    if (
      slot &&
      entry &&
      !print &&
      laneAsks !== undefined &&
      user.role !== 'moderator' &&
      user.role !== 'admin' &&
      request.viewer.via === 'session'
    ) {
      slot.cache.remember(laneAsks, slot.key);
    }
    const filled: Viewing = {
      ctx: { ...shell.base, viewer: pageViewer(request) },
      comments,
      personal: print ? {} : { own, reportedId: reported.id, reportingId: reported.opened },
      form,
      threadSettings: settings,
    };
    if (!slot) return sendPage(request, reply, shell.fillBytes(filled));
    const { body, gzip } = shellsOf(slot.cache).readerBody(
      drawing,
      filled,
      request.headers['accept-encoding'],
      // The layout kept with the marks holds for a page with no comment just reported or opened.
      state && reported.id === undefined && reported.opened === undefined
        ? state.layout
        : undefined,
    );
    if (gzip) reply.header('Content-Encoding', 'gzip');
    return sendPage(request, reply, body);
  }

  // Reply without JavaScript: ?reply=ID puts that comment's id in the signed-in reader's form.
  // Anonymous readers get no form, so their page stays the same bytes whatever the query.
  async function commentFormFor(request: FastifyRequest, articleId: string, replyTo?: string) {
    if (!request.viewer || !replyTo) return undefined;
    const target = await services.threads.replyTarget(articleId, replyTo);
    return target ? { replyTo: { id: target.id, authorName: target.author.name } } : undefined;
  }

  // Moderators and admins close, pre-moderate or reopen the thread from the article itself.
  async function threadSettingsFor(request: FastifyRequest, articleId: string, moderated?: string) {
    const role = request.viewer?.user.role;
    if (role !== 'moderator' && role !== 'admin') return undefined;
    const mode = await services.moderation.threadMode(articleId);
    return { articleId, mode, done: moderated === 'thread' };
  }

  app.get(
    articleRoute,
    {
      schema: {
        hide: true,
        params: articleParams,
        querystring: Type.Object({
          reply: Type.Optional(Type.String({ maxLength: 200 })),
          reported: Type.Optional(Type.String({ maxLength: 200 })),
          // Report without JavaScript: ?report=ID opens that comment's Report form (0084).
          report: Type.Optional(Type.String({ maxLength: 200 })),
          // Comment views that work as plain links: another sort or page, a permalink, and the
          // later replies of one long thread.
          comments_sort: Type.Optional(
            Type.Union([Type.Literal('oldest'), Type.Literal('newest'), Type.Literal('reactions')]),
          ),
          comments_cursor: Type.Optional(Type.String({ maxLength: 300 })),
          comment: Type.Optional(Type.String({ maxLength: 200 })),
          thread: Type.Optional(Type.String({ maxLength: 200 })),
          replies: Type.Optional(Type.String({ maxLength: 300 })),
          // After a moderator saved the thread's comment settings here.
          moderated: Type.Optional(Type.String({ maxLength: 20 })),
          // A live article's updates: oldest first, and later pages.
          live_order: Type.Optional(Type.Union([Type.Literal('newest'), Type.Literal('oldest')])),
          live_cursor: Type.Optional(Type.String({ maxLength: 300 })),
        }),
      },
      // ?reply=, ?reported=, ?report= and ?moderated= only change what the signed-in reader sees.
      config: {
        pageCache: {
          ignore: ['reply', 'reported', 'report', 'moderated'],
          vary: [
            'comments_sort',
            'comments_cursor',
            'comment',
            'thread',
            'replies',
            'live_order',
            'live_cursor',
          ],
        },
      },
    },
    (request, reply) => {
      const q = request.query;
      const view: CommentView = q.comment
        ? { kind: 'around', commentId: q.comment }
        : q.thread && q.replies
          ? { kind: 'thread', rootId: q.thread, cursor: q.replies }
          : { kind: 'page', sort: q.comments_sort ?? 'oldest', cursor: q.comments_cursor };
      return article(
        request,
        reply,
        request.params,
        false,
        q.reply,
        { id: q.reported, opened: q.report },
        view,
        q.moderated,
        {
          ...(q.live_order ? { order: q.live_order } : {}),
          ...(q.live_cursor ? { cursor: q.live_cursor } : {}),
        },
      );
    },
  );

  // One update of a live article, at an address of its own that works without JavaScript.
  app.get(
    '/:section/:yyyy/:mm/:dd/:slug/updates/:updateId',
    {
      schema: {
        hide: true,
        params: Type.Object({
          ...articleParams.properties,
          updateId: Type.String({ maxLength: 100 }),
        }),
      },
      config: { pageCache: {} },
    },
    async (request, reply) => {
      const p = request.params;
      const path = `/${p.section}/${p.yyyy}/${p.mm}/${p.dd}/${p.slug}`;
      const [ctx, found] = await Promise.all([
        pageContext(request),
        services.live.permalink(path, p.slug, p.updateId),
      ]);
      if (found.kind === 'moved') {
        return reply.redirect(`${found.path}/updates/${p.updateId}`, 301);
      }
      return sendPage(
        request,
        reply,
        liveUpdatePageView(ctx, found.article, found.coverage, found.update),
        {
          cacheTags: [
            `live:${found.article.id}`,
            `article:${found.article.id}`,
            // The headlines the update places: the page changes with them.
            ...articleTags(placedArticles([found.update])),
          ],
        },
      );
    },
  );

  app.get(
    '/:section/:yyyy/:mm/:dd/:slug/print',
    {
      schema: {
        hide: true,
        params: articleParams,
        querystring: Type.Object({ comments: Type.Optional(Type.String({ maxLength: 8 })) }),
      },
      config: { pageCache: { vary: ['comments'] } },
    },
    (request, reply) =>
      article(request, reply, request.params, { comments: request.query.comments === '1' }),
  );
}
