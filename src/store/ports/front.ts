/** The front page's arrangement: pinned stories and the sections' order. Used by services/front and services/reading. */
import type { FrontSectionChoice, StoredPin } from '../../domain/front.js';

export interface FrontStore {
  /** Every stored pin (expired ones too: the reader decides what is live), by slot. */
  pins(): Promise<StoredPin[]>;
  /** Every stored section choice, by position. */
  sectionChoices(): Promise<FrontSectionChoice[]>;
  /** Replaces the whole arrangement; run it in a transaction so readers see one or the other. */
  replace(pins: readonly StoredPin[], sections: readonly FrontSectionChoice[]): Promise<void>;
}
