/**
 * The site's two menus: the masthead's navigation (after "Home", which is always first) and the
 * footer's links. Each is an ordered list of entries — a section (by slug), a static page (by id)
 * or a link — resolved for readers against the sections and published pages of the moment: an
 * entry whose section is gone or hidden, or whose page is not published, is left out silently.
 * An admin who has never saved a menu gets its default: the visible sections for the masthead
 * (the navigation as it always was), Corrections and the feeds for the footer
 * (decisions/0042-menus-in-settings.md).
 */
import { isAllowedHref } from './links.js';
import type { PageLink } from './page.js';
import type { Section } from './section.js';

export const menuNames = ['masthead', 'footer'] as const;
export type MenuName = (typeof menuNames)[number];

export const isMenuName = (value: string): value is MenuName =>
  (menuNames as readonly string[]).includes(value);

export const menuKinds = ['section', 'page', 'link'] as const;
export type MenuKind = (typeof menuKinds)[number];

/** One stored entry; `label`, when given, replaces the section's name or the page's title. */
export type MenuEntry =
  | { kind: 'section'; section: string; label?: string }
  | { kind: 'page'; page: string; label?: string }
  | { kind: 'link'; url: string; label: string };

/** An entry as a reader's page draws it. */
export interface MenuItem {
  href: string;
  text: string;
  /** The section's slug, for a section entry (so its page can mark it current). */
  section?: string;
  /** The page's id, for a page entry. */
  page?: string;
}

/** Both menus as a reader's page draws them. */
export interface Menus {
  masthead: readonly MenuItem[];
  footer: readonly MenuItem[];
}

export const menuLimits = { entries: 30, label: 80, url: 500 } as const;

/** The footer's links as they were before menus could be edited. */
export const defaultFooter: readonly MenuEntry[] = [
  { kind: 'link', url: '/corrections', label: 'Corrections' },
  { kind: 'link', url: '/feed.xml', label: 'RSS feed' },
  { kind: 'link', url: '/atom.xml', label: 'Atom feed' },
];

/** A menu nobody has saved: the masthead shows the visible sections, in their order. */
export function defaultEntries(
  name: MenuName,
  sections: readonly Pick<Section, 'slug' | 'hidden'>[],
): MenuEntry[] {
  if (name === 'footer') return [...defaultFooter];
  return sections.filter((s) => !s.hidden).map((s) => ({ kind: 'section', section: s.slug }));
}

/** What a reader sees for one entry, or null when it leads nowhere now. */
export function resolveEntry(
  entry: MenuEntry,
  sections: ReadonlyMap<string, Pick<Section, 'slug' | 'name' | 'hidden'>>,
  pages: ReadonlyMap<string, PageLink>,
): MenuItem | null {
  switch (entry.kind) {
    case 'section': {
      const section = sections.get(entry.section);
      if (!section || section.hidden) return null;
      return { href: `/${section.slug}`, text: entry.label || section.name, section: section.slug };
    }
    case 'page': {
      const page = pages.get(entry.page);
      if (!page) return null;
      return { href: `/${page.slug}`, text: entry.label || page.title, page: page.id };
    }
    case 'link':
      return { href: entry.url, text: entry.label };
  }
}

export function resolveMenu(
  entries: readonly MenuEntry[],
  sections: readonly Pick<Section, 'slug' | 'name' | 'hidden'>[],
  pages: readonly PageLink[],
): MenuItem[] {
  const bySlug = new Map(sections.map((s) => [s.slug, s]));
  const byId = new Map(pages.map((p) => [p.id, p]));
  return entries.flatMap((e) => resolveEntry(e, bySlug, byId) ?? []);
}

/** Whether the masthead shows sections only (its navigation is then named "Sections"). */
export function onlySections(items: readonly MenuItem[]): boolean {
  return items.every((i) => i.section !== undefined);
}

/** A link entry's address: `https://…`/`http://…` with a host, or a path on this site (`/x`). */
export function isMenuUrl(url: string): boolean {
  if (url !== url.trim() || url === '' || /\s/.test(url)) return false;
  if (url.startsWith('/')) return !url.startsWith('//') && isAllowedHref(url, { sameSite: true });
  if (!/^https?:\/\//i.test(url) || !isAllowedHref(url, { sameSite: false })) return false;
  try {
    return new URL(url).hostname !== '';
  } catch {
    return false;
  }
}

/** The entries after a section's slug changed: entries of the old slug follow it. */
export function renamedSection(
  entries: readonly MenuEntry[],
  from: string,
  to: string,
): MenuEntry[] {
  return entries.map((e) =>
    e.kind === 'section' && e.section === from ? { ...e, section: to } : e,
  );
}

/** The list after moving item `index` a place up or down; null at either end or out of range. */
export function movedEntry<T>(
  list: readonly T[],
  index: number,
  direction: 'up' | 'down',
): T[] | null {
  const to = direction === 'up' ? index - 1 : index + 1;
  if (!Number.isInteger(index) || index < 0 || index >= list.length || to < 0 || to >= list.length)
    return null;
  const moved = [...list];
  [moved[index], moved[to]] = [moved[to]!, moved[index]!];
  return moved;
}

const isText = (v: unknown): v is string => typeof v === 'string';
const optionalLabel = (v: unknown) => (isText(v) && v !== '' ? { label: v } : {});

/** Entries from stored JSON; anything malformed is left out (null: nothing usable is stored). */
export function parseEntries(stored: string | null | undefined): MenuEntry[] | null {
  if (stored === null || stored === undefined || stored === '') return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(stored);
  } catch {
    return null;
  }
  if (!Array.isArray(parsed)) return null;
  return parsed.flatMap((raw: unknown): MenuEntry[] => {
    if (typeof raw !== 'object' || raw === null) return [];
    const e = raw as Record<string, unknown>;
    if (e.kind === 'section' && isText(e.section)) {
      return [{ kind: 'section', section: e.section, ...optionalLabel(e.label) }];
    }
    if (e.kind === 'page' && isText(e.page)) {
      return [{ kind: 'page', page: e.page, ...optionalLabel(e.label) }];
    }
    if (e.kind === 'link' && isText(e.url) && isText(e.label) && isMenuUrl(e.url)) {
      return [{ kind: 'link', url: e.url, label: e.label }];
    }
    return [];
  });
}
