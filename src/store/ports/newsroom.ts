/**
 * What the newsroom writes: articles, their saves and revisions, workflow moves, corrections.
 * Used by services/newsroom, demo, imports/wxr.
 */
import type {
  Article,
  ArticleStatus,
  CorrectionKind,
  CorrectionPriority,
} from '../../domain/article.js';
import type {
  ArticleContent,
  ArticleRevision,
  NewsroomItem,
  NewsroomListQuery,
  RevisionSummary,
} from '../../domain/newsroom.js';

/** A new article: the editable text and lists (related stories optional), and its state. */
export interface NewArticle extends Omit<ArticleContent, 'relatedIds'> {
  relatedIds?: string[];
  status: ArticleStatus;
  publishedAt: string | null;
  createdAt: string;
  /** Who created it; recorded on revision 1 too. */
  createdBy?: string | null;
}

export interface SaveArticle {
  id: string;
  /** The version the save was made from; another save since makes this one stale. */
  baseVersion: number;
  content: ArticleContent;
  savedAt: string;
  savedBy: string;
  /** An editor-marked substantive update: sets the public "Updated" time and its note. */
  substantive?: { note: string } | null;
  /** A short note for the revision list ("restored version 3"). */
  note?: string;
}

export type SaveResult =
  | { ok: true; article: Article }
  | { ok: false; reason: 'stale'; current: Article }
  | { ok: false; reason: 'missing' };

export interface NewsroomStore {
  create(input: NewArticle): Promise<Article>;
  /**
   * One save: applies only if the article is still at `baseVersion` (a conditional update, so
   * two saves from the same version cannot both win), bumps the version, keeps the revision and,
   * when the slug changes, keeps the old slug as a redirect.
   */
  save(input: SaveArticle): Promise<SaveResult>;
  /** Moves the article to `to` only if its status is one of `from`; false if it was not. */
  transition(input: {
    id: string;
    from: readonly ArticleStatus[];
    to: ArticleStatus;
    /** Set on first publication; an existing one is kept (the URL stays the same). */
    publishedAt?: string;
    publishAt?: string | null;
    /** Sent back to draft with a note to the author; null clears it (left as is when absent). */
    returned?: { note: string; at: string; by: string } | null;
  }): Promise<boolean>;
  /**
   * Publishes every scheduled article whose time has come, in one conditional UPDATE: when
   * several processes run it at once, each article is published by exactly one of them, and
   * that one gets its id back.
   */
  publishDue(now: string): Promise<string[]>;
  setRelated(articleId: string, relatedIds: readonly string[]): Promise<void>;
  /** The public "Updated" time and its note: only for an editor-marked substantive update. */
  markUpdated(articleId: string, at: string, note: string | null): Promise<void>;
  /** Whether a slug is taken by another article, now or as a redirect. */
  slugTaken(slug: string, exceptArticleId?: string): Promise<boolean>;
  /** The newsroom's list: any status, most recently saved first. */
  listNewsroom(query: NewsroomListQuery): Promise<NewsroomItem[]>;
  revisions(articleId: string): Promise<RevisionSummary[]>;
  revision(articleId: string, version: number): Promise<ArticleRevision | null>;
  addCorrection(input: {
    articleId: string;
    kind: CorrectionKind;
    text: string;
    createdAt: string;
    priority?: CorrectionPriority;
  }): Promise<string>;
  /** Retracts a correction of this article that is not retracted yet; false otherwise. */
  retractCorrection(input: {
    articleId: string;
    correctionId: string;
    at: string;
    note: string;
  }): Promise<boolean>;
}
