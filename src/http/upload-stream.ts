/**
 * A multipart/form-data upload streamed to a file, for uploads too large to hold in memory (the
 * import page's exports). Text fields before the file are kept (small); `beforeFile` sees them
 * before a byte of the file is written, so the form's token is checked first. The file's bytes
 * go straight to disk, with backpressure, and stop at `maxBytes` (413).
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { once } from 'node:events';
import type { Readable } from 'node:stream';
import { AppError, tooLong, tooMany } from '../errors.js';

export interface StreamedUpload {
  fields: Record<string, string>;
  file: { path: string; name: string; size: number } | null;
}

const maxFieldBytes = 10_000;
const maxHeaderBytes = 10_000;
const maxFields = 20;

function param(header: string, name: string): string | undefined {
  const match = new RegExp(
    `(?:^|;)\\s*${name}\\s*=\\s*(?:"((?:[^"\\\\]|\\\\.)*)"|([^;\\s]+))`,
    'i',
  ).exec(header);
  if (!match) return undefined;
  return match[1] !== undefined ? match[1].replace(/\\(.)/g, '$1') : match[2];
}

export async function receiveUpload(
  stream: Readable,
  contentType: string,
  options: {
    /** Where the file goes (the caller removes it when done with it). */
    path: string;
    maxBytes: number;
    beforeFile: (fields: Record<string, string>) => void;
  },
): Promise<StreamedUpload> {
  const boundary = param(contentType.replace(/^[^;]*/, ''), 'boundary');
  if (!boundary || boundary.length > 200) {
    throw new AppError(
      'unreadable_form',
      'The upload could not be read: it has no multipart boundary.',
    );
  }
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  const incomplete = () =>
    new AppError('unreadable_form', 'The upload was incomplete. Try sending the file again.');
  const fields: Record<string, string> = Object.create(null) as Record<string, string>;
  let file: StreamedUpload['file'] = null;
  let out: WriteStream | null = null;
  // Prepending CRLF lets the first boundary be found like every other one.
  let buffer: Buffer = Buffer.from('\r\n');
  type State = 'preamble' | 'headers' | 'field' | 'file' | 'done';
  let state = 'preamble' as State;
  let field: { name: string; chunks: Buffer[]; size: number } | null = null;
  let parts = 0;

  const write = async (data: Buffer) => {
    if (!out || !file || data.length === 0) return;
    file.size += data.length;
    if (file.size > options.maxBytes) {
      throw new AppError(
        'file_too_large',
        `The file is larger than ${Math.round(options.maxBytes / 1_000_000)} MB, the most this site accepts (IMPORT_MAX_MB).`,
      );
    }
    if (!out.write(data)) await once(out, 'drain');
  };
  const takeData = async (data: Buffer) => {
    if (state === 'file') return write(data);
    if (state === 'field' && field) {
      field.size += data.length;
      if (field.size > maxFieldBytes) throw tooLong(field.name, 'A form field is too long.');
      field.chunks.push(data);
    }
  };
  const endPart = async () => {
    if (state === 'field' && field) {
      fields[field.name] = Buffer.concat(field.chunks).toString('utf8');
      field = null;
    }
    if (state === 'file' && out) {
      const closing = out;
      out = null;
      closing.end();
      await once(closing, 'close');
    }
  };

  const advance = async () => {
    for (;;) {
      if (state === 'done') return;
      if (state === 'headers') {
        const end = buffer.indexOf('\r\n\r\n');
        if (end < 0) {
          if (buffer.length > maxHeaderBytes) throw incomplete();
          return;
        }
        const headers = buffer.subarray(0, end).toString('utf8');
        buffer = buffer.subarray(end + 4);
        if (++parts > maxFields) throw tooMany(undefined, 'The form has too many fields.');
        const disposition = /^content-disposition:(.*)$/im.exec(headers)?.[1] ?? '';
        const name = param(disposition, 'name') ?? '';
        const filename = param(disposition, 'filename');
        if (filename !== undefined) {
          if (file) throw new AppError('one_file_only', 'Send one file at a time.');
          options.beforeFile(fields);
          file = { path: options.path, name: filename.split(/[\\/]/).pop() ?? '', size: 0 };
          out = createWriteStream(options.path, { mode: 0o600 });
          state = 'file';
        } else {
          field = { name, chunks: [], size: 0 };
          state = 'field';
        }
        continue;
      }
      // In the preamble, a field or the file: everything up to the next delimiter is data.
      const at = buffer.indexOf(delimiter);
      if (at < 0) {
        // Keep what could be the start of a delimiter split across chunks.
        const keep = Math.min(buffer.length, delimiter.length - 1);
        if (state !== 'preamble') await takeData(buffer.subarray(0, buffer.length - keep));
        buffer = buffer.subarray(buffer.length - keep);
        return;
      }
      if (state !== 'preamble') await takeData(buffer.subarray(0, at));
      await endPart();
      const after = buffer.subarray(at + delimiter.length);
      if (after.length < 2) {
        buffer = buffer.subarray(at);
        return;
      }
      if (after[0] === 0x2d && after[1] === 0x2d) {
        state = 'done';
        return;
      }
      if (after[0] !== 0x0d || after[1] !== 0x0a) throw incomplete();
      buffer = after.subarray(2);
      state = 'headers';
    }
  };

  try {
    for await (const chunk of stream) {
      buffer = buffer.length ? Buffer.concat([buffer, chunk as Buffer]) : (chunk as Buffer);
      await advance();
    }
    if (state !== 'done') throw incomplete();
    return { fields, file };
  } catch (error) {
    const open = out as WriteStream | null;
    open?.destroy();
    await rm(options.path, { force: true });
    throw error;
  }
}
