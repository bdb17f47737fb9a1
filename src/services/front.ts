/**
 * Front-page curation for editors: the arrangement (a pinned lead, featured slots, the sections
 * and their order) as it stands, saving a whole new one, and drawing the front with one that is
 * not saved (the preview). Every rule is in domain/front.ts; a save replaces the arrangement in
 * one transaction and announces a `front` change, which drops the cached front page only.
 */
import type { ArticleSummary } from '../domain/article.js';
import {
  arrangementAt,
  checkArrangement,
  featuredSlots,
  storedForm,
  type ArrangementInput,
  type ArrangementProblem,
  type FrontArrangement,
} from '../domain/front.js';
import type { User } from '../domain/user.js';
import { isEditor } from '../domain/workflow.js';
import { AppError } from '../errors.js';
import type { PortsWithUnitOfWork } from '../store/types.js';
import type { ChangeBus } from './changes.js';
import type { FrontPage, ReadingService } from './reading.js';

export interface FrontDeps {
  store: PortsWithUnitOfWork<'front' | 'reader' | 'sections'>;
  changes: ChangeBus;
  /** Draws the front page, with the stored arrangement or a submitted one. */
  reading: Pick<ReadingService, 'frontPage'>;
  now?: () => Date;
  /** The site's time zone, in which expiries without an offset are read; UTC if not given. */
  timeZone?: () => string;
}

/** How many recent published stories the article picker lists. */
export const pickerSize = 100;

function refusal(problem: ArrangementProblem): AppError {
  const { field } = problem;
  switch (problem.kind) {
    case 'too_many':
      return new AppError(
        'too_many_pins',
        `The front page has ${featuredSlots} featured slots; choose at most ${featuredSlots} stories.`,
        { field, values: { max: featuredSlots } },
      );
    case 'unavailable':
      return new AppError(
        'pin_unavailable',
        'Only a published article can be pinned: choose one from the list.',
        { field },
      );
    case 'duplicate':
      return new AppError(
        'pin_repeated',
        'This story is already pinned in another slot: choose another one.',
        { field },
      );
    case 'bad_time':
      return new AppError(
        'invalid_time',
        'Enter the expiry as a date and time, such as 2026-03-04T17:30 (the site’s time).',
        { field },
      );
    case 'past':
      return new AppError(
        'pin_expired',
        'The expiry time has already passed: choose a later time, or leave it empty.',
        { field },
      );
    case 'unknown_section':
      return new AppError('unknown_section', 'One of the sections does not exist.', { field });
    case 'repeated_section':
      return new AppError('section_repeated', 'A section is listed twice.', { field });
  }
}

export class FrontService {
  private readonly store: FrontDeps['store'];
  private readonly changes: ChangeBus;
  private readonly reading: FrontDeps['reading'];
  private readonly now: () => Date;

  constructor(private readonly deps: FrontDeps) {
    this.store = deps.store;
    this.changes = deps.changes;
    this.reading = deps.reading;
    this.now = deps.now ?? (() => new Date());
  }

  /** The arrangement as it stands now: expired pins and unpublished articles left out. */
  async arrangement(): Promise<FrontArrangement> {
    const [pins, choices, sections] = await Promise.all([
      this.store.front.pins(),
      this.store.front.sectionChoices(),
      this.store.sections.list(),
    ]);
    const now = arrangementAt(pins, choices, sections, this.now());
    const ids = [...(now.lead ? [now.lead] : []), ...now.featured].map((p) => p.articleId);
    const published = new Set((await this.store.reader.publishedByIds(ids)).map((a) => a.id));
    return {
      lead: now.lead && published.has(now.lead.articleId) ? now.lead : null,
      featured: now.featured.filter((p) => published.has(p.articleId)),
      sections: now.sections,
    };
  }

  /**
   * The stories the admin page offers for each slot: the recent published ones and those named
   * (pinned now, or chosen in the form) if still published, newest first, each once.
   */
  async candidates(named: readonly string[]): Promise<ArticleSummary[]> {
    const recent = await this.store.reader.listPublished({ limit: pickerSize });
    const known = new Set(recent.map((a) => a.id));
    const older = await this.store.reader.publishedByIds(
      [...new Set(named)].filter((id) => !known.has(id)),
    );
    return [...recent, ...older].sort(
      (a, b) =>
        (b.publishedAt ?? '').localeCompare(a.publishedAt ?? '') || b.id.localeCompare(a.id),
    );
  }

  /** Checks a submitted arrangement; throws the first problem, naming its field. */
  async check(actor: User, input: ArrangementInput): Promise<FrontArrangement> {
    if (!isEditor(actor.role)) {
      throw new AppError('editor_only', 'Only an editor can arrange the front page.');
    }
    const named = [...(input.lead ? [input.lead] : []), ...input.featured]
      .map((p) => p.article.trim())
      .filter((a) => a !== '');
    const [byId, bySlug, sections] = await Promise.all([
      this.store.reader.publishedByIds(named),
      this.store.reader.publishedBySlugs(named),
      this.store.sections.list(),
    ]);
    const ids = new Set(byId.map((a) => a.id));
    const slugs = new Map(bySlug.map((a) => [a.slug, a.id]));
    const checked = checkArrangement(input, {
      resolve: (article) => (ids.has(article) ? article : (slugs.get(article) ?? null)),
      sections,
      now: this.now(),
      timeZone: this.deps.timeZone?.() ?? 'UTC',
    });
    if (!checked.ok) throw refusal(checked.problem);
    return checked.arrangement;
  }

  /** Replaces the whole arrangement; nothing changes when any part of it is refused. */
  async save(actor: User, input: ArrangementInput): Promise<FrontArrangement> {
    const arrangement = await this.check(actor, input);
    await this.store.transaction(async (tx) => {
      const stored = storedForm(arrangement, await tx.sections.list());
      await tx.front.replace(stored.pins, stored.sections);
    });
    this.changes.publish({ kind: 'front' });
    return this.arrangement();
  }

  /** The front page drawn with a submitted arrangement, saving nothing. */
  async preview(
    actor: User,
    input: ArrangementInput,
  ): Promise<{ arrangement: FrontArrangement; page: FrontPage }> {
    const arrangement = await this.check(actor, input);
    return { arrangement, page: await this.reading.frontPage(arrangement) };
  }
}
