/**
 * A benchmark site: the demo content plus one article with 200 published comments (20 threads
 * of ten, replies nested up to three deep), written into a fresh SQLite data folder, or into a
 * fresh PostgreSQL database when a server URL is given. Its readers have sessions (for the
 * signed-in runs) and a few staff writers API tokens (for the comment storm).
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createServices } from '../../src/compose.js';
import { articlePath } from '../../src/domain/article.js';
import { renderCommentMarkdown } from '../../src/domain/comment-markdown.js';
import { loadDemoIfEmpty } from '../../src/services/demo.js';
import { openStore, type Store } from '../../src/store/index.js';

export interface BenchSite {
  dataDir: string;
  /** The site's own PostgreSQL database (DATABASE_URL for the server), or null for SQLite. */
  databaseUrl: string | null;
  /** Drops the PostgreSQL database (the caller removes dataDir). */
  drop(): Promise<void>;
  /** Cookie header values (`bs_session=…`) of signed-in readers (commenters). */
  readerCookies: string[];
  /** API tokens of staff writers, who post without the commenters' limits. */
  staffTokens: string[];
  /** Path of the article with 200 comments. */
  articlePath: string;
  articleId: string;
}

const sentences = [
  'I read the council minutes and the figures in the third paragraph do not match them.',
  'Good to see this covered properly; the **local angle** matters more than people think.',
  'The same thing happened in our street last winter, and nobody from the water board came.',
  'Can someone explain why the budget line moved? See [the report](https://example.org/report).',
  'This is the clearest account I have seen. Thank you for the follow-up on the numbers.',
  'I disagree with the second point: the consultation ran for six weeks, not two.',
  '> the cost will fall on renters\n\nIt already has, in my experience.',
  'Worth noting the committee meets again on Thursday, and the public gallery is open.',
];

/** A new, empty database on the PostgreSQL server of `serverUrl`, and how to drop it. */
export async function scratchPostgres(
  serverUrl: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `bench_${randomBytes(5).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`drop database if exists ${name} with (force)`) };
}

export async function createBenchSite(
  commentCount = 200,
  postgresServerUrl: string | null = null,
): Promise<BenchSite> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'broadsheet-bench-'));
  const scratch = postgresServerUrl ? await scratchPostgres(postgresServerUrl) : null;
  const databaseUrl = scratch?.url ?? null;
  const store = await openStore({ databaseUrl, dataDir });
  try {
    await loadDemoIfEmpty(store);
    const [model] = await store.reader.listPublished({ limit: 1 });
    if (!model) throw new Error('the demo content has no article');
    const full = await store.reader.getById(model.id);
    if (!full) throw new Error('the demo article vanished');
    const now = Date.now();
    const people = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        store.users.create({
          email: `bench-reader-${i}@example.com`,
          name: `Bench Reader ${i + 1}`,
          slug: `bench-reader-${i + 1}`,
          role: 'commenter',
          passwordHash: null,
          createdAt: new Date(now - 86_400_000).toISOString(),
        }),
      ),
    );
    const article = await store.newsroom.create({
      slug: 'two-hundred-comments',
      sectionSlug: full.section.slug,
      headline: 'Residents pack the hall as the council weighs the river plan',
      standfirst: full.standfirst,
      body: full.body,
      dateline: full.dateline,
      authorIds: full.authors.map((a) => a.id),
      tags: full.tags,
      status: 'published',
      publishedAt: new Date(now - 60_000).toISOString(),
      createdAt: new Date(now - 120_000).toISOString(),
    });
    let n = 0;
    const at = () => new Date(now - 50_000 + n * 100).toISOString();
    const write = async (tx: Store, parentId: string | null) => {
      const body = `${sentences[n % sentences.length]} ${sentences[(n * 3 + 1) % sentences.length]}`;
      const { comment } = await tx.comments.create({
        articleId: article.id,
        parentId,
        authorId: people[n % people.length]!.id,
        body,
        html: renderCommentMarkdown(body),
        status: 'published',
        createdAt: at(),
      });
      n++;
      return comment.id;
    };
    await store.transaction(async (tx) => {
      while (n < commentCount) {
        const root = await write(tx, null);
        // Nine replies per thread: three direct, each answered twice (depth 3 at most).
        for (let r = 0; r < 3 && n < commentCount; r++) {
          const reply = await write(tx, root);
          for (let s = 0; s < 2 && n < commentCount; s++) await write(tx, reply);
        }
      }
    });
    const services = createServices(store);
    const readerCookies: string[] = [];
    for (const person of people.slice(0, 8)) {
      readerCookies.push(`bs_session=${(await services.sessions.start(person.id)).id}`);
    }
    const staffTokens: string[] = [];
    for (let i = 0; i < 4; i++) {
      const editor = await store.users.create({
        email: `bench-editor-${i}@example.com`,
        name: `Bench Editor ${i + 1}`,
        slug: `bench-editor-${i + 1}`,
        role: 'editor',
        passwordHash: null,
        createdAt: new Date(now - 86_400_000).toISOString(),
        emailVerifiedAt: new Date(now - 86_400_000).toISOString(),
      });
      staffTokens.push((await services.tokens.create(editor.email, 'bench')).token);
    }
    return {
      dataDir,
      databaseUrl,
      drop: async () => {
        await scratch?.drop();
      },
      readerCookies,
      staffTokens,
      articlePath: articlePath(article),
      articleId: article.id,
    };
  } catch (error) {
    await store.close();
    await scratch?.drop();
    throw error;
  } finally {
    await store.close();
  }
}
