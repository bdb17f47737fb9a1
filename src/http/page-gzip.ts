/**
 * A cached page's gzip form made in segments, so that a page that changed a little is compressed
 * a little (issue 19 target 3, decision 0086). During a comment storm an article page is drawn
 * anew after every comment, but only a few of its bytes differ from the version before (the
 * counts, one thread); compressing all of it again cost most of a millisecond or two per comment.
 *
 * The page is cut into segments where the text itself says so (before an `<li` whose next 64
 * bytes hash to a chosen value: a comment's id decides, so a comment added or removed moves no
 * other cut), each compressed as raw deflate with the 16 KiB before it as its dictionary, ended by
 * a sync flush (decision 0078's pieces), and laid end to end in one gzip member whose CRC is
 * combined from the segments' CRCs. The next version of the page takes, from the version before,
 * every segment whose bytes and whose 16 KiB before are the same, and compresses only the others.
 */
import { GzipMember, crcOf, crcShift, deflatePiece, windowSize } from '../views/gzip-splice.js';

/** A page's gzip form and how it was cut, for the next version of the page to take from. */
export interface GzipSegments {
  /** The text that was compressed. */
  readonly body: Buffer;
  /** Where each segment ends in `body`; the first starts at 0, each next where the one before ends. */
  readonly ends: readonly number[];
  /** Each segment's CRC-32. */
  readonly crcs: readonly number[];
  /** Each segment as raw deflate ending in a sync flush (views into `gzip`). */
  readonly compressed: readonly Buffer[];
  /** The whole gzip member. */
  readonly gzip: Buffer;
  /** How many segments were compressed for this version (the rest came from the one before). */
  readonly fresh: number;
}

const marker = Buffer.from('<li');
/** The bytes from a candidate cut that decide whether it is one (a comment's element and id). */
const decidingBytes = 64;
/** One `<li` in eight is a cut: segments of about 7 KB on the 200-comment article page. */
const cutMask = 7;
/** A stretch without cuts is cut here at the latest (an article's body, a long comment). */
export const longestSegment = 16 * 1024;

/** The hash of `body[at, at + decidingBytes)` (FNV-1a): content, not position, decides a cut. */
function hashAt(body: Buffer, at: number): number {
  let h = 0x811c9dc5;
  const end = Math.min(body.length, at + decidingBytes);
  for (let i = at; i < end; i++) h = Math.imul(h ^ body[i]!, 0x01000193);
  return h >>> 0;
}

/** Where the segments of `body` end (the last end is `body.length`). */
export function cutsOf(body: Buffer): number[] {
  const ends: number[] = [];
  let last = 0;
  let at = body.indexOf(marker, 1);
  while (at !== -1) {
    while (at - last > longestSegment) ends.push((last += longestSegment));
    if (at > last && (hashAt(body, at) & cutMask) === 0) ends.push((last = at));
    at = body.indexOf(marker, at + 1);
  }
  while (body.length - last > longestSegment) ends.push((last += longestSegment));
  if (body.length > last || ends.length === 0) ends.push(body.length);
  return ends;
}

/**
 * `body` as one gzip member made of segments, taking from `previous` (the same page's version
 * before) each segment that is byte for byte the same with the same bytes before it.
 */
export function segmentedGzip(body: Buffer, previous?: GzipSegments): GzipSegments {
  const ends = cutsOf(body);
  const crcs: number[] = [];
  const pieces: Buffer[] = [];
  /** For each segment, the segment of `previous` it is (same bytes), or -1. */
  const sameAs: number[] = [];
  const earlier = new Map<string, number>();
  if (previous) {
    previous.ends.forEach((end, j) => {
      const start = j === 0 ? 0 : previous.ends[j - 1]!;
      earlier.set(`${end - start}:${previous.crcs[j]!}`, j);
    });
  }
  let fresh = 0;
  const member = new GzipMember();
  for (let i = 0; i < ends.length; i++) {
    const start = i === 0 ? 0 : ends[i - 1]!;
    const end = ends[i]!;
    const text = body.subarray(start, end);
    const crc = crcOf(text);
    crcs.push(crc);
    let z: Buffer | undefined;
    const j = previous ? earlier.get(`${end - start}:${crc}`) : undefined;
    sameAs.push(-1);
    if (previous && j !== undefined) {
      const pStart = j === 0 ? 0 : previous.ends[j - 1]!;
      if (previous.body.compare(body, start, end, pStart, previous.ends[j]!) === 0) {
        sameAs[i] = j;
        if (sameBefore(sameAs, ends, i, j)) z = previous.compressed[j]!;
      }
    }
    if (z === undefined) {
      z = deflatePiece(text, body.subarray(Math.max(0, start - windowSize), start));
      fresh++;
    }
    pieces.push(z);
    member.add(z, crc, end - start, crcShift(end - start));
  }
  const gzip = member.end();
  // The segments as views of the member (after its 10-byte header): nothing held twice.
  const compressed: Buffer[] = [];
  let at = 10;
  for (const z of pieces) {
    compressed.push(gzip.subarray(at, at + z.length));
    at += z.length;
  }
  return { body, ends, crcs, compressed, gzip, fresh };
}

/**
 * Whether the `windowSize` bytes before segment `i` are those before segment `j` of the previous
 * version: the segments before each are the same ones, in the same order, back that far (or back
 * to the start of both pages).
 */
function sameBefore(sameAs: readonly number[], ends: readonly number[], i: number, j: number) {
  let covered = 0;
  for (let k = 1; covered < windowSize; k++) {
    if (i - k < 0 || j - k < 0) return i - k < 0 && j - k < 0;
    if (sameAs[i - k] !== j - k) return false;
    covered += ends[i - k]! - (i - k === 0 ? 0 : ends[i - k - 1]!);
  }
  return true;
}
