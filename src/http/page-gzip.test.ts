import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { cutsOf, longestSegment, segmentedGzip } from './page-gzip.js';

/** An article page's shape: a head with counts, a long body, then comments with random ids. */
function page(count: number, comments: readonly string[]): Buffer {
  const head = `<header><span class="badge">${count}</span> ${count} comments</header>\n`;
  const body = `<article>${'<p>The river plan, paragraph by paragraph, again.</p>\n'.repeat(600)}</article>\n`;
  const list = comments
    .map(
      (id) =>
        `<li class="comment" id="comment-${id}"><p class="comment__meta">Reader ${id.slice(0, 4)}</p>` +
        `<div class="comment__body">${'I read the council minutes and the figures do not match. '.repeat(12)}</div></li>\n`,
    )
    .join('');
  return Buffer.from(`${head}${body}<ol class="comments">${list}</ol>\n<footer>end</footer>`);
}
const ids = (n: number) => Array.from({ length: n }, () => randomBytes(13).toString('hex'));

describe('segmented gzip (decision 0086)', () => {
  test('cuts where the text says, at most every 16 KiB, covering the whole page', () => {
    const comments = ids(200);
    const body = page(200, comments);
    const ends = cutsOf(body);
    assert.equal(ends.at(-1), body.length);
    let start = 0;
    for (const end of ends) {
      assert.ok(end > start && end - start <= longestSegment, `${start}–${end}`);
      start = end;
    }
    assert.ok(ends.length > 10 && ends.length < 80, `${ends.length} segments`);
    // A comment inserted moves no cut after it: the cuts are the same, shifted by its length.
    const inserted = ids(1);
    const grown = page(200, [...comments.slice(0, 100), ...inserted, ...comments.slice(100)]);
    const shift = grown.length - body.length;
    // Past the segment the comment went into (forced cuts there may move: at most 16 KiB on).
    const from = grown.indexOf(inserted[0]!) + 2 * longestSegment;
    const after = new Set(cutsOf(grown).filter((e) => e > from));
    const moved = ends.map((e) => e + shift).filter((e) => e > from);
    for (const e of moved) assert.ok(after.has(e), `cut ${e} moved`);
  });

  test('is the page; the next version compresses only what changed, and is the next page', () => {
    const comments = ids(200);
    const first = segmentedGzip(page(200, comments));
    assert.equal(gunzipSync(first.gzip).toString(), page(200, comments).toString());
    assert.equal(first.fresh, first.ends.length);
    // The counts change (same length): the head's segment and the 16 KiB after it.
    const second = segmentedGzip(page(201, comments), first);
    assert.equal(gunzipSync(second.gzip).toString(), page(201, comments).toString());
    assert.ok(second.fresh <= 3, `${second.fresh} of ${second.ends.length} compressed again`);
    // A comment added at the end, and the counts: the head and the end.
    const added = [...comments, ...ids(1)];
    const third = segmentedGzip(page(202, added), second);
    assert.equal(gunzipSync(third.gzip).toString(), page(202, added).toString());
    assert.ok(third.fresh <= 5, `${third.fresh} of ${third.ends.length}`);
    // A count that grows a digit shifts everything after it: still the right page.
    const fourth = segmentedGzip(page(1000, added), third);
    assert.equal(gunzipSync(fourth.gzip).toString(), page(1000, added).toString());
  });

  test('takes nothing from a different page, even with equal segments elsewhere', () => {
    const a = page(5, ids(50));
    const b = Buffer.concat([Buffer.from('<li x>'), a]);
    const z = segmentedGzip(b, segmentedGzip(a));
    assert.equal(gunzipSync(z.gzip).toString(), b.toString());
    const empty = segmentedGzip(Buffer.alloc(0));
    assert.equal(gunzipSync(empty.gzip).length, 0);
  });
});
