/** Whole-database export and restore. Used by services/backup. */
import type { ColumnSpec } from '../../domain/export-format.js';

/** A table as an export holds it (see store/backup.ts). */
export interface BackupTable {
  name: string;
  /** The primary key: rows follow in its order. */
  key: readonly string[];
  /** Another row order, where the key's would break a reference (comments: parents first). */
  order?: readonly string[];
  columns: readonly ColumnSpec[];
  /** Columns the database computes itself, left out of the file. */
  derived?: readonly string[];
  /** The table's triggers stay off while its rows are restored. */
  suspendTriggers?: boolean;
}

export interface RestoreWriter {
  /** No exported table has a row. */
  isEmpty(): Promise<boolean>;
  /** Inserts rows already checked against the table's columns. */
  insert(table: BackupTable, rows: readonly Record<string, unknown>[]): Promise<void>;
}

/** Whole-database export and restore. */
export interface BackupStore {
  /** The exported tables, in dependency order. */
  readonly tables: readonly BackupTable[];
  /** Every other table, with why it is left out. */
  readonly excluded: Readonly<Record<string, string>>;
  /** The name of the last migration applied. */
  schemaVersion(): Promise<string>;
  /** The tables of the database as it lists them, sorted. */
  tableNames(): Promise<string[]>;
  columnNames(table: string): Promise<string[]>;
  isEmpty(): Promise<boolean>;
  /** Every exported row in file order, from one snapshot, a batch at a time (values normalised). */
  readAll(each: (table: BackupTable, rows: unknown[][]) => Promise<void>): Promise<void>;
  /** One transaction with the suspended triggers off; an error rolls all of it back. */
  restore<T>(work: (writer: RestoreWriter) => Promise<T>): Promise<T>;
}
