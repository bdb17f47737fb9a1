/**
 * A Disqus export (written by hand in Disqus's shape, our own text) onto the articles of the
 * WordPress fixture, on every database: threads matched by old address, identifier and ?p=;
 * every post with its parent, guest name, date and status; a second import changes nothing;
 * bad files are refused with nothing imported.
 */
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { ImportReport } from '../src/services/imports/report.js';
import { startApp, type RunningApp } from './helpers/app.js';
import { databases, tempDir, type OpenedStore } from './helpers/databases.js';
import { rawRows } from './helpers/raw-sql.js';

const wxr = path.resolve('test/fixtures/wordpress-export.xml');
const fixture = path.resolve('test/fixtures/disqus-export.xml');
const xml = readFileSync(fixture, 'utf8');

interface FilePost {
  id: string;
  thread: string;
  parent: string | null;
  author: string;
  createdAt: string;
  deleted: boolean;
  spam: boolean;
}
const filePosts: FilePost[] = [...xml.matchAll(/<post dsq:id="(\d+)">([\s\S]*?)<\/post>/g)].map(
  ([, id = '', body = '']) => ({
    id,
    thread: /<thread dsq:id="(\d+)"/.exec(body)?.[1] ?? '',
    parent: /<parent dsq:id="(\d+)"/.exec(body)?.[1] ?? null,
    author: /<name>([^<]*)<\/name>/.exec(body)?.[1] ?? '',
    createdAt: /<createdAt>([^<]*)<\/createdAt>/.exec(body)?.[1] ?? '',
    deleted: body.includes('<isDeleted>true'),
    spam: body.includes('<isSpam>true'),
  }),
);
/** The WordPress post each thread belongs to (8004 is the page, which is not imported). */
const threadPost: Record<string, string | null> = {
  '8001': '4',
  '8002': '5',
  '8003': '6',
  '8004': null,
};

for (const database of databases()) {
  describe(`Disqus import on ${database.name}`, () => {
    let db: OpenedStore;
    let app: RunningApp;
    let report: ImportReport;
    const files = tempDir('broadsheet-disqus-');

    before(async () => {
      db = await database.open();
      app = await startApp(db);
      await app.services.imports.importFile('wxr', wxr);
      report = await app.services.imports.importFile('disqus', fixture);
    });
    after(async () => {
      await app?.close();
      await db?.dispose();
      rmSync(files, { recursive: true, force: true });
    });

    test('the report counts the file and what came across', () => {
      assert.equal(report.source, 'millbrookledger');
      assert.equal(report.inFile.threads, 4);
      assert.equal(report.inFile.comments, filePosts.length);
      assert.equal(report.threadsMatched, 3);
      assert.deepEqual(report.comments, { published: 7, pending: 0, rejected: 1, deleted: 1 });
      assert.deepEqual(
        report.skipped.map((g) => [g.reason, g.count]),
        [['posts in threads that match no article here (by address or identifier)', 1]],
      );
      assert.deepEqual(
        report.notes.map((g) => g.count),
        [1],
        'the reply to a post not in the file',
      );
    });

    test('every post on its article, with its parent, guest name, date and status', async () => {
      const rows = await rawRows<{
        source_id: string;
        id: string;
        parent_id: string | null;
        author_id: string | null;
        guest_name: string | null;
        created_at: string | Date;
        status: string;
        body: string;
        wp_post: string;
      }>(
        db,
        `select i.source_id, c.id, c.parent_id, c.author_id, c.guest_name, c.created_at,
                c.status, c.body, ai.source_id as wp_post
           from import_items i
           join comments c on c.id = i.local_id
           join import_items ai on ai.kind = 'article' and ai.local_id = c.article_id
                               and ai.source like 'wordpress:%'
          where i.kind = 'comment' and i.source = 'disqus:millbrookledger'`,
      );
      const byDsq = new Map(rows.map((r) => [r.source_id, r]));
      const expected = filePosts.filter((p) => threadPost[p.thread] !== null);
      assert.equal(rows.length, expected.length);
      for (const p of expected) {
        const row = byDsq.get(p.id);
        assert.ok(row, `post ${p.id} imported`);
        assert.equal(row.wp_post, threadPost[p.thread], `post ${p.id} on its article`);
        assert.equal(row.author_id, null, 'Disqus commenters are guests');
        assert.equal(row.guest_name, p.author, `post ${p.id}'s author`);
        assert.equal(
          new Date(row.created_at).toISOString(),
          new Date(p.createdAt).toISOString(),
          `post ${p.id}'s date`,
        );
        assert.equal(
          row.status,
          p.deleted ? 'deleted' : p.spam ? 'rejected' : 'published',
          `post ${p.id}'s status`,
        );
        const parentInFile = p.parent !== null && filePosts.some((q) => q.id === p.parent);
        assert.equal(
          row.parent_id,
          parentInFile ? byDsq.get(p.parent!)?.id : null,
          `post ${p.id}'s parent`,
        );
        if (p.deleted) assert.equal(row.body, '', 'a deleted post keeps no words');
      }
      assert.ok(!byDsq.has('9009'), 'the page’s thread matched nothing');
    });

    test('the article shows the Disqus thread: a deleted post holds its reply’s place', async () => {
      const response = await fetch(
        `${app.url}/town-hall/2024/03/05/council-approves-wren-footbridge`,
      );
      const page = await response.text();
      assert.ok(page.includes('Harriet Stowe'), 'a guest by name');
      assert.ok(page.includes('bring the pony along'), 'the reply that came before its parent');
      assert.ok(page.includes('Comment deleted'), 'the placeholder');
      assert.ok(page.includes('Replying to a comment that was deleted later'));
      assert.ok(!page.includes('Something I wish I had not written'), 'deleted words are gone');
      assert.ok(!page.includes('Win a free holiday'), 'spam is not shown');
      const flood = await (await fetch(`${app.url}/local-news/2024/04/12/river-wren-rises`)).text();
      assert.ok(flood.includes('Amélie Durand'), 'matched by its identifier');
      assert.ok(!/steal\(\)|href="javascript:/i.test(flood), 'no script survives');
    });

    test('importing the same file again changes nothing', async () => {
      const [before] = await rawRows<{ n: number | string }>(
        db,
        'select count(*) as n from comments',
      );
      const again = await app.services.imports.importFile('disqus', fixture);
      assert.equal(again.created.comments, 0);
      assert.equal(again.unchanged.comments, 9);
      const [after] = await rawRows<{ n: number | string }>(
        db,
        'select count(*) as n from comments',
      );
      assert.equal(Number(after?.n), Number(before?.n));
    });

    describe('a bad file is refused with the line and the reason, and nothing is imported', () => {
      let empty: OpenedStore;
      let emptyApp: RunningApp;
      before(async () => {
        empty = await database.open();
        emptyApp = await startApp(empty);
        await emptyApp.services.imports.importFile('wxr', wxr);
      });
      after(async () => {
        await emptyApp?.close();
        await empty?.dispose();
      });
      const wxrComments = async () => {
        const [row] = await rawRows<{ n: number | string }>(
          empty,
          'select count(*) as n from comments',
        );
        return Number(row?.n);
      };

      test('truncated, malformed, another kind of file, a post without a date', async () => {
        const base = await wxrComments();
        const check = async (name: string, text: string, pattern: RegExp) => {
          const file = path.join(files, name);
          writeFileSync(file, text);
          await assert.rejects(emptyApp.services.imports.importFile('disqus', file), (e: Error) => {
            assert.match(e.message, pattern);
            assert.match(e.message, /nothing was imported/);
            return true;
          });
          assert.equal(await wxrComments(), base, `${name} left nothing behind`);
        };
        const cut = xml.slice(0, xml.indexOf('Great innings'));
        await check(
          'truncated.xml',
          cut,
          new RegExp(`line ${cut.split('\n').length}, column \\d+: the XML is malformed`),
        );
        await check(
          'malformed.xml',
          xml.replace('<isSpam>true</isSpam>', '<isSpam>true</isSpm>'),
          /line \d+, column \d+: the XML is malformed/,
        );
        await check(
          'wxr.xml',
          readFileSync(wxr, 'utf8'),
          /this is not a Disqus export: it starts with <rss>, not <disqus>/,
        );
        await check(
          'undated.xml',
          xml.replace('<createdAt>2024-07-01T09:00:00Z</createdAt>', '<createdAt>soon</createdAt>'),
          /line \d+: post 9008 has no date/,
        );
        await check(
          'orphan.xml',
          xml.replace('<thread dsq:id="8003" />', '<thread dsq:id="8999" />'),
          /line \d+: post 9008 belongs to thread 8999/,
        );
      });
    });
  });
}
