/**
 * The demo content's rows, and what removing them does (decisions/0041). Pure: which tables the
 * demo writes to, how a site that loaded it before its rows were recorded recognises them, and
 * the summary the confirmation page, the CLI and the API show.
 */
import type { DemoContent } from '../demo/types.js';
import { slugify } from './slug.js';

/** The tables the demo loader writes rows to that it records (the rest hang off these). */
export const demoTables = [
  'settings',
  'sections',
  'users',
  'tags',
  'images',
  'articles',
  'comments',
] as const;

export type DemoTable = (typeof demoTables)[number];

/** One row the demo made: an id, a slug or a setting's key in one of `demoTables`. */
export interface DemoRow {
  table: DemoTable;
  key: string;
}

/** Rows by table: ids of users, articles, comments and images, slugs of sections and tags,
 * keys of settings. */
export type DemoSelection = Record<DemoTable, string[]>;

export function emptySelection(): DemoSelection {
  return {
    settings: [],
    sections: [],
    users: [],
    tags: [],
    images: [],
    articles: [],
    comments: [],
  };
}

export function selectionOf(rows: readonly DemoRow[]): DemoSelection {
  const selection = emptySelection();
  for (const row of rows) selection[row.table].push(row.key);
  return selection;
}

/** The settings the demo writes, with the values it writes. */
export function demoSettings(content: DemoContent, siteNameKey: string): Record<string, string> {
  return { [siteNameKey]: content.siteName };
}

/**
 * How the demo's rows are recognised on a site that loaded it before they were recorded: each
 * must still match the content exactly (a renamed section or a person with another name is no
 * longer taken for the demo's).
 */
export interface DemoFingerprint {
  sections: { slug: string; name: string; description: string }[];
  people: { email: string; slug: string; name: string }[];
  articles: { slug: string; sectionSlug: string }[];
  /** Taken only where a matching demo article carries them. */
  tags: string[];
}

export function demoFingerprint(content: DemoContent): DemoFingerprint {
  return {
    sections: content.sections.map(({ slug, name, description }) => ({ slug, name, description })),
    people: content.people.map(({ email, slug, name }) => ({ email, slug, name })),
    articles: content.articles.map((a) => ({ slug: a.slug, sectionSlug: a.section })),
    tags: [...new Set(content.articles.flatMap((a) => a.tags.map((t) => slugify(t))))],
  };
}

/** A demo row that stays because content added after the demo uses it. */
export interface KeptSection {
  slug: string;
  name: string;
  /** Articles not from the demo filed in it. */
  articles: number;
}

export interface KeptPerson {
  id: string;
  name: string;
}

/** What removing the demo takes away (or took away), and what it leaves because it is in use. */
export interface DemoRemoval {
  articles: number;
  /** Every comment on the demo's articles, the demo's own and any added since. */
  comments: number;
  /** Of `comments`, those written on the demo's articles since it was loaded. */
  addedComments: number;
  accounts: number;
  sections: number;
  tags: number;
  images: number;
  /** The site name, when it still holds the demo's. */
  settings: number;
  /** Related-story links from other articles to demo articles. */
  relatedLinks: number;
  kept: { sections: KeptSection[]; people: KeptPerson[]; images: number };
}

/** Nothing to remove: no demo rows are left. */
export function isNothing(removal: DemoRemoval): boolean {
  return (
    removal.articles +
      removal.comments +
      removal.accounts +
      removal.sections +
      removal.tags +
      removal.images +
      removal.settings ===
    0
  );
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The removal as lines of text, for the command line (and logs). */
export function removalLines(removal: DemoRemoval): string[] {
  const lines = [
    plural(removal.articles, 'article', 'articles') +
      ' (with their revisions, corrections and links)',
    plural(removal.comments, 'comment', 'comments') +
      (removal.addedComments > 0
        ? ` (${removal.addedComments} of them written since the demo was loaded)`
        : ''),
    plural(removal.accounts, 'account', 'accounts'),
    plural(removal.sections, 'section', 'sections'),
    plural(removal.tags, 'tag', 'tags'),
    plural(removal.images, 'image', 'images'),
    removal.settings > 0 ? 'the site name' : 'the site name: kept (it was changed)',
  ];
  if (removal.relatedLinks > 0) {
    lines.push(
      plural(removal.relatedLinks, 'related-story link', 'related-story links') +
        ' from your articles to demo articles',
    );
  }
  for (const s of removal.kept.sections) {
    lines.push(
      `kept: section ${s.name} (${s.slug}), which holds ${plural(s.articles, 'article', 'articles')} not from the demo`,
    );
  }
  for (const p of removal.kept.people) {
    lines.push(`kept: ${p.name}, named by content not from the demo`);
  }
  if (removal.kept.images > 0) {
    lines.push(`kept: ${plural(removal.kept.images, 'image', 'images')} used by your articles`);
  }
  return lines;
}
