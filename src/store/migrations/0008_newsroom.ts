import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from './context.js';

/**
 * The newsroom: every save kept as a revision, old slugs that redirect to the article, the time a
 * scheduled article goes out, who created an article, and the priority of a correction.
 * Articles that exist already get their current text as revision 1.
 */
export async function up(db: Kysely<unknown>, { timestamp }: MigrationContext): Promise<void> {
  await db.schema.alterTable('articles').addColumn('publish_at', timestamp).execute();
  await db.schema
    .alterTable('articles')
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .execute();
  // The scheduler's question: what is due?
  await db.schema
    .createIndex('articles_status_publish_at')
    .on('articles')
    .columns(['status', 'publish_at'])
    .execute();
  await db.schema
    .alterTable('corrections')
    .addColumn('priority', 'text', (c) => c.notNull().defaultTo('normal'))
    .execute();

  await db.schema
    .createTable('article_revisions')
    .addColumn('article_id', 'text', (c) =>
      c.notNull().references('articles.id').onDelete('cascade'),
    )
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('section_slug', 'text', (c) => c.notNull())
    .addColumn('headline', 'text', (c) => c.notNull())
    .addColumn('standfirst', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('dateline', 'text', (c) => c.notNull())
    // JSON arrays: a revision is a snapshot, never queried by its parts.
    .addColumn('author_ids', 'text', (c) => c.notNull())
    .addColumn('tags', 'text', (c) => c.notNull())
    .addColumn('related_ids', 'text', (c) => c.notNull())
    .addColumn('saved_at', timestamp, (c) => c.notNull())
    .addColumn('saved_by', 'text', (c) => c.references('users.id'))
    .addColumn('substantive', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addPrimaryKeyConstraint('article_revisions_pk', ['article_id', 'version'])
    .execute();

  await db.schema
    .createTable('article_old_slugs')
    .addColumn('slug', 'text', (c) => c.primaryKey())
    .addColumn('article_id', 'text', (c) =>
      c.notNull().references('articles.id').onDelete('cascade'),
    )
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('article_old_slugs_article')
    .on('article_old_slugs')
    .column('article_id')
    .execute();

  await backfillRevisions(db);
}

interface ArticleRow {
  id: string;
  slug: string;
  section_slug: string;
  headline: string;
  standfirst: string;
  body: string;
  dateline: string;
  version: number;
  modified_at: string;
}

async function backfillRevisions(db: Kysely<unknown>): Promise<void> {
  const articles = (
    await sql<ArticleRow>`select id, slug, section_slug, headline, standfirst, body, dateline, version, modified_at from articles`.execute(
      db,
    )
  ).rows;
  for (const a of articles) {
    const authors = (
      await sql<{
        user_id: string;
      }>`select user_id from article_authors where article_id = ${a.id} order by position`.execute(
        db,
      )
    ).rows.map((r) => r.user_id);
    const tags = (
      await sql<{
        slug: string;
        name: string;
      }>`select t.slug, t.name from article_tags at join tags t on t.slug = at.tag_slug where at.article_id = ${a.id} order by at.position, t.slug`.execute(
        db,
      )
    ).rows.map((r) => ({ slug: r.slug, name: r.name }));
    const related = (
      await sql<{
        related_id: string;
      }>`select related_id from article_related where article_id = ${a.id} order by position`.execute(
        db,
      )
    ).rows.map((r) => r.related_id);
    await sql`insert into article_revisions (article_id, version, slug, section_slug, headline, standfirst, body, dateline, author_ids, tags, related_ids, saved_at, saved_by, substantive, note)
      values (${a.id}, ${Number(a.version)}, ${a.slug}, ${a.section_slug}, ${a.headline}, ${a.standfirst}, ${a.body}, ${a.dateline}, ${JSON.stringify(authors)}, ${JSON.stringify(tags)}, ${JSON.stringify(related)}, ${a.modified_at}, ${null}, ${0}, ${''})`.execute(
      db,
    );
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('article_old_slugs').execute();
  await db.schema.dropTable('article_revisions').execute();
  await db.schema.dropIndex('articles_status_publish_at').execute();
  await db.schema.alterTable('corrections').dropColumn('priority').execute();
  await db.schema.alterTable('articles').dropColumn('created_by').execute();
  await db.schema.alterTable('articles').dropColumn('publish_at').execute();
}
