/**
 * A person's own data: the download from /account, and deleting the account under the site's
 * policy (`accounts.deletionPolicy`; docs/decisions/0022).
 */
import type { SessionRecord } from '../domain/session.js';
import type { User } from '../domain/user.js';
import { AppError } from '../errors.js';
import type { PortsWithUnitOfWork } from '../store/types.js';
import type { ChangeBus } from './changes.js';
import type { ModerationService } from './moderation.js';
import { confirmOwner } from './sign-in-policy.js';

export type DeletionPolicy = 'anonymise' | 'remove';

/** The name comments keep after their author deleted the account. */
export const deletedAccountName = 'Deleted account';

export const personalDataFormat = 'broadsheet-personal-data';

/** Whether this person may delete their own account, and if not, why. */
export type DeletionCheck =
  | { allowed: true }
  | {
      allowed: false;
      condition: 'account_has_role' | 'account_has_bylines';
      reason: string;
      /** For `account_has_bylines`: how many articles carry the name (pages word it). */
      bylines?: number;
    };

export interface PersonalDataDeps {
  store: PortsWithUnitOfWork<
    'personalData' | 'comments' | 'users' | 'digests' | 'newsletters' | 'passkeys' | 'signInEvents'
  >;
  changes: ChangeBus;
  /** The moderation settings say whether people may delete their accounts. */
  moderation: Pick<ModerationService, 'settings'>;
  now?: () => Date;
}

export class PersonalDataService {
  private readonly store: PersonalDataDeps['store'];
  private readonly changes: ChangeBus;
  private readonly moderation: PersonalDataDeps['moderation'];
  private readonly now: () => Date;

  constructor(deps: PersonalDataDeps) {
    this.store = deps.store;
    this.changes = deps.changes;
    this.moderation = deps.moderation;
    this.now = deps.now ?? (() => new Date());
  }

  async policy(): Promise<DeletionPolicy> {
    const settings = await this.moderation.settings();
    return settings['accounts.deletionPolicy'] === 'remove' ? 'remove' : 'anonymise';
  }

  /** The person's newsletter subscription, if any (by account, or by the account's address). */
  private async newsletterRecord(user: User) {
    const s =
      (await this.store.newsletters.subscriberByUser(user.id)) ??
      (await this.store.newsletters.subscriberByEmail(user.email.toLowerCase()));
    if (!s) return null;
    const { email, status, source, createdAt, confirmedAt, bouncedAt, bounceReason, lists } = s;
    return { email, status, source, createdAt, confirmedAt, bouncedAt, bounceReason, lists };
  }

  /** Everything stored about the person, as the JSON file they download (no password hash). */
  async download(user: User) {
    const records = await this.store.personalData.collect(user.id);
    if (!records) throw new AppError('not_found', 'That account no longer exists.');
    const versions = new Map<string, { body: string; writtenAt: string; replacedAt: string }[]>();
    for (const v of records.versions) {
      const list = versions.get(v.comment_id) ?? [];
      list.push({ body: v.body, writtenAt: v.written_at, replacedAt: v.replaced_at });
      versions.set(v.comment_id, list);
    }
    const u = records.user;
    return {
      format: personalDataFormat,
      version: 1,
      exportedAt: this.now().toISOString(),
      profile: {
        id: u.id,
        name: u.name,
        email: u.email,
        emailVerifiedAt: u.email_verified_at,
        slug: u.slug,
        role: u.role,
        bio: u.bio,
        photoUrl: u.photo_url,
        byline: u.byline,
        createdAt: u.created_at,
        suspendedUntil: u.suspended_until,
        bannedAt: u.banned_at,
        sanctionReason: u.sanction_reason,
      },
      notifications: {
        emailMeAboutReplies: u.notify_replies === 1,
        moderationDigest: await this.store.digests.isSubscribed(user.id),
      },
      newsletters: await this.newsletterRecord(user),
      comments: records.comments.map((c) => ({
        id: c.id,
        article: { id: c.article_id, slug: c.article_slug, headline: c.article_headline },
        parentId: c.parent_id,
        status: c.status,
        body: c.body,
        createdAt: c.created_at,
        editedAt: c.edited_at,
        featuredAt: c.featured_at,
        rejectionReason: c.rejection_reason || null,
        networkAddress: c.client_address,
        /** Earlier versions, oldest first; `body` is the current one. */
        earlierVersions: versions.get(c.id) ?? [],
      })),
      reactions: records.reactions.map((r) => ({
        commentId: r.comment_id,
        createdAt: r.created_at,
      })),
      reportsMade: records.reports.map((r) => ({
        commentId: r.comment_id,
        reason: r.reason,
        text: r.text,
        createdAt: r.created_at,
        resolvedAt: r.resolved_at,
      })),
      apiTokens: records.tokens.map((t) => ({
        label: t.label,
        createdAt: t.created_at,
        lastUsedAt: t.last_used_at,
        revokedAt: t.revoked_at,
      })),
      moderationOfYou: records.sanctions.map((s) => ({
        action: s.action,
        reason: s.reason,
        createdAt: s.created_at,
      })),
      bylines: records.bylines,
      invitations: records.invitations.map((i) => ({
        role: i.role,
        createdAt: i.created_at,
        expiresAt: i.expires_at,
        acceptedAt: i.accepted_at,
        revokedAt: i.revoked_at,
      })),
      // Public keys only: nothing here could sign in as them.
      passkeys: (await this.store.passkeys.forUser(user.id)).map((p) => ({
        name: p.name,
        createdAt: p.createdAt,
        lastUsedAt: p.lastUsedAt,
      })),
      signIns: (await this.store.signInEvents.forUser(user.id, '1970-01-01T00:00:00.000Z', 10_000))
        .reverse()
        .map((e) => ({ method: e.method, label: e.label || null, at: e.at })),
      singleSignOn: records.ssoLinks.map((l) => ({
        provider: l.provider_name,
        subject: l.subject,
        email: l.email,
        linkedAt: l.created_at,
        lastUsedAt: l.last_used_at,
      })),
    };
  }

  /** Staff and bylined writers keep their accounts: their names are part of the record. */
  async deletionCheck(user: User): Promise<DeletionCheck> {
    if (user.role !== 'commenter') {
      return {
        allowed: false,
        condition: 'account_has_role',
        reason:
          `Your account has the ${user.role} role, so it cannot be deleted here: ` +
          'ask an admin to change your role to commenter first (nobody changes their own role, ' +
          'so an admin needs another admin, and the last admin stays).',
      };
    }
    const bylines = await this.store.personalData.bylineCount(user.id);
    if (bylines > 0) {
      return {
        allowed: false,
        condition: 'account_has_bylines',
        bylines,
        reason: `Your name is in the byline of ${bylines === 1 ? 'an article' : `${bylines} articles`}; ask an editor to change the byline first.`,
      };
    }
    return { allowed: true };
  }

  /**
   * Deletes the signed-in person's account after they re-enter their password: under
   * "anonymise" their comments stay under "Deleted account"; under "remove" each is deleted as
   * if they had deleted it themselves. Either way the row keeps only its id.
   */
  /** Confirmed by the password, or by a fresh sign-in for an account without one. */
  async deleteAccount(
    user: User,
    password: string | undefined,
    session?: Pick<SessionRecord, 'createdAt'> | null,
  ): Promise<DeletionPolicy> {
    await confirmOwner(this.store, user, password, session, this.now());
    const check = await this.deletionCheck(user);
    if (!check.allowed) throw new AppError(check.condition, check.reason);
    const policy = await this.policy();
    const at = this.now().toISOString();
    const removed: { id: string; articleId: string }[] = [];
    const articles = await this.store.transaction(async (tx) => {
      if (policy === 'remove') {
        for (const id of await tx.personalData.liveCommentIds(user.id)) {
          const deleted = await tx.comments.delete({ id, at });
          removed.push({ id: deleted.id, articleId: deleted.articleId });
        }
      }
      // Their newsletter subscription goes too (by account, or by the account's address).
      const subscriber =
        (await tx.newsletters.subscriberByUser(user.id)) ??
        (await tx.newsletters.subscriberByEmail(user.email.toLowerCase()));
      if (subscriber) await tx.newsletters.deleteSubscriber(subscriber.id);
      const suffix = user.id.toLowerCase();
      return tx.personalData.anonymise(user.id, {
        name: deletedAccountName,
        email: `deleted-${suffix}@deleted.invalid`,
        slug: `deleted-${suffix}`,
      });
    });
    for (const c of removed) {
      this.changes.publish({
        kind: 'comment',
        articleId: c.articleId,
        commentId: c.id,
        action: 'deleted',
      });
    }
    // The name was on every page showing one of their comments: those pages must be rendered anew.
    if (articles.length > 0) this.changes.publish({ kind: 'site' });
    return policy;
  }
}
