/**
 * Article bodies rendered when saved (issue 19, decisions/0054), on every database: every path
 * that writes a body stores its HTML, the migration renders the rows it finds, the page shows the
 * same body as from the Markdown, and what depends on other rows (an inline headline) stays live.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { articlePath, type Article } from '../src/domain/article.js';
import { renderBody, renderedParts } from '../src/domain/body.js';
import type { User } from '../src/domain/user.js';
import { createServices } from '../src/compose.js';
import { loadDemoIfEmpty } from '../src/services/demo.js';
import { openStore, type Store } from '../src/store/index.js';
import { articleBody } from '../src/views/pages/article-content.js';
import { databases, type OpenedStore } from './helpers/databases.js';
import { publishedArticle, storedPerson } from './helpers/fixtures.js';
import { rawRows, rawSql } from './helpers/raw-sql.js';

const body = (slug: string) =>
  [
    'The council met on *Tuesday* -- "again".',
    '',
    `[[related:${slug}]]`,
    '',
    '```',
    '[[related:not-a-placement]] <b>kept as code</b>',
    '```',
    '',
    'See [the minutes](https://example.org/minutes) and [a path](/news).',
  ].join('\n');

for (const database of databases()) {
  describe(`rendered article bodies on ${database.name}`, () => {
    let db: OpenedStore;
    let store: Store;
    let services: ReturnType<typeof createServices>;
    let editor: User;

    const storedHtml = async (id: string) =>
      (
        await rawRows<{ body_html: string | null }>(
          db,
          'select body_html from articles where id = $1',
          [id],
        )
      )[0]?.body_html;

    /** The article page's body as the reader sees it, and as rendered from the Markdown alone. */
    const shown = async (a: Article) => {
      const lookup = await services.reading.articleAt(articlePath(a), a.slug);
      assert.equal(lookup.kind, 'found');
      if (lookup.kind !== 'found') throw new Error('moved');
      const page = lookup.page;
      return {
        stored: page.renderedBody !== null,
        html: articleBody(page.article.body, page, { notes: false }).value,
        fromMarkdown: articleBody(
          page.article.body,
          { ...page, renderedBody: null },
          { notes: false },
        ).value,
      };
    };

    before(async () => {
      db = await database.open();
      store = db.store;
      services = createServices(store);
      editor = await storedPerson(store, { role: 'editor', slug: 'ed', name: 'Ed Itor' });
    });
    after(async () => {
      await db?.dispose();
    });

    test('a new article stores its rendered body; the page shows what the Markdown makes', async () => {
      const other = await publishedArticle(store, {
        headline: 'The river plan',
        authorIds: [editor.id],
      });
      const a = await publishedArticle(store, {
        headline: 'Council meets',
        body: body(other.slug),
        authorIds: [editor.id],
      });
      assert.equal(await storedHtml(a.id), renderBody(a.body));
      const page = await shown(a);
      assert.ok(page.stored, 'the page used the stored body');
      assert.equal(page.html, page.fromMarkdown);
      assert.match(page.html, /<em>Tuesday<\/em>/);
      assert.match(page.html, /&lt;b&gt;kept as code&lt;\/b&gt;/);
      assert.match(page.html, new RegExp(`<a href="${articlePath(other)}">The river plan</a>`));
      assert.doesNotMatch(page.html, /<!--/);

      // The inline headline is read when the page is: a new headline shows at once.
      const edited = await services.newsroom.edit(editor, other.id, {
        version: other.version,
        headline: 'The river plan, revised',
      });
      assert.equal(edited.headline, 'The river plan, revised');
      const after = await shown(a);
      assert.match(after.html, />The river plan, revised<\/a>/);
      assert.equal(after.html, after.fromMarkdown);
    });

    test('an edit and a restored revision store the body rendered again', async () => {
      const a = await publishedArticle(store, {
        headline: 'Edited twice',
        body: 'First **version**.',
        authorIds: [editor.id],
      });
      const edited = await services.newsroom.edit(editor, a.id, {
        version: a.version,
        body: 'Second _version_, with a [link](https://example.org).',
      });
      assert.equal(await storedHtml(a.id), renderBody(edited.body));
      assert.match(
        (await shown(edited)).html,
        /<em>version<\/em>, with a <a href="https:\/\/example.org">link<\/a>/,
      );

      const restored = await services.newsroom.restore(editor, a.id, 1, edited.version);
      assert.equal(restored.body, 'First **version**.');
      assert.equal(await storedHtml(a.id), renderBody('First **version**.'));
      const page = await shown(restored);
      assert.ok(page.stored);
      assert.match(page.html, /First <strong>version<\/strong>\./);
      assert.doesNotMatch(page.html, /Second/);
    });

    test('a body not rendered (restored from a backup) or rendered by another version is rendered when read', async () => {
      const a = await publishedArticle(store, {
        headline: 'Not rendered yet',
        body: 'Plain *text*.',
        authorIds: [editor.id],
      });
      await rawSql(db, 'update articles set body_html = null where id = $1', [a.id]);
      let page = await shown(a);
      assert.equal(page.stored, false);
      assert.match(page.html, /Plain <em>text<\/em>\./);
      await rawSql(db, 'update articles set body_html = $1 where id = $2', [
        '<!--body:0--><p>stale</p>',
        a.id,
      ]);
      page = await shown(a);
      assert.equal(page.stored, false);
      assert.doesNotMatch(page.html, /stale/);
      assert.equal(renderedParts('<!--body:0--><p>stale</p>'), null);
    });

    test('migration 0027 renders the bodies it finds', async () => {
      const a = await publishedArticle(store, {
        headline: 'Before the column',
        body: '## A heading\n\nA paragraph.',
        authorIds: [editor.id],
      });
      // Back to the database before 0027: no column, the migration not recorded.
      await rawSql(db, 'alter table articles drop column body_html');
      await rawSql(db, `delete from kysely_migration where name = '0027_rendered_bodies'`);
      const again = await openStore({
        databaseUrl: db.databaseUrl,
        dataDir: db.dataDir,
        ...(db.pgSchema ? { pgSchema: db.pgSchema } : {}),
      });
      await again.close();
      const rows = await rawRows<{ id: string; body: string; body_html: string | null }>(
        db,
        'select id, body, body_html from articles',
      );
      assert.ok(rows.length >= 5);
      for (const row of rows) assert.equal(row.body_html, renderBody(row.body), row.id);
      assert.match((await shown(a)).html, /<h2>A heading<\/h2>/);
    });

    test('the demo content, loaded into an empty database, stores its rendered bodies', async () => {
      const empty = await database.open();
      try {
        assert.equal(await loadDemoIfEmpty(empty.store), true);
        const rows = await rawRows<{ body: string; body_html: string | null }>(
          empty,
          'select body, body_html from articles',
        );
        assert.ok(rows.length > 5);
        for (const row of rows) assert.equal(row.body_html, renderBody(row.body));
      } finally {
        await empty.dispose();
      }
    });
  });
}
