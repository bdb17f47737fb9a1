/**
 * Prometheus metrics: requests by route, latency histograms, database timings, process figures.
 * Served to loopback, or to a scraper with METRICS_TOKEN (docs/operations.md).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../errors.js';
import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

export class Metrics {
  readonly registry = new Registry();
  readonly requests = new Counter({
    name: 'broadsheet_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status code.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });
  readonly latency = new Histogram({
    name: 'broadsheet_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method and route pattern.',
    labelNames: ['method', 'route'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });
  readonly queries = new Histogram({
    name: 'broadsheet_db_query_duration_seconds',
    help: 'Time spent in database queries, by outcome.',
    labelNames: ['outcome'] as const,
    buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5],
    registers: [this.registry],
  });

  readonly limitFailures = new Counter({
    name: 'broadsheet_limit_backend_failures_total',
    help: 'Requests whose shared limit could not be counted (database or Redis down), by what followed: refused (sign-in and other guarded doors, 503) or let_through (live streams).',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'broadsheet_' });
  }

  observeQuery(seconds: number, ok: boolean): void {
    this.queries.observe({ outcome: ok ? 'ok' : 'error' }, seconds);
  }
}

/** Loopback addresses, IPv4 (also as IPv6-mapped) and IPv6. */
function isLoopback(address: string): boolean {
  return /^(::ffff:)?127\./.test(address) || address === '::1';
}

/**
 * Who may read /metrics: anyone with the token, else a request from this machine that did not
 * come through a proxy (a proxy on the same host would make every visitor look local).
 */
export function mayReadMetrics(
  request: { ip: string; headers: Record<string, string | string[] | undefined> },
  token: string | null,
): boolean {
  const auth = request.headers.authorization;
  if (token !== null && typeof auth === 'string' && auth.startsWith('Bearer ')) {
    const given = createHash('sha256').update(auth.slice(7).trim()).digest();
    return timingSafeEqual(given, createHash('sha256').update(token).digest());
  }
  return isLoopback(request.ip) && request.headers['x-forwarded-for'] === undefined;
}

export function requestMetrics(
  app: FastifyInstance,
  metrics: Metrics,
  options: { token: string | null } = { token: null },
): void {
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const labels = { method: request.method, route };
    metrics.requests.inc({ ...labels, status: String(reply.statusCode) });
    metrics.latency.observe(labels, reply.elapsedTime / 1000);
  });
  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    reply.header('Cache-Control', 'no-store');
    if (!mayReadMetrics(request, options.token)) {
      throw new AppError(
        'metrics_forbidden',
        'Metrics are served to this machine only, or with METRICS_TOKEN as a bearer token.',
      );
    }
    reply.type(metrics.registry.contentType);
    return metrics.registry.metrics();
  });
}
