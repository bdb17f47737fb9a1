import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  commentPolicy,
  parseEditWindowMinutes,
  parseSiteDefaults,
  withinEditWindow,
} from './comment-settings.js';

const published = '2026-01-01T00:00:00.000Z';
const hoursLater = (h: number) => new Date(Date.parse(published) + h * 3_600_000);
const none = { mode: null, autoCloseHours: null };

test('the site default applies when the article has no override', () => {
  const site = { mode: 'premoderated' as const, autoCloseHours: 0 };
  assert.deepEqual(commentPolicy(site, none, published, hoursLater(1000)), {
    mode: 'premoderated',
    closedBy: null,
    closesAt: null,
  });
});

test('an article override wins over the site default, field by field', () => {
  const site = { mode: 'closed' as const, autoCloseHours: 2 };
  const open = commentPolicy(site, { mode: 'open', autoCloseHours: 0 }, published, hoursLater(5));
  assert.equal(open.mode, 'open');
  const timed = commentPolicy(
    site,
    { mode: 'open', autoCloseHours: null },
    published,
    hoursLater(1),
  );
  assert.equal(timed.mode, 'open');
  assert.equal(timed.closesAt, hoursLater(2).toISOString());
  assert.equal(commentPolicy(site, none, published, hoursLater(0)).closedBy, 'setting');
});

test('comments close automatically N hours after publication', () => {
  const site = { mode: 'open' as const, autoCloseHours: 48 };
  assert.equal(commentPolicy(site, none, published, hoursLater(47.9)).mode, 'open');
  const closed = commentPolicy(site, none, published, hoursLater(48));
  assert.equal(closed.mode, 'closed');
  assert.equal(closed.closedBy, 'time');
  // Pre-moderated articles close on time too.
  const pre = commentPolicy(
    site,
    { mode: 'premoderated', autoCloseHours: null },
    published,
    hoursLater(49),
  );
  assert.equal(pre.mode, 'closed');
});

test('stored settings are read leniently', () => {
  assert.deepEqual(parseSiteDefaults(null, null), { mode: 'open', autoCloseHours: 0 });
  assert.deepEqual(parseSiteDefaults('premoderated', '12'), {
    mode: 'premoderated',
    autoCloseHours: 12,
  });
  assert.deepEqual(parseSiteDefaults('weird', '-3'), { mode: 'open', autoCloseHours: 0 });
  assert.equal(parseEditWindowMinutes(null), 15);
  assert.equal(parseEditWindowMinutes('30'), 30);
  assert.equal(parseEditWindowMinutes('x'), 15);
});

test('the edit window includes its last moment and nothing after', () => {
  const at = '2026-01-01T00:00:00.000Z';
  assert.equal(withinEditWindow(at, 15, new Date(Date.parse(at) + 15 * 60_000)), true);
  assert.equal(withinEditWindow(at, 15, new Date(Date.parse(at) + 15 * 60_000 + 1)), false);
});
