/**
 * Reads a large XML file as a stream of small records: the parser (saxes) sees the file a chunk
 * at a time, and only the elements the caller asks for (a WordPress <item>, a Disqus <post>) are
 * built into trees, handed over and forgotten. Memory stays bounded by the largest record, not
 * the file. Malformed XML stops the read with the line and column where it went wrong, and so
 * do bytes that are not UTF-8 (nothing is replaced by U+FFFD; XML itself refuses control
 * characters such as U+0000), so imported text obeys the same rule as text sent to the API.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { SaxesParser, type SaxesTagNS } from 'saxes';

export interface XmlRecord {
  /** `prefix:local` with the caller's prefix for the namespace (or just `local`). */
  name: string;
  attributes: Record<string, string>;
  text: string;
  children: XmlRecord[];
  /** Where the element starts in the file. */
  line: number;
}

/** The first child with this name, its text (trimmed), or ''. */
export function childText(record: XmlRecord, name: string): string {
  return record.children.find((c) => c.name === name)?.text.trim() ?? '';
}

export function child(record: XmlRecord, name: string): XmlRecord | undefined {
  return record.children.find((c) => c.name === name);
}

/** A refusal of the file, with where in it the problem is. */
export class BadImportFile extends Error {
  constructor(
    readonly reason: string,
    readonly line: number | null,
    readonly column: number | null = null,
  ) {
    super(
      line === null
        ? reason
        : `line ${line}${column === null ? '' : `, column ${column}`}: ${reason}`,
    );
    this.name = 'BadImportFile';
  }
}

export interface XmlRecordOptions {
  /** Namespace URIs to the prefixes the caller's names use ('' for none). */
  prefix: (uri: string) => string;
  /** The root element the file must have. */
  root: string;
  /** What the caller calls this kind of file, for the refusal of another root. */
  kind: string;
  /** Whether the element at this path (root first) is a record to hand over. */
  isRecord: (path: readonly string[]) => boolean;
  onRecord: (record: XmlRecord, path: readonly string[]) => Promise<void>;
  /** Bytes read so far, and the file's size. */
  onProgress?: (bytesRead: number, bytesTotal: number) => void;
}

/** Reads the file to the end, handing over each record in file order (awaited one by one). */
export async function readXmlRecords(file: string, options: XmlRecordOptions): Promise<void> {
  const { size } = await stat(file);
  const parser = new SaxesParser({ xmlns: true, position: true });
  const path: string[] = [];
  // The records being built: the outermost is a record, the rest its descendants.
  const building: XmlRecord[] = [];
  const ready: { record: XmlRecord; path: string[] }[] = [];
  let sawRoot = false;
  const nameOf = (tag: { uri: string; local: string }) => {
    const prefix = options.prefix(tag.uri);
    return prefix ? `${prefix}:${tag.local}` : tag.local;
  };

  parser.on('opentag', (tag: SaxesTagNS) => {
    const name = nameOf(tag);
    if (!sawRoot) {
      sawRoot = true;
      if (name !== options.root) {
        throw new BadImportFile(
          `this is not ${options.kind}: it starts with <${tag.name}>, not <${options.root}>`,
          parser.line,
        );
      }
    }
    path.push(name);
    if (building.length > 0 || options.isRecord(path)) {
      const attributes: Record<string, string> = {};
      for (const a of Object.values(tag.attributes)) {
        attributes[a.uri ? nameOf(a) : a.local] = a.value;
      }
      const record: XmlRecord = { name, attributes, text: '', children: [], line: parser.line };
      building.at(-1)?.children.push(record);
      building.push(record);
    }
  });
  const addText = (text: string) => {
    const current = building.at(-1);
    if (current) current.text += text;
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.on('closetag', () => {
    if (building.length > 0) {
      const record = building.pop()!;
      if (building.length === 0) ready.push({ record, path: [...path] });
    }
    path.pop();
  });

  const drain = async () => {
    while (ready.length > 0) {
      const next = ready.shift()!;
      await options.onRecord(next.record, next.path);
    }
  };
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let bytesRead = 0;
  const decode = (chunk: Buffer | undefined) => {
    try {
      return chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode();
    } catch {
      throw new BadImportFile(
        'the file is not UTF-8 text (save it as UTF-8 and try again)',
        parser.line + (chunk ? linesBeforeBadByte(chunk) : 0),
      );
    }
  };
  try {
    for await (const chunk of createReadStream(file, { highWaterMark: 256 * 1024 })) {
      bytesRead += (chunk as Buffer).length;
      parser.write(decode(chunk as Buffer));
      await drain();
      options.onProgress?.(bytesRead, size);
    }
    parser.write(decode(undefined));
    parser.close();
    await drain();
  } catch (error) {
    throw asBadFile(error);
  }
  if (!sawRoot) throw new BadImportFile(`the file is empty: it has no <${options.root}>`, null);
}

/** Line breaks in a chunk before its first byte that is not UTF-8 (roughly: a sequence split
 * across chunks is counted from the chunk it ends in). */
function linesBeforeBadByte(chunk: Buffer): number {
  let good = 0;
  let bad = chunk.length;
  // The longest prefix that decodes, by halving (a prefix may end inside a sequence: allowed).
  while (good < bad - 1) {
    const mid = (good + bad) >> 1;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(chunk.subarray(0, mid), { stream: true });
      good = mid;
    } catch {
      bad = mid;
    }
  }
  let lines = 0;
  for (let i = 0; i < good; i++) if (chunk[i] === 0x0a) lines++;
  return lines;
}

/** saxes says "LINE:COLUMN: message"; anything else is passed on as it is. */
function asBadFile(error: unknown): unknown {
  if (error instanceof BadImportFile || !(error instanceof Error)) return error;
  const match = /^(\d+):(\d+): ([\s\S]*)$/.exec(error.message);
  if (!match) return error;
  return new BadImportFile(
    `the XML is malformed (${match[3]})`,
    Number(match[1]),
    Number(match[2]),
  );
}
