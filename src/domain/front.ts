/**
 * The front page as editors arrange it: a pinned lead, up to `featuredSlots` featured stories,
 * each pin with an optional expiry, and which sections appear in which order. Pure: what an
 * arrangement is, what is wrong with one, and what the page shows at a given moment.
 *
 * Without a pin the newest story leads, as it always did; a pin whose time has passed, or whose
 * article is no longer published, leaves its slot empty and the page falls back to the newest.
 */
import { instantsOf, localInputValue, parseLocalDateTime } from './local-time.js';
import type { Section } from './section.js';

/** How many featured slots the front page has (besides the lead). */
export const featuredSlots = 6;

/** One pinned story: the article and when the pin ends (ISO 8601; null = until changed). */
export interface FrontPin {
  articleId: string;
  expiresAt: string | null;
}

/** The whole arrangement: what the API reads and writes, and the front page is drawn from. */
export interface FrontArrangement {
  lead: FrontPin | null;
  /** In slot order, no gaps. */
  featured: FrontPin[];
  /** The slugs of the sections shown on the front, in order. */
  sections: string[];
}

/** A stored pin: slot 0 is the lead, 1… the featured slots. */
export interface StoredPin extends FrontPin {
  slot: number;
}

/** A section's place on the front as stored: sections with no row are shown after the rest. */
export interface FrontSectionChoice {
  slug: string;
  position: number;
  shown: boolean;
}

export const leadSlot = 0;

/** A pin is live strictly before its expiry; at that instant the slot is empty again. */
export function isLive(pin: FrontPin, now: Date): boolean {
  return pin.expiresAt === null || Date.parse(pin.expiresAt) > now.getTime();
}

/**
 * The sections on the front, in order: those stored as shown, by position; then every section
 * the arrangement does not mention (one created since it was saved), in menu order. With nothing
 * stored that is every section in menu order.
 */
export function sectionsOnFront(
  all: readonly Section[],
  choices: readonly FrontSectionChoice[],
): Section[] {
  const bySlug = new Map(all.map((s) => [s.slug, s]));
  const chosen = [...choices].sort((a, b) => a.position - b.position);
  const mentioned = new Set(chosen.map((c) => c.slug));
  return [
    ...chosen.filter((c) => c.shown).flatMap((c) => bySlug.get(c.slug) ?? []),
    ...all.filter((s) => !mentioned.has(s.slug)),
  ];
}

/** The arrangement as stored, as it stands at `now` (expired pins left out). */
export function arrangementAt(
  pins: readonly StoredPin[],
  choices: readonly FrontSectionChoice[],
  all: readonly Section[],
  now: Date,
): FrontArrangement {
  const live = [...pins].filter((p) => isLive(p, now)).sort((a, b) => a.slot - b.slot);
  const pin = ({ articleId, expiresAt }: StoredPin): FrontPin => ({ articleId, expiresAt });
  const lead = live.find((p) => p.slot === leadSlot);
  return {
    lead: lead ? pin(lead) : null,
    featured: live.filter((p) => p.slot !== leadSlot).map(pin),
    sections: sectionsOnFront(all, choices).map((s) => s.slug),
  };
}

/** What to store for an arrangement: its pins by slot, and every section's place. */
export function storedForm(
  arrangement: FrontArrangement,
  all: readonly Section[],
): { pins: StoredPin[]; sections: FrontSectionChoice[] } {
  const pins: StoredPin[] = [
    ...(arrangement.lead ? [{ slot: leadSlot, ...arrangement.lead }] : []),
    ...arrangement.featured.map((p, i) => ({ slot: leadSlot + 1 + i, ...p })),
  ];
  const shown = new Set(arrangement.sections);
  const hidden = all.filter((s) => !shown.has(s.slug)).map((s) => s.slug);
  const sections = [
    ...arrangement.sections.map((slug, position) => ({ slug, position, shown: true })),
    ...hidden.map((slug, i) => ({ slug, position: shown.size + i, shown: false })),
  ];
  return { pins, sections };
}

/** When the page next changes by itself: the earliest expiry among the pins it shows. */
export function nextExpiry(pins: readonly FrontPin[]): string | null {
  let first: string | null = null;
  for (const { expiresAt } of pins) {
    if (expiresAt !== null && (first === null || Date.parse(expiresAt) < Date.parse(first)))
      first = expiresAt;
  }
  return first;
}

/**
 * An expiry as typed: an ISO 8601 time, or a `datetime-local` value (`2026-03-04T17:30`),
 * which is read in the site's zone. Returns the normalised ISO string, or null when it is no
 * time. A local time the clocks pass twice ends the pin at the first; one they skip is read
 * with the offset from before the change (01:30 in London's skipped hour: 02:30 BST).
 */
export function parseExpiry(text: string, timeZone: string): string | null {
  const local = parseLocalDateTime(text);
  if (local) {
    const found = instantsOf(local, timeZone);
    return found.kind === 'exact' ? found.instant : found.choices[0];
  }
  const m =
    /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/.exec(
      text.trim(),
    );
  if (!m) return null;
  const [, y, mo, d, h, mi, s = '00', frac = '', zone = 'Z'] = m;
  const ms = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}${frac}${zone}`);
  if (Number.isNaN(ms)) return null;
  const iso = new Date(ms).toISOString();
  // Date.parse rolls 2026-02-31 over to March; a day that does not exist is no time.
  return zone === 'Z' && !iso.startsWith(`${y}-${mo}-${d}T${h}:${mi}`) ? null : iso;
}

/** The `datetime-local` value (in the site's zone) of a stored time, for the admin form. */
export function expiryInputValue(iso: string | null, timeZone: string): string {
  return iso === null ? '' : localInputValue(iso, timeZone);
}

/** One thing wrong with a submitted arrangement, and the input it concerns (API field names). */
export interface ArrangementProblem {
  kind:
    | 'too_many'
    | 'unavailable'
    | 'duplicate'
    | 'bad_time'
    | 'past'
    | 'unknown_section'
    | 'repeated_section';
  field: string;
}

/** A submitted pin: the article by id or slug, the expiry as typed. */
export interface PinInput {
  article: string;
  expiresAt?: string | null | undefined;
}

export interface ArrangementInput {
  lead: PinInput | null;
  featured: PinInput[];
  sections: string[];
}

/**
 * Checks a submitted arrangement; `resolve` gives the id of a published article named by id or
 * slug (or null). Returns the arrangement to store, or the first problem found.
 */
export function checkArrangement(
  input: ArrangementInput,
  context: {
    resolve: (article: string) => string | null;
    sections: readonly Section[];
    now: Date;
    /** The site's zone: expiries typed without an offset are local times there. */
    timeZone: string;
  },
): { ok: true; arrangement: FrontArrangement } | { ok: false; problem: ArrangementProblem } {
  if (input.featured.length > featuredSlots) {
    return { ok: false, problem: { kind: 'too_many', field: 'featured' } };
  }
  const seen = new Set<string>();
  const pinOf = (
    pin: PinInput,
    at: string,
  ): { ok: true; pin: FrontPin } | { ok: false; problem: ArrangementProblem } => {
    const articleId = context.resolve(pin.article.trim());
    if (articleId === null)
      return { ok: false, problem: { kind: 'unavailable', field: `${at}.articleId` } };
    if (seen.has(articleId))
      return { ok: false, problem: { kind: 'duplicate', field: `${at}.articleId` } };
    seen.add(articleId);
    const typed = pin.expiresAt?.trim() ?? '';
    if (typed === '') return { ok: true, pin: { articleId, expiresAt: null } };
    const expiresAt = parseExpiry(typed, context.timeZone);
    if (expiresAt === null)
      return { ok: false, problem: { kind: 'bad_time', field: `${at}.expiresAt` } };
    if (Date.parse(expiresAt) <= context.now.getTime()) {
      return { ok: false, problem: { kind: 'past', field: `${at}.expiresAt` } };
    }
    return { ok: true, pin: { articleId, expiresAt } };
  };
  let lead: FrontPin | null = null;
  if (input.lead) {
    const checked = pinOf(input.lead, 'lead');
    if (!checked.ok) return checked;
    lead = checked.pin;
  }
  const featured: FrontPin[] = [];
  for (const [i, pin] of input.featured.entries()) {
    const checked = pinOf(pin, `featured.${i}`);
    if (!checked.ok) return checked;
    featured.push(checked.pin);
  }
  const known = new Set(context.sections.map((s) => s.slug));
  const shown = new Set<string>();
  for (const slug of input.sections) {
    if (!known.has(slug))
      return { ok: false, problem: { kind: 'unknown_section', field: 'sections' } };
    if (shown.has(slug))
      return { ok: false, problem: { kind: 'repeated_section', field: 'sections' } };
    shown.add(slug);
  }
  return { ok: true, arrangement: { lead, featured, sections: [...shown] } };
}
