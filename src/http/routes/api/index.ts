import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../services/index.js';
import { articleApi } from './articles.js';
import { commentApi } from './comments.js';
import { webhookApi } from './webhooks.js';
import { liveApi } from './live.js';
import { moderationApi } from './moderation.js';
import type { LiveHub } from '../../live.js';
import { newsroomApi } from './newsroom.js';
import { ArticleBody, CommentBody, ErrorBody, ImageBody, UserBody } from './schemas.js';
import { imageApi } from './images.js';
import { accountApi } from './accounts.js';
import { siteApi, SiteBody } from './site.js';
import { demoApi } from './demo.js';
import { pagesApi } from './pages.js';
import { invitationApi } from './invitations.js';
import type { Limits } from '../../limits.js';
import type { CookieSettings } from '../../plugins/auth.js';
import { draftApi } from './drafts.js';
import { frontApi } from './front.js';
import { sectionApi } from './sections.js';
import { menuApi } from './menus.js';
import { newsletterApi } from './newsletters.js';

export function apiRoutes(
  app: FastifyInstance,
  services: Pick<
    Services,
    | 'newsroom'
    | 'reading'
    | 'images'
    | 'accounts'
    | 'personalData'
    | 'sessions'
    | 'comments'
    | 'threads'
    | 'moderation'
    | 'site'
    | 'demo'
    | 'front'
    | 'pages'
    | 'invitations'
    | 'staff'
    | 'sections'
    | 'menus'
    | 'moderationDigest'
    | 'webhooks'
    | 'newsletters'
    | 'newsletterDesk'
  >,
  options: { baseUrl: string; limits: Limits; cookies: CookieSettings; live: LiveHub },
): void {
  app.addSchema(ErrorBody);
  app.addSchema(ImageBody);
  app.addSchema(ArticleBody);
  app.addSchema(UserBody);
  app.addSchema(CommentBody);
  app.addSchema(SiteBody);
  app.addHook('onRequest', async (request, reply) => {
    if (request.url.startsWith('/api/')) reply.header('Cache-Control', 'no-store');
  });
  articleApi(app, services, options.baseUrl);
  newsroomApi(app, services, options.baseUrl);
  imageApi(app, services, options.baseUrl);
  accountApi(app, services, options.limits, options.cookies);
  commentApi(app, services);
  liveApi(app, services, options.live);
  moderationApi(app, services, options.baseUrl);
  siteApi(app, services, options.baseUrl);
  demoApi(app, services);
  draftApi(app, services, options.baseUrl);
  frontApi(app, services);
  pagesApi(app, services, options.baseUrl);
  invitationApi(app, services, options.limits);
  sectionApi(app, services, options.baseUrl);
  menuApi(app, services);
  webhookApi(app, services);
  newsletterApi(app, services, options.baseUrl);
  app.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
