/** Shapes of the original demo content loaded into an empty database. */

export interface DemoSection {
  slug: string;
  name: string;
  description: string;
}

export interface DemoPerson {
  slug: string;
  name: string;
  email: string;
  bio: string;
  role: 'author' | 'editor' | 'commenter';
}

export interface DemoCorrection {
  kind: 'correction' | 'clarification' | 'update';
  text: string;
  /** How long before "now" the correction was published. */
  hoursAgo: number;
}

export interface DemoComment {
  /** slug of a DemoPerson with role 'commenter' (or any person). */
  author: string;
  /** Markdown (the safe comment subset: emphasis, links, quotes, lists, inline code). */
  body: string;
  hoursAgo: number;
  replies?: DemoComment[];
}

export interface DemoArticle {
  slug: string;
  /** slug of a DemoSection */
  section: string;
  headline: string;
  standfirst: string;
  /** Place line, e.g. "HARWICK BAY". */
  dateline: string;
  /** slugs of DemoPeople (authors/editors), in byline order */
  authors: string[];
  /** tag names, e.g. "Housing" */
  tags: string[];
  /** How long before "now" it was published. The newest article is the front-page lead. */
  hoursAgo: number;
  /**
   * Markdown body, raw HTML off. Paragraphs, quotations (both inline “quoted speech” and
   * `>` block quotes), `##` sub-headings. A line `[[related:SLUG]]` on its own places the
   * headline of another demo article between paragraphs.
   */
  body: string;
  /** Editor's picks for related stories (slugs), shown after the body. */
  related?: string[];
  corrections?: DemoCorrection[];
  /** Set when an editor marked a substantive update: hours ago and the note shown. */
  update?: { hoursAgo: number; note: string };
  comments?: DemoComment[];
}

export interface DemoContent {
  siteName: string;
  sections: DemoSection[];
  people: DemoPerson[];
  articles: DemoArticle[];
}
