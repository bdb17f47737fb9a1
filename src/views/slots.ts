/**
 * Pages drawn once for everyone, with holes for what depends on the reader (issue 19; decision
 * 0052). A view drawn with a `SlotRecorder` in its context puts a marker where something personal
 * goes (the masthead's account links, a form's CSRF token, a comment's Like/Reply/Edit/Report
 * controls, the comment form, one's own held comments, a moderator's thread settings) and records
 * how to draw it. `PageShell.of` cuts the drawn page at the markers; `fill` draws each hole for one
 * reader. A hole drawn for nobody gives the anonymous page, byte for byte what the view draws
 * without a recorder; drawn for a signed-in reader it gives what the view draws for them.
 *
 * A comment's controls carry no token (they submit the page's one actions form, decision 0084):
 * they are the same bytes for every signed-in reader whom the comment does not concern (not
 * theirs, liked, reported or editable by them), drawn once per shell. For gzip (decision 0078)
 * the page is runs of those shared bytes between the holes drawn for the reader, each run
 * compressed once and kept.
 */
import { randomBytes } from 'node:crypto';
import type { CommentNode } from '../domain/comment.js';
import type { CommentViewerState } from '../services/comment-threads.js';
import type { PageContext, PageHoles, PageViewer, SlotSpec, Viewing } from './context.js';
import { raw, type SafeHtml } from './html.js';
import {
  GzipMember,
  crcCombine,
  crcOf,
  crcShift,
  deflateRun,
  runWindow,
  storedPiece,
} from './gzip-splice.js';

// A marker no text can forge: control characters around a secret drawn when the process starts.
const nonce = randomBytes(9).toString('base64url');
const markPattern = new RegExp(`\u0000${nonce}:(\\d+)\u0000`);
/**
 * Stands for a reader's CSRF token when the shared controls are drawn: controls that contain it
 * are not shared but drawn for each reader (no comment's controls should).
 */
const tokenMark = `\u0000${nonce}:token\u0000`;

export class SlotRecorder implements PageHoles {
  readonly slots: SlotSpec[] = [];

  /** Records a hole and returns its marker. */
  add(spec: SlotSpec): SafeHtml {
    const index = this.slots.push(spec) - 1;
    return raw(`\u0000${nonce}:${index}\u0000`);
  }
}

/** The comment-independent part of a signed-in reader's controls: no one and nothing. */
const nobody: PageViewer = { id: '\u0000', name: '', role: 'commenter', csrfToken: tokenMark };
const nothing: CommentViewerState = {
  userId: nobody.id,
  reacted: new Set(),
  editable: new Set(),
  reported: new Set(),
  confirmEmail: null,
};

export class PageShell {
  /** Per hole, its drawing for a signed-in reader it does not concern; null when none is shared. */
  private common: (string | null)[] | null = null;
  /** The chunks and the shared controls encoded (UTF-8), once a signed-in reader needs them. */
  private encoded: { chunks: Buffer[]; common: (Buffer | null)[] } | null = null;
  /** The same page compressed in runs for gzip (decision 0084), once a reader asked for gzip. */
  private gzip: GzipPlan | null = null;
  /** Bytes the gzip plan grew by since the cache was last told. */
  private gzipGrowth = 0;

  private constructor(
    /** The page's text between the holes: one more than there are holes. */
    private readonly chunks: readonly string[],
    private readonly holes: readonly SlotSpec[],
    /** The context the page was drawn in, without a reader. */
    readonly base: PageContext,
    /** What the route needs to fill it (the article, the comments on show). */
    readonly data: ArticleShellData,
  ) {}

  /** Cuts a page drawn with `recorder` at its markers. */
  static of(
    page: SafeHtml,
    recorder: SlotRecorder,
    base: PageContext,
    data: ArticleShellData,
  ): PageShell {
    const parts = page.value.split(markPattern);
    const chunks: string[] = [];
    const holes: SlotSpec[] = [];
    for (let i = 0; i < parts.length; i++) {
      if (i % 2 === 0) chunks.push(parts[i] ?? '');
      else {
        // Every marker in the page is one this recorder made.
        holes.push(recorder.slots[Number(parts[i])] as SlotSpec);
      }
    }
    return new PageShell(chunks, holes, { ...base, viewer: null, slots: undefined }, data);
  }

  /** Characters held (chunks and the signed-in controls once drawn), for the cache's budget. */
  get size(): number {
    let n = 0;
    for (const c of this.chunks) n += c.length;
    for (const c of this.common ?? []) n += c?.length ?? 0;
    // Encoded bytes, counted as characters for the caller's arithmetic (it doubles these).
    if (this.encoded) n += Math.ceil(this.encodedBytes() / 2);
    if (this.gzip) n += Math.ceil(this.gzip.bytes / 2);
    return n;
  }

  private encodedBytes(): number {
    let n = 0;
    for (const c of this.encoded?.chunks ?? []) n += c.length;
    for (const c of this.encoded?.common ?? []) n += c?.length ?? 0;
    return n;
  }

  /** The page for an anonymous reader. */
  anonymous(): string {
    return this.fill({ ctx: this.base, comments: null, personal: {} });
  }

  /** The page for this reader (anonymous when `viewing.ctx.viewer` is null), as text. */
  fill(viewing: Viewing): string {
    return this.pieces(
      viewing,
      this.chunks,
      this.viewer(viewing) ? this.commonControls() : null,
    ).join('');
  }

  private encodedPieces(): { chunks: Buffer[]; common: (Buffer | null)[] } {
    return (this.encoded ??= {
      chunks: this.chunks.map((c) => Buffer.from(c)),
      common: this.commonControls().map((c) => (c === null ? null : Buffer.from(c))),
    });
  }

  /**
   * The page for this reader as bytes: the text between the holes and the shared controls are
   * kept encoded, so a signed-in reader's page is mostly copied, not drawn or encoded.
   */
  fillBytes(viewing: Viewing): Buffer {
    const encoded = this.encodedPieces();
    const parts = this.pieces(
      viewing,
      encoded.chunks,
      this.viewer(viewing) ? encoded.common : null,
    );
    return Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : p)));
  }

  /**
   * The page for this reader as one gzip member (decisions 0078, 0084), or null when it cannot be
   * spliced (no reader or no reader state). The runs of shared bytes between the holes drawn for
   * this reader are compressed once per shell and kept; the controls of a comment that concerns
   * the reader are kept compressed by how it concerns them; only the holes personal in every page
   * (names, tokens, forms) are drawn per request, and sent stored.
   */
  fillGzip(viewing: Viewing, layout?: GzipLayout): Buffer | null {
    const viewer = viewing.ctx.viewer;
    if (!viewer || !this.viewer(viewing)) return null;
    const encoded = this.encodedPieces();
    const plan = (this.gzip ??= new GzipPlan(encoded.chunks, encoded.common));
    const before = plan.bytes;
    const body = plan.fill(
      this.holes,
      viewing,
      viewer.csrfToken,
      (i, c) => this.concern(viewing, i, c),
      layout,
    );
    this.gzipGrowth += plan.bytes - before;
    return body;
  }

  /** Bytes the gzip pieces grew by since last asked (for the cache's budget). */
  takeGzipGrowth(): number {
    const n = this.gzipGrowth;
    this.gzipGrowth = 0;
    return n;
  }

  /**
   * How comment hole `i` concerns this reader: null when it does not (the shared controls), a key
   * of how it does when its drawing depends on that alone, `personal` when it is drawn anew.
   */
  private concern(
    viewing: Viewing,
    i: number,
    c: { id: string; authorId: string | null },
  ): string | null | typeof personal {
    const state = viewing.comments!;
    const viewer = viewing.ctx.viewer!;
    const { reportedId, reportingId } = viewing.personal;
    if (this.common?.[i] == null || c.id === reportingId) return personal;
    const own = c.authorId === viewer.id;
    const reacted = state.reacted.has(c.id);
    const reported = state.reported.has(c.id);
    const editable = state.editable.has(c.id);
    const justNow = c.id === reportedId;
    if (!own && !reacted && !reported && !editable && !justNow) return null;
    return `${viewer.role}:${+own}${+reacted}${+reported}${+editable}${+justNow}`;
  }

  private viewer(viewing: Viewing): boolean {
    return (
      viewing.ctx.viewer !== null && viewing.ctx.viewer !== undefined && viewing.comments !== null
    );
  }

  /**
   * The page's pieces in order: the chunks, each hole drawn for this reader or, for a comment that
   * does not concern them, the shared controls.
   */
  private pieces<T extends string | Buffer>(
    viewing: Viewing,
    chunks: readonly T[],
    common: readonly (T | null)[] | null,
  ): (T | string)[] {
    const viewer = viewing.ctx.viewer ?? null;
    const state = viewing.comments;
    const { reportedId, reportingId } = viewing.personal;
    const out: (T | string)[] = [];
    const { holes } = this;
    for (let i = 0; i < holes.length; i++) {
      out.push(chunks[i] as T);
      const hole = holes[i] as SlotSpec;
      const c = hole.comment;
      const shared = common?.[i];
      if (
        c !== undefined &&
        shared != null &&
        viewer !== null &&
        state !== null &&
        c.authorId !== viewer.id &&
        c.id !== reportedId &&
        c.id !== reportingId &&
        !state.reacted.has(c.id) &&
        !state.reported.has(c.id) &&
        !state.editable.has(c.id)
      ) {
        out.push(shared);
      } else {
        out.push(hole.render(viewing).value);
      }
    }
    out.push(chunks[holes.length] as T);
    return out;
  }

  /**
   * Draws the controls shared by every signed-in reader (once per shell); returns how many
   * characters that added (0 when they were drawn already), for the cache's budget.
   */
  prepare(): number {
    if (this.encoded) return 0;
    const before = this.size;
    this.encodedPieces();
    return this.size - before;
  }

  private commonControls(): (string | null)[] {
    if (this.common) return this.common;
    const viewing: Viewing = {
      ctx: { ...this.base, viewer: nobody },
      comments: nothing,
      personal: {},
    };
    this.common = this.holes.map((h) => {
      if (!h.comment) return null;
      const text = h.render(viewing).value;
      // Controls with a token in them would carry one reader's token to another: not shared.
      return text.includes(tokenMark) ? null : text;
    });
    return this.common;
  }
}

/** The threads a shell of an article page shows, for the reader's state. */
export interface ArticleShellData {
  articleId: string;
  threads: readonly CommentNode[];
  print: boolean;
}

/**
 * A reader's page in order, kept for them with their marks on a shell (decision 0092): the kept
 * compressed runs and controls, and the index of each hole drawn for every request (names,
 * tokens, forms). Valid only while what `PageShell.concern` reads cannot change: the reader's
 * marks, their role, no comment just reported or opened for reporting. The caller keeps it with
 * the marks (and drops it with them); `fillGzip` fills it on first use and replays it after.
 */
export interface GzipLayout {
  role?: string;
  steps?: readonly (KeptRun | number)[];
}

/** Consecutive kept pieces of a reader's page, with their CRC and length combined once. */
interface KeptRun {
  z: readonly Buffer[];
  crc: number;
  length: number;
  shift: number;
}

/** Pieces and the holes drawn per request, consecutive pieces joined (a `GzipLayout`'s steps). */
function joined(steps: readonly (Compressed | number)[]): (KeptRun | number)[] {
  const out: (KeptRun | number)[] = [];
  let run: { z: Buffer[]; crc: number; length: number } | null = null;
  const close = () => {
    if (run) out.push({ ...run, shift: crcShift(run.length) });
    run = null;
  };
  for (const step of steps) {
    if (typeof step === 'number') {
      close();
      out.push(step);
      continue;
    }
    if (step.length === 0) continue;
    run ??= { z: [], crc: 0, length: 0 };
    run.z.push(step.z);
    run.crc = crcCombine(run.crc, step.crc, step.shift);
    run.length += step.length;
  }
  close();
  return out;
}

/** A hole drawn anew for every reader (names, tokens, forms). */
const personal: unique symbol = Symbol('personal');
/** Runs and drawn controls kept per shell, at most (more are compressed and not kept). */
const keptPerShell = 1024;
/** A hole drawn per request longer than this is compressed; shorter ones are sent stored. */
const storeBelow = 16 * 1024;

/** Bytes compressed once: the deflate blocks, the CRC of the bytes and their length. */
export interface Compressed {
  z: Buffer;
  crc: number;
  length: number;
  shift: number;
}

/** What a page holds since its last personal hole: runs (by first and last hole) or drawn bytes. */
type Held = { first: number; last: number } | Buffer;

/**
 * A shell's page for gzip, in runs (decision 0084). A run is the text from one hole drawn for the
 * reader to the next one (chunks and the shared controls between them). It is compressed with the
 * 32 KiB before it as its dictionary, back to the last hole personal in every page (names, tokens,
 * forms, which are sent stored and which nothing refers into). Those bytes are fixed by the
 * comment holes among them drawn for the reader, and how (`PageShell.concern`: theirs, liked...):
 * with the run's first and last hole and the last personal hole, that is the key of its kept
 * compressed form. A reader whom no comment concerns gets a handful of runs, shared with every such
 * reader; one with comments of their own gets more, shorter ones, kept as well, and the controls
 * drawn for them are kept compressed the same way.
 */
class GzipPlan {
  /** Runs and drawn controls, compressed, by what they hold and what precedes them. */
  private readonly kept = new Map<string, Compressed>();
  /** Drawn controls by hole and how they concern the reader (bytes without a token). */
  private readonly drawn = new Map<string, Buffer>();
  /** Compressed bytes held beyond the shell's own (for the cache's budget). */
  bytes = 0;

  constructor(
    private readonly chunks: readonly Buffer[],
    private readonly common: readonly (Buffer | null)[],
  ) {}

  fill(
    holes: readonly SlotSpec[],
    viewing: Viewing,
    token: string,
    concern: (
      i: number,
      c: { id: string; authorId: string | null },
    ) => string | null | typeof personal,
    layout?: GzipLayout,
  ): Buffer {
    const member = new GzipMember();
    const personalPiece = (i: number) => {
      // Personal in every page (names, tokens, forms): stored, no zlib call, unless long.
      const plain = Buffer.from(holes[i]!.render(viewing).value);
      const z = plain.length < storeBelow ? storedPiece(plain) : deflateRun(plain);
      member.add(z, crcOf(plain), plain.length, crcShift(plain.length));
      return plain.length;
    };
    const role = viewing.ctx.viewer?.role;
    if (layout?.steps !== undefined && layout.role === role) {
      for (const step of layout.steps) {
        if (typeof step === 'number') personalPiece(step);
        else member.addAll(step.z, step.crc, step.length, step.shift);
      }
      return member.end();
    }
    /** What this page is made of, to replay (null once a piece was not kept). */
    let steps: (Compressed | number)[] | null = layout ? [] : null;
    /** Since the last personal hole: what was sent, its length, the drawn holes in the window. */
    let held: Held[] = [];
    let offset = 0;
    let window: { end: number; id: string }[] = [];
    let since = -1;
    const keyOf = (what: string) => {
      while (window.length > 0 && window[0]!.end <= offset - runWindow) window.shift();
      let key = `${since}|${what}`;
      for (const w of window) key += `|${w.id}`;
      return key;
    };
    const send = (key: string, plain: () => Buffer, length: number) => {
      let p = this.kept.get(key);
      if (p === undefined) {
        const bytes = plain();
        p = {
          z: deflateRun(bytes, this.tail(held)),
          crc: crcOf(bytes),
          length: bytes.length,
          shift: crcShift(bytes.length),
        };
        if (this.kept.size < keptPerShell) {
          this.kept.set(key, p);
          this.bytes += p.z.length + key.length * 2 + 64;
        } else steps = null;
      }
      steps?.push(p);
      member.add(p.z, p.crc, p.length, p.shift);
      offset += length;
    };
    const run = (first: number, last: number) => {
      const length = this.runLength(first, last);
      if (length === 0) return;
      send(keyOf(`${first}-${last}`), () => this.runBytes(first, last), length);
      held.push({ first, last });
    };
    let start = 0;
    for (let i = 0; i < holes.length; i++) {
      const hole = holes[i]!;
      const c = hole.comment;
      const how = c === undefined ? personal : concern(i, c);
      if (how === null) continue;
      run(start, i);
      start = i + 1;
      if (how !== personal) {
        const id = `${i}:${how}`;
        let bytes = this.drawn.get(id);
        if (bytes === undefined) {
          const text = hole.render(viewing).value;
          // Never kept with a token in it (it would reach another reader).
          if (!text.includes(token) && this.drawn.size < keptPerShell) {
            bytes = Buffer.from(text);
            this.drawn.set(id, bytes);
            this.bytes += bytes.length + id.length * 2 + 64;
          }
        }
        if (bytes !== undefined) {
          const b = bytes;
          send(keyOf(id), () => b, b.length);
          held.push(b);
          window.push({ end: offset, id });
          continue;
        }
      }
      steps?.push(i);
      const length = personalPiece(i);
      held = [];
      window = [];
      since = i;
      offset += length;
    }
    run(start, holes.length);
    if (layout && steps !== null) {
      layout.role = role;
      layout.steps = joined(steps);
    }
    return member.end();
  }

  /** The last `runWindow` bytes of what is held (a dictionary), or undefined when nothing is. */
  private tail(held: readonly Held[]): Buffer | undefined {
    const parts: Buffer[] = [];
    let n = 0;
    const take = (b: Buffer) => {
      parts.push(b);
      n += b.length;
    };
    for (let h = held.length - 1; h >= 0 && n < runWindow; h--) {
      const x = held[h]!;
      if (Buffer.isBuffer(x)) take(x);
      else {
        take(this.chunks[x.last]!);
        for (let k = x.last - 1; k >= x.first && n < runWindow; k--) {
          take(this.common[k]!);
          take(this.chunks[k]!);
        }
      }
    }
    if (n === 0) return undefined;
    const all = Buffer.concat(parts.reverse());
    return all.length > runWindow ? all.subarray(all.length - runWindow) : all;
  }

  private runLength(first: number, last: number): number {
    let n = this.chunks[first]!.length;
    for (let k = first; k < last; k++) n += this.common[k]!.length + this.chunks[k + 1]!.length;
    return n;
  }

  /** Chunks `first`…`last` with the shared controls between them. */
  private runBytes(first: number, last: number): Buffer {
    const parts: Buffer[] = [this.chunks[first]!];
    for (let k = first; k < last; k++) parts.push(this.common[k]!, this.chunks[k + 1]!);
    return Buffer.concat(parts);
  }
}
