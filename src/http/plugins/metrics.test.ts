/**
 * SeriesCounter and SeriesHistogram write exactly what prom-client's Counter and Histogram write
 * for the same increments and observations: /metrics does not change for its scrapers.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Counter, Histogram, Registry } from 'prom-client';
import { SeriesCounter, SeriesHistogram } from './metrics.js';

const buckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];
const observations: [string, string, number][] = [
  ['GET', '/a', 0.0004],
  ['GET', '/a', 0.0005],
  ['GET', '/a', 0.003],
  ['HEAD', '/a', 0.2],
  ['GET', '/b "quoted"\\path', 7],
  ['GET', '/a', 0.0101],
  ['HEAD', '/a', 2.5],
];

test('the counter and the histogram write what prom-client writes', async () => {
  const ours = new Registry();
  const counter = new SeriesCounter('c_total', 'Help.', ['method', 'route', 'status'], ours);
  const histogram = new SeriesHistogram('h_seconds', 'Help.', ['method', 'route'], buckets, ours);
  const theirs = new Registry();
  const reference = {
    counter: new Counter({
      name: 'c_total',
      help: 'Help.',
      labelNames: ['method', 'route', 'status'],
      registers: [theirs],
    }),
    histogram: new Histogram({
      name: 'h_seconds',
      help: 'Help.',
      labelNames: ['method', 'route'],
      buckets,
      registers: [theirs],
    }),
  };
  // Handles taken once and used many times, as the fast lane does, and one-off calls.
  const handle = counter.for({ method: 'GET', route: '/a', status: '200' });
  const timed = histogram.for({ method: 'GET', route: '/a' });
  for (const [method, route, seconds] of observations) {
    if (method === 'GET' && route === '/a') {
      handle.inc();
      timed.observe(seconds);
    } else {
      counter.inc({ method, route, status: '200' });
      histogram.observe({ method, route }, seconds);
    }
    reference.counter.inc({ method, route, status: '200' });
    reference.histogram.observe({ method, route }, seconds);
  }
  counter.inc({ method: 'GET', route: '/a', status: '304' }, 3);
  reference.counter.inc({ method: 'GET', route: '/a', status: '304' }, 3);
  assert.equal(await ours.metrics(), await theirs.metrics());
});
