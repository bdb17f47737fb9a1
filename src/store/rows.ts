/** Turning rows into domain values. */
import type { Kysely, Selectable } from 'kysely';
import type { ArticleStatus, AuthorRef, ArticleSummary } from '../domain/article.js';
import type { Role, User } from '../domain/user.js';
import { prepared } from './compiled.js';
import { mainImagesOf } from './images.js';
import type { Database, UsersTable } from './schema.js';

export function toUser(row: Omit<Selectable<UsersTable>, 'notify_replies'>): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    slug: row.slug,
    role: row.role as Role,
    bio: row.bio,
    photoUrl: row.photo_url,
    byline: row.byline,
    createdAt: row.created_at,
    emailVerifiedAt: row.email_verified_at,
    suspendedUntil: row.suspended_until,
    bannedAt: row.banned_at,
    sanctionReason: row.sanction_reason,
  };
}

/** The columns of a `SummaryRow`, from `articles as a` joined with `sections as s`. */
export const summaryColumns = [
  'a.id',
  'a.slug',
  'a.headline',
  'a.standfirst',
  'a.dateline',
  'a.status',
  'a.section_slug',
  's.name as section_name',
  'a.published_at',
  'a.updated_at',
  'a.comment_count',
] as const;

export interface SummaryRow {
  id: string;
  slug: string;
  headline: string;
  standfirst: string;
  dateline: string;
  status: string;
  section_slug: string;
  section_name: string;
  published_at: string | null;
  updated_at: string | null;
  comment_count: number;
}

const authorsQuery = prepared((db, _: '', articleIds: readonly string[]) =>
  db
    .selectFrom('article_authors as aa')
    .innerJoin('users as u', 'u.id', 'aa.user_id')
    .select(['aa.article_id', 'u.id', 'u.name', 'u.byline', 'u.slug'])
    .where('aa.article_id', 'in', articleIds)
    .orderBy('aa.article_id')
    .orderBy('aa.position'),
);

/** Authors of many articles in one query, in byline order. */
export async function authorsOf(
  db: Kysely<Database>,
  articleIds: readonly string[],
): Promise<Map<string, AuthorRef[]>> {
  const byArticle = new Map<string, AuthorRef[]>();
  if (articleIds.length === 0) return byArticle;
  const rows = await authorsQuery.all(db, '', articleIds);
  for (const row of rows) {
    const list = byArticle.get(row.article_id) ?? [];
    // Articles carry the byline when the person has one (issue 16), else their name.
    list.push({ id: row.id, name: row.byline || row.name, slug: row.slug });
    byArticle.set(row.article_id, list);
  }
  return byArticle;
}

export async function toSummaries(
  db: Kysely<Database>,
  rows: readonly SummaryRow[],
): Promise<ArticleSummary[]> {
  const ids = rows.map((r) => r.id);
  const [authors, images] = await Promise.all([authorsOf(db, ids), mainImagesOf(db, ids)]);
  return rows.map((row) => ({
    id: row.id,
    slug: row.slug,
    headline: row.headline,
    standfirst: row.standfirst,
    dateline: row.dateline,
    status: row.status as ArticleStatus,
    section: { slug: row.section_slug, name: row.section_name },
    authors: authors.get(row.id) ?? [],
    publishedAt: row.published_at,
    updatedAt: row.updated_at,
    commentCount: Number(row.comment_count),
    mainImage: images.get(row.id) ?? null,
  }));
}

/** A comment as the comment reads select it, with its author's name and slug joined. */
export interface CommentRow {
  id: string;
  article_id: string;
  parent_id: string | null;
  root_id: string;
  /** Null with guest_name for a guest's comment (migration 0012). */
  author_id: string | null;
  author_name: string | null;
  author_slug: string | null;
  guest_name: string | null;
  body: string;
  html: string;
  status: string;
  depth: number;
  reaction_count: number;
  created_at: string;
  edited_at: string | null;
}
