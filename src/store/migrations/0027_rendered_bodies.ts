import type { Kysely } from 'kysely';
import { renderBody } from '../../domain/body.js';

/**
 * Article bodies rendered when saved, beside their Markdown (issue 19, decisions/0054): the
 * store writes `body_html` with every body; null means not rendered (a row restored from a
 * backup), and the page renders it when read. Existing rows are rendered here, a batch at a time.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('articles').addColumn('body_html', 'text').execute();
  const articles = db as Kysely<{
    articles: { id: string; body: string; body_html: string | null };
  }>;
  let after = '';
  for (;;) {
    const rows = await articles
      .selectFrom('articles')
      .select(['id', 'body'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(200)
      .execute();
    for (const row of rows) {
      await articles
        .updateTable('articles')
        .set({ body_html: renderBody(row.body) })
        .where('id', '=', row.id)
        .execute();
    }
    const last = rows[rows.length - 1];
    if (!last) break;
    after = last.id;
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('articles').dropColumn('body_html').execute();
}
