/**
 * Managing the site's sections (admins): create, rename, describe, hide from the navigation,
 * reorder, and remove — an empty one, or one whose articles move to another section. Old
 * addresses keep working: a renamed or removed section's slug leads to where its articles are
 * now (ReadingService.oldAddress), and its articles' old URLs redirect to their new ones.
 * Every request is checked whole before anything is written, and renames and removals run in one
 * transaction, so a refused request changes nothing. The navigation is on every page, so each
 * change empties the page cache.
 */
import {
  isPermutationOf,
  movedOrder,
  sectionLimits,
  type Section,
  type SectionSummary,
} from '../domain/section.js';
import { isSlug, reservedSectionSlugs, slugify } from '../domain/slug.js';
import { menuNames, parseEntries, renamedSection } from '../domain/menu.js';
import { AppError, notFound, tooLong } from '../errors.js';
import type { PortsWithUnitOfWork } from '../store/types.js';
import type { ChangeBus } from './changes.js';
import { menuKeys } from './menus.js';

export interface NewSection {
  name: string;
  /** From the name when left out or empty. */
  slug?: string | undefined;
  description?: string | undefined;
  hidden?: boolean | undefined;
}

export interface SectionEdit {
  name?: string | undefined;
  slug?: string | undefined;
  description?: string | undefined;
  hidden?: boolean | undefined;
}

export interface SectionsDeps {
  store: PortsWithUnitOfWork<'sections' | 'sectionAdmin' | 'pages' | 'settings'>;
  changes: ChangeBus;
  now?: () => Date;
}

export class SectionService {
  private readonly store: SectionsDeps['store'];
  private readonly changes: ChangeBus;
  private readonly now: () => Date;

  constructor(deps: SectionsDeps) {
    this.store = deps.store;
    this.changes = deps.changes;
    this.now = deps.now ?? (() => new Date());
  }

  /** Every section in order, hidden ones included, with its number of articles. */
  list(): Promise<SectionSummary[]> {
    return this.store.sectionAdmin.listWithCounts();
  }

  async get(slug: string): Promise<SectionSummary> {
    const found = (await this.list()).find((s) => s.slug === slug);
    if (!found) throw notFound('That section');
    return found;
  }

  async create(input: NewSection): Promise<Section> {
    const name = checkedName(input.name);
    const given = input.slug?.trim() ?? '';
    const slug = checkedSlug(given === '' ? slugify(name) : given, given === '');
    const description = checkedDescription(input.description ?? '');
    const position = Math.max(-1, ...(await this.store.sections.list()).map((s) => s.position)) + 1;
    const section = { slug, name, description, position, hidden: input.hidden ?? false };
    if (await this.store.pages.slugTaken(slug)) throw pageHasSlug(slug);
    if ((await this.store.sectionAdmin.create(section)) === 'taken') throw slugTaken(slug);
    this.changed();
    return section;
  }

  /** Renames (name and/or slug), describes and hides or shows a section, all at once. */
  async update(slug: string, edit: SectionEdit): Promise<Section> {
    const name = edit.name === undefined ? undefined : checkedName(edit.name);
    const newSlug = edit.slug === undefined ? undefined : checkedSlug(edit.slug.trim(), false);
    const description =
      edit.description === undefined ? undefined : checkedDescription(edit.description);
    const at = this.now().toISOString();
    const updated = await this.store.transaction(async (tx) => {
      if (!(await tx.sectionAdmin.update(slug, { name, description, hidden: edit.hidden }))) {
        throw notFound('That section');
      }
      let current = slug;
      if (newSlug !== undefined && newSlug !== slug) {
        if (await tx.pages.slugTaken(newSlug)) throw pageHasSlug(newSlug);
        const result = await tx.sectionAdmin.changeSlug(slug, newSlug, at);
        if (result === 'taken') throw slugTaken(newSlug);
        if (result === 'missing') throw notFound('That section');
        await renameInMenus(tx, slug, newSlug);
        current = newSlug;
      }
      const section = await tx.sections.get(current);
      if (!section) throw notFound('That section');
      return section;
    });
    this.changed();
    return updated;
  }

  /** Puts the sections in this order; it must name every section once. */
  async reorder(slugs: readonly string[]): Promise<Section[]> {
    const current = (await this.store.sections.list()).map((s) => s.slug);
    if (!isPermutationOf(slugs, current)) {
      throw new AppError(
        'invalid_section_order',
        `Name every section once, in the new order (${current.length} sections: ${current.join(', ')}).`,
        { field: 'slugs' },
      );
    }
    await this.store.transaction((tx) => tx.sectionAdmin.reorder(slugs));
    this.changed();
    return this.store.sections.list();
  }

  /** Moves one section a place up or down (the admin page's buttons); at either end, nothing. */
  async move(slug: string, direction: 'up' | 'down'): Promise<void> {
    const current = (await this.store.sections.list()).map((s) => s.slug);
    if (!current.includes(slug)) throw notFound('That section');
    const order = movedOrder(current, slug, direction);
    if (!order) return;
    await this.store.transaction((tx) => tx.sectionAdmin.reorder(order));
    this.changed();
  }

  /**
   * Removes a section. One with articles (drafts included) needs `moveTo`, the section they move
   * to; its addresses then lead there.
   */
  async remove(
    slug: string,
    moveTo?: string | undefined,
  ): Promise<{ moved: number; movedTo: string | null }> {
    const section = await this.store.sections.get(slug);
    if (!section) throw notFound('That section');
    const target = moveTo?.trim() || null;
    if (target === slug) {
      throw new AppError(
        'invalid_move_target',
        'Choose another section to move the articles to: not the one being removed.',
        { field: 'moveTo' },
      );
    }
    if (target !== null && !(await this.store.sections.get(target))) {
      throw new AppError(
        'invalid_move_target',
        `There is no section "${target}" to move the articles to.`,
        { field: 'moveTo' },
      );
    }
    const at = this.now().toISOString();
    const count = await this.store.sectionAdmin.countArticles(slug);
    if (count > 0 && target === null) throw notEmpty(section.name, count);
    const { result, moved } = await this.store.transaction((tx) =>
      tx.sectionAdmin.remove(slug, target, at),
    );
    if (result === 'missing') throw notFound('That section');
    // An article was added meanwhile, after the count: refused as if it had been there.
    if (result === 'not_empty') {
      throw notEmpty(section.name, await this.store.sectionAdmin.countArticles(slug));
    }
    this.changed();
    return { moved, movedTo: target };
  }

  /** The navigation is on every page (and a rename moves every article): every page goes. */
  private changed(): void {
    this.changes.publish({ kind: 'site' });
  }
}

/** A saved menu's entries for the section follow its new slug, in the rename's transaction. */
async function renameInMenus(
  tx: Pick<SectionsDeps['store'], 'settings'>,
  from: string,
  to: string,
): Promise<void> {
  for (const name of menuNames) {
    const entries = parseEntries(await tx.settings.get(menuKeys[name]));
    if (!entries?.some((e) => e.kind === 'section' && e.section === from)) continue;
    await tx.settings.set(menuKeys[name], JSON.stringify(renamedSection(entries, from, to)));
  }
}

function checkedName(raw: string): string {
  const name = raw.trim();
  if (name === '') {
    throw new AppError('section_name_required', 'Enter a name for the section.', {
      field: 'name',
    });
  }
  if (name.length > sectionLimits.name) {
    throw tooLong(
      'name',
      `A section name is at most ${sectionLimits.name} characters.`,
      sectionLimits.name,
    );
  }
  return name;
}

function checkedDescription(raw: string): string {
  const description = raw.trim();
  if (description.length > sectionLimits.description) {
    throw tooLong(
      'description',
      `A description is at most ${sectionLimits.description} characters.`,
      sectionLimits.description,
    );
  }
  return description;
}

/** `fromName`: the slug was made from the name, so the message says how to give one. */
function checkedSlug(slug: string, fromName: boolean): string {
  const invalid = (message: string) =>
    new AppError('invalid_section_slug', message, { field: 'slug' });
  if (slug === '') {
    throw invalid(
      fromName
        ? 'The name has no letters or digits to make an address from: enter a slug.'
        : 'Enter a slug: the section’s address, such as “local-news”.',
    );
  }
  if (!isSlug(slug)) {
    throw invalid(
      `“${slug}” is not a slug: use lower-case letters, digits and single hyphens, such as “local-news”.`,
    );
  }
  if (reservedSectionSlugs.has(slug)) {
    throw invalid(
      `“${slug}” is an address the site uses for something else: choose another slug${fromName ? ' (the slug is made from the name unless you enter one)' : ''}.`,
    );
  }
  return slug;
}

const slugTaken = (slug: string) =>
  new AppError('section_slug_taken', `Another section already has the slug “${slug}”.`, {
    field: 'slug',
  });

/** A static page answers at /{slug} too: a section there would hide it. */
const pageHasSlug = (slug: string) =>
  new AppError(
    'section_slug_taken',
    `The page at /${slug} has that address: choose another slug for the section, or change the page's.`,
    { field: 'slug' },
  );

const notEmpty = (name: string, count: number) =>
  new AppError(
    'section_not_empty',
    `The section “${name}” has ${count} ${count === 1 ? 'article' : 'articles'} (drafts included): choose a section to move ${count === 1 ? 'it' : 'them'} to.`,
    { field: 'moveTo' },
  );
