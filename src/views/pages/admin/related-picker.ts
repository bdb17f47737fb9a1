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
import type { Translator } from '../../../i18n/translator.js';
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

/** How many search results the picker shows (the page's search and newsroom.js's alike). */
export const maxResults = 12;

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
  i18n: Translator,
  action: PickAction,
  before: readonly PickerStory[],
  after: readonly PickerStory[],
  results: readonly PickerStory[] | null,
): string {
  const { t } = i18n;
  const named = (slug: string | undefined) =>
    [...before, ...after].find((s) => s.slug === slug)?.headline ?? slug ?? '';
  switch (action.kind) {
    case 'search':
      if (results === null) return t('newsroom.picker.typeWords');
      return results.length === 0
        ? t('newsroom.picker.noMatch')
        : t('newsroom.picker.matches', { count: results.length });
    case 'add': {
      const at = after.findIndex((s) => s.slug === action.slug);
      if (at < 0) return t('newsroom.picker.atMost', { max: maxPicks });
      return t('newsroom.picker.added', {
        headline: named(action.slug),
        position: at + 1,
        count: after.length,
      });
    }
    case 'remove':
      return t('newsroom.picker.removed', { headline: named(before[action.index]?.slug) });
    case 'up':
    case 'down': {
      const slug = before[action.index]?.slug;
      const at = after.findIndex((s) => s.slug === slug);
      return t('newsroom.picker.moved', {
        headline: named(slug),
        position: at + 1,
        count: after.length,
      });
    }
  }
}

function storyText(s: PickerStory, i18n: Translator): SafeHtml {
  return html`<span class="related-picker__headline">${s.headline}</span>
    <span class="related-picker__meta">${s.sectionName}${s.publishedAt ? html` · <time datetime="${s.publishedAt}">${i18n.day(s.publishedAt)}</time>` : ''}${s.status !== 'published' ? ` · ${i18n.t('newsroom.picker.notPublished', { status: s.status })}` : ''}</span>`;
}

const button = (i18n: Translator, intent: string, text: string, headline: string, extra = '') =>
  html`<button type="submit" class="button button--small${extra}" name="intent" value="${intent}">${text}<span class="visually-hidden"> ${i18n.t('newsroom.picker.quoted', { headline })}</span></button>`;

/** The picks as list items with their buttons (the same markup newsroom.js builds). */
function chosenItem(
  s: PickerStory,
  i: number,
  count: number,
  opts: { editable: boolean; i18n: Translator },
): SafeHtml {
  const { i18n } = opts;
  const { t } = i18n;
  return html`<li data-slug="${s.slug}" data-headline="${s.headline}">
    ${storyText(s, i18n)}
    ${
      opts.editable
        ? html`<span class="related-picker__buttons">
            ${i > 0 ? button(i18n, `related-up:${i}`, t('newsroom.picker.up'), s.headline, ' button--secondary') : ''}
            ${i < count - 1 ? button(i18n, `related-down:${i}`, t('newsroom.picker.down'), s.headline, ' button--secondary') : ''}
            ${button(i18n, `related-remove:${i}`, t('newsroom.picker.remove'), s.headline, ' button--danger')}
          </span>`
        : ''
    }
  </li>`;
}

export function relatedPicker(
  state: PickerState,
  opts: {
    editable: boolean;
    i18n: Translator;
    timeZone: string;
    problem?: string;
    selfSlug?: string;
  },
) {
  const { chosen, results } = state;
  const { i18n } = opts;
  const { t } = i18n;
  const slugs = chosen.map((s) => s.slug).join(', ');
  return html`<fieldset class="fieldset related-picker" id="related-picker" data-self="${opts.selfSlug ?? ''}" data-time-zone="${opts.timeZone}"${opts.problem ? html` aria-describedby="related-error"` : ''}>
    <legend>${t('newsroom.picker.legend')}</legend>
    <p class="hint">${t('newsroom.picker.hint')}</p>
    ${opts.problem ? html`<p class="field-error" id="related-error"><span class="visually-hidden">${t('newsroom.field.error')}</span> ${opts.problem}</p>` : ''}
    <input type="hidden" name="related" id="related" value="${slugs}" />
    <h3 class="related-picker__heading" id="related-chosen-heading">${t('newsroom.picker.chosen', { count: chosen.length, max: maxPicks })}</h3>
    <p class="muted related-picker__none"${chosen.length ? html` hidden` : ''}>${t('newsroom.picker.none')}</p>
    <ol class="related-picker__list related-picker__chosen" aria-labelledby="related-chosen-heading">
      ${chosen.map((s, i) => chosenItem(s, i, chosen.length, opts))}
    </ol>
    ${
      opts.editable
        ? html`<div class="related-picker__search">
            <div class="field">
              <label for="related-q">${t('newsroom.picker.find')}</label>
              <input id="related-q" name="relatedQuery" type="search" value="${state.query}" maxlength="200"${state.focus ? html` autofocus` : ''} />
            </div>
            <button type="submit" class="button button--secondary" name="intent" value="related-search">${t('newsroom.picker.search')}</button>
          </div>
          <p class="related-picker__status" id="related-status" role="status">${state.said}</p>
          <ul class="related-picker__list related-picker__results" id="related-results" aria-label="${t('newsroom.picker.results')}"${results && results.length ? '' : html` hidden`}>
            ${(results ?? []).map(
              (s) => html`<li data-slug="${s.slug}" data-headline="${s.headline}">
                ${storyText(s, i18n)}
                <span class="related-picker__buttons">${button(i18n, `related-add:${s.slug}`, t('newsroom.picker.add'), s.headline)}</span>
              </li>`,
            )}
          </ul>`
        : ''
    }
  </fieldset>`;
}
