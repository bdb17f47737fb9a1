/**
 * A WordPress export made by a real WordPress (scripts/make-wxr-fixture.php) comes across whole
 * on every database: every post, comment, parent, author name, date and status; old addresses
 * redirect; a second import changes nothing; a bad file is refused with nothing imported.
 */
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { AppError } from '../src/errors.js';
import type { ImportReport } from '../src/services/imports/report.js';
import { startApp, type RunningApp } from './helpers/app.js';
import { databases, tempDir, type OpenedStore } from './helpers/databases.js';
import { signedInPerson } from './helpers/fixtures.js';
import { rawRows } from './helpers/raw-sql.js';

const fixture = path.resolve('test/fixtures/wordpress-export.xml');
const xml = readFileSync(fixture, 'utf8');

/** The file's comments, read with plain regular expressions: independent of the importer. */
interface FileComment {
  id: string;
  postId: string;
  postType: string;
  author: string;
  dateGmt: string;
  approved: string;
  type: string;
  parent: string;
}
const field = (text: string, name: string) => {
  const m = new RegExp(`<${name}>(?:<!\\[CDATA\\[)?([\\s\\S]*?)(?:\\]\\]>)?</${name}>`).exec(text);
  return m?.[1] ?? '';
};
const fileComments: FileComment[] = [...xml.matchAll(/<item>([\s\S]*?)<\/item>/g)].flatMap(
  ([, item = '']) =>
    [...item.matchAll(/<wp:comment>([\s\S]*?)<\/wp:comment>/g)].map(([, c = '']) => ({
      id: field(c, 'wp:comment_id'),
      postId: field(item, 'wp:post_id'),
      postType: field(item, 'wp:post_type'),
      author: field(c, 'wp:comment_author'),
      dateGmt: field(c, 'wp:comment_date_gmt'),
      approved: field(c, 'wp:comment_approved'),
      type: field(c, 'wp:comment_type'),
      parent: field(c, 'wp:comment_parent'),
    })),
);
const expectedStatus: Record<string, string> = {
  '1': 'published',
  '0': 'pending',
  spam: 'rejected',
  trash: 'rejected',
};

const tables = [
  'articles',
  'comments',
  'users',
  'sections',
  'tags',
  'article_tags',
  'article_authors',
  'article_revisions',
  'import_items',
  'article_old_paths',
];

async function counts(db: OpenedStore): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of tables) {
    const [row] = await rawRows<{ n: number | string }>(db, `select count(*) as n from ${table}`);
    out[table] = Number(row?.n);
  }
  return out;
}

async function refusal(work: Promise<unknown>): Promise<AppError> {
  try {
    await work;
  } catch (error) {
    assert.ok(error instanceof AppError, `an AppError, not ${String(error)}`);
    return error;
  }
  assert.fail('the file was accepted');
}

for (const database of databases()) {
  describe(`WordPress import on ${database.name}`, () => {
    let db: OpenedStore;
    let app: RunningApp;
    let report: ImportReport;
    const files = tempDir('broadsheet-wxr-');

    before(async () => {
      db = await database.open();
      app = await startApp(db);
      report = await app.services.imports.importFile('wxr', fixture);
    });
    after(async () => {
      await app?.close();
      await db?.dispose();
      rmSync(files, { recursive: true, force: true });
    });

    test('the report counts what the file holds and what came across', () => {
      assert.equal(report.source, 'http://ledger.example');
      assert.deepEqual(report.inFile, {
        posts: (xml.match(/<item>/g) ?? []).length,
        comments: fileComments.length,
        threads: 0,
      });
      assert.deepEqual(report.created, {
        published: 3,
        drafts: 1,
        accounts: 3,
        sections: 3,
        redirects: 7,
        comments: 10,
      });
      assert.deepEqual(report.comments, { published: 7, pending: 2, rejected: 1, deleted: 0 });
      assert.deepEqual(
        report.skipped.map((g) => [g.reason, g.count]),
        [
          ['pingbacks and trackbacks are not comments', 1],
          ['WordPress pages are not articles', 1],
          ['comments on items that are not imported', 1],
          ['media files are not imported (the export holds only their addresses)', 1],
        ],
      );
    });

    test('every comment of every post, with its parent, author name, date and status', async () => {
      const rows = await rawRows<{
        source_id: string;
        id: string;
        parent_id: string | null;
        guest_name: string | null;
        user_name: string | null;
        created_at: string | Date;
        status: string;
        article_source: string;
      }>(
        db,
        `select i.source_id, c.id, c.parent_id, c.guest_name, u.name as user_name, c.created_at,
                c.status, ai.source_id as article_source
           from import_items i
           join comments c on c.id = i.local_id
           left join users u on u.id = c.author_id
           join import_items ai on ai.kind = 'article' and ai.local_id = c.article_id
          where i.kind = 'comment'`,
      );
      const byWpId = new Map(rows.map((r) => [r.source_id, r]));
      const expected = fileComments.filter((c) => c.postType === 'post' && c.type === 'comment');
      assert.equal(rows.length, expected.length, 'one comment here for each comment there');
      for (const c of expected) {
        const row = byWpId.get(c.id);
        assert.ok(row, `comment ${c.id} imported`);
        assert.equal(row.article_source, c.postId, `comment ${c.id} on its post`);
        assert.equal(row.guest_name ?? row.user_name, c.author, `comment ${c.id}'s author`);
        assert.equal(
          new Date(row.created_at).toISOString(),
          new Date(`${c.dateGmt.replace(' ', 'T')}Z`).toISOString(),
          `comment ${c.id}'s date`,
        );
        assert.equal(row.status, expectedStatus[c.approved], `comment ${c.id}'s status`);
        const parent = c.parent === '0' ? null : (byWpId.get(c.parent)?.id ?? 'missing');
        assert.equal(row.parent_id, parent, `comment ${c.id}'s parent`);
      }
      // Guests are names without accounts; the WordPress editor who replied has his account.
      const margaret = rows.find((r) => r.guest_name === 'Margaret Hale');
      assert.ok(margaret);
      const tomas = rows.find((r) => r.user_name === 'Tomás Ó Briain');
      assert.equal(tomas?.guest_name, null);
      const [accounts] = await rawRows<{ n: number | string }>(
        db,
        `select count(*) as n from users where name in ('Margaret Hale', 'Jo Fairweather', 'Dev')`,
      );
      assert.equal(Number(accounts?.n), 0, 'no account for a guest');
    });

    test('posts become articles with their authors, dates, sections and tags', async () => {
      const bridge = await db.store.reader.getBySlug('council-approves-wren-footbridge');
      assert.ok(bridge);
      assert.equal(bridge.status, 'published');
      assert.equal(bridge.publishedAt, '2024-03-05T09:30:00.000Z');
      assert.equal(bridge.section.slug, 'town-hall');
      assert.equal(bridge.section.name, 'Town Hall');
      assert.deepEqual(
        bridge.authors.map((a) => a.name),
        ['Priya Raman'],
      );
      assert.deepEqual(bridge.tags.map((t) => t.slug).sort(), ['bridges', 'budget']);
      assert.equal(
        bridge.standfirst,
        'Seven votes to two for a crossing at Mill Lane, to open next spring.',
      );
      assert.match(bridge.body, /## What the money buys/);
      assert.match(bridge.body, /^- {1,3}A steel span of 38 metres$/m);
      assert.match(bridge.body, /^> We have waited long enough/m);
      assert.match(bridge.body, /\[council's site\]\(https:\/\/council\.ledger\.example/);
      assert.doesNotMatch(bridge.body, /script|javascript|alert/i);
      const flood = await db.store.reader.getBySlug('river-wren-rises');
      assert.equal(flood?.headline, 'River Wren rises after three days of rain 🌧️');
      assert.match(flood?.body ?? '', /日本語/);
      assert.equal(flood?.section.slug, 'local-news', 'the first category is the section');
      const draft = await db.store.reader.getBySlug('winter-market-plans');
      assert.equal(draft?.status, 'draft');
      assert.equal(draft?.publishedAt, null);
      const priya = await db.store.users.byEmail('priya.raman@ledger.example');
      assert.equal(priya?.role, 'author');
      assert.equal(await db.store.users.passwordHash(priya!.id), null, 'no usable password');
    });

    test('the article page shows the thread, the guests by name, and no script', async () => {
      const response = await fetch(
        `${app.url}/town-hall/2024/03/05/council-approves-wren-footbridge`,
      );
      assert.equal(response.status, 200);
      const page = await response.text();
      assert.ok(/Margaret Hale/.test(page), 'shows /Margaret Hale/');
      assert.ok(/Ned &lt;Tester&gt;/.test(page), 'a name is text, never markup');
      assert.ok(
        !/this must never run|gotcha|document\.cookie/.test(page),
        'does not show /this must never run|gotcha|document\\.cookie/',
      );
      assert.ok(!/href="javascript:/i.test(page), 'does not show /href="javascript:/i');
      assert.ok(!/Who is paying for the lighting/.test(page), 'a pending comment is not shown');
      assert.ok(!/Posted this in the wrong place/.test(page), 'a rejected one neither');
      const bridge = await db.store.reader.getBySlug('council-approves-wren-footbridge');
      const api = await fetch(`${app.url}/api/v1/articles/${bridge!.id}/comments`);
      const body = (await api.json()) as {
        items: { author: { id: string | null; name: string; guest: boolean } | null }[];
      };
      const guest = body.items.find((c) => c.author?.name === 'Margaret Hale');
      assert.deepEqual(guest?.author, { id: null, name: 'Margaret Hale', slug: null, guest: true });
    });

    test('a guest’s held comment is in the moderation queue, without a record or sanctions', async () => {
      const moderator = await signedInPerson(db.store, app, {
        slug: `mod-${database.name}`,
        role: 'moderator',
      });
      const response = await fetch(`${app.url}/admin/moderation`, {
        headers: { cookie: moderator.cookie },
      });
      assert.equal(response.status, 200);
      const page = await response.text();
      assert.ok(/Anxious of Quayside/.test(page), 'shows /Anxious of Quayside/');
      assert.ok(
        /A guest \(imported comment\)/.test(page),
        'shows /A guest \\(imported comment\\)/',
      );
    });

    test('old WordPress addresses answer with a permanent redirect to the new one', async () => {
      const target = '/town-hall/2024/03/05/council-approves-wren-footbridge';
      for (const old of [
        '/2024/03/05/council-approves-wren-footbridge',
        '/2024/03/05/council-approves-wren-footbridge/',
        '/?p=4',
      ]) {
        const response = await fetch(`${app.url}${old}`, { redirect: 'manual' });
        assert.equal(response.status, 301, old);
        assert.equal(response.headers.get('location'), target, old);
      }
      const draft = await fetch(`${app.url}/?p=7`, { redirect: 'manual' });
      assert.equal(draft.status, 200, 'a draft’s old address leads nowhere yet: the front page');
      const unknown = await fetch(`${app.url}/2024/03/05/never-was`, { redirect: 'manual' });
      assert.equal(unknown.status, 404);
    });

    test('importing the same file again changes nothing', async () => {
      const before = await counts(db);
      const again = await app.services.imports.importFile('wxr', fixture);
      assert.deepEqual(again.created, {
        published: 0,
        drafts: 0,
        accounts: 0,
        sections: 0,
        redirects: 0,
        comments: 0,
      });
      assert.deepEqual(again.unchanged, { articles: 4, comments: 10 });
      assert.deepEqual(await counts(db), before);
    });

    describe('a bad file is refused with the line and the reason, and nothing is imported', () => {
      let empty: OpenedStore;
      let emptyApp: RunningApp;
      const bad = (name: string, text: string) => {
        const file = path.join(files, name);
        writeFileSync(file, text);
        return file;
      };
      const refused = async (file: string, pattern: RegExp) => {
        const error = await refusal(emptyApp.services.imports.importFile('wxr', file));
        assert.equal(error.status, 400);
        assert.match(error.message, pattern);
        assert.match(error.message, /nothing was imported/);
        const after = await counts(empty);
        for (const table of ['articles', 'comments', 'import_items', 'article_old_paths']) {
          assert.equal(after[table], 0, `${table} after ${path.basename(file)}`);
        }
      };
      before(async () => {
        empty = await database.open();
        emptyApp = await startApp(empty);
      });
      after(async () => {
        await emptyApp?.close();
        await empty?.dispose();
      });

      test('bytes that are not UTF-8, or a control character, refuse the file with its line', async () => {
        const at = xml.indexOf('Thanks, that answers mine too.');
        const line = xml.slice(0, at).split('\n').length;
        const file = path.join(files, 'latin1.xml');
        writeFileSync(
          file,
          Buffer.concat([
            Buffer.from(xml.slice(0, at)),
            Buffer.from([0xff, 0xfe, 0x41]),
            Buffer.from(xml.slice(at)),
          ]),
        );
        await refused(file, new RegExp(`line ${line}: the file is not UTF-8 text`));
        await refused(
          bad('control-raw.xml', xml.slice(0, at) + 'bell \u0007 here ' + xml.slice(at)),
          new RegExp(`line ${line}, column \\d+: the XML is malformed`),
        );
      });

      test('truncated in the middle of a comment', async () => {
        const cut = xml.slice(0, xml.indexOf('Thanks, that answers mine too.'));
        const lines = cut.split('\n').length;
        await refused(
          bad('truncated.xml', cut),
          new RegExp(`line ${lines}, column \\d+: the XML is malformed \\(unclosed tag`),
        );
      });

      test('malformed: a tag broken after articles were already written', async () => {
        // The second post is written before the parser reaches the third: all of it goes.
        const broken = xml.replace('<wp:post_id>6</wp:post_id>', '<wp:post_id>6</wp:post_id');
        const line = broken.slice(0, broken.indexOf('<wp:post_id>6')).split('\n').length;
        await refused(
          bad('malformed.xml', broken),
          new RegExp(`line (${line}|${line + 1}), column \\d+: the XML is malformed`),
        );
      });

      test('a comment without a date, after earlier posts were imported', async () => {
        const undated = xml
          .replace(
            '<wp:comment_date_gmt><![CDATA[2024-07-01 07:00:00]]></wp:comment_date_gmt>',
            '<wp:comment_date_gmt><![CDATA[0000-00-00 00:00:00]]></wp:comment_date_gmt>',
          )
          .replace(
            '<wp:comment_date><![CDATA[2024-07-01 07:00:00]]></wp:comment_date>',
            '<wp:comment_date><![CDATA[]]></wp:comment_date>',
          );
        await refused(bad('undated.xml', undated), /line \d+: comment 13 has no date/);
      });

      test('not a WordPress export at all', async () => {
        await refused(
          bad('page.xml', '<?xml version="1.0"?>\n<html><body>hello</body></html>'),
          /line 2: this is not a WordPress export \(WXR\) file: it starts with <html>/,
        );
        await refused(
          bad(
            'feed.xml',
            '<rss version="2.0"><channel>\n<item><title>A feed</title></item></channel></rss>',
          ),
          /line 2: this RSS file is not a WordPress export/,
        );
        await refused(
          bad('empty.xml', ''),
          /line 1, column 0: the XML is malformed \(document must contain a root element/,
        );
        await refused(
          bad('text.xml', 'just some words'),
          /line 1, column \d+: the XML is malformed/,
        );
      });

      test('a file that is not there', async () => {
        const error = await refusal(
          emptyApp.services.imports.importFile('wxr', path.join(files, 'missing.xml')),
        );
        assert.equal(error.status, 404);
      });
    });

    test('spam in a hand-edited export is rejected like trash', async () => {
      const spam = xml
        .replace(
          '<wp:base_site_url>http://ledger.example</wp:base_site_url>',
          '<wp:base_site_url>http://spam.ledger.example</wp:base_site_url>',
        )
        .replace('<![CDATA[trash]]>', '<![CDATA[spam]]>');
      const file = path.join(files, 'spam.xml');
      writeFileSync(file, spam);
      const other = await database.open();
      const otherApp = await startApp(other);
      try {
        const result = await otherApp.services.imports.importFile('wxr', file);
        assert.deepEqual(result.comments, { published: 7, pending: 2, rejected: 1, deleted: 0 });
        const rows = await rawRows<{ status: string }>(
          other,
          `select status from comments where guest_name = 'Second Thoughts'`,
        );
        assert.deepEqual(rows, [{ status: 'rejected' }]);
      } finally {
        await otherApp.close();
        await other.dispose();
      }
    });
  });
}
