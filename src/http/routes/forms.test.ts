import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../../errors.js';
import { translator } from '../../i18n/translator.js';
import { problemOf } from './forms.js';

const en = translator('en-GB', 'Europe/London');
const de = translator('de-DE', 'Europe/Berlin');

test('a form marks the input the error names, whatever the message says', () => {
  const error = new AppError('slug_taken', 'Pick another address for it.', { field: 'slug' });
  assert.deepEqual(problemOf(error, en, { fields: { slug: 'article-slug' } }), {
    message: 'Pick another address for it.',
    field: 'article-slug',
    lang: 'en-GB',
  });
});

test('an error that names no field is placed by its condition, else shown in the summary', () => {
  const failed = new AppError('sign_in_failed', 'Those do not match.');
  assert.deepEqual(problemOf(failed, en, { conditions: { sign_in_failed: 'email' } }), {
    message: 'Those do not match.',
    field: 'email',
    lang: 'en-GB',
  });
  assert.deepEqual(problemOf(failed, en, { fields: { email: 'email' } }), {
    message: 'Those do not match.',
    lang: 'en-GB',
  });
});

test('a field the form does not show stays in the summary', () => {
  const error = new AppError('unknown_section', 'There is no section "x".', { field: 'section' });
  assert.deepEqual(problemOf(error, en, { fields: { headline: 'headline' } }), {
    message: 'There is no section "x".',
    lang: 'en-GB',
  });
});

test('a field name from the request marks nothing it does not own', () => {
  const error = new AppError('too_long', 'A form field is too long.', { field: '__proto__' });
  assert.deepEqual(problemOf(error, en, { fields: { body: 'body' } }), {
    message: 'A form field is too long.',
    lang: 'en-GB',
  });
});

test('a German page says the condition’s message, with the values the error carries', () => {
  const error = new AppError('too_long', 'A headline can be at most 200 characters.', {
    field: 'headline',
    values: { max: 200 },
  });
  assert.deepEqual(problemOf(error, de, { fields: { headline: 'headline' } }), {
    message: 'Das ist zu lang: höchstens 200 Zeichen.',
    field: 'headline',
    lang: 'de-DE',
  });
  // A call site that gave no limit: the general message of its kind, never a raw placeholder.
  const bare = new AppError('too_long', 'A form field is too long.', { field: 'body' });
  assert.deepEqual(problemOf(bare, de), {
    message: 'Diese Anfrage konnte so nicht ausgeführt werden.',
    lang: 'de-DE',
  });
});

test('a pseudo-language page says the catalogue message, marked', () => {
  const error = new AppError('invalid_email', 'Enter a valid email address.', { field: 'email' });
  const { message } = problemOf(error, translator('en-XA', 'UTC'));
  assert.match(message, /^⟦.*⟧$/);
  assert.notEqual(message, '⟦Enter a valid email address.⟧');
});
