/** What the demo content made, and removing it. Used by services/demo (decisions/0041). */
import type { DemoFingerprint, DemoRemoval, DemoRow, DemoSelection } from '../../domain/demo.js';

/** What removing a selection of demo rows would do, and the rows it would remove. */
export interface DemoSurvey {
  /** The selection less what stays because other content uses it. */
  removable: DemoSelection;
  removal: DemoRemoval;
}

export interface DemoStore {
  /** Notes rows the demo made; call it in the transaction that makes them. */
  record(rows: readonly DemoRow[]): Promise<void>;
  /**
   * Records one row unless it is recorded already; true when this call recorded it. Two loads at
   * once both try: the second waits for the first to commit, then gets false.
   */
  claim(row: DemoRow): Promise<boolean>;
  /** The recorded rows that still exist, or null when nothing was ever recorded here. */
  recorded(): Promise<DemoSelection | null>;
  /** Rows matching the demo content exactly (for sites that loaded it before rows were recorded). */
  matching(fingerprint: DemoFingerprint): Promise<DemoSelection>;
  /** Which of these tags exist already (the loader records only those it makes). */
  existingTags(slugs: readonly string[]): Promise<string[]>;
  /** What removing the selection does; keeps sections, people and images that other rows use. */
  survey(selection: DemoSelection): Promise<DemoSurvey>;
  /**
   * Deletes the rows of a survey's `removable` (with what hangs off them: revisions, comments and
   * their reactions, reports and moderation records, sessions…) and forgets the recorded rows
   * that are gone (what stays because other content uses it stays recorded).
   */
  remove(removable: DemoSelection): Promise<void>;
}
