import { sql, type Kysely, type Selectable } from 'kysely';
import { renderBody } from '../domain/body.js';
import type {
  LiveAuthor,
  LiveCoverage,
  LivePresence,
  LiveUpdate,
  LiveUpdateRevision,
} from '../domain/live.js';
import type {
  LiveFlags,
  LivePageQuery,
  LiveStore,
  PresenceBeat,
  LiveUpdateEdit,
  NewLiveUpdate,
} from './ports/live.js';
import type { Database, LiveCoverageTable, LiveUpdatesTable } from './schema.js';

const toCoverage = (row: Selectable<LiveCoverageTable>): LiveCoverage => ({
  articleId: row.article_id,
  startedAt: row.started_at,
  endedAt: row.ended_at,
  seq: Number(row.seq),
});

const flag = (value: unknown) => Number(value) === 1;

function toUpdate(row: Selectable<LiveUpdatesTable>, people: Map<string, LiveAuthor>): LiveUpdate {
  return {
    id: row.id,
    articleId: row.article_id,
    seq: Number(row.seq),
    postedAt: row.posted_at,
    authors: row.author_ids
      .split(',')
      .map((id) => people.get(id))
      .filter((p): p is LiveAuthor => p !== undefined),
    title: row.title,
    body: row.body,
    bodyHtml: row.body_html,
    keyEvent: flag(row.key_event),
    pinned: flag(row.pinned),
    closing: flag(row.closing),
    editedAt: row.edited_at,
    removedAt: row.removed_at,
    removalNote: row.removal_note,
  };
}

export class KyselyLiveStore implements LiveStore {
  constructor(private readonly db: Kysely<Database>) {}

  /** Runs work atomically: in the caller's transaction if there is one, else in a new one. */
  private atomically<T>(work: (db: Kysely<Database>) => Promise<T>): Promise<T> {
    return this.db.isTransaction ? work(this.db) : this.db.transaction().execute(work);
  }

  /** The coverage's next change number; taking it locks the row until the transaction ends. */
  private async nextSeq(db: Kysely<Database>, articleId: string): Promise<number | null> {
    const row = await db
      .updateTable('live_coverage')
      .set((eb) => ({ seq: eb('seq', '+', 1) }))
      .where('article_id', '=', articleId)
      .returning('seq')
      .executeTakeFirst();
    return row ? Number(row.seq) : null;
  }

  private async withAuthors(
    rows: Selectable<LiveUpdatesTable>[],
    db: Kysely<Database> = this.db,
  ): Promise<LiveUpdate[]> {
    const ids = [...new Set(rows.flatMap((r) => r.author_ids.split(',')).filter(Boolean))];
    const people = new Map<string, LiveAuthor>();
    if (ids.length) {
      const found = await db
        .selectFrom('users')
        .select(['id', 'name', 'slug'])
        .where('id', 'in', ids)
        .execute();
      for (const p of found) people.set(p.id, p);
    }
    return rows.map((r) => toUpdate(r, people));
  }

  private async one(db: Kysely<Database>, id: string): Promise<LiveUpdate | null> {
    const row = await db
      .selectFrom('live_updates')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? ((await this.withAuthors([row], db))[0] ?? null) : null;
  }

  async coverage(articleId: string): Promise<LiveCoverage | null> {
    const row = await this.db
      .selectFrom('live_coverage')
      .selectAll()
      .where('article_id', '=', articleId)
      .executeTakeFirst();
    return row ? toCoverage(row) : null;
  }

  async running(articleIds: readonly string[]): Promise<Set<string>> {
    if (articleIds.length === 0) return new Set();
    const rows = await this.db
      .selectFrom('live_coverage')
      .select('article_id')
      .where('article_id', 'in', articleIds)
      .where('ended_at', 'is', null)
      .execute();
    return new Set(rows.map((r) => r.article_id));
  }

  async covered(articleIds: readonly string[]): Promise<Set<string>> {
    if (articleIds.length === 0) return new Set();
    const rows = await this.db
      .selectFrom('live_coverage')
      .select('article_id')
      .where('article_id', 'in', articleIds)
      .execute();
    return new Set(rows.map((r) => r.article_id));
  }

  async runningArticles(limit: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom('live_coverage')
      .select('article_id')
      .where('ended_at', 'is', null)
      .orderBy('started_at', 'desc')
      .orderBy('article_id')
      .limit(limit)
      .execute();
    return rows.map((r) => r.article_id);
  }

  async start(articleId: string, at: string): Promise<LiveCoverage | null> {
    const row = await this.db
      .insertInto('live_coverage')
      .values({ article_id: articleId, started_at: at, ended_at: null })
      .onConflict((oc) => oc.column('article_id').doNothing())
      .returningAll()
      .executeTakeFirst();
    return row ? toCoverage(row) : null;
  }

  async end(articleId: string, at: string): Promise<LiveCoverage | null> {
    const row = await this.db
      .updateTable('live_coverage')
      .set((eb) => ({ ended_at: at, seq: eb('seq', '+', 1) }))
      .where('article_id', '=', articleId)
      .where('ended_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
    return row ? toCoverage(row) : null;
  }

  async reopen(articleId: string): Promise<LiveCoverage | null> {
    const row = await this.db
      .updateTable('live_coverage')
      .set((eb) => ({ ended_at: null, seq: eb('seq', '+', 1) }))
      .where('article_id', '=', articleId)
      .where('ended_at', 'is not', null)
      .returningAll()
      .executeTakeFirst();
    return row ? toCoverage(row) : null;
  }

  post(u: NewLiveUpdate): Promise<LiveUpdate | null> {
    return this.atomically(async (db) => {
      // Only a running coverage takes updates: the check and the write are one statement.
      const row = await db
        .updateTable('live_coverage')
        .set((eb) => ({ seq: eb('seq', '+', 1) }))
        .where('article_id', '=', u.articleId)
        .where('ended_at', 'is', null)
        .returning('seq')
        .executeTakeFirst();
      if (!row) return null;
      await db
        .insertInto('live_updates')
        .values({
          id: u.id,
          article_id: u.articleId,
          seq: Number(row.seq),
          posted_at: u.at,
          posted_by: u.postedBy,
          author_ids: (u.authorIds.length ? u.authorIds : [u.postedBy]).join(','),
          title: u.title,
          body: u.body,
          body_html: renderBody(u.body),
          key_event: u.keyEvent ? 1 : 0,
          pinned: 0,
          closing: u.closing ? 1 : 0,
        })
        .execute();
      return this.one(db, u.id);
    });
  }

  edit(id: string, edit: LiveUpdateEdit): Promise<LiveUpdate | null> {
    return this.atomically(async (db) => {
      const before = await db
        .selectFrom('live_updates')
        .select(['article_id', 'title', 'body'])
        .where('id', '=', id)
        .executeTakeFirst();
      if (!before) return null;
      const seq = await this.nextSeq(db, before.article_id);
      if (seq === null) return null;
      await db
        .insertInto('live_update_revisions')
        .values({
          id: edit.revisionId,
          update_id: id,
          at: edit.at,
          by_user: edit.by,
          title: before.title,
          body: before.body,
        })
        .execute();
      await db
        .updateTable('live_updates')
        .set({
          title: edit.title,
          body: edit.body,
          body_html: renderBody(edit.body),
          edited_at: edit.at,
          seq,
        })
        .where('id', '=', id)
        .execute();
      return this.one(db, id);
    });
  }

  mark(id: string, flags: LiveFlags): Promise<LiveUpdate | null> {
    return this.atomically(async (db) => {
      const found = await db
        .selectFrom('live_updates')
        .select('article_id')
        .where('id', '=', id)
        .executeTakeFirst();
      if (!found) return null;
      const seq = await this.nextSeq(db, found.article_id);
      if (seq === null) return null;
      if (flags.pinned) {
        await db
          .updateTable('live_updates')
          .set({ pinned: 0, seq })
          .where('article_id', '=', found.article_id)
          .where('pinned', '=', 1)
          .where('id', '!=', id)
          .execute();
      }
      await db
        .updateTable('live_updates')
        .set({
          seq,
          ...(flags.keyEvent !== undefined ? { key_event: flags.keyEvent ? 1 : 0 } : {}),
          ...(flags.pinned !== undefined ? { pinned: flags.pinned ? 1 : 0 } : {}),
          ...(flags.closing !== undefined ? { closing: flags.closing ? 1 : 0 } : {}),
        })
        .where('id', '=', id)
        .execute();
      return this.one(db, id);
    });
  }

  remove(id: string, note: string, at: string): Promise<LiveUpdate | null> {
    return this.atomically(async (db) => {
      const found = await db
        .selectFrom('live_updates')
        .select('article_id')
        .where('id', '=', id)
        .where('removed_at', 'is', null)
        .executeTakeFirst();
      if (!found) return null;
      const seq = await this.nextSeq(db, found.article_id);
      if (seq === null) return null;
      await db
        .updateTable('live_updates')
        .set({ removed_at: at, removal_note: note, pinned: 0, seq })
        .where('id', '=', id)
        .execute();
      return this.one(db, id);
    });
  }

  byId(id: string): Promise<LiveUpdate | null> {
    return this.one(this.db, id);
  }

  async page(articleId: string, query: LivePageQuery): Promise<LiveUpdate[]> {
    const newest = query.order === 'newest';
    let q = this.db.selectFrom('live_updates').selectAll().where('article_id', '=', articleId);
    if (!query.withRemoved) q = q.where('removed_at', 'is', null);
    const after = query.after;
    if (after) {
      q = q.where((eb) =>
        eb.or([
          eb('posted_at', newest ? '<' : '>', after.t),
          eb.and([eb('posted_at', '=', after.t), eb('id', newest ? '<' : '>', after.id)]),
        ]),
      );
    }
    const rows = await q
      .orderBy('posted_at', newest ? 'desc' : 'asc')
      .orderBy('id', newest ? 'desc' : 'asc')
      .limit(query.limit)
      .execute();
    return this.withAuthors(rows);
  }

  async keyEvents(articleId: string): Promise<LiveUpdate[]> {
    const rows = await this.db
      .selectFrom('live_updates')
      .selectAll()
      .where('article_id', '=', articleId)
      .where('key_event', '=', 1)
      .where('removed_at', 'is', null)
      .orderBy('posted_at')
      .orderBy('id')
      .execute();
    return this.withAuthors(rows);
  }

  async pinned(articleId: string): Promise<LiveUpdate | null> {
    const row = await this.db
      .selectFrom('live_updates')
      .selectAll()
      .where('article_id', '=', articleId)
      .where('pinned', '=', 1)
      .where('removed_at', 'is', null)
      .executeTakeFirst();
    return row ? ((await this.withAuthors([row]))[0] ?? null) : null;
  }

  async count(articleId: string): Promise<number> {
    const row = await this.db
      .selectFrom('live_updates')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('article_id', '=', articleId)
      .where('removed_at', 'is', null)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  async changesSince(articleId: string, afterSeq: number, limit: number): Promise<LiveUpdate[]> {
    const rows = await this.db
      .selectFrom('live_updates')
      .selectAll()
      .where('article_id', '=', articleId)
      .where('seq', '>', afterSeq)
      .orderBy('seq')
      .orderBy('id')
      .limit(limit)
      .execute();
    return this.withAuthors(rows);
  }

  async revisions(updateId: string): Promise<LiveUpdateRevision[]> {
    const rows = await this.db
      .selectFrom('live_update_revisions')
      .selectAll()
      .where('update_id', '=', updateId)
      .orderBy('at')
      .orderBy('id')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      updateId: r.update_id,
      at: r.at,
      byUserId: r.by_user,
      title: r.title,
      body: r.body,
    }));
  }

  async present(beat: PresenceBeat): Promise<void> {
    const { articleId, userId, now } = beat;
    // Someone whose row had lapsed arrives anew: their "since" starts again.
    const lapsed = sql<boolean>`live_presence.seen_until <= ${now}`;
    await this.db
      .insertInto('live_presence')
      .values({
        article_id: articleId,
        user_id: userId,
        since: now,
        seen_until: beat.seenUntil,
        writing_until: beat.writingUntil,
      })
      .onConflict((oc) =>
        oc.columns(['article_id', 'user_id']).doUpdateSet({
          since: sql<number>`case when ${lapsed} then excluded.since else live_presence.since end`,
          seen_until: sql<number>`excluded.seen_until`,
          writing_until: sql<number | null>`excluded.writing_until`,
        }),
      )
      .execute();
    // The screens closed without a word (a lost connection, a crash) leave with their lease.
    await this.db
      .deleteFrom('live_presence')
      .where('article_id', '=', articleId)
      .where('seen_until', '<=', now)
      .execute();
  }

  async leave(articleId: string, userId: string): Promise<void> {
    await this.db
      .deleteFrom('live_presence')
      .where('article_id', '=', articleId)
      .where('user_id', '=', userId)
      .execute();
  }

  async presence(articleId: string, now: number): Promise<LivePresence[]> {
    const rows = await this.db
      .selectFrom('live_presence')
      .innerJoin('users', 'users.id', 'live_presence.user_id')
      .select([
        'live_presence.user_id as userId',
        'users.name as name',
        'live_presence.writing_until as writingUntil',
      ])
      .where('live_presence.article_id', '=', articleId)
      .where('live_presence.seen_until', '>', now)
      .orderBy('live_presence.since')
      .orderBy('users.name')
      .execute();
    return rows.map((r) => ({
      userId: r.userId,
      name: r.name,
      writing: r.writingUntil !== null && Number(r.writingUntil) > now,
    }));
  }
}
