/**
 * Builds the server from the services (src/compose.ts builds them): infrastructure plugins →
 * app plugins → routes → errors. Nothing here listens; see server.ts for the process around it.
 */
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import http from 'node:http';
import { Ajv } from 'ajv';
import addFormatsPlugin from 'ajv-formats';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config.js';
import type { Services } from '../services/index.js';
import type { SharedLimitService } from '../services/limits.js';
import type { SiteContext, SiteFrame } from '../views/context.js';
import { AssetRegistry } from './assets.js';
import { SequencedFeedHub } from './feed-hub.js';
import { commentFeed, type LiveHub } from './live.js';
import { liveUpdateFeed } from './live-updates.js';
import { liveUpdateApi, liveUpdateFormatter } from './routes/api/live-updates.js';
import { Drain } from './drain.js';
import { commentJson } from './serializers/comments.js';
import { resolveLimits, type Limits } from './limits.js';
import { PageCache, type CachedPage } from './page-cache.js';
import { authentication, sessionCookieName } from './plugins/auth.js';
import { pageCaching } from './plugins/page-cache.js';
import { fastLane, type LaneSeries } from './fast-lane.js';
import { articleRoute, readerLane, type ReaderLane } from './reader-lane.js';
import type { ViewedPage } from '../domain/insights.js';
import { countViews } from './plugins/insights.js';
import { csrfProtection } from './plugins/csrf.js';
import { errorHandling } from './plugins/errors.js';
import { formInput, textInput } from './plugins/text-input.js';
import { Metrics, requestMetrics } from './plugins/metrics.js';
import { securityHeaderList, securityHeaders } from './plugins/security-headers.js';
import { accountPages } from './routes/account/index.js';
import { adminPages } from './routes/admin/index.js';
import { apiRoutes } from './routes/api/index.js';
import { commentForms } from './routes/comments.js';
import { reportForms } from './routes/reports.js';
import { languageForm } from './routes/language.js';
import { assetRoutes } from './routes/assets.js';
import { dayClock } from '../domain/local-time.js';
import { translator } from '../i18n/translator.js';
import { pageContexts } from './routes/forms.js';
import { healthRoutes, type DatabaseHealth } from './routes/health.js';
import type { OutboxPages } from './routes/admin/outbox.js';
import { imageRoutes } from './routes/images.js';
import { siteFileRoutes } from './routes/site-files.js';
import { readerRoutes } from './routes/reader.js';
import { searchRoutes } from './routes/search.js';
import { newsletterPages } from './routes/newsletters.js';
import { syndicationRoutes } from './routes/syndication.js';

/** What the app asks of the database itself: readiness, and each query's time for /metrics. */
export interface DatabaseProbe extends DatabaseHealth {
  observeQueries(listener: (seconds: number, ok: boolean) => void): void;
}

export interface AppDeps {
  config: Config;
  logger: FastifyBaseLogger;
  services: Services;
  database: DatabaseProbe;
  /** The admin outbox page's one read. */
  outbox: OutboxPages;
  metrics?: Metrics;
  /** Rate limits and the live-stream cap, counted with every other process and server. */
  sharedLimits: SharedLimitService;
  /** Overrides of the default request limits (tests and benchmarks). */
  limits?: Partial<Limits>;
  /** The time now; tests set it to see a day change (the masthead's date, the page cache's day). */
  clock?: () => Date;
}

export interface App {
  server: FastifyInstance;
  /** Every route registered (method and URL pattern), for tests that must cover them all. */
  routes: { method: string; url: string }[];
  services: Services;
  metrics: Metrics;
  /** Rendered anonymous pages; emptied exactly by the changes announced on `services.changes`. */
  pageCache: PageCache;
  live: LiveHub;
  /** The graceful drain of this server (SIGTERM in server.ts). */
  drain: Drain;
  /** Signed-in readers' article pages answered before routing (decision 0092). */
  readers: ReaderLane;
}

let sharedAssets: AssetRegistry | undefined;

// ajv-formats is CommonJS with a default export that TypeScript sees as the module.
const addFormats = addFormatsPlugin as unknown as (ajv: Ajv) => Ajv;

export async function buildApp(deps: AppDeps): Promise<App> {
  const { config, services, outbox } = deps;
  const metrics = deps.metrics ?? new Metrics();
  const limits = resolveLimits(deps.limits);
  const cookies = { https: config.baseUrl.startsWith('https:') };
  deps.database.observeQueries((seconds, ok) => metrics.observeQuery(seconds, ok));
  sharedAssets ??= new AssetRegistry();
  const assets = sharedAssets;

  const clock = deps.clock ?? (() => new Date());
  // Cached pages last until the site's midnight: the masthead shows the day there.
  const pageCache = new PageCache(
    config.pageCacheMb * 2 ** 20,
    dayClock(
      () => clock().getTime(),
      () => services.site.current().timeZone,
    ),
  );
  const sessionCookie = sessionCookieName(cookies);
  // Audience insights (docs/insights.md): page-cache hits are counted where they are answered.
  const seen = config.insights
    ? (req: http.IncomingMessage, entry: CachedPage) => services.views.cachedHit(req, entry)
    : undefined;
  const lane = fastLane({
    cache: pageCache,
    sessionCookie,
    headers: securityHeaderList({ https: cookies.https }),
    counted: { GET: laneSeries(metrics, 'GET'), HEAD: laneSeries(metrics, 'HEAD') },
    log: requestLine(deps.logger),
    ...(seen ? { seen } : {}),
  });
  // Signed-in readers of article pages whose shell is cached (decision 0092).
  const readers = readerLane({
    cache: pageCache,
    sessionCookie,
    services,
    headers: securityHeaderList({ https: cookies.https }),
    counted: {
      requests: metrics.requests.for({ method: 'GET', route: articleRoute, status: '200' }),
      latency: metrics.latency.for({ method: 'GET', route: articleRoute }),
    },
    log: requestLine(deps.logger),
    ...(config.insights
      ? { view: (page: ViewedPage, req: http.IncomingMessage) => services.views.count(page, req) }
      : {}),
    error: (error) => deps.logger.error({ err: error }, 'reader lane'),
    clock,
  });

  let drain: Drain | undefined;
  const server = Fastify({
    loggerInstance: deps.logger,
    // Fastify's two lines per request are replaced by the one below.
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: config.trustProxy === false ? false : [...config.trustProxy],
    bodyLimit: limits.bodyBytes,
    // Cut off clients that trickle their request in: the whole request must arrive within
    // requestTimeout, its headers within headersTimeout, checked every second (Node's default
    // check runs only every 30 s). Fastify applies none of its own timeout options to a server
    // made here, so every timeout is set on it (docs/decisions/0062-drain-and-timeouts.md).
    serverFactory: (handler) => {
      const made = http.createServer(
        {
          requestTimeout: limits.requestTimeoutMs,
          headersTimeout: Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs),
          connectionsCheckingInterval: Math.min(1000, limits.requestTimeoutMs),
          keepAliveTimeout: limits.keepAliveTimeoutMs,
        },
        // Anonymous requests for pages already in the cache are answered before routing.
        (req, res) => {
          if (drain?.intercept(req, res)) return;
          if (!lane(req, res) && !readers(req, res, () => handler(req, res))) handler(req, res);
        },
      );
      drain = new Drain(made, config.trustProxy !== false);
      made.keepAliveTimeout = limits.keepAliveTimeoutMs;
      made.timeout = limits.idleSocketTimeoutMs;
      return made;
    },
    return503OnClosing: true,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    // A path that is not valid UTF-8 names nothing here: 404, as any unknown address is.
    frameworkErrors: (error, _request, reply) => {
      if (error.code === 'FST_ERR_BAD_URL') return reply.callNotFound();
      // The others (a parameter over its length…) go to the error handler, as any error does.
      return (reply as unknown as { send(payload: unknown): unknown }).send(error);
    },
  });
  // Query strings and path parameters arrive as text, so numbers and booleans are coerced there;
  // a JSON body is taken as sent, so `"name": 42` is a 400 naming the field, not the string "42".
  const validators = {
    body: addFormats(new Ajv({ coerceTypes: false, useDefaults: true, allErrors: false })),
    text: addFormats(new Ajv({ coerceTypes: 'array', useDefaults: true, allErrors: false })),
  };
  server.setValidatorCompiler(({ schema, httpPart }) =>
    (httpPart === 'body' ? validators.body : validators.text).compile(schema),
  );

  const routes: { method: string; url: string }[] = [];
  server.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method, url: route.url });
  });

  // JSON handlers only ever see JSON: no text/plain body reaches them (forms get their own parser
  // in the scope of the HTML form routes).
  server.removeContentTypeParser('text/plain');
  // Text is decided here, once: valid UTF-8, no control characters but tab and line breaks.
  textInput(server);

  // One line per request, without query strings (they may carry tokens) or headers.
  server.addHook('onResponse', async (request, reply) => {
    request.log.info(
      {
        method: request.method,
        path: request.url.split('?')[0],
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 10) / 10,
      },
      'request',
    );
  });

  await server.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Broadsheet API',
        version: '1',
        description:
          'The Broadsheet JSON API. Errors are {"error": {"code", "message"}} with the matching HTTP status.',
      },
      servers: [{ url: config.baseUrl }],
      components: {
        securitySchemes: {
          bearer: {
            type: 'http',
            scheme: 'bearer',
            description: 'API token from `broadsheet token create`',
          },
        },
      },
    },
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`),
    },
  });
  await server.register(compress, { global: true, threshold: 1024, encodings: ['br', 'gzip'] });
  await server.register(cookie);
  server.decorate('sharedLimits', deps.sharedLimits);
  deps.sharedLimits.observeFailures((outcome) => metrics.limitFailures.inc({ outcome }));
  server.addHook('onClose', async () => deps.sharedLimits.close());

  securityHeaders(server, { https: cookies.https });
  requestMetrics(server, metrics, { token: config.metricsToken });

  const frame: SiteFrame = { baseUrl: config.baseUrl, assetUrl: (name) => assets.url(name) };
  const site = async (): Promise<SiteContext> => {
    const identity = await services.site.identity();
    return {
      ...frame,
      identity,
      siteName: identity.name,
      now: clock(),
      i18n: translator(identity.language, identity.timeZone),
    };
  };
  const pageContext = pageContexts(site, services);

  authentication(server, { sessions: services.sessions, tokens: services.tokens, cookies });
  const stopInvalidating = services.changes.subscribe((change) => pageCache.apply(change));
  server.addHook('preClose', async () => {
    lane.close();
    readers.close();
  });
  server.addHook('onClose', async () => stopInvalidating());
  // Views counted by this app are written before it closes (server.ts stops the timer).
  server.addHook('onClose', async () => services.views.flush().catch(() => {}));
  if (config.insights) countViews(server, services.views);
  else server.decorateRequest('viewedPage', null);
  pageCaching(server, {
    cache: pageCache,
    sessionCookie,
    ...(seen ? { seen } : {}),
  });
  csrfProtection(server, { publicOrigin: new URL(config.baseUrl).origin });

  healthRoutes(server, deps.database);
  assetRoutes(server, assets);
  imageRoutes(server, services);
  siteFileRoutes(server, services);
  const streamOptions = {
    heartbeatMs: limits.liveHeartbeatMs,
    streamsPerClient: config.liveStreamsPerClient,
  };
  const live: LiveHub = new SequencedFeedHub(
    commentFeed(services.threads, commentJson),
    services.changes,
    streamOptions,
    deps.logger,
    deps.sharedLimits,
  );
  // Live streams never finish by themselves: end them first, so close() can complete.
  server.addHook('preClose', async () => live.close());
  apiRoutes(server, services, { baseUrl: config.baseUrl, limits, cookies, live });
  // Live coverage's updates (docs/live-coverage.md): the same machinery, a stream of its own.
  const liveUpdates = new SequencedFeedHub(
    liveUpdateFeed(services.live, liveUpdateFormatter(services, site)),
    services.changes,
    streamOptions,
    deps.logger,
    deps.sharedLimits,
  );
  server.addHook('preClose', async () => liveUpdates.close());
  liveUpdateApi(server, services, liveUpdates);
  // The HTML forms: the only scope that parses form bodies, so the JSON API keeps refusing them.
  // Not awaited: awaiting would load the scope (and settle the routes before it) now, before the
  // error handler below exists; queued, it loads at ready() with everything in place.
  void server.register(async (forms) => {
    formInput(forms);
    const deps = { pageContext, limits, cookies };
    await accountPages(forms, services, deps);
    await adminPages(forms, services, {
      ...deps,
      outbox,
      importMaxMb: config.importMaxMb,
    });
    commentForms(forms, services, deps);
    reportForms(forms, services);
    languageForm(forms, { cookies });
    newsletterPages(forms, services, deps);
  });
  searchRoutes(server, services, pageContext, config.baseUrl);
  syndicationRoutes(server, services, site, pageContext, clock);
  readerRoutes(server, services, site);
  errorHandling(server, pageContext, (url) => services.reading.oldAddress(url));

  await server.ready();
  return {
    server,
    services,
    metrics,
    routes,
    pageCache,
    live,
    drain: drain ?? new Drain(server.server),
    readers,
  };
}

/** The fast lane's metric handles for one method, under the route name it is known by. */
function laneSeries(metrics: Metrics, method: 'GET' | 'HEAD'): LaneSeries {
  const route = 'page cache (fast lane)';
  return {
    200: metrics.requests.for({ method, route, status: '200' }),
    304: metrics.requests.for({ method, route, status: '304' }),
    latency: metrics.latency.for({ method, route }),
  };
}

/**
 * The fast lane's request line, the same as the app's (the `onResponse` hook in buildApp). It
 * is written only when the logger's level is info or lower; the level is read on every hit (a
 * property: it may be changed while running) and judged again only when it has changed.
 */
function requestLine(logger: FastifyBaseLogger) {
  let level = '';
  let enabled = false;
  return {
    enabled: () => {
      if (logger.level !== level) {
        level = logger.level;
        enabled = level === 'info' || level === 'debug' || level === 'trace';
      }
      return enabled;
    },
    line: (entry: { method: string; path: string; status: number; ms: number }) =>
      logger.info(entry, 'request'),
  };
}
