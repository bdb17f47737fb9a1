/** Corrections across all published articles, newest first: the corrections page and feed. */
import type { Kysely } from 'kysely';
import type { CorrectionKind } from '../domain/article.js';
import type { TimeCursor } from '../domain/cursor.js';
import { summaryColumns, toSummaries } from './rows.js';
import type { Database } from './schema.js';
import type { PublishedCorrection } from '../domain/syndication.js';

export async function recentCorrections(
  db: Kysely<Database>,
  query: { limit: number; after?: TimeCursor | null },
): Promise<PublishedCorrection[]> {
  let q = db
    .selectFrom('corrections as c')
    .innerJoin('articles as a', 'a.id', 'c.article_id')
    .innerJoin('sections as s', 's.slug', 'a.section_slug')
    .select([
      'c.id as correction_id',
      'c.kind',
      'c.text',
      'c.created_at as correction_created_at',
      ...summaryColumns,
    ])
    .where('a.status', '=', 'published')
    .where('c.retracted_at', 'is', null);
  if (query.after) {
    const t = new Date(query.after.t).toISOString();
    const { id } = query.after;
    q = q.where((eb) =>
      eb.or([
        eb('c.created_at', '<', t),
        eb.and([eb('c.created_at', '=', t), eb('c.id', '<', id)]),
      ]),
    );
  }
  const rows = await q
    .orderBy('c.created_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(query.limit)
    .execute();
  const articles = await toSummaries(db, rows);
  return rows.map((row, i) => ({
    id: row.correction_id,
    kind: row.kind as CorrectionKind,
    text: row.text,
    createdAt: row.correction_created_at,
    article: articles[i] as PublishedCorrection['article'],
  }));
}
