/**
 * The site's logo and icons, made from an admin's upload with sharp: decoded in full (a file
 * that does not decode is refused), turned upright, re-encoded as PNG without metadata. Files are
 * named by the hash of their bytes, like every stored image, so their addresses never change.
 */
import { createHash } from 'node:crypto';
import type { Sharp } from 'sharp';
import { logoDisplayHeight, type SiteIcons, type SiteImage } from '../domain/site.js';
import { sharpModule, UnreadableImage } from './image-processing.js';

export interface MadeFile {
  file: string;
  data: Buffer;
}

function named(data: Buffer, extension: 'png' | 'ico'): string {
  return `${createHash('sha256').update(data).digest('hex').slice(0, 32)}.${extension}`;
}

function open(bytes: Uint8Array, maxPixels: number): Sharp {
  return sharpModule()(bytes, { failOn: 'error', limitInputPixels: maxPixels, autoOrient: true });
}

async function size(image: Sharp): Promise<{ width: number; height: number }> {
  let meta;
  try {
    meta = await image.metadata();
  } catch {
    throw new UnreadableImage(
      'That file could not be read as an image: it may be damaged or only partly uploaded.',
    );
  }
  if (meta.pages !== undefined && meta.pages > 1) {
    throw new UnreadableImage('Animated images cannot be used; upload a still image.');
  }
  const turned = (meta.orientation ?? 1) >= 5;
  const width = turned ? meta.height : meta.width;
  const height = turned ? meta.width : meta.height;
  if (!width || !height) throw new UnreadableImage('That image has no size we can read.');
  return { width, height };
}

async function png(image: Sharp): Promise<Buffer> {
  try {
    return await image.png({ compressionLevel: 9 }).toBuffer();
  } catch {
    throw new UnreadableImage(
      'That file could not be read as an image: it may be damaged or only partly uploaded.',
    );
  }
}

/** The logo drawn at twice its masthead height (sharp screens), never enlarged. */
export async function makeLogo(
  bytes: Uint8Array,
  maxPixels: number,
): Promise<{ logo: SiteImage; files: MadeFile[] }> {
  const image = open(bytes, maxPixels);
  const original = await size(image);
  const height = Math.min(original.height, logoDisplayHeight * 2);
  const data = await png(image.resize({ height, withoutEnlargement: true }));
  const meta = await sharpModule()(data).metadata();
  const file = named(data, 'png');
  return {
    logo: { file, width: meta.width ?? original.width, height: meta.height ?? height },
    files: [{ file, data }],
  };
}

/** The smallest square an icon upload may be: the largest size in the .ico file. */
export const minimumIconSize = 48;

/**
 * Every icon a browser or phone asks for, from one picture, cropped to a centred square: a
 * .ico with 16, 32 and 48 px images (PNG inside, which every browser since 2010 reads), and
 * 32, 180, 192 and 512 px PNGs.
 */
export async function makeIcons(
  bytes: Uint8Array,
  maxPixels: number,
): Promise<{ icons: SiteIcons; files: MadeFile[] }> {
  const image = open(bytes, maxPixels);
  const original = await size(image);
  if (Math.min(original.width, original.height) < minimumIconSize) {
    throw new UnreadableImage(
      `An icon must be at least ${minimumIconSize} pixels on each side; a square image of 512 pixels or more works best.`,
    );
  }
  const square = async (side: number) =>
    png(image.clone().resize({ width: side, height: side, fit: 'cover', position: 'centre' }));
  const [s16, s32, s48, s180, s192, s512] = await Promise.all(
    [16, 32, 48, 180, 192, 512].map(square),
  );
  const ico = icoFile([
    [16, s16!],
    [32, s32!],
    [48, s48!],
  ]);
  const files: MadeFile[] = [
    { file: named(ico, 'ico'), data: ico },
    { file: named(s32!, 'png'), data: s32! },
    { file: named(s180!, 'png'), data: s180! },
    { file: named(s192!, 'png'), data: s192! },
    { file: named(s512!, 'png'), data: s512! },
  ];
  const [icoF, png32, touch, png192, png512] = files.map((f) => f.file) as [
    string,
    string,
    string,
    string,
    string,
  ];
  return { icons: { ico: icoF, png32, touch, png192, png512 }, files };
}

/**
 * An ICO container of PNG images: a 6-byte header, a 16-byte directory entry per image, then
 * the images. Sizes of 256 and more would be written as 0; ours are at most 48.
 */
export function icoFile(images: readonly [number, Buffer][]): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // 1 = icon
  header.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const entries = images.map(([side, data]) => {
    const entry = Buffer.alloc(16);
    entry.writeUInt8(side >= 256 ? 0 : side, 0);
    entry.writeUInt8(side >= 256 ? 0 : side, 1);
    entry.writeUInt8(0, 2); // no palette
    entry.writeUInt8(0, 3); // reserved
    entry.writeUInt16LE(1, 4); // colour planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(data.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += data.length;
    return entry;
  });
  return Buffer.concat([header, ...entries, ...images.map(([, data]) => data)]);
}
