/** A section of the site as its pages and the section list show it. */
import type { SectionRef } from './article.js';

export interface Section extends SectionRef {
  description: string;
  position: number;
  /** Left out of the masthead's navigation and the front page's blocks; its pages still work. */
  hidden: boolean;
}

/** What a new or updated section row holds; `hidden` is left as it is when not given. */
export type SectionRecord = Omit<Section, 'hidden'> & { hidden?: boolean };

/** A section as the admin pages and the API list it: with how many articles it holds. */
export interface SectionSummary extends Section {
  /** Every article in it, drafts and unpublished ones included. */
  articleCount: number;
}

export const sectionLimits = { name: 80, description: 1_000 } as const;

/** The sections the masthead and the front page show, in order. */
export function menuSections<T extends Pick<Section, 'hidden'>>(sections: readonly T[]): T[] {
  return sections.filter((s) => !s.hidden);
}

/**
 * The order after moving one section a place up or down: the slugs in their new order, or null
 * when it is already first (up) or last (down) or not in the list.
 */
export function movedOrder(
  slugs: readonly string[],
  slug: string,
  direction: 'up' | 'down',
): string[] | null {
  const from = slugs.indexOf(slug);
  const to = direction === 'up' ? from - 1 : from + 1;
  if (from < 0 || to < 0 || to >= slugs.length) return null;
  const order = [...slugs];
  [order[from], order[to]] = [order[to]!, order[from]!];
  return order;
}

/** Whether `order` names each of `slugs` exactly once (a reorder must name every section). */
export function isPermutationOf(order: readonly string[], slugs: readonly string[]): boolean {
  if (order.length !== slugs.length) return false;
  const wanted = new Set(slugs);
  const seen = new Set<string>();
  for (const slug of order) {
    if (!wanted.has(slug) || seen.has(slug)) return false;
    seen.add(slug);
  }
  return true;
}
