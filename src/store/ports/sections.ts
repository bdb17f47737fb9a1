/**
 * Managing the site's sections: creating, editing, renaming, ordering and removing them. Used by
 * services/sections. Renaming and removing each happen in one transaction: the articles, their
 * revisions and the old addresses follow the section, or nothing changes.
 */
import type { SectionRecord, SectionSummary } from '../../domain/section.js';

export interface SectionChange {
  name?: string;
  description?: string;
  hidden?: boolean;
}

export interface SectionAdminStore {
  /** Every section in order, with how many articles (of any status) each holds. */
  listWithCounts(): Promise<SectionSummary[]>;
  /** Articles of any status in the section. */
  countArticles(slug: string): Promise<number>;
  /**
   * Adds the section unless its slug is in use ('taken'). A retired slug it takes stops
   * redirecting.
   */
  create(section: SectionRecord): Promise<'created' | 'taken'>;
  /** Changes name, description or hidden; false when there is no such section. */
  update(slug: string, change: SectionChange): Promise<boolean>;
  /**
   * Gives the section a new slug: its articles, their revisions and its old slugs follow, and
   * the old slug leads to the new one. 'taken' when another section has the new slug.
   */
  changeSlug(from: string, to: string, at: string): Promise<'changed' | 'missing' | 'taken'>;
  /** Positions 0, 1, 2… in this order (the slugs of every section). */
  reorder(slugs: readonly string[]): Promise<void>;
  /**
   * Removes the section. With `moveTo`, its articles (drafts included) move there first and its
   * slug and old slugs lead there; without, only an empty section goes ('not_empty' otherwise).
   */
  remove(
    slug: string,
    moveTo: string | null,
    at: string,
  ): Promise<{ result: 'removed' | 'missing' | 'not_empty'; moved: number }>;
}
