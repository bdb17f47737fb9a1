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
import { GzipMember, crcOf, crcShift, deflateRun, storedPiece } from './gzip-splice.js';

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
  fillGzip(viewing: Viewing): Buffer | null {
    const viewer = viewing.ctx.viewer;
    if (!viewer || !this.viewer(viewing)) return null;
    const encoded = this.encodedPieces();
    const plan = (this.gzip ??= new GzipPlan(encoded.chunks, encoded.common));
    const before = plan.bytes;
    const body = plan.fill(this.holes, viewing, viewer.csrfToken, (i, c) =>
      this.concern(viewing, i, c),
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

/** A hole drawn anew for every reader (names, tokens, forms). */
const personal: unique symbol = Symbol('personal');
/** Runs and drawn controls kept per shell, at most (more are compressed and not kept). */
const keptPerShell = 4096;
/** A hole drawn per request longer than this is compressed; shorter ones are sent stored. */
const storeBelow = 16 * 1024;

/** Bytes compressed once: the deflate blocks, the CRC of the bytes and their length. */
interface Compressed {
  z: Buffer;
  crc: number;
  length: number;
  shift: number;
}

function compress(plain: Buffer): Compressed {
  return {
    z: deflateRun(plain),
    crc: crcOf(plain),
    length: plain.length,
    shift: crcShift(plain.length),
  };
}

/**
 * A shell's page for gzip, in runs. A run is the text from one hole drawn for the reader to the
 * next one (chunks and shared controls between), compressed alone, without a dictionary, so it is
 * valid after whatever came before it: one kept form per run, shared by every reader whose holes
 * are at the same places. A reader whom no comment concerns gets a handful of runs between the
 * masthead, the forms and their held comments; a reader with comments of their own nearby gets
 * more, shorter runs, kept as well. Controls drawn for how a comment concerns the reader are
 * compressed once per comment and way (`PageShell.concern`); the rest is stored.
 */
class GzipPlan {
  /** Runs by first and last hole. */
  private readonly runs = new Map<number, Compressed>();
  /** Comment controls by hole and how they concern the reader. */
  private readonly drawn = new Map<string, Compressed>();
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
  ): Buffer {
    const member = new GzipMember();
    const add = (p: Compressed) => member.add(p.z, p.crc, p.length, p.shift);
    let start = 0;
    for (let i = 0; i < holes.length; i++) {
      const hole = holes[i]!;
      const c = hole.comment;
      const how = c === undefined ? personal : concern(i, c);
      if (how === null) continue;
      add(this.run(start, i));
      start = i + 1;
      if (how !== personal) {
        const key = `${i}:${how}`;
        let p = this.drawn.get(key);
        if (p === undefined) {
          const text = hole.render(viewing).value;
          // Never kept with a token in it (it would reach another reader).
          if (!text.includes(token)) {
            p = compress(Buffer.from(text));
            this.keep(this.drawn, key, p);
          }
        }
        if (p !== undefined) {
          add(p);
          continue;
        }
      }
      // Personal in every page (names, tokens, forms): stored, no zlib call, unless long.
      const plain = Buffer.from(hole.render(viewing).value);
      const z = plain.length < storeBelow ? storedPiece(plain) : deflateRun(plain);
      member.add(z, crcOf(plain), plain.length, crcShift(plain.length));
    }
    add(this.run(start, holes.length));
    return member.end();
  }

  /** Chunks `first`…`last` with the shared controls between them, compressed (kept). */
  private run(first: number, last: number): Compressed {
    const key = first * 0x100000 + last;
    const kept = this.runs.get(key);
    if (kept) return kept;
    const parts: Buffer[] = [this.chunks[first]!];
    for (let k = first; k < last; k++) parts.push(this.common[k]!, this.chunks[k + 1]!);
    const p = compress(Buffer.concat(parts));
    this.keep(this.runs, key, p);
    return p;
  }

  private keep<K>(map: Map<K, Compressed>, key: K, p: Compressed): void {
    if (this.runs.size + this.drawn.size >= keptPerShell) return;
    map.set(key, p);
    this.bytes += p.z.length + 64;
  }
}
