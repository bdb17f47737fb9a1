/**
 * The store interface the services talk to. One implementation (Kysely) serves both databases;
 * what differs between them lives in sqlite/ and postgres/.
 */
import type {
  Article,
  ArticleStatus,
  ArticleSummary,
  CorrectionKind,
  SectionRef,
} from '../domain/article.js';
import type { TimeCursor } from '../domain/cursor.js';
import type { Role, User } from '../domain/user.js';
import type { Dialect } from './schema.js';

export interface Section extends SectionRef {
  description: string;
  position: number;
}

export interface NewArticle {
  slug: string;
  sectionSlug: string;
  headline: string;
  standfirst: string;
  body: string;
  dateline: string;
  authorIds: string[];
  tags: { slug: string; name: string }[];
  relatedIds?: string[];
  status: ArticleStatus;
  publishedAt: string | null;
  createdAt: string;
}

export interface ArticleListQuery {
  section?: string;
  tag?: string;
  author?: string;
  limit: number;
  /** Items strictly after this (publishedAt desc, id desc). */
  after?: TimeCursor | null;
}

export interface ArticleStore {
  /** Published articles, newest first, keyset-paged. */
  listPublished(query: ArticleListQuery): Promise<ArticleSummary[]>;
  countPublished(): Promise<number>;
  getById(id: string): Promise<Article | null>;
  getBySlug(slug: string): Promise<Article | null>;
  /** Summaries of published articles with these slugs, in no particular order. */
  publishedBySlugs(slugs: readonly string[]): Promise<ArticleSummary[]>;
  publishedByIds(ids: readonly string[]): Promise<ArticleSummary[]>;
  /** Published articles sharing tags (then the section) with this one, best first. */
  topical(article: Article, limit: number): Promise<ArticleSummary[]>;
  create(input: NewArticle): Promise<Article>;
  setRelated(articleId: string, relatedIds: readonly string[]): Promise<void>;
  addCorrection(input: {
    articleId: string;
    kind: CorrectionKind;
    text: string;
    createdAt: string;
  }): Promise<string>;
  /** The public "Updated" time and its note: only for an editor-marked substantive update. */
  markUpdated(articleId: string, at: string, note: string): Promise<void>;
}

export interface NewUser {
  email: string;
  name: string;
  slug: string;
  role: Role;
  passwordHash: string | null;
  bio?: string;
  createdAt: string;
}

export interface UserStore {
  create(input: NewUser): Promise<User>;
  byId(id: string): Promise<User | null>;
  byEmail(email: string): Promise<User | null>;
  bySlug(slug: string): Promise<User | null>;
  passwordHash(id: string): Promise<string | null>;
  setPasswordHash(id: string, hash: string): Promise<void>;
  countWithRole(role: Role): Promise<number>;
  slugTaken(slug: string): Promise<boolean>;
}

export interface TokenStore {
  create(input: {
    userId: string;
    tokenHash: string;
    label: string;
    createdAt: string;
  }): Promise<string>;
  /** The token's owner, if the token exists and was not revoked; records its use. */
  userForHash(tokenHash: string, now: string): Promise<User | null>;
  revoke(id: string, now: string): Promise<void>;
}

export interface SectionStore {
  list(): Promise<Section[]>;
  get(slug: string): Promise<Section | null>;
  upsert(section: Section): Promise<void>;
}

export interface SettingStore {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
}

export interface Store {
  readonly dialect: Dialect;
  readonly articles: ArticleStore;
  readonly users: UserStore;
  readonly tokens: TokenStore;
  readonly sections: SectionStore;
  readonly settings: SettingStore;
  /** Calls the listener after every query with its duration in seconds. */
  observeQueries(listener: (seconds: number, ok: boolean) => void): void;
  /** Throws if the database cannot be reached. */
  ping(): Promise<void>;
  /** Runs work in one transaction; the store passed in is bound to it. */
  transaction<T>(work: (store: Store) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
