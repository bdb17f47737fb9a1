/**
 * Images as the rest of the system sees them, and the pure rules about them: what kind of file a
 * byte string is (from its magic numbers, never its name or declared type), which sizes to make,
 * and which file a page, a feed or a search engine gets. See docs/decisions/0025-images.md.
 */

/** The formats the newsroom may upload. */
export const uploadFormats = ['jpeg', 'png', 'webp'] as const;
export type UploadFormat = (typeof uploadFormats)[number];

/** What a file is, from its first bytes: an accepted format, another known one, or unknown. */
export type Sniffed =
  { accepted: true; format: UploadFormat } | { accepted: false; kind: string | null };

const startsWith = (bytes: Uint8Array, signature: readonly number[], at = 0) =>
  bytes.length >= at + signature.length && signature.every((b, i) => bytes[at + i] === b);

const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/** Other formats people try to upload, named so the refusal can say what the file was. */
const otherKinds: readonly { kind: string; test: (b: Uint8Array) => boolean }[] = [
  { kind: 'GIF', test: (b) => startsWith(b, ascii('GIF87a')) || startsWith(b, ascii('GIF89a')) },
  { kind: 'BMP', test: (b) => startsWith(b, ascii('BM')) && b.length > 14 },
  {
    kind: 'TIFF',
    test: (b) => startsWith(b, [0x49, 0x49, 0x2a, 0x00]) || startsWith(b, [0x4d, 0x4d, 0x00, 0x2a]),
  },
  {
    kind: 'AVIF or HEIC',
    test: (b) =>
      startsWith(b, ascii('ftyp'), 4) &&
      /^(avif|avis|heic|heix|hevc|mif1|msf1)$/.test(String.fromCharCode(...b.subarray(8, 12))),
  },
  { kind: 'PDF', test: (b) => startsWith(b, ascii('%PDF-')) },
  {
    kind: 'SVG',
    test: (b) =>
      /^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!doctype svg[^>]*>\s*)?<svg[\s>]/i.test(
        new TextDecoder('utf-8', { fatal: false }).decode(b.subarray(0, 1024)),
      ),
  },
];

export function sniffImage(bytes: Uint8Array): Sniffed {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { accepted: true, format: 'jpeg' };
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) {
    return { accepted: true, format: 'png' };
  }
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) {
    return { accepted: true, format: 'webp' };
  }
  const other = otherKinds.find((k) => k.test(bytes));
  return { accepted: false, kind: other?.kind ?? null };
}

export const mimeTypes: Record<UploadFormat, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
};

export const extensions: Record<UploadFormat, string> = { jpeg: 'jpg', png: 'png', webp: 'webp' };

/** The Content-Type of a stored file, by its extension; null for anything we never store. */
export function mimeOfFile(file: string): string | null {
  const ext = /\.([a-z]+)$/.exec(file)?.[1];
  const format = uploadFormats.find((f) => extensions[f] === ext);
  return format ? mimeTypes[format] : null;
}

/** Stored files are named by the hash of their bytes: `<32 hex>.<ext>`. */
export const storedFileName = /^[0-9a-f]{32}\.(jpg|png|webp)$/;

/**
 * What a variant is for:
 * - `responsive`: WebP at one of the standard widths, for `srcset`;
 * - `fallback`: the original's format (JPEG for a WebP upload), for browsers without `srcset`,
 *   feeds and anything that does not read WebP;
 * - `16x9`, `4x3`, `1x1`: JPEG crops for search engines and social cards.
 */
export type VariantPurpose = 'responsive' | 'fallback' | '16x9' | '4x3' | '1x1';

export interface ImageVariant {
  purpose: VariantPurpose;
  width: number;
  height: number;
  format: UploadFormat;
  /** The stored file's name (content-addressed); its URL is imagePath(file). */
  file: string;
  bytes: number;
}

export interface Image {
  id: string;
  originalName: string;
  /** The uploaded file's format. */
  format: UploadFormat;
  /** Of the upright image (after applying its orientation). */
  width: number;
  height: number;
  /** Describes the image for people who cannot see it; empty until someone writes it. */
  alt: string;
  /** Purely decorative: it is given an empty alt on purpose. */
  decorative: boolean;
  caption: string;
  credit: string;
  variants: ImageVariant[];
  uploadedBy: string | null;
  createdAt: string;
}

/** What people write about an image. */
export interface ImageDetails {
  alt: string;
  decorative: boolean;
  caption: string;
  credit: string;
}

/** The widths made for `srcset`; none is ever wider than the upload. */
export const responsiveWidths = [320, 640, 960, 1280, 1920] as const;

/** The widths to make for an image this wide: the standard ones that fit, plus its own. */
export function variantWidths(width: number): number[] {
  const fitting: number[] = responsiveWidths.filter((w) => w <= width);
  const largest = responsiveWidths[responsiveWidths.length - 1]!;
  if (width < largest && !fitting.includes(width)) fitting.push(width);
  return fitting;
}

/** The fallback is at most this wide. */
export const fallbackWidth = 1280;

/** Crops for structured data and social cards: aspect ratio and the width aimed for. */
export const crops = [
  { purpose: '16x9', ratio: 16 / 9 },
  { purpose: '4x3', ratio: 4 / 3 },
  { purpose: '1x1', ratio: 1 },
] as const;
export const cropWidth = 1200;

/** The largest crop of this ratio, at most cropWidth wide, that fits inside the image. */
export function cropSize(width: number, height: number, ratio: number) {
  let w = Math.min(width, cropWidth, Math.floor(height * ratio));
  let h = Math.round(w / ratio);
  if (h > height) {
    h = height;
    w = Math.floor(h * ratio);
  }
  return { width: Math.max(1, w), height: Math.max(1, h) };
}

export function imagePath(file: string): string {
  return `/images/${file}`;
}

const byWidth = (a: ImageVariant, b: ImageVariant) => a.width - b.width;

export function responsiveVariants(image: Image): ImageVariant[] {
  return image.variants.filter((v) => v.purpose === 'responsive').sort(byWidth);
}

/** `srcset` of the WebP widths: "/images/x.webp 320w, …". */
export function srcset(image: Image): string {
  return responsiveVariants(image)
    .map((v) => `${imagePath(v.file)} ${v.width}w`)
    .join(', ');
}

export function fallbackOf(image: Image): ImageVariant | null {
  return image.variants.find((v) => v.purpose === 'fallback') ?? null;
}

/** The smallest responsive variant at least `width` wide (else the largest): previews. */
export function variantFor(image: Image, width: number): ImageVariant | null {
  const list = responsiveVariants(image);
  return list.find((v) => v.width >= width) ?? list[list.length - 1] ?? fallbackOf(image);
}

export function cropOf(image: Image, purpose: '16x9' | '4x3' | '1x1'): ImageVariant | null {
  return image.variants.find((v) => v.purpose === purpose) ?? null;
}

/** What the page gives as alt: the text, or empty for a decorative image. */
export function altText(image: Image): string {
  return image.decorative ? '' : image.alt;
}

/** An image may appear on a published page only with alt text or marked decorative. */
export function hasAlt(image: Pick<Image, 'alt' | 'decorative'>): boolean {
  return image.decorative || image.alt.trim() !== '';
}

export const imageLimits = { alt: 500, caption: 1_000, credit: 200, name: 200 } as const;
