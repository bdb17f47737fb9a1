/**
 * The masthead's and the footer's menus (src/domain/menu.ts). Every page draws both, so the
 * resolved menus are kept in memory and read again after a `site` change — which every change
 * they depend on announces: a menu saved here, a section created, renamed, hidden or removed,
 * and a page in a menu published, unpublished or retitled. Admins edit them; each entry is
 * checked whole before anything is written, so a refused request changes nothing.
 */
import {
  defaultEntries,
  isMenuUrl,
  menuLimits,
  menuNames,
  movedEntry,
  parseEntries,
  resolveEntry,
  resolveMenu,
  type MenuEntry,
  type MenuKind,
  type MenuName,
  type Menus,
} from '../domain/menu.js';
import type { PageListItem } from '../domain/page.js';
import type { Section } from '../domain/section.js';
import type { User } from '../domain/user.js';
import { AppError, tooLong } from '../errors.js';
import type { Store } from '../store/types.js';
import type { ChangeBus } from './changes.js';

/** Where each menu is stored in the settings table (JSON; absent: the default). */
export const menuKeys = {
  masthead: 'menu.masthead',
  footer: 'menu.footer',
} as const satisfies Record<MenuName, string>;

/** An entry as a form or the API sends it: the kind, its target, an optional label. */
export interface MenuEntryInput {
  kind: MenuKind | string;
  section?: string | undefined;
  page?: string | undefined;
  url?: string | undefined;
  label?: string | undefined;
}

/** An entry as the admin page and the API show it: what it is, and what readers see now. */
export interface MenuEntryView {
  entry: MenuEntry;
  /** The label, or the section's name or page's title (or its id, when it is gone). */
  text: string;
  /** Where it leads; null when readers do not see it. */
  href: string | null;
  /** Why readers do not see it, when they do not. */
  hiddenBecause: string | null;
  /** The same as a code (the admin page says it in the viewer's language). */
  hiddenReason: MenuHiddenReason | null;
}

export type MenuHiddenReason =
  'section-hidden' | 'section-removed' | 'page-unpublished' | 'page-removed';

const hiddenReasons: Record<MenuHiddenReason, string> = {
  'section-hidden': 'the section is hidden',
  'section-removed': 'the section was removed',
  'page-unpublished': 'the page is not published',
  'page-removed': 'the page was removed',
};

export interface MenuView {
  name: MenuName;
  /** False while it is the default (never saved). */
  saved: boolean;
  entries: MenuEntryView[];
}

/** What the admin's Add form offers. */
export interface MenuChoices {
  sections: Section[];
  pages: PageListItem[];
}

export interface MenuDeps {
  store: Pick<Store, 'settings' | 'sections' | 'pages'>;
  changes: ChangeBus;
  now?: () => number;
}

/**
 * How long the menus are kept at most without a change heard: a write no bus carries (the
 * command line on SQLite, beside a running server) shows within this time on pages not cached.
 */
export const menuMaxAgeMs = 60_000;

interface Stored {
  masthead: MenuEntry[] | null;
  footer: MenuEntry[] | null;
}

export class MenuService {
  private readonly store: MenuDeps['store'];
  private cached: { stored: Stored; menus: Menus; at: number } | null = null;
  private loading: Promise<{ stored: Stored; menus: Menus }> | null = null;
  /** Bumped by every change, so a read that began before it is not kept after it. */
  private generation = 0;
  private readonly now: () => number;

  constructor(private readonly deps: MenuDeps) {
    this.store = deps.store;
    this.now = deps.now ?? Date.now;
    deps.changes.subscribe((change) => {
      if (change.kind !== 'site') return;
      this.generation++;
      this.cached = null;
      this.loading = null;
    });
  }

  /** Both menus as readers see them now (from memory unless a `site` change has come since). */
  async menus(): Promise<Menus> {
    return (await this.current()).menus;
  }

  /** Whether a saved menu names this page (publishing or retitling it then changes every page). */
  async showsPage(pageId: string): Promise<boolean> {
    const { stored } = await this.current();
    return menuNames.some((name) =>
      (stored[name] ?? []).some((e) => e.kind === 'page' && e.page === pageId),
    );
  }

  /** Both menus entry by entry, with what readers see of each (the admin page, the API). */
  async list(): Promise<MenuView[]> {
    const [stored, sections, pages] = await Promise.all([
      this.readStored(),
      this.store.sections.list(),
      this.store.pages.list(),
    ]);
    const bySlug = new Map(sections.map((s) => [s.slug, s]));
    const byId = new Map(pages.map((p) => [p.id, p]));
    const published = new Map(pages.filter((p) => p.status === 'published').map((p) => [p.id, p]));
    return menuNames.map((name) => ({
      name,
      saved: stored[name] !== null,
      entries: (stored[name] ?? defaultEntries(name, sections)).map((entry) => {
        const item = resolveEntry(entry, bySlug, published);
        const reason = item ? null : whyHidden(entry, bySlug, byId);
        return {
          entry,
          text: item?.text ?? describe(entry, bySlug, byId),
          href: item?.href ?? null,
          hiddenBecause: reason ? hiddenReasons[reason] : null,
          hiddenReason: reason,
        };
      }),
    }));
  }

  async menu(name: MenuName): Promise<MenuView> {
    return (await this.list()).find((m) => m.name === name)!;
  }

  /** The sections and pages an admin may add. */
  async choices(): Promise<MenuChoices> {
    const [sections, pages] = await Promise.all([
      this.store.sections.list(),
      this.store.pages.list(),
    ]);
    return { sections, pages: [...pages].sort((a, b) => a.title.localeCompare(b.title)) };
  }

  /** Replaces a menu's entries with these, in this order. */
  async save(actor: User, name: MenuName, input: readonly MenuEntryInput[]): Promise<MenuView> {
    requireAdmin(actor);
    if (input.length > menuLimits.entries) throw full();
    const entries: MenuEntry[] = [];
    for (const [i, e] of input.entries())
      entries.push(await this.checked(e, input.length > 1 ? i : null));
    await this.write(name, entries);
    return this.menu(name);
  }

  /** Adds one entry at the end. */
  async add(actor: User, name: MenuName, input: MenuEntryInput): Promise<MenuView> {
    requireAdmin(actor);
    const entry = await this.checked(input, null);
    const current = await this.entries(name);
    if (current.length >= menuLimits.entries) throw full();
    await this.write(name, [...current, entry]);
    return this.menu(name);
  }

  /** Moves entry `index` a place up or down; at either end, nothing. */
  async move(actor: User, name: MenuName, index: number, direction: 'up' | 'down'): Promise<void> {
    requireAdmin(actor);
    const current = await this.entries(name);
    if (!current[index]) throw entryMissing();
    const moved = movedEntry(current, index, direction);
    if (moved) await this.write(name, moved);
  }

  async remove(actor: User, name: MenuName, index: number): Promise<void> {
    requireAdmin(actor);
    const current = await this.entries(name);
    if (!current[index]) throw entryMissing();
    await this.write(
      name,
      current.filter((_, i) => i !== index),
    );
  }

  /** A menu's entries as stored, or its default. */
  private async entries(name: MenuName): Promise<MenuEntry[]> {
    const stored = parseEntries(await this.store.settings.get(menuKeys[name]));
    return stored ?? defaultEntries(name, await this.store.sections.list());
  }

  private async write(name: MenuName, entries: readonly MenuEntry[]): Promise<void> {
    await this.store.settings.set(menuKeys[name], JSON.stringify(entries));
    // The masthead and footer are on every page.
    this.deps.changes.publish({ kind: 'site' });
  }

  /** One entry checked; `position` (from 0) names it in messages when a list has several. */
  private async checked(input: MenuEntryInput, position: number | null): Promise<MenuEntry> {
    const which = position === null ? '' : `Entry ${position + 1}: `;
    const label = (input.label ?? '').replace(/\s+/g, ' ').trim();
    if (label.length > menuLimits.label) {
      throw tooLong(
        'label',
        `${which}a label can be at most ${menuLimits.label} characters.`,
        menuLimits.label,
      );
    }
    const withLabel = label ? { label } : {};
    switch (input.kind) {
      case 'section': {
        const slug = input.section?.trim() ?? '';
        if (!slug || !(await this.store.sections.get(slug))) {
          throw new AppError(
            'menu_target_unknown',
            `${which}${slug ? `there is no section “${slug}”` : 'choose a section'}.`,
            { field: 'section' },
          );
        }
        return { kind: 'section', section: slug, ...withLabel };
      }
      case 'page': {
        const id = input.page?.trim() ?? '';
        if (!id || !(await this.store.pages.byId(id))) {
          throw new AppError(
            'menu_target_unknown',
            `${which}${id ? 'there is no such page' : 'choose a page'}.`,
            { field: 'page' },
          );
        }
        return { kind: 'page', page: id, ...withLabel };
      }
      case 'link': {
        const url = input.url?.trim() ?? '';
        if (url.length > menuLimits.url) {
          throw tooLong(
            'url',
            `${which}an address can be at most ${menuLimits.url} characters.`,
            menuLimits.url,
          );
        }
        if (!isMenuUrl(url)) {
          throw new AppError(
            'invalid_url',
            `${which}give a web address that starts with https:// or http://, or a path on this site such as /about.`,
            { field: 'url' },
          );
        }
        if (!label) {
          throw new AppError('menu_label_required', `${which}give the link a label.`, {
            field: 'label',
          });
        }
        return { kind: 'link', url, label };
      }
      default:
        throw new AppError('invalid_request', `${which}choose a section, a page or a link.`, {
          field: 'kind',
        });
    }
  }

  private async readStored(): Promise<Stored> {
    const values = await this.store.settings.getMany(Object.values(menuKeys));
    return {
      masthead: parseEntries(values[menuKeys.masthead]),
      footer: parseEntries(values[menuKeys.footer]),
    };
  }

  private async current(): Promise<{ stored: Stored; menus: Menus }> {
    if (this.cached && this.now() - this.cached.at < menuMaxAgeMs) return this.cached;
    if (!this.loading) {
      const generation = this.generation;
      const at = this.now();
      const loading = this.load()
        .then((value) => {
          if (this.generation === generation) this.cached = { ...value, at };
          return value;
        })
        .finally(() => {
          if (this.loading === loading) this.loading = null;
        });
      this.loading = loading;
    }
    return this.loading;
  }

  private async load(): Promise<{ stored: Stored; menus: Menus }> {
    const [stored, sections, pages] = await Promise.all([
      this.readStored(),
      this.store.sections.list(),
      this.store.pages.listPublished(),
    ]);
    const resolve = (name: MenuName) =>
      resolveMenu(stored[name] ?? defaultEntries(name, sections), sections, pages);
    return { stored, menus: { masthead: resolve('masthead'), footer: resolve('footer') } };
  }
}

type Named = ReadonlyMap<string, { name: string }>;
type Titled = ReadonlyMap<string, { title: string; status: string }>;

function describe(entry: MenuEntry, sections: Named, pages: Titled): string {
  if (entry.label) return entry.label;
  if (entry.kind === 'section') return sections.get(entry.section)?.name ?? entry.section;
  if (entry.kind === 'page') return pages.get(entry.page)?.title ?? 'A removed page';
  return entry.url;
}

function whyHidden(
  entry: MenuEntry,
  sections: ReadonlyMap<string, { hidden: boolean }>,
  pages: Titled,
): MenuHiddenReason | null {
  if (entry.kind === 'section') {
    return sections.has(entry.section) ? 'section-hidden' : 'section-removed';
  }
  if (entry.kind === 'page') {
    return pages.has(entry.page) ? 'page-unpublished' : 'page-removed';
  }
  return null;
}

const full = () =>
  new AppError('menu_full', `A menu holds at most ${menuLimits.entries} entries.`, {
    field: 'entries',
  });

const entryMissing = () =>
  new AppError('not_found', 'That menu entry was not found: the menu changed meanwhile.');

function requireAdmin(actor: User): void {
  if (actor.role !== 'admin') {
    throw new AppError('admin_only', 'Only an admin can change the menus.');
  }
}
