/**
 * A small multipart/form-data reader for the image upload forms: the whole body is already in
 * memory, bounded by the route's body limit, so this only splits it. Text fields become strings;
 * file fields keep their bytes, their file name and declared type (which nothing trusts).
 */
import { AppError, tooMany } from '../errors.js';

export interface UploadedFile {
  filename: string;
  /** As the browser declared it: informative only, the bytes decide. */
  type: string;
  data: Buffer;
}

export type MultipartBody = Record<string, string | UploadedFile>;

const maxParts = 50;

export function isUploadedFile(value: unknown): value is UploadedFile {
  return (
    typeof value === 'object' && value !== null && Buffer.isBuffer((value as UploadedFile).data)
  );
}

function headerParam(header: string, name: string): string | undefined {
  // name="value" (quotes escaped by browsers as %22) or name=token
  const match = new RegExp(
    `(?:^|;)\\s*${name}\\s*=\\s*(?:"((?:[^"\\\\]|\\\\.)*)"|([^;\\s]+))`,
    'i',
  ).exec(header);
  if (!match) return undefined;
  return match[1] !== undefined ? match[1].replace(/\\(.)/g, '$1') : match[2];
}

export function boundaryOf(contentType: string): string {
  const boundary = headerParam(contentType.replace(/^[^;]*/, ''), 'boundary');
  if (!boundary || boundary.length > 200) {
    throw new AppError(
      'unreadable_form',
      'The form could not be read: it has no multipart boundary.',
    );
  }
  return boundary;
}

export function parseMultipart(body: Buffer, contentType: string): MultipartBody {
  const unreadable = () =>
    new AppError('unreadable_form', 'The form could not be read: the upload was incomplete.');
  const boundary = boundaryOf(contentType);
  const opening = Buffer.from(`--${boundary}`);
  const separator = Buffer.from(`\r\n--${boundary}`);
  const result: MultipartBody = Object.create(null) as MultipartBody;
  let position = body.indexOf(opening);
  if (position < 0) throw unreadable();
  position += opening.length;
  for (let parts = 0; ; parts++) {
    // After a boundary: "--" ends the body, CRLF starts a part.
    if (body[position] === 0x2d && body[position + 1] === 0x2d) return result;
    if (body[position] !== 0x0d || body[position + 1] !== 0x0a) throw unreadable();
    if (parts >= maxParts) throw tooMany(undefined, 'The form has too many fields.');
    const start = position + 2;
    const end = body.indexOf(separator, start);
    if (end < 0) throw unreadable();
    const headerEnd = body.indexOf('\r\n\r\n', start);
    if (headerEnd < 0 || headerEnd > end) throw unreadable();
    const headers = body.subarray(start, headerEnd).toString('utf8').split('\r\n');
    const data = body.subarray(headerEnd + 4, end);
    const disposition = headers.find((h) => /^content-disposition:/i.test(h)) ?? '';
    const type = headers.find((h) => /^content-type:/i.test(h))?.replace(/^[^:]*:\s*/, '') ?? '';
    const name = headerParam(disposition.replace(/^[^;]*/, ''), 'name');
    const filename = headerParam(disposition.replace(/^[^;]*/, ''), 'filename');
    if (name !== undefined && name !== '__proto__') {
      if (filename !== undefined) {
        // A file input left empty still sends a part, with an empty name and no bytes.
        if (filename !== '' || data.length > 0) {
          result[name] = { filename: filename.replace(/%22/g, '"'), type, data };
        }
      } else {
        result[name] = data.toString('utf8');
      }
    }
    position = end + separator.length;
  }
}
