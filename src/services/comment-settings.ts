/**
 * Whether an article takes comments, and how: its own settings (set by the newsroom) over the
 * site's defaults, with auto-close applied; and how long a comment may be edited.
 */
import type { Article } from '../domain/article.js';
import {
  commentPolicy,
  commentSettingKeys,
  parseEditWindowMinutes,
  parseSiteDefaults,
  parseUnconfirmedEmail,
  type CommentOverride,
  type CommentPolicy,
  type UnconfirmedEmailRule,
} from '../domain/comment-settings.js';
import { AppError, notFound } from '../errors.js';
import type { Store } from '../store/types.js';
import type { ChangeBus } from './changes.js';

export interface CommentSettingsDeps {
  store: Pick<Store, 'comments' | 'settings'>;
  changes: ChangeBus;
  now?: () => Date;
}

export class CommentSettingsService {
  private readonly store: CommentSettingsDeps['store'];
  private readonly changes: ChangeBus;
  private readonly now: () => Date;

  constructor(deps: CommentSettingsDeps) {
    this.store = deps.store;
    this.changes = deps.changes;
    this.now = deps.now ?? (() => new Date());
  }

  /** Whether the article takes comments now, and how. */
  async policy(article: Pick<Article, 'id' | 'publishedAt'>): Promise<CommentPolicy> {
    const override = await this.store.comments.articleSettings(article.id);
    return this.policyWith(article, override ?? { mode: null, autoCloseHours: null });
  }

  /** The policy from the article's own settings (already read) and the site's. */
  async policyWith(
    article: { publishedAt: string | null },
    override: CommentOverride,
  ): Promise<CommentPolicy> {
    const site = await this.store.settings.getMany([
      commentSettingKeys.mode,
      commentSettingKeys.autoCloseHours,
    ]);
    return this.policyFromSite(article, override, site);
  }

  /**
   * The policy from the article's own settings and the site's stored settings, both already
   * read (a new comment reads the site's with the moderation settings, in one statement).
   */
  policyFromSite(
    article: { publishedAt: string | null },
    override: CommentOverride,
    site: Readonly<Record<string, string>>,
  ): CommentPolicy {
    return commentPolicy(
      parseSiteDefaults(
        site[commentSettingKeys.mode] ?? null,
        site[commentSettingKeys.autoCloseHours] ?? null,
      ),
      override,
      article.publishedAt,
      this.now(),
    );
  }

  /** An article's own comment settings (null fields follow the site default). */
  async articleSettings(articleId: string): Promise<CommentOverride> {
    const settings = await this.store.comments.articleSettings(articleId);
    if (!settings) throw notFound('That article');
    return settings;
  }

  /** For the newsroom: override (or, with nulls, follow) the site's comment settings. */
  async setArticleSettings(articleId: string, settings: CommentOverride): Promise<void> {
    if (settings.autoCloseHours !== null) {
      if (!Number.isInteger(settings.autoCloseHours) || settings.autoCloseHours < 0) {
        throw new AppError(
          'invalid_hours',
          'Auto-close hours must be a whole number of hours, 0 for never.',
          { field: 'autoCloseHours' },
        );
      }
    }
    await this.articleSettings(articleId);
    await this.store.comments.setArticleSettings(articleId, settings);
    this.changes.publish({ kind: 'article', articleId });
  }

  async editWindowMinutes(): Promise<number> {
    return parseEditWindowMinutes(
      await this.store.settings.get(commentSettingKeys.editWindowMinutes),
    );
  }

  /** What happens to a comment from a commenter whose email address is not confirmed. */
  async unconfirmedEmail(): Promise<UnconfirmedEmailRule> {
    return parseUnconfirmedEmail(
      await this.store.settings.get(commentSettingKeys.unconfirmedEmail),
    );
  }
}
