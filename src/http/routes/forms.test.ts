import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../../errors.js';
import { problemOf } from './forms.js';

test('a form marks the input the error names, whatever the message says', () => {
  const error = new AppError('slug_taken', 'Pick another address for it.', { field: 'slug' });
  assert.deepEqual(problemOf(error, { fields: { slug: 'article-slug' } }), {
    message: 'Pick another address for it.',
    field: 'article-slug',
  });
});

test('an error that names no field is placed by its condition, else shown in the summary', () => {
  const failed = new AppError('sign_in_failed', 'Those do not match.');
  assert.deepEqual(problemOf(failed, { conditions: { sign_in_failed: 'email' } }), {
    message: 'Those do not match.',
    field: 'email',
  });
  assert.deepEqual(problemOf(failed, { fields: { email: 'email' } }), {
    message: 'Those do not match.',
  });
});

test('a field the form does not show stays in the summary', () => {
  const error = new AppError('unknown_section', 'There is no section "x".', { field: 'section' });
  assert.deepEqual(problemOf(error, { fields: { headline: 'headline' } }), {
    message: 'There is no section "x".',
  });
});

test('a field name from the request marks nothing it does not own', () => {
  const error = new AppError('too_long', 'A form field is too long.', { field: '__proto__' });
  assert.deepEqual(problemOf(error, { fields: { body: 'body' } }), {
    message: 'A form field is too long.',
  });
});
