import { test } from 'node:test';
import assert from 'node:assert/strict';
import { safeRedirectPath } from './redirect.js';

test('same-site paths are kept, with their query and fragment', () => {
  assert.equal(safeRedirectPath('/news/2026/01/02/a#comments'), '/news/2026/01/02/a#comments');
  assert.equal(safeRedirectPath('/search?q=harbour'), '/search?q=harbour');
});

test('anything that could leave the site falls back to /', () => {
  const hostile = [
    '//evil.example',
    '/\\evil.example',
    '\\\\evil.example',
    'https://evil.example',
    'https:evil.example',
    'http:/evil.example',
    'javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    '%2F%2Fevil.example',
    '%252F%252Fevil.example',
    '/%2F/evil.example',
    '/%5Cevil.example',
    '/\tevil',
    ' //evil.example',
    'evil.example',
    '',
    '%E0%A4%A',
  ];
  for (const target of hostile) assert.equal(safeRedirectPath(target), '/', JSON.stringify(target));
  assert.equal(safeRedirectPath(undefined), '/');
  assert.equal(safeRedirectPath(['/a']), '/');
});
