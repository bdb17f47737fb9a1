import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  defaultEntries,
  defaultFooter,
  isMenuUrl,
  movedEntry,
  onlySections,
  parseEntries,
  renamedSection,
  resolveMenu,
  type MenuEntry,
} from './menu.js';

const sections = [
  { slug: 'news', name: 'News', hidden: false },
  { slug: 'archive', name: 'Archive', hidden: true },
  { slug: 'sport', name: 'Sport', hidden: false },
];
const pages = [{ id: 'p1', slug: 'about', title: 'About us' }];

test('defaults: the visible sections in order; the footer’s Corrections and feeds', () => {
  assert.deepEqual(defaultEntries('masthead', sections), [
    { kind: 'section', section: 'news' },
    { kind: 'section', section: 'sport' },
  ]);
  assert.deepEqual(defaultEntries('footer', sections), defaultFooter);
});

test('resolve: labels override; hidden, removed and unpublished entries are left out', () => {
  const entries: MenuEntry[] = [
    { kind: 'section', section: 'sport', label: 'Games' },
    { kind: 'section', section: 'archive' },
    { kind: 'section', section: 'gone' },
    { kind: 'page', page: 'p1' },
    { kind: 'page', page: 'draft' },
    { kind: 'link', url: 'https://example.org/', label: 'Example' },
  ];
  const items = resolveMenu(entries, sections, pages);
  assert.deepEqual(items, [
    { href: '/sport', text: 'Games', section: 'sport' },
    { href: '/about', text: 'About us', page: 'p1' },
    { href: 'https://example.org/', text: 'Example' },
  ]);
  assert.equal(onlySections(items), false);
  assert.equal(onlySections(items.slice(0, 1)), true);
});

test('link addresses: http(s) with a host, or a path on this site', () => {
  for (const ok of ['https://example.org', 'http://example.org/a?b=c', '/corrections', '/']) {
    assert.ok(isMenuUrl(ok), ok);
  }
  for (const bad of [
    'javascript:alert(1)',
    'java\tscript:alert(1)',
    'ftp://example.org',
    'mailto:a@example.org',
    '//evil.example',
    'https://',
    'example.org',
    '#top',
    ' https://example.org',
    '',
  ]) {
    assert.ok(!isMenuUrl(bad), bad);
  }
});

test('a renamed section’s entries follow it; others stay', () => {
  const entries: MenuEntry[] = [
    { kind: 'section', section: 'sport', label: 'Games' },
    { kind: 'section', section: 'news' },
  ];
  assert.deepEqual(renamedSection(entries, 'sport', 'sports'), [
    { kind: 'section', section: 'sports', label: 'Games' },
    { kind: 'section', section: 'news' },
  ]);
});

test('moving: a place up or down; nothing at either end or out of range', () => {
  assert.deepEqual(movedEntry(['a', 'b', 'c'], 2, 'up'), ['a', 'c', 'b']);
  assert.deepEqual(movedEntry(['a', 'b', 'c'], 0, 'down'), ['b', 'a', 'c']);
  assert.equal(movedEntry(['a', 'b'], 0, 'up'), null);
  assert.equal(movedEntry(['a', 'b'], 1, 'down'), null);
  assert.equal(movedEntry(['a', 'b'], 5, 'up'), null);
  assert.equal(movedEntry(['a', 'b'], Number.NaN, 'up'), null);
});

test('stored JSON: malformed entries are left out; nothing stored is the default', () => {
  assert.equal(parseEntries(null), null);
  assert.equal(parseEntries('not json'), null);
  assert.equal(parseEntries('{}'), null);
  assert.deepEqual(parseEntries('[]'), []);
  assert.deepEqual(
    parseEntries(
      JSON.stringify([
        { kind: 'section', section: 'news', label: '' },
        { kind: 'link', url: 'javascript:x', label: 'X' },
        { kind: 'page' },
        { kind: 'page', page: 'p1', label: 'About' },
        7,
      ]),
    ),
    [
      { kind: 'section', section: 'news' },
      { kind: 'page', page: 'p1', label: 'About' },
    ],
  );
});
