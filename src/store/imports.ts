import type { Kysely, Selectable } from 'kysely';
import type { Database, ImportJobsTable } from './schema.js';
import type { ImportJob, ImportJobStatus } from '../domain/import-job.js';
import type { ImportStore } from './ports/imports.js';

export class KyselyImportStore implements ImportStore {
  constructor(private readonly db: Kysely<Database>) {}

  async localId(source: string, kind: string, sourceId: string) {
    const row = await this.db
      .selectFrom('import_items')
      .select('local_id')
      .where('source', '=', source)
      .where('kind', '=', kind)
      .where('source_id', '=', sourceId)
      .executeTakeFirst();
    return row?.local_id ?? null;
  }

  async sourceIds(source: string, kind: string, localId: string) {
    const rows = await this.db
      .selectFrom('import_items')
      .select('source_id')
      .where('source', '=', source)
      .where('kind', '=', kind)
      .where('local_id', '=', localId)
      .execute();
    return rows.map((r) => r.source_id);
  }

  async localIdAnySource(kind: string, sourceId: string, sourcePrefix: string) {
    const row = await this.db
      .selectFrom('import_items')
      .select('local_id')
      .where('kind', '=', kind)
      .where('source_id', '=', sourceId)
      .where('source', 'like', `${sourcePrefix.replace(/[%_\\]/g, '\\$&')}%`)
      .orderBy('created_at')
      .executeTakeFirst();
    return row?.local_id ?? null;
  }

  async remember(item: {
    source: string;
    kind: string;
    sourceId: string;
    localId: string;
    at: string;
  }) {
    await this.db
      .insertInto('import_items')
      .values({
        source: item.source,
        kind: item.kind,
        source_id: item.sourceId,
        local_id: item.localId,
        created_at: item.at,
      })
      .execute();
  }

  async addOldPath(path: string, articleId: string, at: string) {
    const result = await this.db
      .insertInto('article_old_paths')
      .values({ path, article_id: articleId, created_at: at })
      .onConflict((oc) => oc.column('path').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async articleIdByOldPath(path: string) {
    const row = await this.db
      .selectFrom('article_old_paths')
      .select('article_id')
      .where('path', '=', path)
      .executeTakeFirst();
    return row?.article_id ?? null;
  }

  async createJob(job: {
    id: string;
    format: string;
    fileName: string;
    bytesTotal: number;
    createdBy: string | null;
    at: string;
  }) {
    await this.db
      .insertInto('import_jobs')
      .values({
        id: job.id,
        format: job.format,
        file_name: job.fileName,
        status: 'running',
        bytes_total: job.bytesTotal,
        created_by: job.createdBy,
        created_at: job.at,
        report: null,
        error: null,
        finished_at: null,
      })
      .execute();
  }

  async jobProgress(id: string, bytesDone: number) {
    await this.db
      .updateTable('import_jobs')
      .set({ bytes_done: bytesDone })
      .where('id', '=', id)
      .where('status', '=', 'running')
      .execute();
  }

  async finishJob(
    id: string,
    outcome: { status: Exclude<ImportJobStatus, 'running'>; report?: string; error?: string },
    at: string,
  ) {
    await this.db
      .updateTable('import_jobs')
      .set({
        status: outcome.status,
        report: outcome.report ?? null,
        error: outcome.error ?? null,
        finished_at: at,
      })
      .where('id', '=', id)
      .execute();
  }

  async job(id: string) {
    const row = await this.db
      .selectFrom('import_jobs')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toJob(row) : null;
  }

  async jobs(limit: number) {
    const rows = await this.db
      .selectFrom('import_jobs')
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toJob);
  }

  async failRunningJobs(error: string, at: string) {
    const result = await this.db
      .updateTable('import_jobs')
      .set({ status: 'failed', error, finished_at: at })
      .where('status', '=', 'running')
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }
}

function toJob(row: Selectable<ImportJobsTable>): ImportJob {
  return {
    id: row.id,
    format: row.format,
    fileName: row.file_name,
    status: row.status as ImportJobStatus,
    bytesTotal: Number(row.bytes_total),
    bytesDone: Number(row.bytes_done),
    report: row.report,
    error: row.error,
    createdBy: row.created_by,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
  };
}
