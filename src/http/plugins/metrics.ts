/**
 * Prometheus metrics: requests by route, latency histograms, database timings, process figures.
 * Served to loopback, or to a scraper with METRICS_TOKEN (docs/operations.md).
 *
 * The two per-request series (requests and their latency) are counted by `SeriesCounter` and
 * `SeriesHistogram` below rather than prom-client's classes: prom-client checks and hashes the
 * labels on every increment, which cost a cache hit in the fast lane more than the rest of its
 * bookkeeping (decisions/0056-fast-lane-ceiling.md). Here a caller takes a handle for a label set
 * once and an increment is an addition: as exact, and the same text on /metrics.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../errors.js';
import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Counter, Histogram, Registry, type Metric } from 'prom-client';

type Labels<N extends string> = Record<N, string>;

interface SeriesValue {
  labels: Record<string, string | number>;
  value: number;
  metricName?: string;
}

/** The key of a label set, in the metric's label order (a handle per key). */
function keyOf(names: readonly string[], labels: Record<string, string>): string {
  let key = '';
  for (const name of names) key += `${labels[name] ?? ''}\u0000`;
  return key;
}

/** A handle on one label set of a counter. */
export interface CounterSeries {
  inc(by?: number): void;
}

/** A Prometheus counter whose label sets are handles: `series(labels).inc()` adds one. */
export class SeriesCounter<N extends string> {
  private readonly series = new Map<string, { labels: Labels<N>; value: number }>();
  readonly type = 'counter';
  readonly aggregator = 'sum';

  constructor(
    readonly name: string,
    readonly help: string,
    private readonly labelNames: readonly N[],
    registry: Registry,
  ) {
    registry.registerMetric(this as unknown as Metric);
  }

  /** The handle for this label set (keep it: taking it costs a lookup, using it an addition). */
  for(labels: Labels<N>): CounterSeries {
    const key = keyOf(this.labelNames, labels);
    let entry = this.series.get(key);
    if (entry === undefined) {
      entry = { labels: { ...labels }, value: 0 };
      this.series.set(key, entry);
    }
    const counted = entry;
    return {
      inc: (by = 1) => {
        counted.value += by;
      },
    };
  }

  inc(labels: Labels<N>, by = 1): void {
    this.for(labels).inc(by);
  }

  get(): Promise<{
    name: string;
    help: string;
    type: string;
    values: SeriesValue[];
    aggregator: string;
  }> {
    return Promise.resolve({
      name: this.name,
      help: this.help,
      type: this.type,
      aggregator: this.aggregator,
      values: [...this.series.values()].map((s) => ({ labels: s.labels, value: s.value })),
    });
  }

  reset(): void {
    this.series.clear();
  }
}

/** A handle on one label set of a histogram. */
export interface HistogramSeries {
  observe(seconds: number): void;
}

/** A Prometheus histogram whose label sets are handles: `series(labels).observe(v)`. */
export class SeriesHistogram<N extends string> {
  private readonly series = new Map<
    string,
    { labels: Labels<N>; buckets: Float64Array; sum: number; count: number }
  >();
  readonly type = 'histogram';
  readonly aggregator = 'sum';

  constructor(
    readonly name: string,
    readonly help: string,
    private readonly labelNames: readonly N[],
    private readonly bounds: readonly number[],
    registry: Registry,
  ) {
    registry.registerMetric(this as unknown as Metric);
  }

  for(labels: Labels<N>): HistogramSeries {
    const key = keyOf(this.labelNames, labels);
    let entry = this.series.get(key);
    if (entry === undefined) {
      entry = {
        labels: { ...labels },
        buckets: new Float64Array(this.bounds.length),
        sum: 0,
        count: 0,
      };
      this.series.set(key, entry);
    }
    const counted = entry;
    const { bounds } = this;
    return {
      observe: (value) => {
        counted.sum += value;
        counted.count++;
        // Per bucket, not cumulative: added up when read.
        for (let i = 0; i < bounds.length; i++) {
          if (value <= bounds[i]!) {
            counted.buckets[i]!++;
            return;
          }
        }
      },
    };
  }

  observe(labels: Labels<N>, value: number): void {
    this.for(labels).observe(value);
  }

  get(): Promise<{
    name: string;
    help: string;
    type: string;
    values: SeriesValue[];
    aggregator: string;
  }> {
    const values: SeriesValue[] = [];
    for (const s of this.series.values()) {
      let cumulative = 0;
      this.bounds.forEach((bound, i) => {
        cumulative += s.buckets[i]!;
        values.push({
          labels: { le: bound, ...s.labels },
          value: cumulative,
          metricName: `${this.name}_bucket`,
        });
      });
      values.push(
        { labels: { le: '+Inf', ...s.labels }, value: s.count, metricName: `${this.name}_bucket` },
        { labels: s.labels, value: s.sum, metricName: `${this.name}_sum` },
        { labels: s.labels, value: s.count, metricName: `${this.name}_count` },
      );
    }
    return Promise.resolve({
      name: this.name,
      help: this.help,
      type: this.type,
      aggregator: this.aggregator,
      values,
    });
  }

  reset(): void {
    this.series.clear();
  }
}

export class Metrics {
  readonly registry = new Registry();
  readonly requests = new SeriesCounter(
    'broadsheet_http_requests_total',
    'HTTP requests answered, by method, route pattern and status code.',
    ['method', 'route', 'status'] as const,
    this.registry,
  );
  readonly latency = new SeriesHistogram(
    'broadsheet_http_request_duration_seconds',
    'Time to answer an HTTP request, by method and route pattern.',
    ['method', 'route'] as const,
    [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    this.registry,
  );
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
  // Handles per method, route and status, taken once each.
  const counted = new Map<string, { requests: CounterSeries; latency: HistogramSeries }>();
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const status = String(reply.statusCode);
    const key = `${request.method} ${status} ${route}`;
    let series = counted.get(key);
    if (series === undefined) {
      const labels = { method: request.method, route };
      series = {
        requests: metrics.requests.for({ ...labels, status }),
        latency: metrics.latency.for(labels),
      };
      // Bounded: routes are few, but a method name comes from the client.
      if (counted.size > 10_000) counted.clear();
      counted.set(key, series);
    }
    series.requests.inc();
    series.latency.observe(reply.elapsedTime / 1000);
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
