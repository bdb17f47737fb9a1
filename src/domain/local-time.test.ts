import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  choiceLabel,
  dayClock,
  instantsOf,
  localDay,
  localInputValue,
  localTimeValue,
  offsetLabel,
  offsetMinutes,
  parseLocalDateTime,
  unclearLocalTimeMessage,
  zoneAbbreviation,
  type LocalDateTime,
} from './local-time.js';

const at = (text: string): LocalDateTime => {
  const local = parseLocalDateTime(text);
  assert.ok(local, text);
  return local;
};
const london = 'Europe/London';
const newYork = 'America/New_York';

test('an ordinary local time names one instant, in winter and in summer', () => {
  assert.deepEqual(instantsOf(at('2026-01-15T09:00'), london), {
    kind: 'exact',
    instant: '2026-01-15T09:00:00.000Z',
  });
  assert.deepEqual(instantsOf(at('2026-07-15T09:00'), london), {
    kind: 'exact',
    instant: '2026-07-15T08:00:00.000Z',
  });
  assert.deepEqual(instantsOf(at('2026-01-15T09:00'), newYork), {
    kind: 'exact',
    instant: '2026-01-15T14:00:00.000Z',
  });
  assert.deepEqual(instantsOf(at('2026-07-15T09:00'), newYork), {
    kind: 'exact',
    instant: '2026-07-15T13:00:00.000Z',
  });
  assert.deepEqual(instantsOf(at('2026-07-15T09:00'), 'UTC'), {
    kind: 'exact',
    instant: '2026-07-15T09:00:00.000Z',
  });
});

test('Europe/London, spring forward (29 March 2026, 01:00 GMT → 02:00 BST)', () => {
  // 01:30 never happens: read with GMT it is 02:30 BST, with BST it is 00:30 GMT.
  assert.deepEqual(instantsOf(at('2026-03-29T01:30'), london), {
    kind: 'skipped',
    choices: ['2026-03-29T01:30:00.000Z', '2026-03-29T00:30:00.000Z'],
  });
  // Either side of the gap is an ordinary time.
  assert.deepEqual(instantsOf(at('2026-03-29T00:59'), london), {
    kind: 'exact',
    instant: '2026-03-29T00:59:00.000Z',
  });
  assert.deepEqual(instantsOf(at('2026-03-29T02:00'), london), {
    kind: 'exact',
    instant: '2026-03-29T01:00:00.000Z',
  });
});

test('Europe/London, fall back (25 October 2026, 02:00 BST → 01:00 GMT)', () => {
  assert.deepEqual(instantsOf(at('2026-10-25T01:30'), london), {
    kind: 'ambiguous',
    choices: ['2026-10-25T00:30:00.000Z', '2026-10-25T01:30:00.000Z'],
  });
  assert.deepEqual(instantsOf(at('2026-10-25T00:59'), london), {
    kind: 'exact',
    instant: '2026-10-24T23:59:00.000Z',
  });
  assert.deepEqual(instantsOf(at('2026-10-25T02:00'), london), {
    kind: 'exact',
    instant: '2026-10-25T02:00:00.000Z',
  });
});

test('America/New_York, spring forward (8 March 2026, 02:00 EST → 03:00 EDT)', () => {
  const found = instantsOf(at('2026-03-08T02:30'), newYork);
  assert.deepEqual(found, {
    kind: 'skipped',
    choices: ['2026-03-08T07:30:00.000Z', '2026-03-08T06:30:00.000Z'],
  });
  assert.ok(found.kind === 'skipped');
  assert.deepEqual(
    found.choices.map((c) => choiceLabel(c, newYork)),
    ['03:30 EDT (UTC\u22124)', '01:30 EST (UTC\u22125)'],
  );
  assert.equal(
    unclearLocalTimeMessage(at('2026-03-08T02:30'), newYork, found),
    '02:30 does not happen on 8 March 2026 in America/New_York, because the clocks go forward: ' +
      'choose 03:30 EDT (UTC\u22124) or 01:30 EST (UTC\u22125).',
  );
  assert.deepEqual(instantsOf(at('2026-03-08T03:00'), newYork), {
    kind: 'exact',
    instant: '2026-03-08T07:00:00.000Z',
  });
});

test('America/New_York, fall back (1 November 2026, 02:00 EDT → 01:00 EST)', () => {
  const found = instantsOf(at('2026-11-01T01:30'), newYork);
  assert.deepEqual(found, {
    kind: 'ambiguous',
    choices: ['2026-11-01T05:30:00.000Z', '2026-11-01T06:30:00.000Z'],
  });
  assert.ok(found.kind === 'ambiguous');
  assert.equal(
    unclearLocalTimeMessage(at('2026-11-01T01:30'), newYork, found),
    '01:30 happens twice on 1 November 2026 in America/New_York: ' +
      'choose 01:30 EDT (UTC\u22124) or 01:30 EST (UTC\u22125).',
  );
  assert.deepEqual(instantsOf(at('2026-11-01T02:00'), newYork), {
    kind: 'exact',
    instant: '2026-11-01T07:00:00.000Z',
  });
});

test('a zone with a half-hour offset and no summer time', () => {
  assert.deepEqual(instantsOf(at('2026-03-08T02:30'), 'Asia/Kolkata'), {
    kind: 'exact',
    instant: '2026-03-07T21:00:00.000Z',
  });
  assert.equal(zoneAbbreviation(Date.parse('2026-03-08T00:00Z'), 'Asia/Kolkata'), 'UTC+5:30');
});

test('local times as typed: datetime-local values, nothing else', () => {
  assert.deepEqual(parseLocalDateTime('2026-05-01T09:05'), {
    year: 2026,
    month: 5,
    day: 1,
    hour: 9,
    minute: 5,
  });
  assert.ok(parseLocalDateTime('2026-05-01T09:05:00'));
  for (const bad of ['2026-02-31T10:00', '2026-05-01T24:00', '2026-05-01T09:60', '2026-05-01']) {
    assert.equal(parseLocalDateTime(bad), null, bad);
  }
  assert.equal(parseLocalDateTime('2026-05-01T09:00Z'), null, 'a zone is not a local time');
});

test('instants back as local input values, days and zone names', () => {
  assert.equal(localInputValue('2026-11-01T05:30:00.000Z', newYork), '2026-11-01T01:30');
  assert.equal(localInputValue('2026-11-01T06:30:00.000Z', newYork), '2026-11-01T01:30');
  assert.equal(localInputValue('2026-07-01T23:30:00.000Z', london), '2026-07-02T00:30');
  assert.equal(localDay(Date.parse('2026-07-02T03:59:00Z'), newYork), '2026-07-01');
  assert.equal(localDay(Date.parse('2026-07-02T04:00:00Z'), newYork), '2026-07-02');
  assert.equal(zoneAbbreviation(Date.parse('2026-01-02T00:00Z'), london), 'GMT');
  assert.equal(zoneAbbreviation(Date.parse('2026-07-02T00:00Z'), london), 'BST');
  assert.equal(zoneAbbreviation(Date.parse('2026-01-02T00:00Z'), newYork), 'EST');
  assert.equal(zoneAbbreviation(Date.parse('2026-07-02T00:00Z'), newYork), 'EDT');
  assert.equal(zoneAbbreviation(Date.parse('2026-07-02T00:00Z'), 'Europe/Paris'), 'CEST');
  assert.equal(zoneAbbreviation(Date.parse('2026-07-02T00:00Z'), 'UTC'), 'UTC');
  assert.equal(offsetMinutes(Date.parse('2026-07-02T00:00Z'), newYork), -240);
  assert.equal(offsetLabel(0), 'UTC');
  assert.equal(offsetLabel(330), 'UTC+5:30');
});

test('the day clock turns at local midnight, across a change of the clocks too', () => {
  let now = Date.parse('2026-03-08T04:58:00Z'); // 23:58 EST on 7 March
  let zone = newYork;
  const today = dayClock(
    () => now,
    () => zone,
  );
  assert.equal(today(), '2026-03-07');
  now = Date.parse('2026-03-08T04:59:59.999Z');
  assert.equal(today(), '2026-03-07');
  now = Date.parse('2026-03-08T05:00:00Z');
  assert.equal(today(), '2026-03-08');
  // The evening after the clocks went forward: midnight is now 04:00 UTC.
  now = Date.parse('2026-03-09T03:59:30Z');
  assert.equal(today(), '2026-03-08');
  now = Date.parse('2026-03-09T04:00:00Z');
  assert.equal(today(), '2026-03-09');
  zone = 'UTC';
  assert.equal(today(), '2026-03-09');
  zone = 'Pacific/Honolulu';
  assert.equal(today(), '2026-03-08', 'a new zone is read at once');
  now = Date.parse('2026-03-01T00:00:00Z');
  assert.equal(today(), '2026-02-28', 'a clock set back is read at once');
});

test('local times typed as a language writes them, where the browser has no date picker', () => {
  const may = { year: 2026, month: 5, day: 1, hour: 9, minute: 5 };
  for (const typed of [
    '1.5.2026, 09:05',
    '01.05.2026 9:05',
    '1.5.2026 um 09:05 Uhr',
    '1/5/2026 09:05',
    '2026-05-01 09:05',
  ]) {
    assert.deepEqual(parseLocalDateTime(typed), may, typed);
  }
  for (const bad of ['31.2.2026, 10:00', '1.5.26 09:05', '1.5.2026', '13/13/2026 09:00']) {
    assert.equal(parseLocalDateTime(bad), null, bad);
  }
  assert.equal(localTimeValue(may), '2026-05-01T09:05');
  assert.equal(
    choiceLabel('2026-10-25T00:30:00.000Z', 'Europe/Berlin', 'de-DE'),
    '02:30 MESZ (UTC+2)',
  );
});
