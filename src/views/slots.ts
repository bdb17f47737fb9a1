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
