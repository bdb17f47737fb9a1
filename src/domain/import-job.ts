/** An import started from the admin page, as its progress page shows it. */

export const importJobStatuses = ['running', 'done', 'failed'] as const;
export type ImportJobStatus = (typeof importJobStatuses)[number];

export interface ImportJob {
  id: string;
  format: string;
  fileName: string;
  status: ImportJobStatus;
  bytesTotal: number;
  bytesDone: number;
  /** JSON of the report, once done. */
  report: string | null;
  error: string | null;
  createdBy: string | null;
  createdAt: string;
  finishedAt: string | null;
}
