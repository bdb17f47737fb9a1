/**
 * Imports from other systems (docs/import.md): a whole file in one transaction, so a refused or
 * failed file leaves nothing behind; the report says what came across and what was left out.
 * From the admin page an import runs as a job in the background, on a connection of its own,
 * with its progress in a small file every server process can read.
 */
import { constants } from 'node:fs';
import { access, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { newId } from '../../domain/ids.js';
import { AppError, notFound } from '../../errors.js';
import type { ImportJob } from '../../domain/import-job.js';
import type { PortsWithUnitOfWork, Store } from '../../store/types.js';
import type { ChangeBus } from '../changes.js';
import { DisqusImporter } from './disqus.js';
import type { ImportFormat, ImportReport } from './report.js';
import { BadImportFile } from './xml-records.js';
import { WxrImporter } from './wxr.js';

export interface ImportOptions {
  /** Bytes read so far and the file's size, as the import goes. */
  onProgress?: (bytesRead: number, bytesTotal: number) => void;
}

export interface ImportJobView extends ImportJob {
  /** Parsed from `report` once done. */
  parsedReport: ImportReport | null;
}

/** A running job whose progress file is older than this has stopped (its process ended). */
const stalledAfterMs = 60_000;
const progressEveryMs = 250;

/** What an import writes to, in one transaction (the importers' ports). */
export type ImportTarget = PortsWithUnitOfWork<
  'imports' | 'reader' | 'newsroom' | 'comments' | 'sections' | 'users'
>;

export interface ImportDeps {
  /** The jobs, the importers' ports, and another connection for a job running in the background. */
  store: ImportTarget & { openAnother(): Promise<ImportTarget & Pick<Store, 'close'>> };
  changes: ChangeBus;
  /** Where uploads are kept while they are processed; DATA_DIR. */
  dataDir: string;
  log?: (error: unknown) => void;
  now?: () => Date;
}

export class ImportService {
  private readonly running = new Set<Promise<void>>();
  private writes = 0;
  private readonly store: ImportDeps['store'];
  private readonly changes: ChangeBus;
  private readonly options: Pick<ImportDeps, 'dataDir' | 'log'>;
  private readonly now: () => Date;

  constructor(deps: ImportDeps) {
    this.store = deps.store;
    this.changes = deps.changes;
    this.options = deps;
    this.now = deps.now ?? (() => new Date());
  }

  /** Imports the file; a bad file is refused with where and why, and nothing is written. */
  async importFile(
    format: ImportFormat,
    file: string,
    options: ImportOptions = {},
    store: ImportTarget = this.store,
  ): Promise<ImportReport> {
    let report: ImportReport;
    try {
      await access(file, constants.R_OK);
    } catch {
      throw new AppError('file_not_found', `There is no file to read at ${file}.`);
    }
    try {
      report = await store.transaction((tx) => {
        const importer =
          format === 'wxr' ? new WxrImporter(tx, this.now()) : new DisqusImporter(tx, this.now());
        return importer.run(file, options.onProgress);
      });
    } catch (error) {
      if (error instanceof BadImportFile) {
        throw new AppError(
          'invalid_import',
          `The file was refused, and nothing was imported: ${error.message}.`,
        );
      }
      throw error;
    }
    const { created } = report;
    if (created.published + created.drafts + created.comments + created.sections > 0) {
      // New articles, sections and comments show on many pages.
      this.changes.publish({ kind: 'site' });
    }
    return report;
  }

  /** Where uploads and progress files live. */
  uploadDir(): string {
    return path.join(this.options.dataDir, 'imports');
  }

  /**
   * Starts importing an uploaded file in the background; answers the job's id at once. The
   * upload is deleted when the job ends, whatever the outcome.
   */
  async startJob(input: {
    format: ImportFormat;
    file: string;
    fileName: string;
    createdBy: string | null;
  }): Promise<string> {
    const id = newId(this.now().getTime());
    const { size } = await stat(input.file);
    await this.store.imports.createJob({
      id,
      format: input.format,
      fileName: input.fileName.slice(0, 200),
      bytesTotal: size,
      createdBy: input.createdBy,
      at: this.now().toISOString(),
    });
    await this.writeProgress(id, 0, size);
    const job = this.runJob(id, input.format, input.file).finally(() => this.running.delete(job));
    this.running.add(job);
    return id;
  }

  /** Resolves when every job this process started has ended (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  private async runJob(id: string, format: ImportFormat, file: string): Promise<void> {
    let last = 0;
    let separate: (ImportTarget & Pick<Store, 'close'>) | null = null;
    // One progress write at a time, all done before the file is removed at the end.
    let writing: Promise<void> = Promise.resolve();
    try {
      // Its own connection: on SQLite the app's connection would otherwise wait for the whole
      // import, and the progress page with it.
      separate = await this.store.openAnother();
      const report = await this.importFile(
        format,
        file,
        {
          onProgress: (done, total) => {
            const t = Date.now();
            if (t - last < progressEveryMs) return;
            last = t;
            writing = writing.then(() => this.writeProgress(id, done, total)).catch(() => {});
          },
        },
        separate,
      );
      await this.store.imports.finishJob(
        id,
        { status: 'done', report: JSON.stringify(report) },
        this.now().toISOString(),
      );
    } catch (error) {
      const message =
        error instanceof AppError ? error.message : 'The import failed on our side; see the log.';
      if (!(error instanceof AppError)) this.options.log?.(error);
      await this.store.imports
        .finishJob(id, { status: 'failed', error: message }, this.now().toISOString())
        .catch((e: unknown) => this.options.log?.(e));
    } finally {
      await separate?.close().catch(() => {});
      await rm(file, { force: true }).catch(() => {});
      await writing;
      await rm(this.progressFile(id), { force: true }).catch(() => {});
    }
  }

  private progressFile(id: string) {
    return path.join(this.uploadDir(), `${id}.progress.json`);
  }

  /** Written whole and renamed into place, so a reader never sees half a file. */
  async writeProgress(id: string, done: number, total: number) {
    await mkdir(this.uploadDir(), { recursive: true });
    const file = this.progressFile(id);
    const partial = `${file}.${process.pid}.${++this.writes}.tmp`;
    await writeFile(partial, JSON.stringify({ done, total }));
    await rename(partial, file);
  }

  /** A job with its progress (while running) or its report (once done). */
  async job(id: string): Promise<ImportJobView> {
    const job = await this.store.imports.job(id);
    if (!job) throw notFound('That import');
    return this.withProgress(job);
  }

  async recentJobs(limit = 20): Promise<ImportJobView[]> {
    const jobs = await this.store.imports.jobs(limit);
    return Promise.all(jobs.map((j) => this.withProgress(j)));
  }

  private async withProgress(job: ImportJob): Promise<ImportJobView> {
    const parsedReport = job.report ? (JSON.parse(job.report) as ImportReport) : null;
    if (job.status !== 'running') return { ...job, parsedReport };
    try {
      const file = this.progressFile(job.id);
      const [text, info] = await Promise.all([readFile(file, 'utf8'), stat(file)]);
      const { done } = JSON.parse(text) as { done: number };
      if (Date.now() - info.mtimeMs > stalledAfterMs && done < job.bytesTotal) {
        return stalled(job);
      }
      return { ...job, bytesDone: Math.min(done, job.bytesTotal), parsedReport };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return { ...job, parsedReport };
      // No progress file: the process running it is gone (the file is removed only at the end,
      // after the status is written, so a finished job never lands here).
      const again = await this.store.imports.job(job.id);
      if (again && again.status !== 'running') return this.withProgress(again);
      return stalled(job);
    }
  }
}

function stalled(job: ImportJob): ImportJobView {
  return {
    ...job,
    status: 'failed',
    error:
      'The import stopped: the server process running it ended. Nothing was imported; start it again.',
    parsedReport: null,
  };
}
