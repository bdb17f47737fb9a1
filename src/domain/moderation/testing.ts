/** A submission for rule tests: an ordinary commenter with a clean record on an open article. */
import { policyFrom } from './policy.js';
import type { Submission } from './types.js';

export const testNow = new Date('2026-03-01T12:00:00.000Z');

export function submission(overrides: Partial<Submission> = {}): Submission {
  return {
    body: 'A reasonable comment about the article.',
    articleId: 'article-1',
    isEdit: false,
    author: {
      id: 'u1',
      role: 'commenter',
      suspendedUntil: null,
      bannedAt: null,
      emailVerifiedAt: '2026-01-01T00:00:00.000Z',
    },
    record: { approved: 10, rejected: 0 },
    articleMode: 'open',
    articleClosedAt: null,
    recent: [],
    rate: { byAuthor: [], byAddress: [] },
    policy: policyFrom({}),
    now: testNow,
    ...overrides,
  };
}

export function secondsAgo(seconds: number): string {
  return new Date(testNow.getTime() - seconds * 1000).toISOString();
}
