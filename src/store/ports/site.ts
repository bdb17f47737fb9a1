/**
 * The site's sections and its stored settings. Used by services/reading, newsroom, syndication,
 * comments, moderation, notifications, demo, imports/wxr.
 */
import type { Section } from '../../domain/section.js';

export interface SectionStore {
  list(): Promise<Section[]>;
  get(slug: string): Promise<Section | null>;
  upsert(section: Section): Promise<void>;
}

export interface SettingStore {
  get(key: string): Promise<string | null>;
  /** The stored values of these keys (absent keys are left out). */
  getMany(keys: readonly string[]): Promise<Record<string, string>>;
  set(key: string, value: string): Promise<void>;
}
