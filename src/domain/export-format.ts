/**
 * The Broadsheet export format, version 1 (docs/data.md, docs/decisions/0021): JSON Lines, a
 * header line, one `{"table","row"}` line per row, and a trailer line with counts per table.
 * Pure: what a line says and whether a value fits its column; reading and writing are elsewhere.
 */

export const exportFormat = 'broadsheet-export';
export const exportVersion = 1;

export const exportWarning =
  'This file contains password hashes, API token hashes, email addresses and every comment: ' +
  'keep it secret, as you would the database itself.';

/** How a column's value is written in the file, whichever database it came from. */
export type ColumnType = 'text' | 'integer' | 'time' | 'json' | 'boolean';

export interface ColumnSpec {
  name: string;
  type: ColumnType;
  nullable: boolean;
}

export interface ExportHeader {
  format: typeof exportFormat;
  version: typeof exportVersion;
  warning: string;
  /** The last migration of the database it came from: restore needs the same schema. */
  schema: string;
  /** The tables in the order their rows follow. */
  tables: string[];
}

export interface ExportTrailer {
  end: typeof exportFormat;
  counts: Record<string, number>;
}

/** A line of the file that cannot be restored: its number (from 1) and why. */
export class ExportLineError extends Error {
  override name = 'ExportLineError';
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`line ${line}: ${reason}`);
  }
}

const isoTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * A value read from either database, as the file holds it: times as ISO strings with
 * milliseconds in UTC, integers as numbers, JSON columns as their parsed value, booleans as
 * true/false, nothing as null.
 */
export function normaliseValue(column: ColumnSpec, value: unknown): Json {
  if (value === null || value === undefined) return null;
  switch (column.type) {
    case 'text':
      return String(value);
    case 'integer':
      return Number(value);
    case 'boolean':
      return value === true || value === 1 || value === '1' || value === 't';
    case 'time': {
      const date = value instanceof Date ? value : new Date(String(value));
      if (Number.isNaN(date.getTime())) {
        throw new Error(`column ${column.name} holds "${String(value)}", which is not a time`);
      }
      return date.toISOString();
    }
    case 'json':
      return (typeof value === 'string' ? JSON.parse(value) : value) as Json;
  }
}

/** Why a value from the file does not fit the column, or null when it does. */
export function valueProblem(column: ColumnSpec, value: unknown): string | null {
  if (value === null) return column.nullable ? null : `${column.name} must not be null`;
  switch (column.type) {
    case 'text':
      return typeof value === 'string' ? null : `${column.name} must be a string`;
    case 'integer':
      return Number.isSafeInteger(value) ? null : `${column.name} must be an integer`;
    case 'boolean':
      return typeof value === 'boolean' ? null : `${column.name} must be true or false`;
    case 'time':
      return typeof value === 'string' && isoTime.test(value) && !Number.isNaN(Date.parse(value))
        ? null
        : `${column.name} must be a time like 2026-01-31T09:30:00.000Z`;
    case 'json':
      return null;
  }
}

/** One data line: the table and the row, columns in the table's fixed order. */
export function rowLine(table: string, columns: readonly ColumnSpec[], row: unknown[]): string {
  const out: Record<string, Json> = {};
  columns.forEach((column, i) => (out[column.name] = row[i] as Json));
  return JSON.stringify({ table, row: out });
}

export type ParsedLine =
  | { kind: 'row'; table: string; row: Record<string, unknown> }
  | { kind: 'trailer'; counts: Record<string, number> };

/** Reads a line after the header; throws ExportLineError naming the line and the reason. */
export function parseLine(text: string, line: number): ParsedLine {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ExportLineError(line, `not valid JSON (${(error as Error).message})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ExportLineError(line, 'expected an object like {"table": …, "row": {…}}');
  }
  const record = value as Record<string, unknown>;
  if ('end' in record) {
    const counts = record.counts;
    if (
      record.end !== exportFormat ||
      typeof counts !== 'object' ||
      counts === null ||
      Array.isArray(counts) ||
      !Object.values(counts).every((n) => Number.isSafeInteger(n))
    ) {
      throw new ExportLineError(line, 'the closing line must be {"end": …, "counts": {…}}');
    }
    return { kind: 'trailer', counts: counts as Record<string, number> };
  }
  const { table, row } = record;
  if (typeof table !== 'string') throw new ExportLineError(line, '"table" must be a string');
  if (typeof row !== 'object' || row === null || Array.isArray(row)) {
    throw new ExportLineError(line, '"row" must be an object');
  }
  return { kind: 'row', table, row: row as Record<string, unknown> };
}

/** Checks the first line; answers the header or throws naming line 1. */
export function parseHeader(text: string | undefined): ExportHeader {
  if (text === undefined || text.trim() === '') {
    throw new ExportLineError(1, 'the file is empty; it is not a Broadsheet export');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ExportLineError(1, `not valid JSON (${(error as Error).message})`);
  }
  const header = (typeof value === 'object' && value !== null ? value : {}) as Record<
    string,
    unknown
  >;
  if (header.format !== exportFormat) {
    throw new ExportLineError(1, `not a Broadsheet export (no "format": "${exportFormat}")`);
  }
  if (header.version !== exportVersion) {
    throw new ExportLineError(
      1,
      `unknown export version ${JSON.stringify(header.version)}; this Broadsheet reads version ${exportVersion}`,
    );
  }
  if (typeof header.schema !== 'string' || !Array.isArray(header.tables)) {
    throw new ExportLineError(1, 'the header needs "schema" and "tables"');
  }
  return header as unknown as ExportHeader;
}
