/**
 * Reading an image upload from a request: the raw bytes as the body (any Content-Type: the bytes
 * decide what they are), or the `file` field of a multipart/form-data form with the image's text
 * in other fields. Bodies are buffered up to the image limit plus room for the form's fields;
 * anything larger is refused with 413 before it is read.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError } from '../../errors.js';
import type { ImageService, Upload } from '../../services/images.js';
import type { ImageDetails } from '../../domain/image.js';
import { isUploadedFile, parseMultipart, type MultipartBody } from '../multipart.js';

/** Room for the form's other fields and the multipart headers. */
const formOverhead = 64 * 1024;

/** Lets this scope read multipart forms (and, with `raw`, any body as bytes). */
export function acceptUploads(
  scope: FastifyInstance,
  images: ImageService,
  options: { raw: boolean },
): void {
  const bodyLimit = images.settings.maxBytes + formOverhead;
  scope.addContentTypeParser(
    'multipart/form-data',
    { parseAs: 'buffer', bodyLimit },
    (request, body, done) => {
      try {
        done(null, parseMultipart(body as Buffer, request.headers['content-type'] ?? ''));
      } catch (error) {
        done(error as Error);
      }
    },
  );
  if (options.raw) {
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit }, (_request, body, done) =>
      done(null, body),
    );
  }
  // Fastify's own "body too large" says nothing of images; this says what the limit is.
  scope.setErrorHandler((error: FastifyError, _request, _reply) => {
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') throw images.tooLarge();
    throw error;
  });
}

const text = (value: string | UploadedValue | undefined) =>
  typeof value === 'string' ? value : '';
type UploadedValue = MultipartBody[string];

/** The image's text from a form: only the fields that were sent. */
export function detailsFrom(body: MultipartBody | Record<string, unknown>): Partial<ImageDetails> {
  const form = body as MultipartBody;
  return {
    ...('alt' in form ? { alt: text(form.alt) } : {}),
    ...('caption' in form ? { caption: text(form.caption) } : {}),
    ...('credit' in form ? { credit: text(form.credit) } : {}),
    ...('decorative' in form || 'alt' in form ? { decorative: text(form.decorative) === '1' } : {}),
  };
}

/**
 * The upload in a request body, or null when a form was sent without a file. Multipart forms
 * arrive as prototype-less objects (multipart.ts); any other parsed body (JSON) is no upload.
 */
export function uploadFrom(body: unknown, filenameHeader: string | undefined): Upload | null {
  if (Buffer.isBuffer(body)) {
    let name = 'upload';
    try {
      name = filenameHeader ? decodeURIComponent(filenameHeader) : name;
    } catch {
      name = filenameHeader ?? name;
    }
    return { bytes: body, name };
  }
  if (body && typeof body === 'object' && Object.getPrototypeOf(body) === null) {
    const form = body as MultipartBody;
    const file = form.file;
    if (isUploadedFile(file))
      return { bytes: file.data, name: file.filename, details: detailsFrom(form) };
    return null;
  }
  throw new AppError(
    'unsupported_upload',
    'Send the image itself: its bytes as the request body, or the field "file" of a multipart/form-data form.',
  );
}
