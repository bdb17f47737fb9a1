/**
 * Imports from other systems (docs/import.md): a whole file in one transaction, so a refused or
 * failed file leaves nothing behind; the report says what came across and what was left out.
 */
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { AppError } from '../../errors.js';
import type { Store } from '../../store/types.js';
import type { ChangeBus } from '../changes.js';
import type { ImportFormat, ImportReport } from './report.js';
import { BadImportFile } from './xml-records.js';
import { WxrImporter } from './wxr.js';

export interface ImportOptions {
  /** Bytes read so far and the file's size, as the import goes. */
  onProgress?: (bytesRead: number, bytesTotal: number) => void;
}

export class ImportService {
  constructor(
    private readonly store: Store,
    private readonly changes: ChangeBus,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Imports the file; a bad file is refused with where and why, and nothing is written. */
  async importFile(
    format: ImportFormat,
    file: string,
    options: ImportOptions = {},
  ): Promise<ImportReport> {
    let report: ImportReport;
    try {
      await access(file, constants.R_OK);
    } catch {
      throw new AppError('not_found', `There is no file to read at ${file}.`);
    }
    try {
      report = await this.store.transaction((tx) => {
        const importer = new WxrImporter(tx, this.now());
        return importer.run(file, options.onProgress);
      });
    } catch (error) {
      if (error instanceof BadImportFile) {
        throw new AppError(
          'bad_request',
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
}
