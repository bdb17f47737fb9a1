import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isAllowedCommentHref, renderCommentMarkdown } from './comment-markdown.js';

test('emphasis, quotes, lists and inline code render', () => {
  const out = renderCommentMarkdown('*one* **two** `x < y`\n\n> quoted\n\n- a\n- b\n\n1. c');
  assert.match(out, /<em>one<\/em> <strong>two<\/strong> <code>x &lt; y<\/code>/);
  assert.match(out, /<blockquote>\s*<p>quoted<\/p>\s*<\/blockquote>/);
  assert.match(out, /<ul>\s*<li>a<\/li>\s*<li>b<\/li>\s*<\/ul>/);
  assert.match(out, /<ol>\s*<li>c<\/li>\s*<\/ol>/);
});

test('links carry nofollow ugc noopener; bare URLs become links', () => {
  assert.equal(
    renderCommentMarkdown('[site](https://example.com/x)').trim(),
    '<p><a href="https://example.com/x" rel="nofollow ugc noopener">site</a></p>',
  );
  assert.match(
    renderCommentMarkdown('see https://example.com/y'),
    /<a href="https:\/\/example.com\/y" rel="nofollow ugc noopener">/,
  );
  assert.match(renderCommentMarkdown('[m](mailto:a@example.com)'), /href="mailto:a@example.com"/);
});

test('only http, https and mailto links survive', () => {
  for (const bad of [
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'java\tscript:alert(1)',
    'data:text/html,x',
    'vbscript:x',
    '//evil.example/x',
    '/relative',
  ]) {
    assert.ok(!isAllowedCommentHref(bad), bad);
    assert.ok(!renderCommentMarkdown(`[a](${bad})`).includes('<a '), bad);
  }
});

test('raw HTML, images and headings stay text', () => {
  const out = renderCommentMarkdown(
    '<script>alert(1)</script> <img src=x onerror=alert(1)>\n\n![alt](https://example.com/i.png)\n\n# Big\n\n    code block',
  );
  assert.ok(!out.includes('<script'));
  assert.ok(!out.includes('<img'));
  assert.ok(!out.includes('<h1'));
  assert.ok(!out.includes('<pre'));
  assert.match(out, /&lt;script&gt;/);
  assert.match(out, /# Big/);
});
