/**
 * The related-stories picker in the article editor: the editor's picks in order (move up, move
 * down, remove) and a search of published articles with a button to add each.
 *
 * Without JavaScript every button is a submit button of the editor's own form (`intent`), so a
 * search or a pick is a round trip that carries every unsaved field along and saves nothing; the
 * page comes back with the text as it was. newsroom.js does the same in place, with the search
 * API, and announces each result in the picker's status region.
 */
import type { ArticleStatus } from '../../../domain/article.js';
import { formatDay } from '../../format.js';
import { html, type SafeHtml } from '../../html.js';

/** One article in the picker: a pick, or a search result. */
export interface PickerStory {
  slug: string;
  headline: string;
  sectionName: string;
  status: ArticleStatus;
  publishedAt: string | null;
}

export interface PickerState {
  /** The picks, in order (unknown slugs are left out). */
  chosen: PickerStory[];
  /** What was searched for ('' when nothing was). */
  query: string;
  /** Published articles matching the query, not already chosen; null when nothing was searched. */
  results: PickerStory[] | null;
  /** What the last action did, announced in the status region. */
  said: string;
  /** Put the focus in the search box (after a round trip the picker started). */
  focus: boolean;
}

export const maxPicks = 10;

export type PickAction =
  | { kind: 'search' }
  | { kind: 'add'; slug: string }
  | { kind: 'remove' | 'up' | 'down'; index: number };

/** The picker action a submit button names (`related-add:SLUG`, `related-up:2`…), if any. */
export function pickActionOf(intent: string | undefined): PickAction | null {
  if (intent === 'related-search') return { kind: 'search' };
  const add = /^related-add:([a-z0-9-]{1,120})$/.exec(intent ?? '');
  if (add) return { kind: 'add', slug: add[1]! };
  const move = /^related-(remove|up|down):(\d{1,2})$/.exec(intent ?? '');
  if (move) return { kind: move[1] as 'remove' | 'up' | 'down', index: Number(move[2]) };
  return null;
}

/** The picks after an action (pure: the page and newsroom.js do the same). */
export function applyPick(slugs: readonly string[], action: PickAction): string[] {
  const next = [...slugs];
  switch (action.kind) {
    case 'search':
      return next;
    case 'add':
      return next.includes(action.slug) || next.length >= maxPicks ? next : [...next, action.slug];
    case 'remove':
      next.splice(action.index, 1);
      return next;
    case 'up':
    case 'down': {
      const to = action.kind === 'up' ? action.index - 1 : action.index + 1;
      if (action.index >= next.length || to < 0 || to >= next.length) return next;
      [next[action.index], next[to]] = [next[to]!, next[action.index]!];
      return next;
    }
  }
}

/** The sentence the status region says after an action, given the headlines it concerns. */
export function pickMessage(
  action: PickAction,
  before: readonly PickerStory[],
  after: readonly PickerStory[],
  results: readonly PickerStory[] | null,
): string {
  const named = (slug: string | undefined) =>
    [...before, ...after].find((s) => s.slug === slug)?.headline ?? slug ?? '';
  switch (action.kind) {
    case 'search':
      if (results === null) return 'Type some words to search for.';
      return results.length === 0
        ? 'No other published article matches.'
        : `${results.length} published ${results.length === 1 ? 'article matches' : 'articles match'}.`;
    case 'add': {
      const at = after.findIndex((s) => s.slug === action.slug);
      if (at < 0) return `At most ${maxPicks} related stories.`;
      return `Added “${named(action.slug)}” as related story ${at + 1} of ${after.length}.`;
    }
    case 'remove':
      return `Removed “${named(before[action.index]?.slug)}”.`;
    case 'up':
    case 'down': {
      const slug = before[action.index]?.slug;
      const at = after.findIndex((s) => s.slug === slug);
      return `“${named(slug)}” is now related story ${at + 1} of ${after.length}.`;
    }
  }
}

function storyText(s: PickerStory, timeZone: string): SafeHtml {
  return html`<span class="related-picker__headline">${s.headline}</span>
    <span class="related-picker__meta">${s.sectionName}${s.publishedAt ? html` · <time datetime="${s.publishedAt}">${formatDay(s.publishedAt, timeZone)}</time>` : ''}${s.status !== 'published' ? ` · not published (${s.status})` : ''}</span>`;
}

const button = (intent: string, text: string, headline: string, extra = '') =>
  html`<button type="submit" class="button button--small${extra}" name="intent" value="${intent}">${text}<span class="visually-hidden"> “${headline}”</span></button>`;

/** The picks as list items with their buttons (the same markup newsroom.js builds). */
function chosenItem(
  s: PickerStory,
  i: number,
  count: number,
  opts: { editable: boolean; timeZone: string },
): SafeHtml {
  return html`<li data-slug="${s.slug}" data-headline="${s.headline}">
    ${storyText(s, opts.timeZone)}
    ${
      opts.editable
        ? html`<span class="related-picker__buttons">
            ${i > 0 ? button(`related-up:${i}`, 'Move up', s.headline, ' button--secondary') : ''}
            ${i < count - 1 ? button(`related-down:${i}`, 'Move down', s.headline, ' button--secondary') : ''}
            ${button(`related-remove:${i}`, 'Remove', s.headline, ' button--danger')}
          </span>`
        : ''
    }
  </li>`;
}

export function relatedPicker(
  state: PickerState,
  opts: { editable: boolean; timeZone: string; problem?: string; selfSlug?: string },
) {
  const { chosen, results } = state;
  const slugs = chosen.map((s) => s.slug).join(', ');
  return html`<fieldset class="fieldset related-picker" id="related-picker" data-self="${opts.selfSlug ?? ''}" data-time-zone="${opts.timeZone}"${opts.problem ? html` aria-describedby="related-error"` : ''}>
    <legend>Related stories</legend>
    <p class="hint">Editor’s picks, shown first (in this order) among the related stories after the article; automatic ones by shared tags, section and text follow.</p>
    ${opts.problem ? html`<p class="field-error" id="related-error"><span class="visually-hidden">Error:</span> ${opts.problem}</p>` : ''}
    <input type="hidden" name="related" id="related" value="${slugs}" />
    <h3 class="related-picker__heading" id="related-chosen-heading">Chosen (${chosen.length} of ${maxPicks})</h3>
    <p class="muted related-picker__none"${chosen.length ? html` hidden` : ''}>None yet: search below and add some.</p>
    <ol class="related-picker__list related-picker__chosen" aria-labelledby="related-chosen-heading">
      ${chosen.map((s, i) => chosenItem(s, i, chosen.length, opts))}
    </ol>
    ${
      opts.editable
        ? html`<div class="related-picker__search">
            <div class="field">
              <label for="related-q">Find published articles to add</label>
              <input id="related-q" name="relatedQuery" type="search" value="${state.query}" maxlength="200"${state.focus ? html` autofocus` : ''} />
            </div>
            <button type="submit" class="button button--secondary" name="intent" value="related-search">Search</button>
          </div>
          <p class="related-picker__status" id="related-status" role="status">${state.said}</p>
          <ul class="related-picker__list related-picker__results" id="related-results" aria-label="Search results"${results && results.length ? '' : html` hidden`}>
            ${(results ?? []).map(
              (s) => html`<li data-slug="${s.slug}" data-headline="${s.headline}">
                ${storyText(s, opts.timeZone)}
                <span class="related-picker__buttons">${button(`related-add:${s.slug}`, 'Add', s.headline)}</span>
              </li>`,
            )}
          </ul>`
        : ''
    }
  </fieldset>`;
}
