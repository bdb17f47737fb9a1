/** What the newsroom's pages show: its list of articles, their editable text and revisions. */
import type { ArticleStatus, ArticleSummary, TagRef } from './article.js';

/** What one save of the editor sets: the whole editable text and its lists. */
export interface ArticleContent {
  slug: string;
  sectionSlug: string;
  headline: string;
  standfirst: string;
  body: string;
  dateline: string;
  authorIds: string[];
  tags: TagRef[];
  relatedIds: string[];
}

export interface RevisionSummary {
  version: number;
  savedAt: string;
  savedBy: { id: string; name: string } | null;
  substantive: boolean;
  note: string;
  headline: string;
}

export interface ArticleRevision extends RevisionSummary {
  articleId: string;
  content: ArticleContent;
}

export interface NewsroomListQuery {
  status?: ArticleStatus;
  section?: string;
  /** Author's user id. */
  authorId?: string;
  /** Words in the headline. */
  text?: string;
  /** Only articles this person created or is an author of. */
  ownerId?: string;
  limit: number;
  offset: number;
}

export interface NewsroomItem extends ArticleSummary {
  version: number;
  modifiedAt: string;
  publishAt: string | null;
}
