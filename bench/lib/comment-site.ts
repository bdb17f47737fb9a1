/**
 * A fresh site with one article and staff writers holding API tokens (comment benches): SQLite,
 * or a new database on the PostgreSQL server of `postgresServerUrl`.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createServices } from '../../src/compose.js';
import { openStore } from '../../src/store/index.js';
import { scratchPostgres } from './site.js';

export interface CommentSite {
  dataDir: string;
  /** DATABASE_URL for the server: null for SQLite in dataDir. */
  databaseUrl: string | null;
  /** Drops the PostgreSQL database, if one was made. */
  drop(): Promise<void>;
  articleId: string;
  /** Bearer tokens of staff writers (staff are exempt from the posting limit). */
  tokens: string[];
}

export async function createCommentSite(
  writers: number,
  postgresServerUrl: string | null = null,
): Promise<CommentSite> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'broadsheet-bench-comments-'));
  const scratch = postgresServerUrl ? await scratchPostgres(postgresServerUrl) : null;
  const databaseUrl = scratch?.url ?? null;
  const store = await openStore({ databaseUrl, dataDir });
  try {
    await store.sections.upsert({ slug: 'news', name: 'News', description: '', position: 0 });
    const services = createServices(store);
    const tokens: string[] = [];
    let firstId = '';
    for (let i = 0; i < writers; i++) {
      const user = await store.users.create({
        email: `writer${i}@example.com`,
        name: `Writer ${i}`,
        slug: `writer-${i}`,
        role: 'editor',
        passwordHash: null,
        createdAt: new Date().toISOString(),
        emailVerifiedAt: new Date().toISOString(),
      });
      firstId ||= user.id;
      tokens.push((await services.tokens.create(user.email, 'bench')).token);
    }
    const article = await store.newsroom.create({
      slug: 'bench-comments',
      sectionSlug: 'news',
      headline: 'A busy thread',
      standfirst: '',
      body: 'Text.',
      dateline: '',
      authorIds: [firstId],
      tags: [],
      status: 'published',
      publishedAt: new Date(Date.now() - 60_000).toISOString(),
      createdAt: new Date(Date.now() - 120_000).toISOString(),
    });
    return {
      dataDir,
      databaseUrl,
      drop: async () => {
        await scratch?.drop();
      },
      articleId: article.id,
      tokens,
    };
  } finally {
    await store.close();
  }
}
