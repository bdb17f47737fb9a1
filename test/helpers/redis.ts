/**
 * Redis for the tests of the shared limits: TEST_REDIS_URL (`.ci/run` exports the local one).
 * Without it those tests say they were skipped, or under CI=true fail, as PostgreSQL's do.
 */
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { Redis } from 'ioredis';
import { inCi } from './databases.js';

export const redisUrl = process.env.TEST_REDIS_URL;

/** TEST_REDIS_URL, or undefined after registering the skipped (or, under CI, failing) test. */
export function redisOrSkip(): string | undefined {
  if (redisUrl) return redisUrl;
  if (inCi) {
    test('Redis is required under CI', () => {
      throw new Error('TEST_REDIS_URL is not set, so the Redis half of this suite cannot run');
    });
  } else {
    test('Redis tests', { skip: 'skipped: TEST_REDIS_URL is not set' }, () => {});
  }
  return undefined;
}

/** A key prefix no other test uses. */
export function redisPrefix(): string {
  return `bs-test:${randomBytes(6).toString('hex')}:`;
}

/** Deletes every key under `prefix` (a test's own namespace). */
export async function dropRedisPrefix(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true });
  await redis.connect();
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
