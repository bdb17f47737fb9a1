/**
 * A gzip member built from pieces compressed at different times (issue 19; decision 0078).
 *
 * Deflate output flushed with Z_SYNC_FLUSH ends on a byte boundary with no final block, so raw
 * deflate pieces can be laid end to end and closed with one empty final block. A piece may refer
 * back into the bytes before it (its "window") only if the compressor saw those bytes as its
 * dictionary: a piece compressed once for every reader is only valid after the same preceding
 * bytes. Bytes that differ between readers but keep their length (a CSRF token) are given to the
 * compressor as 0xFF, which never occurs in UTF-8 text, so no match can reach into them.
 *
 * The gzip trailer needs the CRC-32 of the whole text: each piece's CRC is known, and CRCs of
 * consecutive pieces are combined in GF(2) (zlib's crc32_combine, with the shift operator of
 * each piece's length computed once).
 */
import zlib from 'node:zlib';

const poly = 0xedb88320;

/** a·b modulo the CRC-32 polynomial (bit-reflected: bit 31 is x^0), as zlib's multmodp. */
function multmodp(a: number, b: number): number {
  let p = 0;
  for (let k = 31; k >= 0; k--) {
    if ((a >>> k) & 1) p ^= b;
    b = b & 1 ? (b >>> 1) ^ poly : b >>> 1;
  }
  return p >>> 0;
}

/** x^(2^k) modulo the polynomial, k = 0…31. */
const x2n: number[] = [0x40000000];
for (let k = 1; k < 32; k++) x2n.push(multmodp(x2n[k - 1]!, x2n[k - 1]!));

/** The operator that shifts a CRC over `length` more bytes (crc32_combine_gen). */
export function crcShift(length: number): number {
  let p = 0x80000000;
  let n = length;
  let k = 3;
  while (n > 0) {
    if (n & 1) p = multmodp(x2n[k & 31]!, p);
    n = Math.floor(n / 2);
    k++;
  }
  return p;
}

/** CRC-32 of A‖B from crc(A), crc(B) and the shift operator of B's length. */
export function crcCombine(crcA: number, crcB: number, shiftB: number): number {
  return (multmodp(shiftB, crcA) ^ crcB) >>> 0;
}

/**
 * Multiplication by one fixed shift operator as four byte tables (it is linear): for a piece
 * added many times per page, such as a token, a combine is then four lookups.
 */
export function shiftTable(shift: number): (crc: number) => number {
  const t = new Uint32Array(1024);
  for (let byte = 0; byte < 4; byte++) {
    for (let v = 0; v < 256; v++) t[byte * 256 + v] = multmodp(shift, (v << (8 * byte)) >>> 0);
  }
  return (crc) =>
    (t[crc & 255]! ^
      t[256 + ((crc >>> 8) & 255)]! ^
      t[512 + ((crc >>> 16) & 255)]! ^
      t[768 + (crc >>> 24)]!) >>>
    0;
}

/**
 * How far back a piece may refer: 16 KiB. A 32 KiB window makes a 200-comment page about 16 %
 * smaller but compressing each piece the first time twice as slow (zlib's state for the larger
 * window), and a window holding fewer comments is shared by more readers (decision 0078).
 */
export const windowBits = 14;
export const windowSize = 1 << windowBits;
const syncFlush = { finishFlush: zlib.constants.Z_SYNC_FLUSH, level: 6, windowBits };

/**
 * `text` as raw deflate blocks ending in a sync flush, referring only into `dictionary` (its
 * last `windowSize` bytes).
 */
export function deflatePiece(text: Buffer, dictionary?: Buffer): Buffer {
  if (text.length === 0) return Buffer.alloc(0);
  return zlib.deflateRawSync(
    text,
    dictionary && dictionary.length > 0
      ? {
          ...syncFlush,
          dictionary: dictionary.subarray(Math.max(0, dictionary.length - windowSize)),
        }
      : syncFlush,
  );
}

const runOptions = { finishFlush: zlib.constants.Z_SYNC_FLUSH, level: 6, windowBits: 15 };
/** How far back a run may refer: zlib's full window (decision 0084). */
export const runWindow = 1 << 15;

/**
 * `text` as raw deflate blocks ending in a sync flush, with zlib's full 32 KiB window, referring
 * only into `dictionary` (its last `runWindow` bytes): a run compressed once and sent to many
 * readers (decision 0084).
 */
export function deflateRun(text: Buffer, dictionary?: Buffer): Buffer {
  if (text.length === 0) return Buffer.alloc(0);
  return zlib.deflateRawSync(
    text,
    dictionary && dictionary.length > 0
      ? {
          ...runOptions,
          dictionary: dictionary.subarray(Math.max(0, dictionary.length - runWindow)),
        }
      : runOptions,
  );
}

/**
 * `text` as stored (uncompressed) deflate blocks: no zlib call, for a short text such as a token.
 * Each block starts on a byte boundary (as every piece here ends on one): a header byte, the
 * length and its complement, the bytes.
 */
export function storedPiece(text: Buffer): Buffer {
  const parts: Buffer[] = [];
  for (let at = 0; at < text.length; at += 0xffff) {
    const part = text.subarray(at, at + 0xffff);
    const head = Buffer.alloc(5);
    head.writeUInt16LE(part.length, 1);
    head.writeUInt16LE(~part.length & 0xffff, 3);
    parts.push(head, part);
  }
  return Buffer.concat(parts);
}

/** The fixed gzip header: deflate, no name, no time, unknown OS. */
const header = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
/** An empty final block (fixed Huffman): ends the deflate stream. */
const lastBlock = Buffer.from([0x03, 0x00]);

/** Builds one gzip member from raw deflate pieces and the CRC of the text they hold. */
export class GzipMember {
  private readonly parts: Buffer[] = [header];
  private crc = 0;
  private size = 0;

  /**
   * Adds a compressed piece holding `length` bytes whose CRC is `crc`; `shift` is the operator
   * of that length (`crcShift`) or a table of it (`shiftTable`).
   */
  add(
    compressed: Buffer,
    crc: number,
    length: number,
    shift: number | ((crc: number) => number),
  ): void {
    if (length === 0) return;
    this.parts.push(compressed);
    this.crc =
      typeof shift === 'number' ? crcCombine(this.crc, crc, shift) : (shift(this.crc) ^ crc) >>> 0;
    this.size += length;
  }

  /** Adds consecutive compressed pieces whose CRC and length together are known (one combine). */
  addAll(compressed: readonly Buffer[], crc: number, length: number, shift: number): void {
    if (length === 0) return;
    for (const z of compressed) this.parts.push(z);
    this.crc = crcCombine(this.crc, crc, shift);
    this.size += length;
  }

  /** The finished member. */
  end(): Buffer {
    const trailer = Buffer.alloc(8);
    trailer.writeUInt32LE(this.crc >>> 0, 0);
    trailer.writeUInt32LE(this.size % 0x100000000, 4);
    this.parts.push(lastBlock, trailer);
    return Buffer.concat(this.parts);
  }
}

/** The CRC-32 of some bytes. */
export function crcOf(bytes: Buffer): number {
  return zlib.crc32(bytes);
}

/** Accept-Encoding headers read already (clients send few distinct ones): whether gzip. */
const gzipTaken = new Map<string, boolean>();

/** Whether an Accept-Encoding header allows gzip (explicitly or through `*`). */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  let known = gzipTaken.get(header);
  if (known === undefined) {
    known = readsGzip(header);
    // Bounded: a client could send endless variations.
    if (gzipTaken.size >= 256) gzipTaken.clear();
    gzipTaken.set(header, known);
  }
  return known;
}

function readsGzip(header: string): boolean {
  let gzip: number | undefined;
  let star: number | undefined;
  for (const part of header.split(',')) {
    const [rawName = '', ...params] = part.split(';');
    const name = rawName.trim().toLowerCase();
    let q = 1;
    for (const p of params) {
      const m = /^\s*q\s*=\s*([0-9.]+)\s*$/i.exec(p);
      if (m) q = Number(m[1]);
    }
    if (name === 'gzip' || name === 'x-gzip') gzip = q;
    else if (name === '*') star = q;
  }
  return (gzip ?? star ?? 0) > 0;
}
