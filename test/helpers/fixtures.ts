/**
 * People, articles and comments for tests, stored with sensible defaults. Every default that must
 * be unique (slugs, emails, headlines) takes a number from a counter, so two calls never collide;
 * every field can be overridden. A test whose point is a particular field passes it explicitly.
 */
import type { Article } from '../../src/domain/article.js';
import type { Comment } from '../../src/domain/comment.js';
import { renderCommentMarkdown } from '../../src/domain/comment-markdown.js';
import { slugify } from '../../src/domain/slug.js';
import type { User } from '../../src/domain/user.js';
import type { Store } from '../../src/store/index.js';
import type { NewUser } from '../../src/store/ports/accounts.js';
import type { NewComment } from '../../src/store/ports/comments.js';
import type { NewArticle } from '../../src/store/ports/newsroom.js';
import type { RunningApp } from './app.js';

let serial = 0;

/** A time `hours` before now, as stored (ISO 8601). */
export function hoursAgo(hours: number): string {
  return new Date(Date.now() - hours * 3_600_000).toISOString();
}

export interface PersonOverrides extends Partial<NewUser> {
  /**
   * Whether the address is confirmed (at `createdAt`, unless `emailVerifiedAt` is given); yes
   * unless `false`: an unconfirmed commenter's comments are refused by default.
   */
  emailVerified?: boolean;
}

/**
 * A stored person: `slug@example.com` (confirmed) named "Person slug", a commenter without a
 * password, created now; the slug is `person-N` unless given.
 */
export async function storedPerson(
  store: Pick<Store, 'users'>,
  overrides: PersonOverrides = {},
): Promise<User> {
  const { emailVerified, ...fields } = overrides;
  const slug = fields.slug ?? `person-${++serial}`;
  const createdAt = fields.createdAt ?? new Date().toISOString();
  return store.users.create({
    email: `${slug}@example.com`,
    name: `Person ${slug}`,
    role: 'commenter',
    passwordHash: null,
    ...(emailVerified !== false ? { emailVerifiedAt: createdAt } : {}),
    ...fields,
    slug,
    createdAt,
  });
}

export interface Person {
  user: User;
  /** The session cookie, as a `Cookie` header value. */
  cookie: string;
  /** The session's token for form posts (`_csrf`). */
  csrf: string;
}

/** A stored person (as `storedPerson`) signed in against a running app. */
export async function signedInPerson(
  store: Pick<Store, 'users'>,
  app: Pick<RunningApp, 'services'>,
  overrides: PersonOverrides = {},
): Promise<Person> {
  const user = await storedPerson(store, overrides);
  const { id, session } = await app.services.sessions.start(user.id);
  return { user, cookie: `bs_session=${id}`, csrf: session.csrfToken };
}

/** Creates the section unless it exists, named after its slug ("news" → "News"). */
export async function section(
  store: Pick<Store, 'sections'>,
  slug: string,
  name = `${slug[0]?.toUpperCase() ?? ''}${slug.slice(1)}`,
): Promise<void> {
  if (await store.sections.get(slug)) return;
  const position = (await store.sections.list()).length;
  await store.sections.upsert({ slug, name, description: '', position });
}

export type ArticleOverrides = Partial<NewArticle>;

/**
 * A stored article, published an hour ago and created two hours ago in "news" (created if
 * missing), by a new author unless `authorIds` is given; the slug comes from the headline.
 */
export async function publishedArticle(
  store: Pick<Store, 'users' | 'sections' | 'newsroom'>,
  overrides: ArticleOverrides = {},
): Promise<Article> {
  const headline = overrides.headline ?? `Story ${++serial}`;
  const sectionSlug = overrides.sectionSlug ?? 'news';
  await section(store, sectionSlug);
  const authorIds = overrides.authorIds ?? [(await storedPerson(store, { role: 'author' })).id];
  return store.newsroom.create({
    standfirst: '',
    body: 'Text.',
    dateline: '',
    tags: [],
    status: 'published',
    publishedAt: hoursAgo(1),
    createdAt: hoursAgo(2),
    ...overrides,
    headline,
    slug: overrides.slug ?? slugify(headline),
    sectionSlug,
    authorIds,
  });
}

/** A stored draft: as `publishedArticle`, never published. */
export function draftArticle(
  store: Pick<Store, 'users' | 'sections' | 'newsroom'>,
  overrides: ArticleOverrides = {},
): Promise<Article> {
  return publishedArticle(store, { status: 'draft', publishedAt: null, ...overrides });
}

export interface CommentOverrides extends Partial<NewComment> {
  /** The article commented on; a new published article unless `articleId` is given. */
  articleId?: string;
}

/**
 * A stored published top-level comment written now, its HTML rendered from the body, by a new
 * commenter unless `authorId` is given.
 */
export async function storedComment(
  store: Pick<Store, 'users' | 'sections' | 'newsroom' | 'comments'>,
  overrides: CommentOverrides = {},
): Promise<Comment> {
  const body = overrides.body ?? `Comment ${++serial}`;
  const articleId = overrides.articleId ?? (await publishedArticle(store)).id;
  const authorId =
    overrides.authorId === undefined ? (await storedPerson(store)).id : overrides.authorId;
  const { comment: stored } = await store.comments.create({
    parentId: null,
    html: renderCommentMarkdown(body),
    status: 'published',
    createdAt: new Date().toISOString(),
    ...overrides,
    body,
    articleId,
    authorId,
  });
  return stored;
}
