/**
 * Drawn comment threads kept by what they are drawn from (decision 0093): a kept thread is used
 * only while every comment in it and its shape are the same, so an edit, a moderator's removal,
 * a deletion, a like, a renamed author, a new reply or another language draws it anew; in a page
 * drawn with holes the kept thread's controls are made holes again, filled per reader.
 */
import { beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Comment, CommentNode } from '../../domain/comment.js';
import type { CommentsPage, CommentViewerState } from '../../services/comment-threads.js';
import { translator } from '../../i18n/translator.js';
import type { PageContext } from '../context.js';
import { PageShell, SlotRecorder } from '../slots.js';
import { commentThreads, commentsSection, forgetDrawnComments } from './comments.js';

const path = '/news/2026/12/06/threads';

function comment(id: string, over: Partial<Comment> = {}): Comment {
  const root = over.rootId ?? id;
  return {
    id,
    articleId: 'a1',
    parentId: root === id ? null : root,
    rootId: root,
    author: { id: `u-${id}`, name: `Author ${id}`, slug: `author-${id}` },
    body: `Text of ${id}`,
    html: `<p>Text of ${id}</p>`,
    status: 'published',
    depth: root === id ? 0 : 1,
    reactionCount: 0,
    createdAt: '2026-12-06T03:00:00.000Z',
    editedAt: null,
    ...over,
  };
}

/** Two threads: t1 with two replies (the second answered), t2 alone. */
function threads(change: (c: Comment) => Comment = (c) => c): CommentNode[] {
  const c = (id: string, over: Partial<Comment> = {}) => change(comment(id, over));
  const t1 = c('t1');
  const r1 = c('r1', { rootId: 't1' });
  const r2 = c('r2', { rootId: 't1' });
  const r3 = c('r3', { rootId: 't1', parentId: 'r2', depth: 2 });
  return [
    {
      comment: t1,
      inReplyTo: null,
      replies: [
        { comment: r1, inReplyTo: t1.author, replies: [] },
        {
          comment: r2,
          inReplyTo: t1.author,
          replies: [{ comment: r3, inReplyTo: r2.author, replies: [] }],
        },
      ],
      moreReplies: null,
    },
    { comment: c('t2'), inReplyTo: null, replies: [], moreReplies: null },
  ];
}

function page(nodes: CommentNode[]): CommentsPage {
  return {
    threads: nodes,
    featured: [],
    nextCursor: null,
    view: { kind: 'page', sort: 'oldest' },
    sort: 'oldest',
    policy: { mode: 'open', closedBy: null, closesAt: null },
    focus: null,
  };
}

const ctxIn = (lang: string) =>
  ({
    siteName: 'Test',
    menus: { masthead: [], footer: [] },
    i18n: translator(lang, 'Europe/Berlin'),
  }) as unknown as PageContext;

/** The section drawn for an anonymous reader without holes. */
const drawn = (nodes: CommentNode[], lang = 'en-GB') =>
  commentsSection(ctxIn(lang), { path, count: 4, page: page(nodes) }).value;

/** The same page drawn fresh, nothing kept. */
const fresh = (nodes: CommentNode[], lang = 'en-GB') => {
  forgetDrawnComments();
  return drawn(nodes, lang);
};

beforeEach(() => forgetDrawnComments());

test('a thread drawn again is taken as kept, and is the same bytes', () => {
  const first = drawn(threads());
  const hits = commentThreads.hits;
  assert.equal(drawn(threads()), first);
  assert.equal(commentThreads.hits, hits + 2);
});

const changes: [string, (c: Comment) => Comment][] = [
  ['an edit', (c) => (c.id === 'r2' ? { ...c, html: '<p>Edited</p>', editedAt: c.createdAt } : c)],
  ['a moderator’s removal (gone from the page)', (c) => c],
  ['a deletion (the placeholder)', (c) => (c.id === 'r2' ? { ...c, status: 'deleted' } : c)],
  ['a like', (c) => (c.id === 'r3' ? { ...c, reactionCount: 1 } : c)],
  ['a renamed author', (c) => (c.id === 'r1' ? { ...c, author: { ...c.author, name: 'Neu' } } : c)],
];

for (const [what, change] of changes) {
  test(`${what} draws its thread anew; the other thread is kept`, () => {
    const before = drawn(threads());
    let nodes = threads(change);
    // A removed comment leaves the page (the read no longer returns it).
    if (what.startsWith('a moderator')) nodes[0]!.replies.pop();
    const misses = commentThreads.misses;
    const after = drawn(nodes);
    assert.equal(commentThreads.misses, misses + 1, 'only the changed thread is drawn');
    assert.notEqual(after, before);
    assert.equal(after, fresh(nodes));
    nodes = threads(change);
  });
}

test('a new reply and "more replies" draw the thread anew', () => {
  drawn(threads());
  const nodes = threads();
  const t2 = nodes[1]!;
  t2.replies.push({
    comment: comment('r4', { rootId: 't2' }),
    inReplyTo: t2.comment.author,
    replies: [],
  });
  t2.moreReplies = 'cursor-1';
  const after = drawn(nodes);
  assert.match(after, /id="comment-r4"/);
  assert.match(after, /cursor-1/);
  assert.equal(after, fresh(nodes));
});

test('another language is drawn in that language, each kept apart', () => {
  const en = drawn(threads());
  const de = drawn(threads(), 'de-DE');
  assert.notEqual(de, en);
  assert.equal(de, fresh(threads(), 'de-DE'));
  drawn(threads());
  const hits = commentThreads.hits;
  assert.equal(drawn(threads()), en);
  assert.equal(drawn(threads(), 'de-DE'), de);
  assert.equal(commentThreads.hits, hits + 4);
});

test('with holes, a kept thread’s controls are holes again: filled per reader as drawn directly', () => {
  const reader = { id: 'u-r2', name: 'Author r2', role: 'commenter' as const, csrfToken: 'tok' };
  const state: CommentViewerState = {
    userId: reader.id,
    reacted: new Set(['t1']),
    editable: new Set(['r2']),
    reported: new Set(),
    confirmEmail: null,
  };
  const direct = commentsSection(
    { ...ctxIn('en-GB'), viewer: reader },
    { path, count: 4, page: page(threads()), viewer: state },
  ).value;
  const anonymous = fresh(threads());
  for (const round of [1, 2]) {
    const hits = commentThreads.hits;
    const recorder = new SlotRecorder();
    const base = { ...ctxIn('en-GB'), viewer: null, slots: recorder };
    const section = commentsSection(base, { path, count: 4, page: page(threads()) });
    if (round === 2) assert.equal(commentThreads.hits, hits + 2, 'the threads were kept');
    const shell = PageShell.of(section, recorder, base, {
      articleId: 'a1',
      threads: threads(),
      print: false,
    });
    assert.equal(shell.anonymous(), anonymous, `round ${round}: anonymous`);
    const filled = shell.fill({
      ctx: { ...ctxIn('en-GB'), viewer: reader },
      comments: state,
      personal: {},
    });
    assert.equal(filled, direct, `round ${round}: the reader's own`);
    assert.match(filled, /\/comments\/r2\/edit/);
  }
});
