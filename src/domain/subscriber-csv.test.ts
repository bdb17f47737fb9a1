import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Subscriber } from './newsletter.js';
import {
  csvField,
  parseCsv,
  readSubscriberCsv,
  subscriberCsvHeader,
  subscriberCsvLine,
} from './subscriber-csv.js';

const known = (l: string) => ['briefing', 'alerts', 'section:sport'].includes(l);

test('records keep the line they start on, through quoted line breaks and doubled quotes', () => {
  const records = parseCsv('\uFEFFa,b\r\n"x\ny","say ""hi"""\n\nlast,\n');
  assert.deepEqual(records, [
    { line: 1, fields: ['a', 'b'] },
    { line: 2, fields: ['x\ny', 'say "hi"'] },
    { line: 5, fields: ['last', ''] },
  ]);
  assert.equal(parseCsv('a\n"open'), null);
});

test('each bad row is reported by its line and the good ones are kept', () => {
  const read = readSubscriberCsv(
    [
      'EMAIL,consent,lists',
      'A@Example.com,Yes,alerts section:sport',
      'nope,yes,',
      'b@example.com,perhaps,',
      'c@example.com,no,weather',
      'a@example.com,yes,',
      'd@example.com,,',
    ].join('\n'),
    known,
    ['briefing'],
  );
  assert.ok(read);
  assert.deepEqual(read.rows, [
    { line: 2, email: 'a@example.com', lists: ['alerts', 'section:sport'], consent: true },
    { line: 7, email: 'd@example.com', lists: ['briefing'], consent: false },
  ]);
  assert.deepEqual(read.problems, [
    { line: 3, problem: 'email' },
    { line: 4, problem: 'consent', value: 'perhaps' },
    { line: 5, problem: 'list', value: 'weather' },
    { line: 6, problem: 'duplicate', email: 'a@example.com' },
  ]);
});

test('a file without an email column is not a subscriber list', () => {
  assert.equal(readSubscriberCsv('name\nAnn\n', known, []), null);
  assert.equal(readSubscriberCsv('', known, []), null);
});

test('an export reads back, without those who left, and spreadsheets run no formulas', () => {
  const base: Subscriber = {
    id: '1',
    email: 'ann@example.com',
    userId: null,
    status: 'confirmed',
    source: 'form',
    createdAt: '2026-12-01T00:00:00.000Z',
    confirmedAt: '2026-12-01T00:00:00.000Z',
    bouncedAt: null,
    bounceReason: null,
    consentBy: null,
    consentAt: null,
    lists: ['alerts', 'briefing'],
  };
  const file =
    subscriberCsvHeader +
    '\r\n' +
    subscriberCsvLine(base) +
    subscriberCsvLine({ ...base, email: 'bo@example.com', status: 'left', lists: [] }) +
    subscriberCsvLine({ ...base, email: 'cy@example.com', status: 'pending' });
  const read = readSubscriberCsv(file, known, ['briefing']);
  assert.deepEqual(read?.rows, [
    { line: 2, email: 'ann@example.com', lists: ['alerts', 'briefing'], consent: true },
    { line: 4, email: 'cy@example.com', lists: ['alerts', 'briefing'], consent: false },
  ]);
  assert.deepEqual(read?.problems, [{ line: 3, problem: 'status', value: 'left' }]);
  assert.equal(csvField('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
  assert.equal(csvField('plain'), 'plain');
});
