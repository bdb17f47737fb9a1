/**
 * Pages drawn once for everyone, with holes for what depends on the reader (issue 19; decision
 * 0052). A view drawn with a `SlotRecorder` in its context puts a marker where something personal
 * goes (the masthead's account links, a form's CSRF token, a comment's Like/Reply/Edit/Report
 * controls, the comment form, one's own held comments, a moderator's thread settings) and records
 * how to draw it. `PageShell.of` cuts the drawn page at the markers; `fill` draws each hole for one
 * reader. A hole drawn for nobody gives the anonymous page, byte for byte what the view draws
 * without a recorder; drawn for a signed-in reader it gives what the view draws for them.
 *
 * Most comment controls are the same for every signed-in reader but for their CSRF token (their
 * own, liked, reported or editable comments aside): `fill` draws those once per shell, with a
 * stand-in for the token, and only the comments that concern the reader anew.
 */
import { randomBytes } from 'node:crypto';
import type { CommentNode } from '../domain/comment.js';
import type { CommentViewerState } from '../services/comment-threads.js';
import type { PageContext, PageHoles, PageViewer, SlotSpec, Viewing } from './context.js';
import { raw, type SafeHtml } from './html.js';
import {
  GzipMember,
  crcOf,
  crcShift,
  deflatePiece,
  shiftTable,
  storedPiece,
  windowSize,
} from './gzip-splice.js';

// A marker no text can forge: control characters around a secret drawn when the process starts.
const nonce = randomBytes(9).toString('base64url');
const markPattern = new RegExp(`\u0000${nonce}:(\\d+)\u0000`);
/** Stands for the reader's CSRF token in controls drawn once for every signed-in reader. */
const tokenMark = `\u0000${nonce}:token\u0000`;
/** Where the reader's token goes among a page's pieces. */
const tokenPiece: unique symbol = Symbol('token');

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
  /** Per comment hole, its drawing for a signed-in reader it does not concern, cut at the token. */
  private common: (readonly string[])[] | null = null;
  /** The chunks and the shared controls encoded (UTF-8), once a signed-in reader needs them. */
  private encoded: { chunks: Buffer[]; common: Buffer[][] } | null = null;
  /** The same pieces compressed once for gzip (decision 0078), once a reader asked for gzip. */
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
    for (const pieces of this.common ?? []) for (const p of pieces) n += p.length;
    // Encoded bytes, counted as characters for the caller's arithmetic (it doubles these).
    if (this.encoded) n += Math.ceil(this.encodedBytes() / 2);
    if (this.gzip) n += Math.ceil(this.gzip.bytes / 2);
    return n;
  }

  private encodedBytes(): number {
    let n = 0;
    for (const c of this.encoded?.chunks ?? []) n += c.length;
    for (const pieces of this.encoded?.common ?? []) for (const p of pieces) n += p.length;
    return n;
  }

  /** The page for an anonymous reader. */
  anonymous(): string {
    return this.fill({ ctx: this.base, comments: null, personal: {} });
  }

  /** The page for this reader (anonymous when `viewing.ctx.viewer` is null), as text. */
  fill(viewing: Viewing): string {
    const token = viewing.ctx.viewer?.csrfToken ?? '';
    return this.pieces(viewing, this.chunks, this.viewer(viewing) ? this.commonControls() : null)
      .map((p) => (p === tokenPiece ? token : p))
      .join('');
  }

  /**
   * The page for this reader as bytes: the text between the holes and the shared controls are
   * kept encoded, so a signed-in reader's page is mostly copied, not drawn or encoded.
   */
  fillBytes(viewing: Viewing): Buffer {
    const encoded = (this.encoded ??= {
      chunks: this.chunks.map((c) => Buffer.from(c)),
      common: this.commonControls().map((pieces) => pieces.map((p) => Buffer.from(p))),
    });
    const parts = this.pieces(
      viewing,
      encoded.chunks,
      this.viewer(viewing) ? encoded.common : null,
    );
    const token = viewing.ctx.viewer ? Buffer.from(viewing.ctx.viewer.csrfToken) : null;
    return Buffer.concat(
      parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : p === tokenPiece ? token! : p)),
    );
  }

  /**
   * The page for this reader as one gzip member (decision 0078), or null when it cannot be
   * spliced (no reader state, a token of another length than the plan's). The text between the
   * holes and the shared controls are compressed once per shell and preceding bytes; per request
   * only the holes drawn for this reader and their token are compressed, and the CRC is combined.
   */
  fillGzip(viewing: Viewing): Buffer | null {
    const viewer = viewing.ctx.viewer;
    if (!viewer || !this.viewer(viewing) || viewer.csrfToken.length < 16) return null;
    const token = Buffer.from(viewer.csrfToken);
    const encoded = (this.encoded ??= {
      chunks: this.chunks.map((c) => Buffer.from(c)),
      common: this.commonControls().map((pieces) => pieces.map((p) => Buffer.from(p))),
    });
    const plan = (this.gzip ??= new GzipPlan(token.length, encoded.chunks, encoded.common));
    if (plan.tokenLength !== token.length) return null;
    const before = plan.bytes;
    const body = plan.fill(this.holes, viewing, viewer.csrfToken, token, (i, c) =>
      this.concerns(viewing, i, c),
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

  /** True when hole `i` (a comment's controls) is drawn for this reader, not shared. */
  private concerns(viewing: Viewing, i: number, c: { id: string; authorId: string | null }) {
    const state = viewing.comments!;
    const viewer = viewing.ctx.viewer!;
    return (
      this.common?.[i] === undefined ||
      c.authorId === viewer.id ||
      c.id === viewing.personal.reportedId ||
      state.reacted.has(c.id) ||
      state.reported.has(c.id) ||
      state.editable.has(c.id)
    );
  }

  private viewer(viewing: Viewing): boolean {
    return (
      viewing.ctx.viewer !== null && viewing.ctx.viewer !== undefined && viewing.comments !== null
    );
  }

  /**
   * The page's pieces in order: the chunks, each hole drawn for this reader or, for a comment that
   * does not concern them, the shared controls with `tokenPiece` where their token goes.
   */
  private pieces<T extends string | Buffer>(
    viewing: Viewing,
    chunks: readonly T[],
    common: readonly (readonly T[])[] | null,
  ): (T | string | typeof tokenPiece)[] {
    const viewer = viewing.ctx.viewer ?? null;
    const state = viewing.comments;
    const reportedId = viewing.personal.reportedId;
    const out: (T | string | typeof tokenPiece)[] = [];
    const { holes } = this;
    for (let i = 0; i < holes.length; i++) {
      out.push(chunks[i] as T);
      const hole = holes[i] as SlotSpec;
      const c = hole.comment;
      const shared = common?.[i];
      if (
        c !== undefined &&
        shared !== undefined &&
        viewer !== null &&
        state !== null &&
        c.authorId !== viewer.id &&
        c.id !== reportedId &&
        !state.reacted.has(c.id) &&
        !state.reported.has(c.id) &&
        !state.editable.has(c.id)
      ) {
        out.push(shared[0] as T);
        for (let k = 1; k < shared.length; k++) out.push(tokenPiece, shared[k] as T);
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
    this.fillBytes({ ctx: this.base, comments: null, personal: {} });
    return this.size - before;
  }

  private commonControls(): (readonly string[])[] {
    if (this.common) return this.common;
    const viewing: Viewing = {
      ctx: { ...this.base, viewer: nobody },
      comments: nothing,
      personal: {},
    };
    this.common = this.holes.map((h) =>
      h.comment ? h.render(viewing).value.split(tokenMark) : [],
    );
    return this.common;
  }
}

/** The threads a shell of an article page shows, for the reader's state. */
export interface ArticleShellData {
  articleId: string;
  threads: readonly CommentNode[];
  print: boolean;
}

/** How many compressed forms of one piece are kept (one per different preceding bytes). */
const variantsPerPiece = 16;
/**
 * How many pieces one request compresses one by one (and keeps); the rest it lacks are
 * compressed in runs, as a page would be, so a new shell costs no request much more than before.
 */
const compressionsPerRequest = 16;
/** A reader's own hole shorter than this is sent stored: a zlib call costs more than it saves. */
const storeBelow = 1024;
/** How many different drawings of the reader-specific comment holes are kept per shell. */
const drawnKept = 4096;

/** A piece of a page's text, its CRC, and its compressed forms by what precedes it. */
interface Piece {
  plain: Buffer;
  crc: number;
  shift: number;
  variants: Map<string, Buffer>;
}

function piece(plain: Buffer): Piece {
  return { plain, crc: crcOf(plain), shift: crcShift(plain.length), variants: new Map() };
}

/**
 * A shell's pieces for gzip. A piece is compressed with the bytes before it (back to 16 KiB, or
 * to the last hole that is personal in every page: the masthead, the form) as its dictionary,
 * tokens given as 0xFF. What those bytes are is fixed by which comment holes among them were
 * drawn for the reader rather than shared, and how: that list is the key of the piece's
 * compressed forms. A reader whom no comment on show concerns uses the first form of each.
 */
class GzipPlan {
  readonly chunks: Piece[];
  readonly common: Piece[][];
  /** The comment holes drawn for some reader: hole index and text, cut at the token. */
  private readonly drawn = new Map<string, { id: string; pieces: Piece[] }>();
  private readonly filler: Buffer;
  private readonly tokenShift: (crc: number) => number;
  /** Compressed and plain bytes held beyond the shell's own (for the cache's budget). */
  bytes = 0;

  constructor(
    readonly tokenLength: number,
    chunks: readonly Buffer[],
    common: readonly (readonly Buffer[])[],
  ) {
    this.chunks = chunks.map(piece);
    this.common = common.map((pieces) => pieces.map(piece));
    this.filler = Buffer.alloc(tokenLength, 0xff);
    this.tokenShift = shiftTable(crcShift(tokenLength));
  }

  fill(
    holes: readonly SlotSpec[],
    viewing: Viewing,
    tokenText: string,
    token: Buffer,
    concerns: (i: number, c: { id: string; authorId: string | null }) => boolean,
  ): Buffer | null {
    const member = new GzipMember();
    const tokenZ = storedPiece(token);
    const tokenCrc = crcOf(token);
    // The plain bytes since the last personal hole (tokens as 0xFF), for a piece not yet compressed.
    let history: Buffer[] = [];
    let offset = 0;
    /** Comment holes drawn for this reader within the window: where they end, and which. */
    let window: { end: number; id: string }[] = [];
    let key = '';
    const rekey = () => {
      key = window.map((w) => w.id).join(',');
    };
    const dictionary = (): Buffer => {
      const parts: Buffer[] = [];
      let n = 0;
      for (let k = history.length - 1; k >= 0 && n < windowSize; k--) {
        parts.push(history[k]!);
        n += history[k]!.length;
      }
      const all = Buffer.concat(parts.reverse());
      return all.length > windowSize ? all.subarray(all.length - windowSize) : all;
    };
    // Pieces not compressed yet beyond this request's share: compressed together, not kept.
    let budget = compressionsPerRequest;
    let run: Buffer[] | null = null;
    let runDictionary: Buffer | undefined;
    const flush = () => {
      if (run === null) return;
      const plain = Buffer.concat(run);
      member.add(
        deflatePiece(plain, runDictionary),
        crcOf(plain),
        plain.length,
        crcShift(plain.length),
      );
      run = null;
    };
    const emit = (p: Piece) => {
      if (p.plain.length === 0) return;
      if (window.length > 0 && window[0]!.end <= offset - windowSize) {
        while (window.length > 0 && window[0]!.end <= offset - windowSize) window.shift();
        rekey();
      }
      let z = p.variants.get(key);
      if (z === undefined && budget > 0) {
        budget--;
        z = deflatePiece(p.plain, dictionary());
        if (p.variants.size < variantsPerPiece) {
          p.variants.set(key, z);
          this.bytes += z.length + key.length * 2;
        }
      }
      if (z === undefined) {
        if (run === null) {
          run = [];
          runDictionary = dictionary();
        }
        run.push(p.plain);
      } else {
        flush();
        member.add(z, p.crc, p.plain.length, p.shift);
      }
      history.push(p.plain);
      offset += p.plain.length;
    };
    const emitAll = (pieces: readonly Piece[]) => {
      emit(pieces[0]!);
      for (let k = 1; k < pieces.length; k++) {
        if (run !== null) run.push(token);
        else member.add(tokenZ, tokenCrc, token.length, this.tokenShift);
        history.push(this.filler);
        offset += token.length;
        emit(pieces[k]!);
      }
    };
    for (let i = 0; i < holes.length; i++) {
      emit(this.chunks[i]!);
      const hole = holes[i]!;
      const c = hole.comment;
      if (c !== undefined && !concerns(i, c)) {
        emitAll(this.common[i]!);
        continue;
      }
      const text = hole.render(viewing).value;
      if (c !== undefined) {
        // A comment's controls drawn for this reader (theirs, liked, reported): kept by text.
        const cut = text.split(tokenText);
        const name = `${i}\u0001${cut.join('\u0000')}`;
        let drawn = this.drawn.get(name);
        if (drawn === undefined) {
          if (this.drawn.size >= drawnKept) return null;
          drawn = { id: String(this.drawn.size), pieces: cut.map((t) => piece(Buffer.from(t))) };
          this.drawn.set(name, drawn);
          this.bytes += name.length * 2 + Buffer.byteLength(text);
        }
        emitAll(drawn.pieces);
        window.push({ end: offset, id: drawn.id });
        rekey();
        continue;
      }
      // Personal in every page (names, forms): compressed alone; what follows starts afresh.
      flush();
      const plain = Buffer.from(text);
      // Most are short (the masthead's links, a token field): stored as they are, no zlib call.
      const z = plain.length < storeBelow ? storedPiece(plain) : deflatePiece(plain);
      member.add(z, crcOf(plain), plain.length, crcShift(plain.length));
      offset += plain.length;
      history = [];
      window = [];
      key = '';
    }
    emit(this.chunks[holes.length]!);
    flush();
    return member.end();
  }
}
