/**
 * Turning an upload into the files we serve, with sharp: decoded in full (a file that does not
 * decode is refused), turned upright by its EXIF orientation, and re-encoded without any of its
 * metadata (camera, GPS position, timestamps). Sizes and formats: docs/decisions/0025-images.md.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type SharpModule from 'sharp';
import type { Metadata, Sharp } from 'sharp';

/**
 * sharp (and libvips, with its threads and caches) is loaded at the first image, not when the
 * server starts: a process that only serves pages never needs it (decisions/0083).
 */
const load = createRequire(import.meta.url);
let loaded: typeof SharpModule | null = null;
export function sharpModule(): typeof SharpModule {
  loaded ??= load('sharp') as typeof SharpModule;
  return loaded;
}
import {
  cropSize,
  crops,
  extensions,
  fallbackWidth,
  variantWidths,
  type ImageVariant,
  type UploadFormat,
} from '../domain/image.js';

export interface ProcessedFile extends ImageVariant {
  data: Buffer;
}

export interface Processed {
  width: number;
  height: number;
  files: ProcessedFile[];
}

/** Why a decodable-looking file was refused; the message is for the person who uploaded it. */
export class UnreadableImage extends Error {}

const webp = { quality: 80, effort: 4 } as const;
const jpeg = { quality: 82, mozjpeg: true } as const;

function named(data: Buffer, format: UploadFormat): string {
  return `${createHash('sha256').update(data).digest('hex').slice(0, 32)}.${extensions[format]}`;
}

async function encode(
  pipeline: Sharp,
  purpose: ImageVariant['purpose'],
  format: UploadFormat,
): Promise<ProcessedFile> {
  const out =
    format === 'webp'
      ? pipeline.webp(webp)
      : format === 'png'
        ? pipeline.png({ compressionLevel: 8 })
        : pipeline.flatten({ background: '#ffffff' }).jpeg(jpeg);
  const { data, info } = await out.toBuffer({ resolveWithObject: true });
  return {
    purpose,
    width: info.width,
    height: info.height,
    format,
    file: named(data, format),
    bytes: data.length,
    data,
  };
}

/** Every file for one upload, made one after another (memory stays that of one decode). */
export async function processImage(
  bytes: Uint8Array,
  format: UploadFormat,
  maxPixels: number,
): Promise<Processed> {
  const sharp = sharpModule();
  const base = sharp(bytes, { failOn: 'error', limitInputPixels: maxPixels, autoOrient: true });
  let meta: Metadata;
  try {
    meta = await base.metadata();
  } catch (error) {
    throw unreadable(error, maxPixels);
  }
  if (meta.pages !== undefined && meta.pages > 1) {
    throw new UnreadableImage('Animated images cannot be uploaded; upload a still image.');
  }
  // metadata() reports the stored size; autoOrient turns quarter-turned ones upright.
  const turned = (meta.orientation ?? 1) >= 5;
  const width = turned ? meta.height : meta.width;
  const height = turned ? meta.width : meta.height;
  if (!width || !height) throw new UnreadableImage('That image has no size we can read.');

  const files: ProcessedFile[] = [];
  try {
    for (const w of variantWidths(width)) {
      files.push(await encode(base.clone().resize({ width: w }), 'responsive', 'webp'));
    }
    const fallbackFormat: UploadFormat = format === 'png' ? 'png' : 'jpeg';
    files.push(
      await encode(
        base.clone().resize({ width: Math.min(width, fallbackWidth) }),
        'fallback',
        fallbackFormat,
      ),
    );
    for (const crop of crops) {
      const size = cropSize(width, height, crop.ratio);
      const pipeline = base
        .clone()
        .resize({ ...size, fit: 'cover', position: sharp.strategy.attention });
      files.push(await encode(pipeline, crop.purpose, 'jpeg'));
    }
  } catch (error) {
    throw unreadable(error, maxPixels);
  }
  return { width, height, files };
}

function unreadable(error: unknown, maxPixels: number): UnreadableImage {
  const message = error instanceof Error ? error.message : String(error);
  if (/pixel limit/i.test(message)) {
    return new UnreadableImage(
      `That image has more than ${Math.round(maxPixels / 1e6)} million pixels; make it smaller and upload it again.`,
    );
  }
  return new UnreadableImage(
    'That file could not be read as an image: it may be damaged or only partly uploaded.',
  );
}
