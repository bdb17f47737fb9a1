/**
 * Export and restore over both databases: every table is exported or excluded on purpose,
 * export → restore → export gives the same bytes (also SQLite → PostgreSQL → SQLite), counters
 * continue after a restore, and every kind of bad file is refused by line with nothing restored.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { demoContent } from '../src/demo/content.js';
import { exportFormat } from '../src/domain/export-format.js';
import { BackupService } from '../src/services/backup.js';
import { loadDemoIfEmpty } from '../src/services/demo.js';
import { createServices } from '../src/compose.js';
import type { Store } from '../src/store/types.js';
import { databases, tempDir, type OpenedStore, type TestDatabase } from './helpers/databases.js';
import { jpeg } from './helpers/images.js';

const dir = tempDir('broadsheet-backup-');
const opened: OpenedStore[] = [];
after(async () => {
  for (const db of opened) await db.dispose();
});

async function open(database: TestDatabase): Promise<OpenedStore> {
  const db = await database.open();
  opened.push(db);
  return db;
}

/** A site with something in every exported table. */
async function seed(store: Store): Promise<void> {
  await loadDemoIfEmpty(store);
  const s = createServices(store);
  const editor = await s.users.create({
    email: 'edith@example.com',
    name: 'Édith Ünsworth',
    role: 'admin',
    password: 'a-long-password-for-edith',
  });
  await s.tokens.create(editor.email, 'laptop');
  const unconfirmed = await s.users.create({
    email: 'rea@example.com',
    name: 'Rea Lindqvist',
    role: 'commenter',
    password: 'a-long-password-for-rea',
  });
  // Commenters confirm their address before commenting (comments.unconfirmedEmail).
  await store.users.setEmail(unconfirmed.id, unconfirmed.email, '2026-01-02T03:04:05.000Z');
  const reader = { ...unconfirmed, emailVerifiedAt: '2026-01-02T03:04:05.000Z' };
  const first = demoContent.articles[0];
  assert.ok(first);
  const article = await s.newsroom.article(editor, first.slug);
  await s.newsroom.edit(editor, article.id, {
    version: article.version,
    headline: `${article.headline} (revised)`,
    slug: `${article.slug}-revised`,
    tags: ['Harbour', 'Night shift'],
  });
  await s.newsroom.addCorrection(editor, article.id, {
    kind: 'correction',
    text: 'An earlier version gave the wrong pier number.',
  });
  const { comment: top } = await s.comments.postComment({
    author: reader,
    article: article.id,
    body: 'Which pier was it, in the end?',
    clientAddress: '192.0.2.7',
  });
  await store.moderation.annotate(top.id, {
    reasons: [{ code: 'suspect-words', detail: 'suspect word "pier"' }],
    at: new Date().toISOString(),
  });
  await s.moderation.act(editor, [top.id], 'approve');
  const { comment: reply } = await s.comments.postComment({
    author: editor,
    article: article.id,
    parentId: top.id,
    body: 'Pier **four**; we corrected it.',
  });
  await s.comments.editComment({ author: editor, id: reply.id, body: 'Pier **four**, corrected.' });
  await s.comments.react({ user: reader, id: reply.id });
  await s.moderation.report(reader, reply.id, { reason: 'other', text: 'Just checking reports.' });
  await s.moderation.act(editor, [top.id], 'feature', 'A good question');
  await store.settings.set('comments.mode', 'open');
  // Imported articles and guests' comments, their old addresses and the import mapping.
  await s.imports.importFile('wxr', 'test/fixtures/wordpress-export.xml');
  const photo = await s.images.upload(editor, {
    bytes: await jpeg(64, 48),
    name: 'pier-four.jpg',
    details: { alt: 'Pier four at low tide', caption: 'Pier four', credit: 'Harbour Desk' },
  });
  await s.images.setMainImage(editor, article, photo.id);
  // The front page's arrangement: a pinned lead with an expiry, a featured story, sections.
  const second = demoContent.articles[1];
  assert.ok(second);
  const sections = (await store.sections.list()).map((x) => x.slug);
  await s.front.save(editor, {
    lead: { article: article.id, expiresAt: '2999-12-31T23:59:59.999Z' },
    featured: [{ article: second.slug }],
    sections: sections.slice(1),
  });
  // A static page, published, renamed (an old slug) and so with revisions.
  const about = await s.pages.create(editor, { title: 'About us', body: 'We report the harbour.' });
  await s.pages.publish(editor, about.id);
  await s.pages.edit(editor, about.id, { version: about.version, slug: 'about-the-desk' });
  // A staff invitation, and a byline.
  await s.invitations.invite(editor, { email: 'new.hire@example.com', role: 'author' });
  await s.staff.rename(editor, editor.id, { byline: 'É. Ünsworth' });
  // A renamed, hidden section: its old slug redirects.
  await s.sections.create({ name: 'Letters', slug: 'letters' });
  await s.sections.update('letters', { slug: 'your-letters', hidden: true });
  // A ban that removed a commenter's comments (issue 18): lifting it would put them back.
  const spammer = await s.users.create({
    email: 'spammer@example.com',
    name: 'Spammer',
    role: 'commenter',
    password: 'a-long-password-for-spam',
  });
  const confirmedAt = '2026-01-03T00:00:00.000Z';
  await store.users.setEmail(spammer.id, spammer.email, confirmedAt);
  await s.comments.postComment({
    author: { ...spammer, emailVerifiedAt: confirmedAt },
    article: article.id,
    body: 'Cheap tickets.',
  });
  await s.moderation.sanction(editor, spammer.id, 'ban', 'Spam', null, { removeComments: true });
  // The editor asked for the moderation digest; one went out on the 5th.
  await store.digests.subscribe(editor.id, '2026-01-04T00:00:00.000Z');
  await store.digests.claimDue({
    roles: [editor.role],
    sentBefore: '2026-01-05T00:00:00.000Z',
    at: '2026-01-05T00:00:00.000Z',
  });
  // A webhook for the desk, and the editor turned one newsroom email off (0030).
  await store.webhooks.create({
    id: 'hook-1',
    url: 'https://hooks.example.com/desk',
    secret: 'a-webhook-secret-of-length',
    events: ['article.published', 'comment.held'],
    preset: 'slack',
    description: 'Desk',
    enabled: true,
    at: '2026-01-05T00:00:00.000Z',
  });
  await store.staffMail.optOut(editor.id, 'submitted', '2026-01-05T00:00:00.000Z');
  // Single sign-on (0033): a provider with its secret, and an account linked to it.
  await store.sso.createProvider({
    id: 'sso-provider-1',
    name: 'Newsroom ID',
    issuer: 'https://id.example.com',
    clientId: 'broadsheet',
    clientSecret: 'provider-secret',
    allowedDomains: ['example.com'],
    role: 'author',
    createdAt: '2026-01-05T00:00:00.000Z',
    updatedAt: '2026-01-05T00:00:00.000Z',
  });
  await store.sso.link({
    id: 'sso-link-1',
    providerId: 'sso-provider-1',
    subject: 'edith-sub',
    userId: editor.id,
    email: 'edith@example.com',
    createdAt: '2026-01-05T00:00:00.000Z',
    lastUsedAt: '2026-01-05T00:00:00.000Z',
  });
  await store.passkeys.add({
    id: 'credential-1',
    userId: editor.id,
    name: 'Laptop',
    publicKey: 'pQECAyYgASFYIA',
    counter: 3,
    transports: ['internal'],
    backedUp: true,
    createdAt: '2026-01-05T00:00:00.000Z',
    lastUsedAt: null,
  });
  await store.signInEvents.record({
    id: 'sign-in-1',
    userId: editor.id,
    method: 'passkey',
    label: 'Laptop',
    at: '2026-01-05T00:00:00.000Z',
  });
  // The editor reads the briefing; a reader left; one address bounced; a sent alert (0029).
  const at = '2026-01-05T00:00:00.000Z';
  await store.newsletters.addSubscriber({
    id: 'sub-1',
    email: editor.email,
    userId: editor.id,
    status: 'pending',
    source: 'account',
    at,
  });
  await store.newsletters.addLists('sub-1', ['briefing', 'alerts'], at);
  await store.newsletters.setStatus('sub-1', 'confirmed', at);
  await store.newsletters.addSubscriber({
    id: 'sub-2',
    email: 'gone@example.com',
    userId: null,
    status: 'confirmed',
    source: 'form',
    at,
  });
  await store.newsletters.setStatus('sub-2', 'left', '2026-01-06T00:00:00.000Z');
  await store.newsletters.addSubscriber({
    id: 'sub-3',
    email: 'bounced@example.com',
    userId: null,
    status: 'confirmed',
    source: 'form',
    at,
  });
  await store.newsletters.markBounced('sub-3', '550 no such user', '2026-01-06T00:00:00.000Z');
  await store.newsletters.createIssue({
    id: 'issue-1',
    key: 'briefing:2026-01-06',
    slug: 'briefing-2026-01-06',
    kind: 'briefing',
    list: 'briefing',
    status: 'held',
    subject: 'The morning briefing',
    intro: 'Good morning.',
    articleIds: [],
    sendAt: '2026-01-06T07:00:00.000Z',
    createdAt: at,
  });
  await store.newsletters.editIssue(
    'issue-1',
    { subject: 'The morning briefing', intro: 'Good morning, Harwick.', articleIds: [] },
    editor.id,
  );
  await store.newsletters.queueIssue('issue-1', ['held'], '2026-01-06T07:00:00.000Z');
  // The revised article became live coverage with an update, edited once (0031).
  await s.live.start(editor, article.id);
  const update = await s.live.post(editor, article.id, { body: 'Polls *open*.', keyEvent: true });
  await s.live.edit(editor, article.id, update.id, { title: 'Polls', body: 'Polls open at 8.' });
}

async function exportText(store: Store, name: string): Promise<string> {
  const file = path.join(dir, name);
  await new BackupService({ store }).exportTo(file);
  return readFileSync(file, 'utf8');
}

async function restoreText(store: Store, text: string, name: string) {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return new BackupService({ store }).restoreFrom(file);
}

const all = databases();
for (const database of all) {
  describe(`export and restore on ${database.name}`, () => {
    test('every table of a migrated database is exported or excluded, every column exported', async () => {
      const { store } = await open(database);
      const { backup } = store;
      const listed = [...backup.tables.map((t) => t.name), ...Object.keys(backup.excluded)];
      for (const table of await backup.tableNames()) {
        assert.ok(
          listed.includes(table),
          `table ${table} is neither exported nor excluded: add it to src/store/backup.ts`,
        );
      }
      for (const table of backup.tables) {
        const inDatabase = await backup.columnNames(table.name);
        const inExport = table.columns.map((c) => c.name);
        for (const column of inDatabase) {
          assert.ok(
            inExport.includes(column) || (table.derived ?? []).includes(column),
            `${table.name}.${column} is not exported: add it to src/store/backup.ts`,
          );
        }
        for (const column of inExport) {
          assert.ok(inDatabase.includes(column), `${table.name}.${column} does not exist`);
        }
      }
    });

    test('export → restore into an empty database → export gives the same bytes', async () => {
      const source = await open(database);
      await seed(source.store);
      const first = await exportText(source.store, `${database.name}-first.jsonl`);
      const lines = first.trimEnd().split('\n');
      const header = JSON.parse(lines[0] ?? '') as Record<string, unknown>;
      assert.equal(header.format, exportFormat);
      assert.equal(header.version, 1);
      assert.match(String(header.warning), /password hashes.*secret/);
      const trailer = JSON.parse(lines.at(-1) ?? '') as { counts: Record<string, number> };
      for (const table of source.store.backup.tables) {
        assert.ok((trailer.counts[table.name] ?? 0) > 0, `the seed leaves ${table.name} empty`);
      }
      assert.equal(lines.length, 2 + Object.values(trailer.counts).reduce((a, b) => a + b, 0));
      assert.match(first, /"password_hash":"\$?[a-z0-9]/);
      assert.equal(
        statSync(path.join(dir, `${database.name}-first.jsonl`)).mode & 0o777,
        0o600,
        'the export is readable only by its owner',
      );

      const target = await open(database);
      const counts = await restoreText(target.store, first, `${database.name}-in.jsonl`);
      assert.deepEqual(counts, trailer.counts);
      const second = await exportText(target.store, `${database.name}-second.jsonl`);
      assert.equal(second, first);

      // Counters continue: the next comment is stamped after the restored ones, search works.
      const s = createServices(target.store);
      const reader = await target.store.users.byEmail('rea@example.com');
      assert.ok(reader);
      const slug = `${demoContent.articles[0]?.slug}-revised`;
      const article = await target.store.reader.getBySlug(slug);
      assert.ok(article);
      const before = await target.store.comments.liveSeq(article.id);
      assert.ok(before !== null && before > 0);
      const { comment } = await s.comments.postComment({
        author: reader,
        article: article.id,
        body: 'Back again after the move.',
      });
      const after = await target.store.comments.changesSince(article.id, before, 10);
      assert.deepEqual(
        after.map((c) => c.comment.id),
        [comment.id],
        'only the new comment is numbered after the restored ones',
      );
      assert.ok((after[0]?.seq ?? 0) > before);
      assert.equal(comment.articleId, article.id);
      const found = await s.search.search('revised');
      assert.ok(found.hits.some((h) => h.article.id === article.id));
    });

    test('restore refuses a database that is not empty, and changes nothing', async () => {
      const source = await open(database);
      await seed(source.store);
      const text = await exportText(source.store, `${database.name}-full.jsonl`);
      await assert.rejects(restoreText(source.store, text, `${database.name}-again.jsonl`), {
        kind: 'conflict',
        message: /not empty/,
      });
      assert.equal(await exportText(source.store, `${database.name}-after.jsonl`), text);
    });

    describe('bad files are refused by line, and leave the database empty', async () => {
      const source = await open(database);
      await seed(source.store);
      const good = await exportText(source.store, `${database.name}-good.jsonl`);
      const lines = good.trimEnd().split('\n');
      const at = (n: number) => lines[n - 1] ?? '';
      const commentLine = lines.findIndex((l) => l.startsWith('{"table":"comments"')) + 1;
      const cases: [string, string, RegExp][] = [
        [
          'truncated (no closing line)',
          lines.slice(0, -1).join('\n') + '\n',
          /line \d+: .*truncated/,
        ],
        [
          'cut in the middle of a line',
          good.slice(0, good.length - 40),
          /line \d+: not valid JSON/,
        ],
        [
          'malformed JSON',
          [...lines.slice(0, 5), '{"table":"users","row":{', ...lines.slice(5)].join('\n'),
          /line 6: not valid JSON/,
        ],
        [
          'unknown table',
          [...lines.slice(0, 3), '{"table":"owls","row":{"id":"x"}}', ...lines.slice(3)].join('\n'),
          /line 4: unknown table "owls"/,
        ],
        [
          'an excluded table',
          [...lines.slice(0, 3), '{"table":"sessions","row":{}}', ...lines.slice(3)].join('\n'),
          /line 4: table "sessions" is never part of an export/,
        ],
        [
          'unknown version',
          [at(1).replace('"version":1', '"version":2'), ...lines.slice(1)].join('\n'),
          /line 1: unknown export version 2/,
        ],
        ['not an export', '{"hello":"world"}\n', /line 1: not a Broadsheet export/],
        [
          'a wrong type',
          [
            ...lines.slice(0, commentLine - 1),
            at(commentLine).replace(/"depth":0/, '"depth":"zero"'),
            ...lines.slice(commentLine),
          ].join('\n'),
          new RegExp(`line ${commentLine}: comments: depth must be an integer`),
        ],
        [
          'a time that is not a time',
          [
            at(1),
            at(2).replace(/"created_at":"[^"]+"/, '"created_at":"yesterday"'),
            ...lines.slice(2),
          ].join('\n'),
          /line 2: users: created_at must be a time/,
        ],
        [
          'a missing column',
          [at(1), at(2).replace(/"bio":"[^"]*",/, ''), ...lines.slice(2)].join('\n'),
          /line 2: users: the column "bio" is missing/,
        ],
        [
          'counts that do not match',
          [...lines.slice(0, -1), at(lines.length).replace(/"users":(\d+)/, '"users":999')].join(
            '\n',
          ),
          new RegExp(`line ${lines.length}: the closing line counts 999 users rows`),
        ],
        [
          'a row the database refuses (duplicate key)',
          [at(1), at(2), at(2), ...lines.slice(2)].join('\n'),
          /line 2: the database refused the users rows/,
        ],
      ];
      // One target for every case: each refused restore must leave it empty for the next. (A
      // database per case would also mean many migrations racing other files' schema drops.)
      const target = await open(database);
      for (const [name, text, message] of cases) {
        test(name, async () => {
          await assert.rejects(restoreText(target.store, text, `${database.name}-bad.jsonl`), {
            kind: 'bad_request',
            message,
          });
          assert.ok(await target.store.backup.isEmpty(), 'nothing was restored');
        });
      }
      test('after every refusal, the good file restores whole (the triggers are back)', async () => {
        const back = await restoreText(target.store, good, `${database.name}-ok.jsonl`);
        assert.ok(back.comments);
        assert.equal(await exportText(target.store, `${database.name}-re.jsonl`), good);
        const reader = await target.store.users.byEmail('rea@example.com');
        const article = await target.store.reader.getBySlug(
          `${demoContent.articles[0]?.slug}-revised`,
        );
        assert.ok(reader && article);
        const before = (await target.store.comments.liveSeq(article.id)) ?? 0;
        await createServices(target.store).comments.postComment({
          author: reader,
          article: article.id,
          body: 'Stamped by the trigger.',
        });
        assert.ok(((await target.store.comments.liveSeq(article.id)) ?? 0) > before);
      });
    });
  });
}

const [sqlite, postgres] = all;
if (sqlite && postgres) {
  test('SQLite → PostgreSQL → SQLite gives the same file at every step', async () => {
    const a = await open(sqlite);
    await seed(a.store);
    const fromSqlite = await exportText(a.store, 'cross-1.jsonl');
    const b = await open(postgres);
    await restoreText(b.store, fromSqlite, 'cross-1-in.jsonl');
    const fromPostgres = await exportText(b.store, 'cross-2.jsonl');
    assert.equal(fromPostgres, fromSqlite);
    const c = await open(sqlite);
    await restoreText(c.store, fromPostgres, 'cross-2-in.jsonl');
    assert.equal(await exportText(c.store, 'cross-3.jsonl'), fromSqlite);
  });
}
