/**
 * The site's sections and its stored settings. Used by services/reading, newsroom, syndication,
 * comments, moderation, notifications, demo, imports/wxr.
 */
import type { Section, SectionRecord } from '../../domain/section.js';

export interface SectionStore {
  /** Every section, hidden ones included, in order. */
  list(): Promise<Section[]>;
  get(slug: string): Promise<Section | null>;
  upsert(section: SectionRecord): Promise<void>;
  /** The slug of the section an old (renamed or removed) section slug leads to, if any. */
  currentSlug(oldSlug: string): Promise<string | null>;
}

export interface SettingStore {
  get(key: string): Promise<string | null>;
  /** The stored values of these keys (absent keys are left out). */
  getMany(keys: readonly string[]): Promise<Record<string, string>>;
  set(key: string, value: string): Promise<void>;
}
