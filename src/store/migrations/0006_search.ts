import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from './context.js';

/**
 * Full-text search of articles, kept current by the database itself, so every write (whatever
 * code makes it) is indexed without that code knowing. See docs/decisions/0013.
 *
 * SQLite: an external-content FTS5 table (Porter stemming over unicode61) that reads its text
 * from the articles through a view keyed by `article_search_keys`, whose INTEGER PRIMARY KEY
 * survives VACUUM (the articles' own implicit rowids may not). Triggers keep it in step.
 *
 * PostgreSQL: a stored generated tsvector (English configuration over accent-folded text;
 * headline weighted A, standfirst B, body C) with a GIN index.
 */
/**
 * Latin letters with diacritics and their plain forms, so "cafe" finds "café" on PostgreSQL as
 * FTS5's remove_diacritics does on SQLite (queries are folded the same way in domain/search.ts).
 * translate() is immutable, which a generated column needs; the unaccent extension is not.
 */
const foldable = Array.from({ length: 0x17f - 0xc0 + 1 }, (_, i) => String.fromCharCode(0xc0 + i))
  .map((c) => [c, c.normalize('NFKD').replace(/\p{M}/gu, '')] as const)
  .filter(([c, plain]) => plain.length === 1 && plain !== c && /^[A-Za-z]$/.test(plain));
const accented = foldable.map(([c]) => c).join('');
const folded = foldable.map(([, plain]) => plain).join('');

export async function up(db: Kysely<unknown>, { byDialect }: MigrationContext): Promise<void> {
  await byDialect({ postgres: searchOnPostgres, sqlite: searchOnSqlite })(db);
}

export async function down(db: Kysely<unknown>, { byDialect }: MigrationContext): Promise<void> {
  await byDialect({ postgres: dropSearchOnPostgres, sqlite: dropSearchOnSqlite })(db);
}

async function searchOnPostgres(db: Kysely<unknown>): Promise<void> {
  const vector = (column: string, weight: string) =>
    sql.raw(
      `setweight(to_tsvector('english', translate(${column}, '${accented}', '${folded}')), '${weight}')`,
    );
  await sql`alter table articles add column search tsvector generated always as (
        ${vector('headline', 'A')} || ${vector('standfirst', 'B')} || ${vector('body', 'C')}
      ) stored`.execute(db);
  await sql`create index articles_search on articles using gin (search)`.execute(db);
}

async function searchOnSqlite(db: Kysely<unknown>): Promise<void> {
  await sql`create table article_search_keys (
      rowid integer primary key,
      article_id text not null unique
    )`.execute(db);
  await sql`create view article_search_source as
      select k.rowid as rowid, a.headline, a.standfirst, a.body
      from article_search_keys k join articles a on a.id = k.article_id`.execute(db);
  await sql`create virtual table article_search using fts5(
      headline, standfirst, body,
      content = 'article_search_source', content_rowid = 'rowid',
      tokenize = 'porter unicode61 remove_diacritics 2'
    )`.execute(db);
  const key = (ref: 'new' | 'old') =>
    sql.raw(`(select rowid from article_search_keys where article_id = ${ref}.id)`);
  await sql`create trigger articles_search_insert after insert on articles begin
      insert into article_search_keys (article_id) values (new.id);
      insert into article_search (rowid, headline, standfirst, body)
        values (${key('new')}, new.headline, new.standfirst, new.body);
    end`.execute(db);
  await sql`create trigger articles_search_update
      after update of headline, standfirst, body on articles begin
      insert into article_search (article_search, rowid, headline, standfirst, body)
        values ('delete', ${key('old')}, old.headline, old.standfirst, old.body);
      insert into article_search (rowid, headline, standfirst, body)
        values (${key('new')}, new.headline, new.standfirst, new.body);
    end`.execute(db);
  await sql`create trigger articles_search_delete after delete on articles begin
      insert into article_search (article_search, rowid, headline, standfirst, body)
        values ('delete', ${key('old')}, old.headline, old.standfirst, old.body);
      delete from article_search_keys where article_id = old.id;
    end`.execute(db);
  // Articles written before this migration.
  await sql`insert into article_search_keys (article_id) select id from articles`.execute(db);
  await sql`insert into article_search (article_search) values ('rebuild')`.execute(db);
}

async function dropSearchOnPostgres(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists articles_search`.execute(db);
  await sql`alter table articles drop column if exists search`.execute(db);
}

async function dropSearchOnSqlite(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    sql`drop trigger if exists articles_search_insert`,
    sql`drop trigger if exists articles_search_update`,
    sql`drop trigger if exists articles_search_delete`,
    sql`drop table if exists article_search`,
    sql`drop view if exists article_search_source`,
    sql`drop table if exists article_search_keys`,
  ]) {
    await statement.execute(db);
  }
}
