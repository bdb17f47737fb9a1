import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { AppError, conditions, kindStatus, publicError, type Condition } from './errors.js';

const all = Object.keys(conditions) as Condition[];

test('every condition has a kind, and so an error status', () => {
  for (const condition of all) {
    const error = new AppError(condition, 'A sentence.');
    assert.ok(error.status >= 400 && error.status < 600, `${condition}: ${error.status}`);
    assert.equal(error.status, kindStatus[error.kind], condition);
  }
});

test('a condition that shares a kind’s name is of that kind, so `code` never contradicts it', () => {
  for (const condition of all) {
    if (Object.hasOwn(kindStatus, condition)) assert.equal(conditions[condition], condition);
  }
});

test('the public part: the kind as code, the condition, the message, the field when known', () => {
  const taken = new AppError('slug_taken', 'Pick another.', { field: 'slug', detail: 'secret' });
  assert.deepEqual(publicError(taken), {
    code: 'conflict',
    condition: 'slug_taken',
    message: 'Pick another.',
    field: 'slug',
  });
  assert.equal(taken.status, 409);
  const fieldless = publicError(new AppError('not_found', 'That article was not found.'));
  assert.deepEqual(fieldless, {
    code: 'not_found',
    condition: 'not_found',
    message: 'That article was not found.',
  });
  assert.ok(!('field' in fieldless), 'no field key when the error names none');
  assert.ok(!JSON.stringify(publicError(taken)).includes('secret'), 'the detail is never sent');
});

test('docs/api.md lists every condition with its status, and nothing else', () => {
  const rows = [
    ...readFileSync(new URL('../docs/api.md', import.meta.url), 'utf8').matchAll(
      /^\| `([a-z_]+)` +\| (\d{3}) +\|/gm,
    ),
  ].map((m) => [m[1], Number(m[2])]);
  const expected = all.map((c) => [c, kindStatus[conditions[c]]]);
  assert.deepEqual(
    [...rows].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    [...expected].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
  );
});
