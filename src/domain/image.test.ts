import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  cropSize,
  hasAlt,
  mimeOfFile,
  sniffImage,
  srcset,
  variantWidths,
  type Image,
} from './image.js';

const bytes = (...values: (number | string)[]) =>
  Uint8Array.from(
    values.flatMap((v) => (typeof v === 'string' ? [...v].map((c) => c.charCodeAt(0)) : [v])),
  );

test('JPEG, PNG and WebP are known by their first bytes, whatever the name says', () => {
  assert.deepEqual(sniffImage(bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 'JFIF')), {
    accepted: true,
    format: 'jpeg',
  });
  assert.deepEqual(sniffImage(bytes(0x89, 'PNG', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 'IHDR')), {
    accepted: true,
    format: 'png',
  });
  assert.deepEqual(sniffImage(bytes('RIFF', 0x24, 0, 0, 0, 'WEBPVP8 ')), {
    accepted: true,
    format: 'webp',
  });
});

test('other images are named so the refusal can say what the file was', () => {
  assert.deepEqual(sniffImage(bytes('GIF89a', 1, 0, 1, 0)), { accepted: false, kind: 'GIF' });
  assert.deepEqual(sniffImage(bytes('GIF87a', 1, 0)), { accepted: false, kind: 'GIF' });
  assert.deepEqual(
    sniffImage(new TextEncoder().encode('<?xml version="1.0"?>\n<svg xmlns="x"></svg>')),
    { accepted: false, kind: 'SVG' },
  );
  assert.deepEqual(sniffImage(new TextEncoder().encode('  <svg viewBox="0 0 1 1"/>')), {
    accepted: false,
    kind: 'SVG',
  });
  assert.deepEqual(sniffImage(bytes(0, 0, 0, 0x1c, 'ftypavif', 0, 0)), {
    accepted: false,
    kind: 'AVIF or HEIC',
  });
  assert.deepEqual(sniffImage(bytes('%PDF-1.7')), { accepted: false, kind: 'PDF' });
  assert.deepEqual(sniffImage(bytes(0x49, 0x49, 0x2a, 0, 8, 0)), { accepted: false, kind: 'TIFF' });
});

test('text, empty and truncated signatures are not images', () => {
  assert.deepEqual(sniffImage(new TextEncoder().encode('hello, world')), {
    accepted: false,
    kind: null,
  });
  assert.deepEqual(sniffImage(new Uint8Array()), { accepted: false, kind: null });
  assert.equal(sniffImage(bytes(0xff, 0xd8)).accepted, false);
  assert.equal(sniffImage(bytes(0x89, 'PNG', 0x0d, 0x0a)).accepted, false);
  // RIFF is also WAV and AVI: only the WEBP form type counts.
  assert.equal(sniffImage(bytes('RIFF', 0x24, 0, 0, 0, 'WAVEfmt ')).accepted, false);
});

test('widths are never larger than the upload, and the upload’s own width is kept', () => {
  assert.deepEqual(variantWidths(4000), [320, 640, 960, 1280, 1920]);
  assert.deepEqual(variantWidths(1920), [320, 640, 960, 1280, 1920]);
  assert.deepEqual(variantWidths(1000), [320, 640, 960, 1000]);
  assert.deepEqual(variantWidths(640), [320, 640]);
  assert.deepEqual(variantWidths(200), [200]);
});

test('crops fit inside the image at the asked ratio, at most 1200 wide', () => {
  assert.deepEqual(cropSize(4000, 3000, 16 / 9), { width: 1200, height: 675 });
  assert.deepEqual(cropSize(4000, 3000, 1), { width: 1200, height: 1200 });
  assert.deepEqual(cropSize(800, 200, 4 / 3), { width: 266, height: 200 });
  const tall = cropSize(300, 1000, 16 / 9);
  assert.ok(tall.width <= 300 && tall.height <= 1000);
  assert.equal(tall.width, 300);
});

test('alt is required unless the image is marked decorative', () => {
  assert.equal(hasAlt({ alt: '', decorative: false }), false);
  assert.equal(hasAlt({ alt: '   ', decorative: false }), false);
  assert.equal(hasAlt({ alt: 'A ferry at the quay', decorative: false }), true);
  assert.equal(hasAlt({ alt: '', decorative: true }), true);
});

test('srcset lists the WebP widths in order; stored names map to their type', () => {
  const image = {
    variants: [
      { purpose: 'responsive', width: 640, height: 480, format: 'webp', file: 'b.webp', bytes: 2 },
      { purpose: 'fallback', width: 640, height: 480, format: 'jpeg', file: 'c.jpg', bytes: 3 },
      { purpose: 'responsive', width: 320, height: 240, format: 'webp', file: 'a.webp', bytes: 1 },
    ],
  } as Image;
  assert.equal(srcset(image), '/images/a.webp 320w, /images/b.webp 640w');
  assert.equal(mimeOfFile('0123.webp'), 'image/webp');
  assert.equal(mimeOfFile('0123.jpg'), 'image/jpeg');
  assert.equal(mimeOfFile('0123.png'), 'image/png');
  assert.equal(mimeOfFile('0123.svg'), null);
});
