import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  arrangementAt,
  checkArrangement,
  isLive,
  nextExpiry,
  parseExpiry,
  expiryInputValue,
  sectionsOnFront,
  storedForm,
} from './front.js';
import type { Section } from './section.js';

const sections: Section[] = ['news', 'sport', 'arts'].map((slug, position) => ({
  slug,
  name: slug,
  description: '',
  position,
  hidden: false,
}));
const now = new Date('2026-03-04T12:00:00.000Z');
const published = new Map([
  ['a1', 'a1'],
  ['a2', 'a2'],
  ['slug-of-a3', 'a3'],
  ['a3', 'a3'],
]);
const context = {
  resolve: (x: string) => published.get(x) ?? null,
  sections,
  now,
  timeZone: 'UTC',
};

test('sections: none stored is every section in menu order; stored order first, new ones last', () => {
  assert.deepEqual(
    sectionsOnFront(sections, []).map((s) => s.slug),
    ['news', 'sport', 'arts'],
  );
  const choices = [
    { slug: 'arts', position: 0, shown: true },
    { slug: 'news', position: 1, shown: false },
  ];
  assert.deepEqual(
    sectionsOnFront(sections, choices).map((s) => s.slug),
    ['arts', 'sport'],
    'sport has no row (created after the save): shown, last',
  );
});

test('a pin is live strictly before its expiry', () => {
  assert.ok(isLive({ articleId: 'a', expiresAt: null }, now));
  assert.ok(isLive({ articleId: 'a', expiresAt: '2026-03-04T12:00:00.001Z' }, now));
  assert.ok(!isLive({ articleId: 'a', expiresAt: '2026-03-04T12:00:00.000Z' }, now));
});

test('the stored arrangement at a moment: expired pins leave their slots, featured close up', () => {
  const arrangement = arrangementAt(
    [
      { slot: 0, articleId: 'a1', expiresAt: '2026-03-04T11:00:00.000Z' },
      { slot: 3, articleId: 'a3', expiresAt: null },
      { slot: 1, articleId: 'a2', expiresAt: '2026-03-04T13:00:00.000Z' },
    ],
    [],
    sections,
    now,
  );
  assert.deepEqual(arrangement, {
    lead: null,
    featured: [
      { articleId: 'a2', expiresAt: '2026-03-04T13:00:00.000Z' },
      { articleId: 'a3', expiresAt: null },
    ],
    sections: ['news', 'sport', 'arts'],
  });
  assert.equal(nextExpiry(arrangement.featured), '2026-03-04T13:00:00.000Z');
  assert.equal(nextExpiry([]), null);
});

test('stored form: slots from 0 (the lead), every section placed, hidden ones after', () => {
  const stored = storedForm(
    {
      lead: { articleId: 'a1', expiresAt: null },
      featured: [{ articleId: 'a2', expiresAt: null }],
      sections: ['arts'],
    },
    sections,
  );
  assert.deepEqual(stored.pins, [
    { slot: 0, articleId: 'a1', expiresAt: null },
    { slot: 1, articleId: 'a2', expiresAt: null },
  ]);
  assert.deepEqual(stored.sections, [
    { slug: 'arts', position: 0, shown: true },
    { slug: 'news', position: 1, shown: false },
    { slug: 'sport', position: 2, shown: false },
  ]);
});

test("expiry input: datetime-local is the site's time, offsets are honoured, nonsense is no time", () => {
  assert.equal(parseExpiry('2026-03-04T17:30', 'UTC'), '2026-03-04T17:30:00.000Z');
  assert.equal(parseExpiry('2026-03-04T17:30', 'America/New_York'), '2026-03-04T22:30:00.000Z');
  assert.equal(parseExpiry('2026-07-04T17:30', 'Europe/London'), '2026-07-04T16:30:00.000Z');
  // Clocks going back: the first 01:30; going forward: the skipped hour read as before it.
  assert.equal(parseExpiry('2026-11-01T01:30', 'America/New_York'), '2026-11-01T05:30:00.000Z');
  assert.equal(parseExpiry('2026-03-29T01:30', 'Europe/London'), '2026-03-29T01:30:00.000Z');
  assert.equal(
    parseExpiry('2026-03-04T17:30:15.5+01:00', 'America/New_York'),
    '2026-03-04T16:30:15.500Z',
  );
  assert.equal(parseExpiry('2026-02-31T10:00', 'UTC'), null);
  assert.equal(parseExpiry('tomorrow', 'UTC'), null);
  assert.equal(
    expiryInputValue('2026-03-04T22:30:00.000Z', 'America/New_York'),
    '2026-03-04T17:30',
  );
});

test('checking: ids or slugs of published stories, each once, expiries ahead, known sections', () => {
  const ok = checkArrangement(
    {
      lead: { article: 'slug-of-a3', expiresAt: '2026-03-05T09:00' },
      featured: [{ article: 'a1' }, { article: 'a2', expiresAt: '' }],
      sections: ['sport', 'news'],
    },
    context,
  );
  assert.deepEqual(ok, {
    ok: true,
    arrangement: {
      lead: { articleId: 'a3', expiresAt: '2026-03-05T09:00:00.000Z' },
      featured: [
        { articleId: 'a1', expiresAt: null },
        { articleId: 'a2', expiresAt: null },
      ],
      sections: ['sport', 'news'],
    },
  });
  const problem = (input: Parameters<typeof checkArrangement>[0]) => {
    const checked = checkArrangement(input, context);
    return checked.ok ? null : checked.problem;
  };
  const none = { lead: null, featured: [], sections: [] };
  assert.deepEqual(problem({ ...none, featured: Array(7).fill({ article: 'a1' }) }), {
    kind: 'too_many',
    field: 'featured',
  });
  assert.deepEqual(problem({ ...none, lead: { article: 'draft' } }), {
    kind: 'unavailable',
    field: 'lead.articleId',
  });
  assert.deepEqual(
    problem({ ...none, lead: { article: 'a3' }, featured: [{ article: 'slug-of-a3' }] }),
    { kind: 'duplicate', field: 'featured.0.articleId' },
  );
  assert.deepEqual(
    problem({ ...none, featured: [{ article: 'a1', expiresAt: '2026-03-04T12:00' }] }),
    {
      kind: 'past',
      field: 'featured.0.expiresAt',
    },
  );
  assert.deepEqual(problem({ ...none, lead: { article: 'a1', expiresAt: 'soon' } }), {
    kind: 'bad_time',
    field: 'lead.expiresAt',
  });
  assert.deepEqual(problem({ ...none, sections: ['nowhere'] }), {
    kind: 'unknown_section',
    field: 'sections',
  });
  assert.deepEqual(problem({ ...none, sections: ['news', 'news'] }), {
    kind: 'repeated_section',
    field: 'sections',
  });
});
