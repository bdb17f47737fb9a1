import type { CommentMode } from './types.js';

export function isCommentMode(value: string): value is CommentMode {
  return value === 'open' || value === 'closed' || value === 'premoderated';
}

/**
 * An article's effective comment mode: its own setting when it has one, else the site default;
 * either way closed once the auto-close time after publication has passed (0 hours = never).
 */
export function effectiveCommentMode(input: {
  override: CommentMode | null;
  siteMode: CommentMode;
  autoCloseHours: number;
  publishedAt: string | null;
  now: Date;
}): CommentMode {
  const mode = input.override ?? input.siteMode;
  if (mode === 'closed') return mode;
  if (input.autoCloseHours > 0 && input.publishedAt) {
    const closesAt = Date.parse(input.publishedAt) + input.autoCloseHours * 3_600_000;
    if (input.now.getTime() >= closesAt) return 'closed';
  }
  return mode;
}
