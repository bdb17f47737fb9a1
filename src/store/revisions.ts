/** Revisions: every save of an article kept whole, as a snapshot row. */
import type { Kysely, Selectable } from 'kysely';
import type { TagRef } from '../domain/article.js';
import type { ArticleRevisionsTable, Database } from './schema.js';
import type { ArticleContent, ArticleRevision, RevisionSummary } from '../domain/newsroom.js';

export async function insertRevision(
  db: Kysely<Database>,
  r: {
    articleId: string;
    version: number;
    content: ArticleContent;
    savedAt: string;
    savedBy: string | null;
    substantive: boolean;
    note: string;
  },
): Promise<void> {
  await db
    .insertInto('article_revisions')
    .values({
      article_id: r.articleId,
      version: r.version,
      slug: r.content.slug,
      section_slug: r.content.sectionSlug,
      headline: r.content.headline,
      standfirst: r.content.standfirst,
      body: r.content.body,
      dateline: r.content.dateline,
      author_ids: JSON.stringify(r.content.authorIds),
      tags: JSON.stringify(r.content.tags.map((t) => ({ slug: t.slug, name: t.name }))),
      related_ids: JSON.stringify(r.content.relatedIds),
      saved_at: r.savedAt,
      saved_by: r.savedBy,
      substantive: r.substantive ? 1 : 0,
      note: r.note,
    })
    .execute();
}

function select(db: Kysely<Database>) {
  return db
    .selectFrom('article_revisions as r')
    .leftJoin('users as u', 'u.id', 'r.saved_by')
    .selectAll('r')
    .select(['u.name as saver_name']);
}

type Row = Selectable<ArticleRevisionsTable> & { saver_name: string | null };

function summary(row: Row): RevisionSummary {
  return {
    version: Number(row.version),
    savedAt: row.saved_at,
    savedBy: row.saved_by ? { id: row.saved_by, name: row.saver_name ?? '' } : null,
    substantive: Number(row.substantive) === 1,
    note: row.note,
    headline: row.headline,
  };
}

/** Newest first. */
export async function listRevisions(
  db: Kysely<Database>,
  articleId: string,
): Promise<RevisionSummary[]> {
  const rows = await select(db)
    .where('r.article_id', '=', articleId)
    .orderBy('r.version', 'desc')
    .execute();
  return rows.map(summary);
}

export async function oneRevision(
  db: Kysely<Database>,
  articleId: string,
  version: number,
): Promise<ArticleRevision | null> {
  const row = await select(db)
    .where('r.article_id', '=', articleId)
    .where('r.version', '=', version)
    .executeTakeFirst();
  if (!row) return null;
  return {
    ...summary(row),
    articleId: row.article_id,
    content: {
      slug: row.slug,
      sectionSlug: row.section_slug,
      headline: row.headline,
      standfirst: row.standfirst,
      body: row.body,
      dateline: row.dateline,
      authorIds: JSON.parse(row.author_ids) as string[],
      tags: JSON.parse(row.tags) as TagRef[],
      relatedIds: JSON.parse(row.related_ids) as string[],
    },
  };
}
