import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CommentViewerState } from '../services/comment-threads.js';
import type { PageContext, PageViewer } from './context.js';
import { html, type SafeHtml } from './html.js';
import type { Viewing } from './context.js';
import { PageShell, SlotRecorder } from './slots.js';

// A small view drawn both ways: with holes (the shell) and for one reader directly.
const comments = [
  { id: 'c1', author: 'u-ana', text: 'First <b>' },
  { id: 'c2', author: 'u-ben', text: 'Second \u0000not-a-hole:0\u0000' },
  { id: 'c3', author: 'u-olga', text: 'Third' },
];

function controls(v: Viewing, c: (typeof comments)[number]): SafeHtml {
  const viewer = v.ctx.viewer;
  if (!viewer || !v.comments) return html`<span>${c.text.length}</span>`;
  const own = c.author === viewer.id;
  const liked = v.comments.reacted.has(c.id);
  // As the real controls (decision 0084): no token, but in the Report form the reader opened.
  return html`<span data-own="${String(own)}" data-liked="${String(liked)}"
    ><button form="actions" name="on" value="${liked ? '0' : '1'}">Like</button>${
      v.personal.reportedId === c.id ? 'reported' : ''
    }${
      v.personal.reportingId === c.id
        ? html`<form><input name="_csrf" value="${viewer.csrfToken}" /></form>`
        : html`<a href="?report=${c.id}">Report</a>`
    }</span
  >`;
}

function view(ctx: PageContext, direct: Viewing): SafeHtml {
  const hole = (spec: Parameters<SlotRecorder['add']>[0]) =>
    ctx.slots ? ctx.slots.add(spec) : spec.render(direct);
  return html`<header>${hole({ render: (v) => html`${v.ctx.viewer?.name ?? 'Sign in'}` })}</header>
    <ol>
      ${comments.map(
        (c) =>
          html`<li>${c.text}${hole({
            comment: { id: c.id, authorId: c.author },
            render: (v) => controls(v, c),
          })}</li>`,
      )}
    </ol>`;
}

const base = { siteName: 'Test' } as unknown as PageContext;
const person = (id: string, name: string): PageViewer => ({
  id,
  name,
  role: 'commenter',
  csrfToken: `token-of-${id}`,
});
const state = (userId: string, reacted: string[] = []): CommentViewerState => ({
  userId,
  reacted: new Set(reacted),
  editable: new Set(),
  reported: new Set(),
  confirmEmail: null,
});

test('a shell filled for a reader is what the view draws for them, and nobody’s page the anonymous one', () => {
  const recorder = new SlotRecorder();
  const drawn = view({ ...base, slots: recorder }, { ctx: base, comments: null, personal: {} });
  const shell = PageShell.of(drawn, recorder, base, { articleId: 'a', threads: [], print: false });
  const anonymous: Viewing = { ctx: { ...base, viewer: null }, comments: null, personal: {} };
  assert.equal(shell.anonymous(), view(base, anonymous).value);
  const readers: Viewing[] = [
    { ctx: { ...base, viewer: person('u-ana', 'Ana') }, comments: state('u-ana'), personal: {} },
    {
      ctx: { ...base, viewer: person('u-ben', 'Ben') },
      comments: state('u-ben', ['c3']),
      personal: { reportedId: 'c1' },
    },
    { ctx: { ...base, viewer: person('u-zed', 'Zed') }, comments: state('u-zed'), personal: {} },
  ];
  // Twice over, so the second fill uses the shared controls drawn by the first.
  for (const round of [1, 2]) {
    for (const reader of readers) {
      const expected = view({ ...base, viewer: reader.ctx.viewer ?? null }, reader).value;
      assert.equal(shell.fill(reader), expected, `${reader.ctx.viewer?.name} round ${round}`);
      assert.equal(shell.fillBytes(reader).toString(), expected);
    }
  }
  // The text that looks like a marker stayed text; no reader's token reached another's page.
  assert.ok(shell.anonymous().includes('\u0000not-a-hole:0\u0000'));
  assert.ok(!shell.fill(readers[0]!).includes('token-of-u-ben'));
});

test('a reader’s page spliced as gzip unzips to their filled page, whoever came before', async () => {
  const { gunzipSync } = await import('node:zlib');
  const recorder = new SlotRecorder();
  const drawn = view({ ...base, slots: recorder }, { ctx: base, comments: null, personal: {} });
  const shell = PageShell.of(drawn, recorder, base, { articleId: 'a', threads: [], print: false });
  const long = (id: string, name: string): PageViewer => ({
    ...person(id, name),
    csrfToken: `${id}-`.padEnd(32, 'x'),
  });
  const readers: Viewing[] = [
    { ctx: { ...base, viewer: long('u-zed', 'Zed') }, comments: state('u-zed'), personal: {} },
    { ctx: { ...base, viewer: long('u-ana', 'Ana') }, comments: state('u-ana'), personal: {} },
    {
      ctx: { ...base, viewer: long('u-ben', 'Ben') },
      comments: state('u-ben', ['c3']),
      personal: { reportedId: 'c1' },
    },
    { ctx: { ...base, viewer: long('u-kim', 'Kim') }, comments: state('u-kim'), personal: {} },
  ];
  for (const round of [1, 2, 3]) {
    for (const reader of readers) {
      const gz = shell.fillGzip(reader);
      assert.ok(gz, 'spliced');
      assert.equal(
        gunzipSync(gz).toString(),
        shell.fillBytes(reader).toString(),
        `${reader.ctx.viewer?.name} round ${round}`,
      );
    }
  }
  assert.ok(shell.takeGzipGrowth() > 0);
  // A token of another length, and a reader with a Report form open (their token in it).
  const other: Viewing = {
    ctx: { ...base, viewer: person('u-x', 'X') },
    comments: state('u-x'),
    personal: { reportingId: 'c2' },
  };
  const page = gunzipSync(shell.fillGzip(other)!).toString();
  assert.equal(page, view({ ...base, viewer: other.ctx.viewer ?? null }, other).value);
  assert.ok(page.includes('value="token-of-u-x"'));
  // Nothing kept from that page reaches the next reader.
  for (const reader of readers) {
    assert.ok(!gunzipSync(shell.fillGzip(reader)!).toString().includes('token-of-u-x'));
  }
  // Anonymous and print (no reader state) are not spliced either.
  assert.equal(shell.fillGzip({ ctx: base, comments: null, personal: {} }), null);
});

test('a long page spliced as gzip is right for readers with and without comments of their own', async () => {
  const { gunzipSync } = await import('node:zlib');
  const many = Array.from({ length: 150 }, (_, n) => ({
    id: `c${n}`,
    author: `u-${n % 5}`,
    text: `Comment ${n} `.repeat(1 + (n % 7)),
  }));
  const draw = (ctx: PageContext, direct: Viewing): SafeHtml => {
    const hole = (spec: Parameters<SlotRecorder['add']>[0]) =>
      ctx.slots ? ctx.slots.add(spec) : spec.render(direct);
    return html`<header>${hole({ render: (v) => html`${v.ctx.viewer?.name ?? 'Sign in'}` })}</header>
      <ol>
        ${many.map(
          (c) =>
            html`<li><p>${c.text}</p>${hole({
              comment: { id: c.id, authorId: c.author },
              render: (v) => controls(v, { ...c, text: c.text }),
            })}</li>`,
        )}
      </ol>
      <footer>${hole({ render: (v) => html`<input value="${v.ctx.viewer?.csrfToken ?? ''}" />` })}</footer>`;
  };
  const recorder = new SlotRecorder();
  const drawn = draw({ ...base, slots: recorder }, { ctx: base, comments: null, personal: {} });
  const shell = PageShell.of(drawn, recorder, base, { articleId: 'a', threads: [], print: false });
  const reader = (id: string, liked: string[]): Viewing => ({
    ctx: { ...base, viewer: { ...person(id, id), csrfToken: `${id}`.padEnd(32, '7') } },
    comments: state(id, liked),
    personal: {},
  });
  // One with a Report form open mid-page (their token there: a personal hole among the runs).
  const reporting = {
    ...reader('u-3', ['c60']),
    personal: { reportingId: 'c52', reportedId: 'c9' },
  };
  const readers = [
    reader('u-1', ['c7']),
    reader('u-9', []),
    reporting,
    reader('u-2', ['c100', 'c3']),
    reader('u-8', []),
  ];
  for (const round of [1, 2, 3, 4, 5, 6, 7, 8]) {
    for (const r of readers) {
      const gz = shell.fillGzip(r);
      assert.ok(gz);
      assert.equal(
        gunzipSync(gz).toString(),
        draw({ ...base, viewer: r.ctx.viewer ?? null }, r).value,
        `${r.ctx.viewer?.id} round ${round}`,
      );
    }
  }
});

test('controls drawn with a token are never shared: each reader gets their own', async () => {
  const { gunzipSync } = await import('node:zlib');
  const draw = (ctx: PageContext, direct: Viewing): SafeHtml => {
    const hole = (spec: Parameters<SlotRecorder['add']>[0]) =>
      ctx.slots ? ctx.slots.add(spec) : spec.render(direct);
    return html`<ol>
      ${comments.map(
        (c) =>
          html`<li>${c.text}${hole({
            comment: { id: c.id, authorId: c.author },
            render: (v) => html`<input name="_csrf" value="${v.ctx.viewer?.csrfToken ?? ''}" />`,
          })}</li>`,
      )}
    </ol>`;
  };
  const recorder = new SlotRecorder();
  const drawn = draw({ ...base, slots: recorder }, { ctx: base, comments: null, personal: {} });
  const shell = PageShell.of(drawn, recorder, base, { articleId: 'a', threads: [], print: false });
  for (const id of ['u-a', 'u-b', 'u-a']) {
    const r: Viewing = {
      ctx: { ...base, viewer: person(id, id) },
      comments: state(id),
      personal: {},
    };
    const expected = draw({ ...base, viewer: r.ctx.viewer ?? null }, r).value;
    assert.equal(shell.fill(r), expected);
    assert.equal(gunzipSync(shell.fillGzip(r)!).toString(), expected);
    assert.equal(expected.split(`token-of-${id}`).length, comments.length + 1);
  }
});

test('readers whom no comment concerns share every run: their pages differ only in their holes', async () => {
  const { gunzipSync } = await import('node:zlib');
  const recorder = new SlotRecorder();
  const drawn = view({ ...base, slots: recorder }, { ctx: base, comments: null, personal: {} });
  const shell = PageShell.of(drawn, recorder, base, { articleId: 'a', threads: [], print: false });
  const r = (id: string): Viewing => ({
    ctx: { ...base, viewer: person(id, 'Same') },
    comments: state(id),
    personal: {},
  });
  shell.fillGzip(r('u-x'));
  shell.takeGzipGrowth();
  // Nothing new compressed or kept for the next readers like them.
  const a = shell.fillGzip(r('u-y'))!;
  const b = shell.fillGzip(r('u-z'))!;
  assert.equal(shell.takeGzipGrowth(), 0);
  assert.equal(a.length, b.length);
  assert.equal(gunzipSync(a).toString(), shell.fill(r('u-y')));
});
