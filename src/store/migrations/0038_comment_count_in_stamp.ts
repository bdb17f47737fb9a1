import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from './context.js';

/**
 * PostgreSQL: the live stamp (0005) may also count a new published comment in its article's
 * `comment_count`, in the update it already makes of the article's row, when the inserting
 * transaction asks for it for that comment (`broadsheet.count_comment` set to the comment's id,
 * for the transaction only). The one-statement comment write (store/postgres/comment-create.ts,
 * decisions/0082) sets it: a statement cannot update a row its own trigger updated, and a second
 * statement would hold the article's lock for one more round trip. Writers that do not ask (an
 * older server during an upgrade, every update) see the stamp exactly as before. SQLite: nothing.
 */
export async function up(db: Kysely<unknown>, { byDialect }: MigrationContext): Promise<void> {
  await byDialect({ postgres: stamp(true), sqlite: async () => {} })(db);
}

export async function down(db: Kysely<unknown>, { byDialect }: MigrationContext): Promise<void> {
  await byDialect({ postgres: stamp(false), sqlite: async () => {} })(db);
}

function stamp(counting: boolean) {
  const count = counting
    ? sql`comment_count = comment_count + case
            when tg_op = 'INSERT' and new.status = 'published'
              and current_setting('broadsheet.count_comment', true) = new.id then 1
            else 0 end,`
    : sql``;
  return async (db: Kysely<unknown>) => {
    await sql`
      create or replace function comments_live_stamp() returns trigger language plpgsql as $$
      begin
        update articles set ${count} comment_seq = comment_seq + 1 where id = new.article_id
          returning comment_seq into new.live_seq;
        if new.status = 'published' and new.first_public_seq is null then
          new.first_public_seq := new.live_seq;
        end if;
        return new;
      end
      $$`.execute(db);
  };
}
