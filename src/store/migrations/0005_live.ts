import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from './context.js';

/**
 * The live comment stream's order (docs/decisions/0011) and reply notifications.
 *
 * Every article counts the changes of its comments in `comment_seq`. A database trigger stamps
 * each comment insert and update with the next number in `live_seq`, in the same transaction as
 * the write, so no write path can forget it. The increment takes the article's row lock until
 * commit, so within one article the numbers commit in order: whoever has seen number N has seen
 * every change numbered below it. `first_public_seq` is the number at which a comment first
 * became public (null while it never was): the stream sends a removal only for those.
 *
 * `users.notify_replies` (1 = yes) turns the email about replies to one's comments on or off.
 */
export async function up(db: Kysely<unknown>, { byDialect }: MigrationContext): Promise<void> {
  await db.schema
    .alterTable('articles')
    .addColumn('comment_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('comments')
    .addColumn('live_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('comments').addColumn('first_public_seq', 'integer').execute();
  await db.schema
    .alterTable('users')
    .addColumn('notify_replies', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  // Comments already public before this migration count as public from the start.
  await sql`update comments set first_public_seq = 0 where status = 'published'`.execute(db);
  await db.schema
    .createIndex('comments_article_live_seq')
    .on('comments')
    .columns(['article_id', 'live_seq'])
    .execute();
  await byDialect({ postgres: stampOnPostgres, sqlite: stampOnSqlite })(db);
}

async function stampOnPostgres(db: Kysely<unknown>): Promise<void> {
  await sql`
      create or replace function comments_live_stamp() returns trigger language plpgsql as $$
      begin
        update articles set comment_seq = comment_seq + 1 where id = new.article_id
          returning comment_seq into new.live_seq;
        if new.status = 'published' and new.first_public_seq is null then
          new.first_public_seq := new.live_seq;
        end if;
        return new;
      end
      $$`.execute(db);
  await sql`
      create trigger comments_live_stamp before insert or update on comments
      for each row execute function comments_live_stamp()`.execute(db);
}

async function stampOnSqlite(db: Kysely<unknown>): Promise<void> {
  // SQLite cannot change NEW in a BEFORE trigger, so the row is stamped right after its write.
  // The update trigger ignores the stamping update itself (it changes live_seq).
  const stamp = sql`
      update articles set comment_seq = comment_seq + 1 where id = new.article_id;
      update comments
        set live_seq = (select comment_seq from articles where id = new.article_id),
            first_public_seq = coalesce(
              first_public_seq,
              case when new.status = 'published'
                then (select comment_seq from articles where id = new.article_id) end)
        where id = new.id;`;
  await sql`create trigger comments_live_stamp_insert after insert on comments
    begin ${stamp} end`.execute(db);
  await sql`create trigger comments_live_stamp_update after update on comments
    when new.live_seq is old.live_seq
    begin ${stamp} end`.execute(db);
}
