/** Reader newsletters in the database: subscribers, lists, issues and the sending queue (0029). */
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type {
  DeliveryCounts,
  IssueKind,
  IssueStatus,
  NewsletterIssue,
  Subscriber,
  SubscriberSource,
  SubscriberStatus,
} from '../domain/newsletter.js';
import type { ClaimedDelivery, NewIssue, NewsletterStore } from './ports/newsletters.js';
import type { Database, NewsletterIssuesTable, NewsletterSubscribersTable } from './schema.js';

type SubscriberRow = Selectable<NewsletterSubscribersTable>;

function issueOf(row: Selectable<NewsletterIssuesTable>): NewsletterIssue {
  return {
    id: row.id,
    kind: row.kind as IssueKind,
    list: row.list,
    slug: row.slug,
    status: row.status as IssueStatus,
    subject: row.subject,
    intro: row.intro,
    articleIds: JSON.parse(row.article_ids) as string[],
    sendAt: row.send_at,
    createdAt: row.created_at,
    queuedAt: row.queued_at,
  };
}

export class KyselyNewsletterStore implements NewsletterStore {
  constructor(private readonly db: Kysely<Database>) {}

  private inTransaction<T>(work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
    return this.db.isTransaction
      ? work(this.db)
      : this.db.transaction().execute((trx: Transaction<Database>) => work(trx));
  }

  private async withLists(rows: SubscriberRow[]): Promise<Subscriber[]> {
    if (rows.length === 0) return [];
    const lists = await this.db
      .selectFrom('newsletter_subscriptions')
      .select(['subscriber_id', 'list'])
      .where(
        'subscriber_id',
        'in',
        rows.map((r) => r.id),
      )
      .orderBy('list')
      .execute();
    const byId = new Map<string, string[]>();
    for (const l of lists)
      byId.set(l.subscriber_id, [...(byId.get(l.subscriber_id) ?? []), l.list]);
    return rows.map((r) => ({
      id: r.id,
      email: r.email,
      userId: r.user_id,
      status: r.status as SubscriberStatus,
      source: r.source as SubscriberSource,
      createdAt: r.created_at,
      confirmedAt: r.confirmed_at,
      bouncedAt: r.bounced_at,
      bounceReason: r.bounce_reason,
      consentBy: r.consent_by,
      consentAt: r.consent_at,
      lists: byId.get(r.id) ?? [],
    }));
  }

  private async one(column: 'email' | 'id' | 'user_id', value: string): Promise<Subscriber | null> {
    const row = await this.db
      .selectFrom('newsletter_subscribers')
      .selectAll()
      .where(column, '=', value)
      .executeTakeFirst();
    return row ? ((await this.withLists([row]))[0] ?? null) : null;
  }

  subscriberByEmail(email: string) {
    return this.one('email', email);
  }

  subscriberById(id: string) {
    return this.one('id', id);
  }

  subscriberByUser(userId: string) {
    return this.one('user_id', userId);
  }

  async addSubscriber(input: {
    id: string;
    email: string;
    userId: string | null;
    status: SubscriberStatus;
    source: SubscriberSource;
    at: string;
    consentBy?: string | null;
  }): Promise<boolean> {
    const rows = await this.db
      .insertInto('newsletter_subscribers')
      .values({
        id: input.id,
        email: input.email,
        user_id: input.userId,
        status: input.status,
        source: input.source,
        created_at: input.at,
        confirmed_at: input.status === 'confirmed' ? input.at : null,
        left_at: null,
        bounced_at: null,
        bounce_reason: null,
        consent_by: input.consentBy ?? null,
        consent_at: input.consentBy ? input.at : null,
      })
      .onConflict((oc) => oc.column('email').doNothing())
      .returning('id')
      .execute();
    return rows.length > 0;
  }

  async addLists(subscriberId: string, lists: readonly string[], at: string): Promise<void> {
    if (lists.length === 0) return;
    await this.db
      .insertInto('newsletter_subscriptions')
      .values(lists.map((list) => ({ subscriber_id: subscriberId, list, created_at: at })))
      .onConflict((oc) => oc.columns(['subscriber_id', 'list']).doNothing())
      .execute();
  }

  async setLists(subscriberId: string, lists: readonly string[], at: string): Promise<void> {
    await this.inTransaction(async (trx) => {
      let remove = trx
        .deleteFrom('newsletter_subscriptions')
        .where('subscriber_id', '=', subscriberId);
      if (lists.length > 0) remove = remove.where('list', 'not in', [...lists]);
      await remove.execute();
      if (lists.length === 0) return;
      await trx
        .insertInto('newsletter_subscriptions')
        .values(lists.map((list) => ({ subscriber_id: subscriberId, list, created_at: at })))
        .onConflict((oc) => oc.columns(['subscriber_id', 'list']).doNothing())
        .execute();
    });
  }

  async setStatus(
    subscriberId: string,
    status: Exclude<SubscriberStatus, 'bounced'>,
    at: string,
  ): Promise<void> {
    await this.db
      .updateTable('newsletter_subscribers')
      .set({
        status,
        ...(status === 'confirmed' ? { confirmed_at: at, left_at: null } : {}),
        ...(status === 'left' ? { left_at: at } : {}),
      })
      .where('id', '=', subscriberId)
      .where('status', '!=', 'bounced')
      .execute();
  }

  async linkUser(subscriberId: string, userId: string): Promise<void> {
    await this.db
      .updateTable('newsletter_subscribers')
      .set({ user_id: userId })
      .where('id', '=', subscriberId)
      .execute();
  }

  async markBounced(subscriberId: string, reason: string, at: string): Promise<void> {
    await this.db
      .updateTable('newsletter_subscribers')
      .set({ status: 'bounced', bounced_at: at, bounce_reason: reason.slice(0, 500) })
      .where('id', '=', subscriberId)
      .execute();
  }

  async listSubscribers(query: {
    search?: string;
    list?: string;
    status?: SubscriberStatus;
    limit: number;
    offset: number;
  }) {
    let base = this.db.selectFrom('newsletter_subscribers');
    if (query.list) {
      const list = query.list;
      base = base.where(({ exists, selectFrom }) =>
        exists(
          selectFrom('newsletter_subscriptions as l')
            .select('l.list')
            .whereRef('l.subscriber_id', '=', 'newsletter_subscribers.id')
            .where('l.list', '=', list),
        ),
      );
    }
    if (query.status) base = base.where('status', '=', query.status);
    const search = query.search?.trim().toLowerCase();
    if (search) {
      const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      base = base.where(sql<boolean>`email like ${pattern} escape '\\'`);
    }
    const [rows, count] = await Promise.all([
      base
        .selectAll()
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(query.limit)
        .offset(query.offset)
        .execute(),
      base.select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: await this.withLists(rows), total: Number(count.n) };
  }

  async clearBounce(subscriberId: string): Promise<boolean> {
    const result = await this.db
      .updateTable('newsletter_subscribers')
      .set((eb) => ({
        status: eb
          .case()
          .when('confirmed_at', 'is not', null)
          .then('confirmed')
          .else('pending')
          .end(),
        bounced_at: null,
        bounce_reason: null,
      }))
      .where('id', '=', subscriberId)
      .where('status', '=', 'bounced')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async subscriberPage(afterEmail: string | null, limit: number): Promise<Subscriber[]> {
    let query = this.db.selectFrom('newsletter_subscribers').selectAll();
    if (afterEmail !== null) query = query.where('email', '>', afterEmail);
    return this.withLists(await query.orderBy('email').limit(limit).execute());
  }

  async deleteSubscriber(subscriberId: string): Promise<void> {
    await this.inTransaction(async (trx) => {
      await trx
        .deleteFrom('newsletter_deliveries')
        .where('subscriber_id', '=', subscriberId)
        .execute();
      await trx
        .deleteFrom('newsletter_subscriptions')
        .where('subscriber_id', '=', subscriberId)
        .execute();
      await trx.deleteFrom('newsletter_subscribers').where('id', '=', subscriberId).execute();
    });
  }

  async listCounts(): Promise<Record<string, number>> {
    const rows = await this.db
      .selectFrom('newsletter_subscriptions as l')
      .innerJoin('newsletter_subscribers as s', 's.id', 'l.subscriber_id')
      .where('s.status', '=', 'confirmed')
      .select(['l.list', (eb) => eb.fn.countAll<string | number>().as('n')])
      .groupBy('l.list')
      .execute();
    return Object.fromEntries(rows.map((r) => [r.list, Number(r.n)]));
  }

  async createIssue(issue: NewIssue): Promise<boolean> {
    const rows = await this.db
      .insertInto('newsletter_issues')
      .values({
        id: issue.id,
        key: issue.key,
        slug: issue.slug,
        kind: issue.kind,
        list: issue.list,
        status: issue.status,
        subject: issue.subject,
        intro: issue.intro,
        article_ids: JSON.stringify(issue.articleIds),
        send_at: issue.sendAt,
        created_at: issue.createdAt,
        edited_by: null,
        queued_at: null,
      })
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .execute();
    return rows.length > 0;
  }

  private async issueWhere(column: 'id' | 'key' | 'slug', value: string) {
    const row = await this.db
      .selectFrom('newsletter_issues')
      .selectAll()
      .where(column, '=', value)
      .executeTakeFirst();
    return row ? issueOf(row) : null;
  }

  issueById(id: string) {
    return this.issueWhere('id', id);
  }

  issueByKey(key: string) {
    return this.issueWhere('key', key);
  }

  issueBySlug(slug: string) {
    return this.issueWhere('slug', slug);
  }

  async archive(limit: number, offset: number): Promise<NewsletterIssue[]> {
    const rows = await this.db
      .selectFrom('newsletter_issues')
      .selectAll()
      .where('status', '=', 'queued')
      .orderBy('queued_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .offset(offset)
      .execute();
    return rows.map(issueOf);
  }

  async unsent(): Promise<NewsletterIssue[]> {
    const rows = await this.db
      .selectFrom('newsletter_issues')
      .selectAll()
      .where('status', 'in', ['draft', 'held', 'waiting'])
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(issueOf);
  }

  recent(limit: number): Promise<NewsletterIssue[]> {
    return this.archive(limit, 0);
  }

  async sentBetween(from: string, to: string, limit: number): Promise<NewsletterIssue[]> {
    const rows = await this.db
      .selectFrom('newsletter_issues')
      .selectAll()
      .where('status', '=', 'queued')
      .where('queued_at', '>=', from)
      .where('queued_at', '<', to)
      .orderBy('queued_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(issueOf);
  }

  async editIssue(
    id: string,
    change: { subject: string; intro: string; articleIds: string[] },
    editedBy: string,
  ): Promise<boolean> {
    const rows = await this.db
      .updateTable('newsletter_issues')
      .set({
        subject: change.subject,
        intro: change.intro,
        article_ids: JSON.stringify(change.articleIds),
        edited_by: editedBy,
      })
      .where('id', '=', id)
      .where('status', 'in', ['draft', 'held', 'waiting'])
      .returning('id')
      .execute();
    return rows.length > 0;
  }

  async setIssueStatus(
    id: string,
    from: readonly IssueStatus[],
    to: IssueStatus,
  ): Promise<boolean> {
    const rows = await this.db
      .updateTable('newsletter_issues')
      .set({ status: to })
      .where('id', '=', id)
      .where('status', 'in', [...from])
      .returning('id')
      .execute();
    return rows.length > 0;
  }

  queueIssue(id: string, from: readonly IssueStatus[], at: string): Promise<number | null> {
    return this.inTransaction(async (trx) => {
      // The conditional update is the claim: of several processes, one moves it to queued.
      const claimed = await trx
        .updateTable('newsletter_issues')
        .set({ status: 'queued', queued_at: at })
        .where('id', '=', id)
        .where('status', 'in', [...from])
        .returning('list')
        .executeTakeFirst();
      if (!claimed) return null;
      // One row per (issue, subscriber): the primary key makes a second queueing add nothing.
      const result = await trx
        .insertInto('newsletter_deliveries')
        .columns(['id', 'issue_id', 'subscriber_id', 'status', 'attempts', 'due_at'])
        .expression((eb) =>
          eb
            .selectFrom('newsletter_subscriptions as l')
            .innerJoin('newsletter_subscribers as s', 's.id', 'l.subscriber_id')
            .where('l.list', '=', claimed.list)
            .where('s.status', '=', 'confirmed')
            .select([
              sql<string>`${id} || '.' || s.id`.as('id'),
              sql<string>`${id}`.as('issue_id'),
              's.id as subscriber_id',
              sql<string>`'queued'`.as('status'),
              sql<number>`0`.as('attempts'),
              sql<string>`${at}`.as('due_at'),
            ]),
        )
        .onConflict((oc) => oc.column('id').doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0);
    });
  }

  async deliveryCounts(issueIds: readonly string[]): Promise<Map<string, DeliveryCounts>> {
    const out = new Map<string, DeliveryCounts>();
    if (issueIds.length === 0) return out;
    const rows = await this.db
      .selectFrom('newsletter_deliveries')
      .select(['issue_id', 'status', (eb) => eb.fn.countAll<string | number>().as('n')])
      .where('issue_id', 'in', [...issueIds])
      .groupBy(['issue_id', 'status'])
      .execute();
    for (const id of issueIds) out.set(id, { queued: 0, sending: 0, sent: 0, failed: 0 });
    for (const r of rows) {
      const counts = out.get(r.issue_id);
      if (counts && r.status in counts) counts[r.status as keyof DeliveryCounts] = Number(r.n);
    }
    return out;
  }

  async claimDeliveries(input: {
    now: string;
    leaseUntil: string;
    limit: number;
    claim: string;
  }): Promise<ClaimedDelivery[]> {
    // `due_at` is when a queued row may go, and for a row being sent when its claim expires: a
    // process killed mid-send leaves rows that fall due again once their lease is over. The
    // conditions are repeated outside the subquery: PostgreSQL re-checks them after waiting for
    // a row another process is claiming, so each row goes to one claimer.
    const claimed = await this.db
      .updateTable('newsletter_deliveries')
      .set((eb) => ({
        status: 'sending',
        claim: input.claim,
        due_at: input.leaseUntil,
        attempts: eb('attempts', '+', 1),
      }))
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('newsletter_deliveries')
          .select('id')
          .where('status', 'in', ['queued', 'sending'])
          .where('due_at', '<=', input.now)
          .orderBy('due_at')
          .limit(input.limit),
      )
      .where('status', 'in', ['queued', 'sending'])
      .where('due_at', '<=', input.now)
      .returning(['id', 'issue_id', 'subscriber_id', 'attempts'])
      .execute();
    if (claimed.length === 0) return [];
    const people = await this.db
      .selectFrom('newsletter_subscribers')
      .select(['id', 'email', 'status'])
      .where('id', 'in', [...new Set(claimed.map((c) => c.subscriber_id))])
      .execute();
    const byId = new Map(people.map((p) => [p.id, p]));
    return claimed
      .sort((a, b) => (a.id < b.id ? -1 : 1))
      .map((c) => ({
        id: c.id,
        issueId: c.issue_id,
        subscriberId: c.subscriber_id,
        email: byId.get(c.subscriber_id)?.email ?? '',
        subscriberStatus: (byId.get(c.subscriber_id)?.status ?? 'left') as SubscriberStatus,
        attempts: Number(c.attempts),
      }));
  }

  async markSent(id: string, claim: string, at: string): Promise<boolean> {
    const rows = await this.db
      .updateTable('newsletter_deliveries')
      .set({ status: 'sent', sent_at: at, error: null })
      .where('id', '=', id)
      .where('claim', '=', claim)
      .where('status', '=', 'sending')
      .returning('id')
      .execute();
    return rows.length > 0;
  }

  async retryLater(id: string, claim: string, dueAt: string, error: string): Promise<void> {
    await this.db
      .updateTable('newsletter_deliveries')
      .set({ status: 'queued', due_at: dueAt, error: error.slice(0, 500), claim: null })
      .where('id', '=', id)
      .where('claim', '=', claim)
      .where('status', '=', 'sending')
      .execute();
  }

  async markFailed(id: string, claim: string, error: string): Promise<void> {
    await this.db
      .updateTable('newsletter_deliveries')
      .set({ status: 'failed', error: error.slice(0, 500) })
      .where('id', '=', id)
      .where('claim', '=', claim)
      .where('status', '=', 'sending')
      .execute();
  }

  async bounced(limit: number): Promise<Subscriber[]> {
    const rows = await this.db
      .selectFrom('newsletter_subscribers')
      .selectAll()
      .where('status', '=', 'bounced')
      .orderBy('bounced_at', 'desc')
      .limit(limit)
      .execute();
    return this.withLists(rows);
  }
}
