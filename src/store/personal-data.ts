/** One person's data: everything stored about them, and emptying their account. */
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';
import type { PersonalDataStore, PersonalRecords } from './ports/personal-data.js';
import type { PersonWritten } from './users.js';

export class KyselyPersonalDataStore implements PersonalDataStore {
  constructor(
    private readonly db: Kysely<Database>,
    /** Says the person changed (anonymised): kept copies of them are forgotten (0096). */
    private readonly written: PersonWritten,
  ) {}

  async collect(userId: string): Promise<PersonalRecords | null> {
    const user = await this.db
      .selectFrom('users')
      .select([
        'id',
        'email',
        'name',
        'slug',
        'role',
        'bio',
        'photo_url',
        'created_at',
        'email_verified_at',
        'suspended_until',
        'banned_at',
        'sanction_reason',
        'notify_replies',
        'byline',
      ])
      .where('id', '=', userId)
      .executeTakeFirst();
    if (!user) return null;
    const comments = await this.db
      .selectFrom('comments as c')
      .innerJoin('articles as a', 'a.id', 'c.article_id')
      .select([
        'c.id',
        'c.article_id',
        'a.slug as article_slug',
        'a.headline as article_headline',
        'c.parent_id',
        'c.status',
        'c.body',
        'c.created_at',
        'c.edited_at',
        'c.featured_at',
        'c.rejection_reason',
        'c.client_address',
      ])
      .where('c.author_id', '=', userId)
      .orderBy('c.created_at')
      .orderBy('c.id')
      .execute();
    const versions = await this.db
      .selectFrom('comment_revisions as r')
      .innerJoin('comments as c', 'c.id', 'r.comment_id')
      .select(['r.comment_id', 'r.body', 'r.written_at', 'r.replaced_at'])
      .where('c.author_id', '=', userId)
      .orderBy('r.comment_id')
      .orderBy('r.written_at')
      .execute();
    const reactions = await this.db
      .selectFrom('comment_reactions')
      .select(['comment_id', 'created_at'])
      .where('user_id', '=', userId)
      .orderBy('created_at')
      .execute();
    const reports = await this.db
      .selectFrom('comment_reports')
      .select(['comment_id', 'reason', 'text', 'created_at', 'resolved_at'])
      .where('reporter_id', '=', userId)
      .orderBy('created_at')
      .execute();
    const tokens = await this.db
      .selectFrom('api_tokens')
      .select(['label', 'created_at', 'last_used_at', 'revoked_at'])
      .where('user_id', '=', userId)
      .orderBy('created_at')
      .execute();
    const sanctions = await this.db
      .selectFrom('moderation_actions')
      .select(['action', 'reason', 'created_at'])
      .where('target_user_id', '=', userId)
      .orderBy('created_at')
      .execute();
    const bylines = await this.db
      .selectFrom('article_authors as aa')
      .innerJoin('articles as a', 'a.id', 'aa.article_id')
      .select(['a.id', 'a.slug', 'a.headline'])
      .where('aa.user_id', '=', userId)
      .orderBy('a.created_at')
      .execute();
    const invitations = await this.db
      .selectFrom('invitations')
      .select(['role', 'created_at', 'expires_at', 'accepted_at', 'revoked_at'])
      .where((eb) => eb.or([eb('email', '=', user.email), eb('accepted_by', '=', userId)]))
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    const ssoLinks = await this.db
      .selectFrom('sso_links as l')
      .innerJoin('sso_providers as p', 'p.id', 'l.provider_id')
      .select(['p.name as provider_name', 'l.subject', 'l.email', 'l.created_at', 'l.last_used_at'])
      .where('l.user_id', '=', userId)
      .orderBy('l.created_at')
      .orderBy('l.id')
      .execute();
    return {
      user: { ...user, notify_replies: Number(user.notify_replies) },
      comments,
      versions,
      reactions,
      reports,
      tokens,
      sanctions,
      bylines,
      invitations,
      ssoLinks,
    };
  }

  async liveCommentIds(userId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('comments')
      .select('id')
      .where('author_id', '=', userId)
      .where('status', '!=', 'deleted')
      // Replies first, so a parent deleted after its replies leaves no empty placeholder.
      .orderBy('depth', 'desc')
      .orderBy('id')
      .execute();
    return rows.map((r) => r.id);
  }

  async bylineCount(userId: string): Promise<number> {
    const row = await this.db
      .selectFrom('article_authors')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  async anonymise(
    userId: string,
    replacement: { name: string; email: string; slug: string },
  ): Promise<string[]> {
    const db = this.db;
    // The reactions go; the counts they made go with them.
    const reacted = await db
      .selectFrom('comment_reactions')
      .select('comment_id')
      .where('user_id', '=', userId)
      .execute();
    for (const { comment_id } of reacted) {
      await db
        .updateTable('comments')
        .set((eb) => ({ reaction_count: eb('reaction_count', '-', 1) }))
        .where('id', '=', comment_id)
        .where('reaction_count', '>', 0)
        .execute();
    }
    await db.deleteFrom('comment_reactions').where('user_id', '=', userId).execute();
    await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
    await db.deleteFrom('api_tokens').where('user_id', '=', userId).execute();
    await db.deleteFrom('one_time_tokens').where('user_id', '=', userId).execute();
    const person = await db
      .selectFrom('users')
      .select('email')
      .where('id', '=', userId)
      .executeTakeFirst();
    await db
      .deleteFrom('invitations')
      .where((eb) => eb.or([eb('accepted_by', '=', userId), eb('email', '=', person?.email ?? '')]))
      .execute();
    await db
      .updateTable('invitations')
      .set({ invited_by: null })
      .where('invited_by', '=', userId)
      .execute();
    await db.deleteFrom('comment_idempotency_keys').where('author_id', '=', userId).execute();
    await db.deleteFrom('moderation_digests').where('user_id', '=', userId).execute();
    await db.deleteFrom('staff_mail_optouts').where('user_id', '=', userId).execute();
    await db.deleteFrom('passkeys').where('user_id', '=', userId).execute();
    await db.deleteFrom('passkey_challenges').where('user_id', '=', userId).execute();
    await db.deleteFrom('sign_in_events').where('user_id', '=', userId).execute();
    await db.deleteFrom('sso_links').where('user_id', '=', userId).execute();
    await db.deleteFrom('email_sign_in_links').where('user_id', '=', userId).execute();
    await db
      .updateTable('comments')
      .set({ client_address: null })
      .where('author_id', '=', userId)
      .where('client_address', 'is not', null)
      .execute();
    await db
      .updateTable('users')
      .set({
        name: replacement.name,
        email: replacement.email,
        slug: replacement.slug,
        role: 'commenter',
        password_hash: null,
        bio: '',
        photo_url: '',
        byline: '',
        email_verified_at: null,
        notify_replies: 0,
      })
      .where('id', '=', userId)
      .execute();
    this.written(userId);
    const articles = await db
      .selectFrom('comments')
      .select('article_id')
      .distinct()
      .where('author_id', '=', userId)
      .execute();
    return articles.map((a) => a.article_id);
  }
}
