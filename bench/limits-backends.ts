/**
 * The shared limits' counter on each backend, in-process: sequential hits on one key and on
 * many keys, against the row-per-event `admit` the sign-up limit uses (decisions/0058).
 *   npx tsx bench/limits-backends.ts [postgres-url] [redis-url]
 * (without them: BENCH_DATABASE_URL or TEST_DATABASE_URL, and TEST_REDIS_URL, when set)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openStore, type Store } from '../src/store/index.js';
import { RedisLimits } from '../src/store/redis-limits.js';
import type { RateCounter } from '../src/store/ports/limits.js';
import { printResult, type ResultRow } from './lib/load.js';

const rounds = 2_000;
const rows: ResultRow[] = [];

async function time(label: string, work: (i: number) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < 100; i++) await work(-1 - i); // warm up
  const started = process.hrtime.bigint();
  for (let i = 0; i < rounds; i++) await work(i);
  const us = Number(process.hrtime.bigint() - started) / 1e3 / rounds;
  console.log(`${label.padEnd(52)} ${us.toFixed(0).padStart(6)} µs per hit`);
  rows.push({ figure: `${label}, µs per hit (sequential)`, value: us.toFixed(0) });
}

async function counters(name: string, counter: RateCounter): Promise<void> {
  const windowMs = 15 * 60_000;
  await time(`${name}: counter, one key`, () => counter.hit({ name: 'b1', key: 'k', windowMs }));
  await time(`${name}: counter, a new key each time`, (i) =>
    counter.hit({ name: 'b2', key: `k${i}`, windowMs }),
  );
}

async function events(name: string, store: Store): Promise<void> {
  const at = () => new Date().toISOString();
  // The sign-in limit's max: each admitted event is a row, counted (up to max) and inserted.
  await time(`${name}: admit (row per event), a new key each time`, (i) =>
    store.limits.admit({ name: 'b3', key: `k${i}`, max: 30, windowMs: 15 * 60_000, at: at() }),
  );
}

// In the suite (no arguments): the servers the tests use, when they are named.
const [pgUrl, redisUrl] = [
  process.argv[2] ?? process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL,
  process.argv[3] ?? process.env.TEST_REDIS_URL,
];
const dir = mkdtempSync(path.join(tmpdir(), 'bs-bench-'));
const sqlite = await openStore({ databaseUrl: null, dataDir: dir });
await counters('SQLite', sqlite.limits);
await events('SQLite', sqlite);
await sqlite.close();
rmSync(dir, { recursive: true, force: true });
if (pgUrl) {
  const schema = `bench_${process.pid}`;
  const pg = await openStore({ databaseUrl: pgUrl, dataDir: tmpdir(), pgSchema: schema });
  await counters('PostgreSQL', pg.limits);
  await events('PostgreSQL', pg);
  await pg.close();
  const { default: pgLib } = await import('pg');
  const client = new pgLib.Client({ connectionString: pgUrl });
  await client.connect();
  await client.query(`drop schema if exists ${schema} cascade`);
  await client.end();
}
if (redisUrl) {
  const prefix = `bs-bench-${process.pid}:`;
  const redis = new RedisLimits({ url: redisUrl, prefix });
  await counters('Redis', redis.counter);
  await redis.close();
}
printResult(
  'limits-backends',
  `npx tsx bench/limits-backends.ts${pgUrl ? ' postgres://…' : ''}${redisUrl ? ' redis://…' : ''}`,
  rows,
);
