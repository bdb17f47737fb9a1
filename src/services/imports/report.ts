/** What an import did, counted, and what it left out and why. */

export const importFormats = ['wxr', 'disqus'] as const;
export type ImportFormat = (typeof importFormats)[number];

export function isImportFormat(value: unknown): value is ImportFormat {
  return (importFormats as readonly unknown[]).includes(value);
}

export const formatNames: Record<ImportFormat, string> = {
  wxr: 'WordPress export (WXR)',
  disqus: 'Disqus export',
};

/**
 * Why an import skipped or noted something, as the report records it: in English, as the
 * terminal shows it (the admin page shows each in its own language, by name). Two more are
 * made with a value: items of another type and posts of another status (wxr.ts).
 */
export const reasons = {
  page: 'WordPress pages are not articles',
  attachment: 'media files are not imported (the export holds only their addresses)',
  menu: 'menus are not imported',
  revision: 'earlier versions are not imported',
  block: 'reusable blocks are not imported',
  theme: 'themes are not imported',
  commentsOfSkipped: 'comments on items that are not imported',
  private: 'private posts are not imported (they were never public)',
  pingback: 'pingbacks and trackbacks are not comments',
  orphanReply:
    'replies to a comment not in the file (WordPress leaves spam out) came in as top-level comments',
  orphanPost: 'replies to a post not in the file came in as top-level comments',
  unmatchedThread: 'posts in threads that match no article here (by address or identifier)',
} as const;

export type ReasonName = keyof typeof reasons;

export interface SkipGroup {
  reason: string;
  count: number;
  /** The first few of them, by title or id. */
  examples: string[];
}

export interface ImportReport {
  format: ImportFormat;
  /** The site the file came from, as the file names it. */
  source: string;
  /** What the file holds (before anything is skipped). */
  inFile: { posts: number; comments: number; threads: number };
  /** Disqus: threads matched to an article here. */
  threadsMatched: number;
  created: {
    published: number;
    drafts: number;
    accounts: number;
    sections: number;
    redirects: number;
    comments: number;
  };
  /** The new comments by status. */
  comments: { published: number; pending: number; rejected: number; deleted: number };
  /** Imported by an earlier run of the same file (or an overlapping one): left as they are. */
  unchanged: { articles: number; comments: number };
  skipped: SkipGroup[];
  /** Imported, with something to know (a reply whose parent is not in the file, say). */
  notes: SkipGroup[];
}

export function emptyReport(format: ImportFormat): ImportReport {
  return {
    format,
    source: '',
    inFile: { posts: 0, comments: 0, threads: 0 },
    threadsMatched: 0,
    created: { published: 0, drafts: 0, accounts: 0, sections: 0, redirects: 0, comments: 0 },
    comments: { published: 0, pending: 0, rejected: 0, deleted: 0 },
    unchanged: { articles: 0, comments: 0 },
    skipped: [],
    notes: [],
  };
}

const maxExamples = 5;

export function skip(report: ImportReport, reason: string, example: string): void {
  addTo(report.skipped, reason, example);
}

export function note(report: ImportReport, reason: string, example: string): void {
  addTo(report.notes, reason, example);
}

function addTo(groups: SkipGroup[], reason: string, example: string): void {
  let group = groups.find((g) => g.reason === reason);
  if (!group) {
    group = { reason, count: 0, examples: [] };
    groups.push(group);
  }
  group.count += 1;
  if (group.examples.length < maxExamples) group.examples.push(example);
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The report as lines of text (the terminal, and the admin page's summary). */
export function reportLines(report: ImportReport): string[] {
  const { created, comments, unchanged } = report;
  const lines = [
    `${formatNames[report.format]}${report.source ? ` from ${report.source}` : ''}`,
    report.format === 'wxr'
      ? `In the file: ${plural(report.inFile.posts, 'item', 'items')}, ${plural(report.inFile.comments, 'comment', 'comments')}.`
      : `In the file: ${plural(report.inFile.threads, 'thread', 'threads')}, ${plural(report.inFile.comments, 'post', 'posts')}.`,
  ];
  if (report.format === 'disqus') {
    lines.push(
      `Threads matched to articles here: ${report.threadsMatched} of ${report.inFile.threads}.`,
    );
  }
  if (report.format === 'wxr') {
    lines.push(
      `Imported: ${plural(created.published, 'published article', 'published articles')}, ${plural(created.drafts, 'draft', 'drafts')}, ${plural(created.sections, 'new section', 'new sections')}, ${plural(created.accounts, 'new author account', 'new author accounts')}, ${plural(created.redirects, 'old address', 'old addresses')} redirected.`,
    );
  }
  lines.push(
    `Imported ${plural(created.comments, 'comment', 'comments')}: ${comments.published} published, ${comments.pending} awaiting review, ${comments.rejected} rejected, ${comments.deleted} deleted.`,
  );
  if (unchanged.articles + unchanged.comments > 0) {
    lines.push(
      `Already imported before, left unchanged: ${plural(unchanged.articles, 'article', 'articles')}, ${plural(unchanged.comments, 'comment', 'comments')}.`,
    );
  }
  for (const g of report.notes)
    lines.push(`Note: ${g.count} × ${g.reason} (${g.examples.join('; ')})`);
  if (report.skipped.length === 0) {
    lines.push('Skipped: nothing.');
  } else {
    lines.push('Skipped:');
    for (const g of report.skipped) {
      const more = g.count > g.examples.length ? `, and ${g.count - g.examples.length} more` : '';
      lines.push(`  ${g.count} × ${g.reason} (${g.examples.join('; ')}${more})`);
    }
  }
  return lines;
}
