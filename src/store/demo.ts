/**
 * The demo's rows (decisions/0041): recorded as the demo loads, recognised by its content where a
 * site loaded it before that, and removed with everything that hangs off them, leaving whatever
 * later content still uses.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import {
  demoTables,
  emptySelection,
  type DemoFingerprint,
  type DemoRow,
  type DemoSelection,
  type DemoTable,
  type KeptPerson,
  type KeptSection,
} from '../domain/demo.js';
import type { Database } from './schema.js';
import type { DemoStore, DemoSurvey } from './ports/demo.js';

/** The column each recorded key names a row by. */
const keyColumn: Record<DemoTable, string> = {
  settings: 'key',
  sections: 'slug',
  users: 'id',
  tags: 'slug',
  images: 'id',
  articles: 'id',
  comments: 'id',
};

const recordBatch = 200;

/** `column in (values)`, false for no values (SQL has no empty list). */
function isIn(column: string, values: readonly string[]): RawBuilder<boolean> {
  return values.length ? sql`${sql.ref(column)} in (${sql.join(values)})` : sql`1 = 0`;
}

/** `column not in (values)`, true for no values; the column must not be null. */
function notIn(column: string, values: readonly string[]): RawBuilder<boolean> {
  return values.length ? sql`${sql.ref(column)} not in (${sql.join(values)})` : sql`1 = 1`;
}

export class KyselyDemoStore implements DemoStore {
  constructor(private readonly db: Kysely<Database>) {}

  async record(rows: readonly DemoRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += recordBatch) {
      await this.db
        .insertInto('demo_rows')
        .values(
          rows.slice(i, i + recordBatch).map((r) => ({ table_name: r.table, row_key: r.key })),
        )
        .onConflict((oc) => oc.columns(['table_name', 'row_key']).doNothing())
        .execute();
    }
  }

  async claim(row: DemoRow): Promise<boolean> {
    await this.forgetMissing();
    const inserted = await this.db
      .insertInto('demo_rows')
      .values({ table_name: row.table, row_key: row.key })
      .onConflict((oc) => oc.columns(['table_name', 'row_key']).doNothing())
      .executeTakeFirst();
    return Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  /** Drops records of rows that are gone. */
  private async forgetMissing(): Promise<void> {
    for (const table of demoTables) {
      await sql`delete from demo_rows where table_name = ${table} and not exists (
        select 1 from ${sql.table(table)} t where t.${sql.ref(keyColumn[table])} = demo_rows.row_key
      )`.execute(this.db);
    }
  }

  async recorded(): Promise<DemoSelection | null> {
    const any = await this.db.selectFrom('demo_rows').select('row_key').limit(1).execute();
    if (any.length === 0) return null;
    const selection = emptySelection();
    for (const table of demoTables) {
      const rows = await sql<{ key: string }>`
        select d.row_key as key from demo_rows d
        join ${sql.table(table)} t on t.${sql.ref(keyColumn[table])} = d.row_key
        where d.table_name = ${table}
        order by d.row_key`.execute(this.db);
      selection[table] = rows.rows.map((r) => r.key);
    }
    return selection;
  }

  async matching(fingerprint: DemoFingerprint): Promise<DemoSelection> {
    const selection = emptySelection();
    const sections = await this.db
      .selectFrom('sections')
      .select(['slug', 'name', 'description'])
      .where(
        isIn(
          'slug',
          fingerprint.sections.map((s) => s.slug),
        ),
      )
      .execute();
    selection.sections = sections
      .filter((s) =>
        fingerprint.sections.some(
          (f) => f.slug === s.slug && f.name === s.name && f.description === s.description,
        ),
      )
      .map((s) => s.slug);
    const people = await this.db
      .selectFrom('users')
      .select(['id', 'email', 'slug', 'name'])
      .where(
        isIn(
          'email',
          fingerprint.people.map((p) => p.email),
        ),
      )
      .execute();
    selection.users = people
      .filter((u) =>
        fingerprint.people.some(
          (p) => p.email === u.email && p.slug === u.slug && p.name === u.name,
        ),
      )
      .map((u) => u.id);
    const articles = await this.db
      .selectFrom('articles')
      .select(['id', 'slug', 'section_slug'])
      .where(
        isIn(
          'slug',
          fingerprint.articles.map((a) => a.slug),
        ),
      )
      .execute();
    selection.articles = articles
      .filter((a) =>
        fingerprint.articles.some((f) => f.slug === a.slug && f.sectionSlug === a.section_slug),
      )
      .map((a) => a.id);
    // Common words ("Housing"): only where a demo article still carries them.
    const tags = await this.db
      .selectFrom('article_tags')
      .select('tag_slug')
      .distinct()
      .where(isIn('tag_slug', fingerprint.tags))
      .where(isIn('article_id', selection.articles))
      .orderBy('tag_slug')
      .execute();
    selection.tags = tags.map((t) => t.tag_slug);
    // The demo's own comments: by its people on its articles (for the summary; every comment on
    // a demo article goes with it anyway).
    const comments = await this.db
      .selectFrom('comments')
      .select('id')
      .where(isIn('article_id', selection.articles))
      .where(isIn('author_id', selection.users))
      .execute();
    selection.comments = comments.map((c) => c.id);
    return selection;
  }

  async existingTags(slugs: readonly string[]): Promise<string[]> {
    const rows = await this.db
      .selectFrom('tags')
      .select('slug')
      .where(isIn('slug', slugs))
      .orderBy('slug')
      .execute();
    return rows.map((r) => r.slug);
  }

  async survey(selection: DemoSelection): Promise<DemoSurvey> {
    const db = this.db;
    const articles = selection.articles;
    const count = async (query: RawBuilder<{ n: unknown }>) =>
      Number((await query.execute(db)).rows[0]?.n ?? 0);

    const comments = await count(
      sql`select count(*) as n from comments where ${isIn('article_id', articles)}`,
    );
    const addedComments = await count(
      sql`select count(*) as n from comments
        where ${isIn('article_id', articles)} and ${notIn('id', selection.comments)}`,
    );
    const relatedLinks = await count(
      sql`select count(*) as n from article_related
        where ${isIn('related_id', articles)} and ${notIn('article_id', articles)}`,
    );

    // Sections other articles are filed in stay: they have become the site's own.
    const sectionUse = (
      await sql<{ slug: string; name: string; n: unknown }>`
        select s.slug, s.name,
          (select count(*) from articles a
            where a.section_slug = s.slug and ${notIn('a.id', articles)}) as n
        from sections s where ${isIn('s.slug', selection.sections)}
        order by s.position, s.slug`.execute(db)
    ).rows;
    const keptSections: KeptSection[] = sectionUse
      .filter((s) => Number(s.n) > 0)
      .map((s) => ({ slug: s.slug, name: s.name, articles: Number(s.n) }));
    const sections = sectionUse.filter((s) => Number(s.n) === 0).map((s) => s.slug);

    // Images another article shows (as its main image or in its body) stay.
    const images: string[] = [];
    for (const id of selection.images) {
      const used = await sql`select 1 from articles a
        where ${notIn('a.id', articles)}
          and (a.main_image_id = ${id} or a.body like ${`%[[image:${id}]]%`})
        limit 1`.execute(db);
      if (used.rows.length === 0) images.push(id);
    }
    const keptImages = selection.images.length - images.length;

    const usedTags = new Set(
      (
        await sql<{ tag_slug: string }>`select distinct tag_slug from article_tags
          where ${isIn('tag_slug', selection.tags)} and ${notIn('article_id', articles)}`.execute(
          db,
        )
      ).rows.map((r) => r.tag_slug),
    );
    const tags = selection.tags.filter((t) => !usedTags.has(t));

    const keptPeople = await this.peopleInUse(selection.users, articles, images);
    const keptIds = new Set(keptPeople.map((p) => p.id));
    const users = selection.users.filter((id) => !keptIds.has(id));

    const removable: DemoSelection = {
      settings: selection.settings,
      sections,
      users,
      tags,
      images,
      articles,
      comments: selection.comments,
    };
    return {
      removable,
      removal: {
        articles: articles.length,
        comments,
        addedComments,
        accounts: users.length,
        sections: sections.length,
        tags: tags.length,
        images: images.length,
        settings: selection.settings.length,
        relatedLinks,
        kept: { sections: keptSections, people: keptPeople, images: keptImages },
      },
    };
  }

  /**
   * Demo people whom rows that stay name: a byline, a comment, a reaction or report, an
   * article's or revision's maker, a moderator's action, an upload or an import. Removing them
   * would take those rows (or a part of them) too, so they stay.
   */
  private async peopleInUse(
    users: readonly string[],
    articles: readonly string[],
    removedImages: readonly string[],
  ): Promise<KeptPerson[]> {
    if (users.length === 0) return [];
    const onDemoArticles = articles.length
      ? sql`(select id from comments where ${isIn('article_id', articles)})`
      : sql`(select id from comments where 1 = 0)`;
    const rows = await sql<{ id: string; name: string }>`
      select u.id, u.name from users u
      where ${isIn('u.id', users)} and (
        exists (select 1 from article_authors x
          where x.user_id = u.id and ${notIn('x.article_id', articles)})
        or exists (select 1 from comments x
          where x.author_id = u.id and ${notIn('x.article_id', articles)})
        or exists (select 1 from articles x
          where (x.created_by = u.id or x.returned_by = u.id) and ${notIn('x.id', articles)})
        or exists (select 1 from article_revisions x
          where x.saved_by = u.id and ${notIn('x.article_id', articles)})
        or exists (select 1 from comment_reactions x
          where x.user_id = u.id and x.comment_id not in ${onDemoArticles})
        or exists (select 1 from comment_reports x
          where x.reporter_id = u.id and x.comment_id not in ${onDemoArticles})
        or exists (select 1 from moderation_actions x
          where x.actor_id = u.id
            and (x.article_id is null or ${notIn('x.article_id', articles)})
            and (x.comment_id is null or x.comment_id not in ${onDemoArticles}))
        or exists (select 1 from images x
          where x.uploaded_by = u.id and ${notIn('x.id', removedImages)})
        or exists (select 1 from import_jobs x where x.created_by = u.id)
      )
      order by u.name, u.id`.execute(this.db);
    return rows.rows.map((r) => ({ id: r.id, name: r.name }));
  }

  async remove(removable: DemoSelection): Promise<void> {
    const db = this.db;
    const { articles } = removable;
    const onDemoArticles = sql`(select id from comments where ${isIn('article_id', articles)})`;
    // The moderation log has no foreign keys: its records of demo comments, articles and people go.
    await sql`delete from moderation_actions
      where ${isIn('article_id', articles)}
        or comment_id in ${onDemoArticles}
        or ${isIn('target_user_id', removable.users)}`.execute(db);
    await sql`delete from comment_idempotency_keys where comment_id in ${onDemoArticles}`.execute(
      db,
    );
    // One statement, so replies and the comments they answer go together; revisions,
    // reactions, reports and moderation reasons follow by cascade.
    await sql`delete from comments where ${isIn('article_id', articles)}`.execute(db);
    // Authors, tag links, related links (both ways), corrections, revisions, old addresses follow.
    await sql`delete from articles where ${isIn('id', articles)}`.execute(db);
    await sql`delete from tags where ${isIn('slug', removable.tags)}`.execute(db);
    // Sessions, tokens, one-time links and idempotency keys follow by cascade.
    await sql`delete from users where ${isIn('id', removable.users)}`.execute(db);
    await sql`delete from images where ${isIn('id', removable.images)}`.execute(db);
    await sql`delete from sections where ${isIn('slug', removable.sections)}`.execute(db);
    await sql`delete from settings where ${isIn('key', removable.settings)}`.execute(db);
    // Forget what is gone; what stays because real content uses it stays recorded, so a later
    // removal (once nothing uses it) still knows it for the demo's.
    await this.forgetMissing();
  }
}
