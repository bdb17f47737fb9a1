/**
 * What imports remember: what they made from what, old addresses, and import jobs.
 * Used by services/imports, reading (old addresses).
 */
import type { ImportJob, ImportJobStatus } from '../../domain/import-job.js';

/** What imports made from what, the old addresses of imported articles, and import jobs. */
export interface ImportStore {
  /** Our id for the thing an earlier import made from (source, kind, id there). */
  localId(source: string, kind: string, sourceId: string): Promise<string | null>;
  /** The ids there of the things of this kind made into this one of ours. */
  sourceIds(source: string, kind: string, localId: string): Promise<string[]>;
  /** Like localId, from any source whose name starts with the prefix (the oldest first). */
  localIdAnySource(kind: string, sourceId: string, sourcePrefix: string): Promise<string | null>;
  remember(item: {
    source: string;
    kind: string;
    sourceId: string;
    localId: string;
    at: string;
  }): Promise<void>;
  /** Keeps an old address of the article; false if the address already leads somewhere. */
  addOldPath(path: string, articleId: string, at: string): Promise<boolean>;
  articleIdByOldPath(path: string): Promise<string | null>;
  createJob(job: {
    id: string;
    format: string;
    fileName: string;
    bytesTotal: number;
    createdBy: string | null;
    at: string;
  }): Promise<void>;
  jobProgress(id: string, bytesDone: number): Promise<void>;
  finishJob(
    id: string,
    outcome: { status: Exclude<ImportJobStatus, 'running'>; report?: string; error?: string },
    at: string,
  ): Promise<void>;
  job(id: string): Promise<ImportJob | null>;
  /** The newest first. */
  jobs(limit: number): Promise<ImportJob[]>;
  /** Marks jobs left running by a stopped process as failed; answers how many. */
  failRunningJobs(error: string, at: string): Promise<number>;
}
