import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isAllowedArticleHref, renderArticleMarkdown } from './markdown.js';

test('raw HTML in Markdown is shown as text, never as markup', () => {
  const out = renderArticleMarkdown('Hello <script>alert(1)</script> <img src=x onerror=alert(1)>');
  assert.ok(!out.includes('<script>'));
  assert.ok(!out.includes('<img'));
  assert.ok(out.includes('&lt;script&gt;'));
});

test('only http, https, mailto and same-site links survive', () => {
  assert.match(
    renderArticleMarkdown('[a](https://example.com/x)'),
    /<a href="https:\/\/example.com\/x">a<\/a>/,
  );
  assert.match(
    renderArticleMarkdown('[a](mailto:desk@example.com)'),
    /href="mailto:desk@example.com"/,
  );
  assert.match(renderArticleMarkdown('[a](/news/2026)'), /href="\/news\/2026"/);
  for (const bad of [
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'java\tscript:alert(1)',
    'data:text/html,x',
    'vbscript:x',
    '//evil.example/x',
  ]) {
    assert.ok(!isAllowedArticleHref(bad), bad);
    assert.ok(!renderArticleMarkdown(`[a](${bad})`).includes('<a '), bad);
  }
});

test('quotations, sub-headings and curly quotes render', () => {
  const out = renderArticleMarkdown('## Reaction\n\n> "We were not told," she said.\n');
  assert.match(out, /<h2>Reaction<\/h2>/);
  assert.match(out, /<blockquote>\s*<p>“We were not told,” she said.<\/p>/);
});
