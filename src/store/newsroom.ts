/**
 * The newsroom's writes on articles: creation, conflict-safe saves, status transitions, the
 * scheduler's claim, slugs (old ones too), corrections, and the staff list. Every write that must
 * not race is one conditional statement, so the database (not the process) decides who wins.
 */
import { sql, type Kysely } from 'kysely';
import type { ArticleStatus, CorrectionKind, CorrectionPriority } from '../domain/article.js';
import { renderBody } from '../domain/body.js';
import { newId } from '../domain/ids.js';
import { KyselyReaderStore } from './reader.js';
import { insertRevision, listRevisions, oneRevision } from './revisions.js';
import { summaryColumns, toSummaries } from './rows.js';
import type { Database } from './schema.js';
import type { ArticleContent, NewsroomItem, NewsroomListQuery } from '../domain/newsroom.js';
import type { NewArticle, NewsroomStore, SaveArticle, SaveResult } from './ports/newsroom.js';

/** Runs work atomically: in the caller's transaction if there is one, else in a new one. */
function atomically<T>(db: Kysely<Database>, work: (db: Kysely<Database>) => Promise<T>) {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

export type SaveOutcome = 'saved' | 'stale' | 'missing';

async function replaceLists(db: Kysely<Database>, id: string, content: ArticleContent) {
  const authorIds = [...new Set(content.authorIds)];
  const tags = content.tags.filter(
    (t, i) => content.tags.findIndex((u) => u.slug === t.slug) === i,
  );
  const related = [...new Set(content.relatedIds)].filter((r) => r !== id);
  await db.deleteFrom('article_authors').where('article_id', '=', id).execute();
  if (authorIds.length > 0) {
    await db
      .insertInto('article_authors')
      .values(authorIds.map((userId, position) => ({ article_id: id, user_id: userId, position })))
      .execute();
  }
  await db.deleteFrom('article_tags').where('article_id', '=', id).execute();
  if (tags.length > 0) {
    await db
      .insertInto('tags')
      .values(tags.map((t) => ({ slug: t.slug, name: t.name })))
      .onConflict((oc) => oc.column('slug').doNothing())
      .execute();
    await db
      .insertInto('article_tags')
      .values(tags.map((t, position) => ({ article_id: id, tag_slug: t.slug, position })))
      .execute();
  }
  await db.deleteFrom('article_related').where('article_id', '=', id).execute();
  if (related.length > 0) {
    await db
      .insertInto('article_related')
      .values(
        related.map((relatedId, position) => ({ article_id: id, related_id: relatedId, position })),
      )
      .execute();
  }
  return { authorIds, tags, relatedIds: related };
}

export async function saveArticle(db: Kysely<Database>, input: SaveArticle): Promise<SaveOutcome> {
  return atomically(db, async (tx) => {
    const before = await tx
      .selectFrom('articles')
      .select(['slug', 'version'])
      .where('id', '=', input.id)
      .executeTakeFirst();
    if (!before) return 'missing';
    const c = input.content;
    // The version check and the bump are one statement: of two saves from the same version,
    // the second finds the version moved (PostgreSQL re-checks the row after the first commits;
    // SQLite runs one writer at a time).
    const updated = await tx
      .updateTable('articles')
      .set({
        slug: c.slug,
        section_slug: c.sectionSlug,
        headline: c.headline,
        standfirst: c.standfirst,
        body: c.body,
        body_html: renderBody(c.body),
        dateline: c.dateline,
        version: sql<number>`version + 1`,
        modified_at: input.savedAt,
        ...(input.substantive
          ? { updated_at: input.savedAt, update_note: input.substantive.note }
          : {}),
      })
      .where('id', '=', input.id)
      .where('version', '=', input.baseVersion)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) return 'stale';
    const lists = await replaceLists(tx, input.id, c);
    if (before.slug !== c.slug) {
      // The old address keeps working: it redirects here. Going back to an old slug takes it
      // out of the redirects.
      await tx
        .insertInto('article_old_slugs')
        .values({ slug: before.slug, article_id: input.id, created_at: input.savedAt })
        .onConflict((oc) => oc.column('slug').doNothing())
        .execute();
      await tx.deleteFrom('article_old_slugs').where('slug', '=', c.slug).execute();
    }
    await insertRevision(tx, {
      articleId: input.id,
      version: input.baseVersion + 1,
      content: { ...c, ...lists },
      savedAt: input.savedAt,
      savedBy: input.savedBy,
      substantive: Boolean(input.substantive),
      note: input.substantive ? input.substantive.note : (input.note ?? ''),
    });
    return 'saved';
  });
}

export async function transition(
  db: Kysely<Database>,
  input: {
    id: string;
    from: readonly ArticleStatus[];
    to: ArticleStatus;
    publishedAt?: string;
    publishAt?: string | null;
    returned?: { note: string; at: string; by: string } | null;
  },
): Promise<boolean> {
  const { returned } = input;
  const result = await db
    .updateTable('articles')
    .set({
      status: input.to,
      publish_at: input.publishAt ?? null,
      ...(input.publishedAt
        ? { published_at: sql<string>`coalesce(published_at, ${input.publishedAt})` }
        : {}),
      ...(returned !== undefined
        ? {
            returned_note: returned?.note ?? null,
            returned_at: returned?.at ?? null,
            returned_by: returned?.by ?? null,
          }
        : {}),
    })
    .where('id', '=', input.id)
    .where('status', 'in', [...input.from])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function publishDue(db: Kysely<Database>, now: string): Promise<string[]> {
  // One statement that claims and publishes: a row another process has just published no longer
  // matches `status = 'scheduled'` when this one gets to it (PostgreSQL waits for the row lock,
  // then re-checks the condition), so every due article is published by exactly one caller.
  const rows = await db
    .updateTable('articles')
    .set({
      status: 'published',
      published_at: sql<string>`coalesce(published_at, publish_at)`,
      publish_at: null,
    })
    .where('status', '=', 'scheduled')
    .where('publish_at', '<=', now)
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

export async function slugTaken(
  db: Kysely<Database>,
  slug: string,
  exceptArticleId?: string,
): Promise<boolean> {
  const except = exceptArticleId ?? '';
  const [current, old] = await Promise.all([
    db
      .selectFrom('articles')
      .select('id')
      .where('slug', '=', slug)
      .where('id', '!=', except)
      .executeTakeFirst(),
    db
      .selectFrom('article_old_slugs')
      .select('article_id')
      .where('slug', '=', slug)
      .where('article_id', '!=', except)
      .executeTakeFirst(),
  ]);
  return current !== undefined || old !== undefined;
}

function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
}

export async function listNewsroom(
  db: Kysely<Database>,
  query: NewsroomListQuery,
): Promise<NewsroomItem[]> {
  let q = db
    .selectFrom('articles as a')
    .innerJoin('sections as s', 's.slug', 'a.section_slug')
    .select([...summaryColumns, 'a.version', 'a.modified_at', 'a.publish_at'])
    // Deleted drafts are listed apart, for admins (store/deleted-drafts.ts).
    .where('a.deleted_at', 'is', null);
  if (query.status) q = q.where('a.status', '=', query.status);
  if (query.section) q = q.where('a.section_slug', '=', query.section);
  const byline = (userId: string) =>
    q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('article_authors as aa')
          .select(sql`1`.as('one'))
          .whereRef('aa.article_id', '=', 'a.id')
          .where('aa.user_id', '=', userId),
      ),
    );
  if (query.authorId) q = byline(query.authorId);
  if (query.ownerId) {
    const owner = query.ownerId;
    q = q.where((eb) =>
      eb.or([
        eb('a.created_by', '=', owner),
        eb.exists(
          eb
            .selectFrom('article_authors as ab')
            .select(sql`1`.as('one'))
            .whereRef('ab.article_id', '=', 'a.id')
            .where('ab.user_id', '=', owner),
        ),
      ]),
    );
  }
  if (query.text) {
    q = q.where(sql<boolean>`lower(a.headline) like ${likePattern(query.text)} escape '\\'`);
  }
  const rows = await q
    .orderBy('a.modified_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(query.limit)
    .offset(query.offset)
    .execute();
  const summaries = await toSummaries(db, rows);
  return summaries.map((s, i) => {
    const row = rows[i]!;
    return {
      ...s,
      version: Number(row.version),
      modifiedAt: row.modified_at,
      publishAt: row.publish_at,
    };
  });
}

async function setRelated(db: Kysely<Database>, articleId: string, relatedIds: readonly string[]) {
  const unique = [...new Set(relatedIds)].filter((id) => id !== articleId);
  await atomically(db, async (tx) => {
    await tx.deleteFrom('article_related').where('article_id', '=', articleId).execute();
    if (unique.length === 0) return;
    await tx
      .insertInto('article_related')
      .values(
        unique.map((relatedId, position) => ({
          article_id: articleId,
          related_id: relatedId,
          position,
        })),
      )
      .execute();
  });
}
/** The newsroom's port: creating articles, the conditional writes above, revisions, corrections. */
export class KyselyNewsroomStore implements NewsroomStore {
  private readonly reader: KyselyReaderStore;

  constructor(private readonly db: Kysely<Database>) {
    this.reader = new KyselyReaderStore(db);
  }

  async create(input: NewArticle) {
    const id = newId(Date.parse(input.createdAt));
    const authorIds = [...new Set(input.authorIds)];
    // Two names may make one slug ("Council", "council"); the first one given wins.
    const tags = input.tags.filter((t, i) => input.tags.findIndex((u) => u.slug === t.slug) === i);
    await atomically(this.db, async (db) => {
      await db
        .insertInto('articles')
        .values({
          id,
          slug: input.slug,
          section_slug: input.sectionSlug,
          headline: input.headline,
          standfirst: input.standfirst,
          body: input.body,
          body_html: renderBody(input.body),
          dateline: input.dateline,
          status: input.status,
          published_at: input.publishedAt,
          updated_at: null,
          update_note: null,
          created_at: input.createdAt,
          modified_at: input.createdAt,
          created_by: input.createdBy ?? null,
        })
        .execute();
      if (authorIds.length > 0) {
        await db
          .insertInto('article_authors')
          .values(
            authorIds.map((userId, position) => ({ article_id: id, user_id: userId, position })),
          )
          .execute();
      }
      if (tags.length > 0) {
        await db
          .insertInto('tags')
          .values(tags)
          .onConflict((oc) => oc.column('slug').doNothing())
          .execute();
        await db
          .insertInto('article_tags')
          .values(tags.map((t, position) => ({ article_id: id, tag_slug: t.slug, position })))
          .execute();
      }
      if (input.relatedIds?.length) await setRelated(db, id, input.relatedIds);
      await insertRevision(db, {
        articleId: id,
        version: 1,
        content: {
          slug: input.slug,
          sectionSlug: input.sectionSlug,
          headline: input.headline,
          standfirst: input.standfirst,
          body: input.body,
          dateline: input.dateline,
          authorIds,
          tags,
          relatedIds: [...new Set(input.relatedIds ?? [])].filter((r) => r !== id),
        },
        savedAt: input.createdAt,
        savedBy: input.createdBy ?? null,
        substantive: false,
        note: '',
      });
    });
    const created = await this.reader.getById(id);
    if (!created) throw new Error('article vanished after insert');
    return created;
  }
  setRelated(articleId: string, relatedIds: readonly string[]) {
    return setRelated(this.db, articleId, relatedIds);
  }

  async save(input: SaveArticle): Promise<SaveResult> {
    const outcome = await saveArticle(this.db, input);
    const article = await this.reader.getById(input.id);
    if (outcome === 'missing' || !article) return { ok: false, reason: 'missing' };
    if (outcome === 'stale') return { ok: false, reason: 'stale', current: article };
    return { ok: true, article };
  }
  transition(input: Parameters<NewsroomStore['transition']>[0]) {
    return transition(this.db, input);
  }

  publishDue(now: string) {
    return publishDue(this.db, now);
  }

  async markUpdated(articleId: string, at: string, note: string | null) {
    await this.db
      .updateTable('articles')
      .set({ updated_at: at, update_note: note })
      .where('id', '=', articleId)
      .execute();
  }
  slugTaken(slug: string, exceptArticleId?: string) {
    return slugTaken(this.db, slug, exceptArticleId);
  }

  listNewsroom(query: NewsroomListQuery) {
    return listNewsroom(this.db, query);
  }

  revisions(articleId: string) {
    return listRevisions(this.db, articleId);
  }

  revision(articleId: string, version: number) {
    return oneRevision(this.db, articleId, version);
  }

  async addCorrection(input: {
    articleId: string;
    kind: CorrectionKind;
    text: string;
    createdAt: string;
    priority?: CorrectionPriority;
  }) {
    const id = newId(Date.parse(input.createdAt));
    await this.db
      .insertInto('corrections')
      .values({
        id,
        article_id: input.articleId,
        kind: input.kind,
        text: input.text,
        created_at: input.createdAt,
        retracted_at: null,
        retraction_note: null,
        priority: input.priority ?? 'normal',
      })
      .execute();
    return id;
  }
  async retractCorrection(input: {
    articleId: string;
    correctionId: string;
    at: string;
    note: string;
  }) {
    const result = await this.db
      .updateTable('corrections')
      .set({ retracted_at: input.at, retraction_note: input.note })
      .where('id', '=', input.correctionId)
      .where('article_id', '=', input.articleId)
      .where('retracted_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}
