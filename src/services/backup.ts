/**
 * `broadsheet export` and `broadsheet restore`: every table in one JSON Lines file (docs/data.md,
 * docs/decisions/0021). Both stream: memory holds one batch of rows, never the file.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { chmod, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import {
  ExportLineError,
  exportFormat,
  exportVersion,
  exportWarning,
  parseHeader,
  parseLine,
  rowLine,
  valueProblem,
  type ExportHeader,
  type ExportTrailer,
} from '../domain/export-format.js';
import { renderCommentMarkdown } from '../domain/comment-markdown.js';
import { cleanText, textProblem } from '../domain/text.js';
import { AppError } from '../errors.js';
import type { BackupTable } from '../store/ports/backup.js';
import type { Store } from '../store/types.js';

export type TableCounts = Record<string, number>;

/**
 * What a restore changed on the way in (decisions/0046): text values with control characters
 * neither database should hold (NUL above all, which PostgreSQL refuses) are cleaned, and every
 * comment's HTML is rendered again from its Markdown, so no stored HTML comes from the file.
 */
export interface RestoreReport {
  /** Text values (and strings inside JSON values) from which control characters were removed. */
  cleanedValues: number;
  /** Comments whose HTML in the file was not what their Markdown renders to. */
  rerenderedComments: number;
}

/** Rows per insert: enough to be fast, few enough parameters for either database. */
function batchSize(table: BackupTable): number {
  return Math.min(500, Math.max(1, Math.floor(16_000 / table.columns.length)));
}

export interface BackupServiceDeps {
  store: Pick<Store, 'backup'>;
}

export class BackupService {
  private readonly store: BackupServiceDeps['store'];

  constructor(deps: BackupServiceDeps) {
    this.store = deps.store;
  }

  /**
   * Writes the export to `file` (mode 0600: it holds password hashes). It is written beside the
   * file under another name and renamed at the end, so `file` is never half-written.
   */
  async exportTo(file: string): Promise<TableCounts> {
    const partial = path.join(
      path.dirname(file),
      `.${path.basename(file)}.${randomBytes(4).toString('hex')}.partial`,
    );
    const out = createWriteStream(partial, { flags: 'wx', mode: 0o600 });
    const failed = new Promise<never>((_, reject) => out.once('error', reject));
    failed.catch(() => {});
    const write = async (line: string) => {
      if (!out.write(`${line}\n`)) {
        await Promise.race([
          new Promise<void>((resolve) => out.once('drain', () => resolve())),
          failed,
        ]);
      }
    };
    try {
      await Promise.race([
        new Promise<void>((resolve) => out.once('open', () => resolve())),
        failed,
      ]);
      await chmod(partial, 0o600);
      const counts = await this.exportLines(write);
      await Promise.race([new Promise<void>((resolve) => out.end(resolve)), failed]);
      await rename(partial, file);
      return counts;
    } catch (error) {
      out.destroy();
      await rm(partial, { force: true });
      throw error;
    }
  }

  /** The export, line by line (without newlines), to any sink that may make it wait. */
  async exportLines(write: (line: string) => Promise<void>): Promise<TableCounts> {
    const { backup } = this.store;
    const header: ExportHeader = {
      format: exportFormat,
      version: exportVersion,
      warning: exportWarning,
      schema: await backup.schemaVersion(),
      tables: backup.tables.map((t) => t.name),
    };
    await write(JSON.stringify(header));
    const counts: TableCounts = Object.fromEntries(backup.tables.map((t) => [t.name, 0]));
    await backup.readAll(async (table, rows) => {
      for (const row of rows) await write(rowLine(table.name, table.columns, row));
      counts[table.name] = (counts[table.name] ?? 0) + rows.length;
    });
    const trailer: ExportTrailer = { end: exportFormat, counts };
    await write(JSON.stringify(trailer));
    return counts;
  }

  /**
   * Restores an export into this database, which must be empty, in one transaction: a bad line
   * anywhere leaves the database as it was, and the error names the line.
   */
  async restoreFrom(file: string, report?: RestoreReport): Promise<TableCounts> {
    try {
      return await this.restoreLines(readLines(file), report);
    } catch (error) {
      if (error instanceof ExportLineError) {
        throw new AppError('invalid_export', `${file}: ${error.message}. Nothing was restored.`, {
          detail: error,
        });
      }
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new AppError('file_not_found', `${file} does not exist.`);
      }
      throw error;
    }
  }

  /** Restores from lines (without newlines); throws ExportLineError for bad input. */
  async restoreLines(
    lines: AsyncIterable<string>,
    report: RestoreReport = { cleanedValues: 0, rerenderedComments: 0 },
  ): Promise<TableCounts> {
    const { backup } = this.store;
    const tables = backup.tables;
    const iterator = lines[Symbol.asyncIterator]();
    const first = await iterator.next();
    const header = parseHeader(first.done ? undefined : first.value);
    const schema = await backup.schemaVersion();
    if (header.schema !== schema) {
      throw new ExportLineError(
        1,
        `the export was made with schema ${header.schema} and this database is at ${schema}; ` +
          'restore with the Broadsheet version that made the export, then upgrade',
      );
    }
    return backup.restore(async (writer) => {
      if (!(await writer.isEmpty())) {
        throw new AppError(
          'database_not_empty',
          'The database is not empty. Restore only into a new, empty database ' +
            '(a new DATA_DIR for SQLite, or a new PostgreSQL database, restored before the ' +
            'server first starts there or with DEMO=0); nothing was changed.',
        );
      }
      const counts: TableCounts = Object.fromEntries(tables.map((t) => [t.name, 0]));
      let line = 1;
      let current = 0;
      let batch: Record<string, unknown>[] = [];
      let batchStart = 0;
      let batchEnd = 0;
      let ended = false;
      const flush = async () => {
        const table = tables[current];
        if (!table || batch.length === 0) return;
        try {
          await writer.insert(table, batch);
        } catch (error) {
          const range =
            batchStart === batchEnd ? `line ${batchStart}` : `lines ${batchStart}–${batchEnd}`;
          throw new ExportLineError(
            batchStart,
            `the database refused the ${table.name} rows on ${range}: ${(error as Error).message}`,
          );
        }
        counts[table.name] = (counts[table.name] ?? 0) + batch.length;
        batch = [];
      };
      for (;;) {
        const next = await iterator.next();
        if (next.done) break;
        line++;
        if (ended) throw new ExportLineError(line, 'there is more after the closing line');
        if (next.value.trim() === '') throw new ExportLineError(line, 'the line is empty');
        const parsed = parseLine(next.value, line);
        if (parsed.kind === 'trailer') {
          await flush();
          for (const t of tables) {
            const said = parsed.counts[t.name] ?? 0;
            if (said !== counts[t.name]) {
              throw new ExportLineError(
                line,
                `the closing line counts ${said} ${t.name} rows but the file has ${counts[t.name]}`,
              );
            }
          }
          const unknown = Object.keys(parsed.counts).find((n) => !tables.some((t) => t.name === n));
          if (unknown !== undefined) {
            throw new ExportLineError(
              line,
              `the closing line counts an unknown table "${unknown}"`,
            );
          }
          ended = true;
          continue;
        }
        const index = tables.findIndex((t) => t.name === parsed.table);
        if (index < 0) {
          throw new ExportLineError(
            line,
            parsed.table in backup.excluded
              ? `table "${parsed.table}" is never part of an export`
              : `unknown table "${parsed.table}"`,
          );
        }
        if (index < current) {
          throw new ExportLineError(
            line,
            `a ${parsed.table} row after ${tables[current]?.name} rows; tables must follow the header's order`,
          );
        }
        const table = tables[index] as BackupTable;
        if (index !== current || batch.length >= batchSize(table)) {
          await flush();
          current = index;
        }
        const problem = rowProblem(table, parsed.row);
        if (problem !== null) throw new ExportLineError(line, `${table.name}: ${problem}`);
        if (batch.length === 0) batchStart = line;
        batch.push(cleanRow(table, parsed.row, report));
        batchEnd = line;
      }
      if (!ended) {
        throw new ExportLineError(
          line,
          'the file ends here without its closing line (the counts): it is truncated',
        );
      }
      return counts;
    });
  }
}

/** The row as this site takes it: text cleaned, a comment's HTML rendered from its Markdown. */
function cleanRow(
  table: BackupTable,
  row: Record<string, unknown>,
  report: RestoreReport,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const column of table.columns) {
    const value = row[column.name];
    out[column.name] =
      column.type === 'text' || column.type === 'json' ? cleanValue(value, report) : value;
  }
  if (table.name === 'comments' && typeof out.body === 'string') {
    const html = out.body === '' ? '' : renderCommentMarkdown(out.body);
    if (html !== out.html) report.rerenderedComments++;
    out.html = html;
  }
  return out;
}

function cleanValue(value: unknown, report: RestoreReport): unknown {
  if (typeof value === 'string') {
    if (textProblem(value) === null) return value;
    report.cleanedValues++;
    return cleanText(value);
  }
  if (Array.isArray(value)) return value.map((v) => cleanValue(v, report));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [cleanValue(k, report), cleanValue(v, report)]),
    );
  }
  return value;
}

function rowProblem(table: BackupTable, row: Record<string, unknown>): string | null {
  for (const name of Object.keys(row)) {
    if (!table.columns.some((c) => c.name === name)) return `unknown column "${name}"`;
  }
  for (const column of table.columns) {
    if (!(column.name in row)) return `the column "${column.name}" is missing`;
    const problem = valueProblem(column, row[column.name]);
    if (problem !== null) return problem;
  }
  return null;
}

/** The lines of a file, read a chunk at a time (a trailing newline ends the last line). */
export async function* readLines(file: string): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 16 })) {
    rest += decoder.write(chunk as Buffer);
    let at = rest.indexOf('\n');
    let from = 0;
    while (at >= 0) {
      yield stripCr(rest.slice(from, at));
      from = at + 1;
      at = rest.indexOf('\n', from);
    }
    rest = rest.slice(from);
  }
  rest += decoder.end();
  if (rest !== '') yield stripCr(rest);
}

const stripCr = (line: string) => (line.endsWith('\r') ? line.slice(0, -1) : line);
