/**
 * Removing the demo (decisions/0041) over both databases, on a site that also has real content
 * added after the demo: every demo row is gone, every real row is intact, and the exports before
 * and after differ only in demo rows. Also: sites that loaded the demo before its rows were
 * recorded, and demo sections, people and tags that real content has come to use.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServices } from '../src/compose.js';
import { demoContent } from '../src/demo/content.js';
import { slugify } from '../src/domain/slug.js';
import type { User } from '../src/domain/user.js';
import type { Services } from '../src/services/index.js';
import type { Store } from '../src/store/types.js';
import { databases, type OpenedStore, type TestDatabase } from './helpers/databases.js';
import { publishedArticle, section, storedComment, storedPerson } from './helpers/fixtures.js';
import { jpeg } from './helpers/images.js';
import { rawSql } from './helpers/raw-sql.js';

const opened: OpenedStore[] = [];
after(async () => {
  for (const db of opened) await db.dispose();
});

async function open(database: TestDatabase): Promise<OpenedStore> {
  const db = await database.open();
  opened.push(db);
  return db;
}

interface Line {
  table: string;
  row: Record<string, unknown>;
  text: string;
}

async function exportRows(services: Services): Promise<Line[]> {
  const lines: Line[] = [];
  await services.backup.exportLines(async (text) => {
    const parsed = JSON.parse(text) as { table?: string; row?: Record<string, unknown> };
    if (parsed.table && parsed.row) lines.push({ table: parsed.table, row: parsed.row, text });
  });
  return lines;
}

const demoComments = (content = demoContent) => {
  let n = 0;
  const count = (list: readonly { replies?: unknown[] }[] | undefined): void => {
    for (const c of list ?? []) {
      n++;
      count(c.replies as { replies?: unknown[] }[] | undefined);
    }
  };
  for (const a of content.articles) count(a.comments);
  return n;
};

const demoTagCount = new Set(demoContent.articles.flatMap((a) => a.tags.map((t) => slugify(t))))
  .size;

/** Real content added after the demo: people, a section, articles, comments, reactions, an image. */
async function addRealContent(store: Store, services: Services) {
  const editor = await services.users.create({
    email: 'real.editor@news.example',
    name: 'Real Editor',
    role: 'admin',
    password: 'a-long-password-for-the-editor',
  });
  await services.tokens.create(editor.email, 'laptop');
  const reader = await storedPerson(store, { slug: 'real-reader' });
  const replier = await storedPerson(store, { slug: 'real-replier' });
  await section(store, 'sport', 'Sport');
  const image = await services.images.upload(editor, {
    bytes: await jpeg(640, 480),
    name: 'pitch.jpg',
    details: { alt: 'A football pitch at dusk' },
  });
  const demoArticle = await services.newsroom.article(editor, demoContent.articles[0]!.slug);
  const article = await publishedArticle(store, {
    headline: 'The real first match',
    sectionSlug: 'sport',
    authorIds: [editor.id],
    tags: [{ slug: 'football', name: 'Football' }],
    relatedIds: [demoArticle.id],
  });
  await services.images.setMainImage(editor, article, image.id);
  const comment = await storedComment(store, { articleId: article.id, authorId: reader.id });
  const reply = await storedComment(store, {
    articleId: article.id,
    authorId: replier.id,
    parentId: comment.id,
  });
  await store.comments.react({ commentId: comment.id, userId: replier.id, at: reply.createdAt });
  // On the demo's article: a real comment, a real reply to a demo comment, a reaction and a
  // report on a demo comment, and a moderator's action on it. All go with the demo article.
  const demoThread = await store.comments.create({
    articleId: demoArticle.id,
    parentId: null,
    authorId: reader.id,
    body: 'A real comment on a demo article.',
    html: '<p>A real comment on a demo article.</p>',
    status: 'published',
    createdAt: new Date().toISOString(),
  });
  const demoComment = (await exportRows(services)).find(
    (l) =>
      l.table === 'comments' &&
      l.row.article_id === demoArticle.id &&
      l.row.author_id !== reader.id,
  );
  assert.ok(demoComment, 'the demo article has comments');
  const demoCommentId = demoComment.row.id as string;
  await storedComment(store, {
    articleId: demoArticle.id,
    authorId: replier.id,
    parentId: demoCommentId,
  });
  await store.comments.react({ commentId: demoCommentId, userId: reader.id, at: reply.createdAt });
  await services.moderation.report(reader, demoCommentId, { reason: 'spam', text: 'Looks odd.' });
  await services.moderation.act(editor, [demoCommentId], 'feature');
  return { editor, reader, replier, article, image, demoArticle, demoThread: demoThread.comment };
}

/** Which exported rows belong to the demo, from the site's rows before removal. */
function demoRowTest(before: Line[], recorded: { table: string; key: string }[]) {
  const keys = (table: string) =>
    new Set(recorded.filter((r) => r.table === table).map((r) => r.key));
  const users = keys('users');
  const articles = keys('articles');
  const sections = keys('sections');
  const tags = keys('tags');
  const images = keys('images');
  const settings = keys('settings');
  const comments = new Set(
    before
      .filter((l) => l.table === 'comments' && articles.has(l.row.article_id as string))
      .map((l) => l.row.id as string),
  );
  const has = (set: Set<string>, value: unknown) => typeof value === 'string' && set.has(value);
  return (line: Line): boolean => {
    const r = line.row;
    switch (line.table) {
      case 'users':
        return has(users, r.id);
      case 'api_tokens':
        return has(users, r.user_id);
      case 'sections':
        return has(sections, r.slug);
      case 'tags':
        return has(tags, r.slug);
      case 'images':
        return has(images, r.id);
      case 'articles':
        return has(articles, r.id);
      case 'article_related':
        return has(articles, r.article_id) || has(articles, r.related_id);
      case 'article_authors':
      case 'article_tags':
      case 'article_revisions':
      case 'article_old_slugs':
      case 'article_old_paths':
      case 'corrections':
        return has(articles, r.article_id);
      case 'settings':
        return has(settings, r.key);
      case 'comments':
        return has(comments, r.id);
      case 'comment_revisions':
      case 'comment_reactions':
      case 'comment_moderation_reasons':
      case 'comment_reports':
        return has(comments, r.comment_id);
      case 'moderation_actions':
        return (
          has(articles, r.article_id) || has(comments, r.comment_id) || has(users, r.target_user_id)
        );
      case 'demo_rows':
        return true;
      default:
        return false;
    }
  };
}

for (const database of databases()) {
  describe(`removing the demo (${database.name})`, () => {
    test('on a site with real content: every demo row goes, every real row stays', async () => {
      const db = await open(database);
      const services = createServices(db.store);
      assert.equal(await services.demo.loadIfEmpty(), true);
      assert.equal(await services.demo.isLoaded(), true);
      const real = await addRealContent(db.store, services);

      const before = await exportRows(services);
      const recorded = before
        .filter((l) => l.table === 'demo_rows')
        .map((l) => ({ table: l.row.table_name as string, key: l.row.row_key as string }));
      assert.ok(recorded.length > 0, 'the loader recorded its rows');
      assert.ok(
        !recorded.some((r) => r.key === real.editor.id || r.key === real.article.id),
        'no real row is recorded as the demo’s',
      );
      const isDemo = demoRowTest(before, recorded);

      const plan = await services.demo.plan();
      let cleared = 0;
      const stop = services.changes.subscribe((c) => {
        if (c.kind === 'site') cleared++;
      });
      const removal = await services.demo.remove();
      stop();
      assert.deepEqual(removal, plan, 'the confirmation showed what was then removed');
      assert.equal(cleared, 1, 'every cached page is dropped once');
      assert.deepEqual(removal, {
        articles: demoContent.articles.length,
        comments: demoComments() + 2,
        addedComments: 2,
        accounts: demoContent.people.length,
        sections: demoContent.sections.length,
        tags: demoTagCount,
        images: 0,
        settings: 1,
        relatedLinks: 1,
        kept: { sections: [], people: [], images: 0 },
      });

      const afterRows = await exportRows(services);
      const beforeText = new Set(before.map((l) => l.text));
      const afterText = new Set(afterRows.map((l) => l.text));
      for (const line of afterRows) {
        assert.ok(beforeText.has(line.text), `a row changed or appeared: ${line.text}`);
        assert.ok(!isDemo(line), `a demo row is left: ${line.text}`);
      }
      for (const line of before) {
        if (afterText.has(line.text)) continue;
        assert.ok(isDemo(line), `a real row is gone: ${line.text}`);
      }
      // The real content is all there, and still works.
      const kept = (table: string) => afterRows.filter((l) => l.table === table).length;
      assert.equal(kept('articles'), 1);
      assert.equal(kept('sections'), 1);
      assert.equal(kept('users'), 3);
      assert.equal(kept('images'), 1);
      assert.equal(kept('comments'), 2);
      assert.equal(kept('comment_reactions'), 1);
      assert.equal(kept('api_tokens'), 1);
      assert.deepEqual(
        afterRows.filter((l) => l.table === 'tags').map((l) => l.row.slug),
        ['football'],
      );
      const front = await services.reading.frontPage();
      assert.equal(front.lead?.headline, 'The real first match');
      assert.deepEqual(front.latest, []);

      assert.equal(await services.demo.isLoaded(), false);
      const again = await services.demo.remove();
      assert.equal(again.articles + again.accounts + again.sections + again.settings, 0);
    });

    test('a site that loaded the demo before its rows were recorded: the content identifies them', async () => {
      const db = await open(database);
      const services = createServices(db.store);
      await services.demo.loadIfEmpty();
      await rawSql(db, 'delete from demo_rows');
      const real = await addRealContent(db.store, services);
      // A demo person whose name was changed no longer matches: they stay.
      const changed = demoContent.people.find((p) => p.role === 'commenter')!;
      await rawSql(db, 'update users set name = $1 where email = $2', [
        'Someone Real Now',
        changed.email,
      ]);
      const removal = await services.demo.remove();
      assert.equal(removal.articles, demoContent.articles.length);
      assert.equal(removal.sections, demoContent.sections.length);
      assert.equal(removal.accounts, demoContent.people.length - 1);
      assert.equal(removal.settings, 1);
      const afterRows = await exportRows(services);
      const people = afterRows.filter((l) => l.table === 'users').map((l) => l.row.name);
      assert.deepEqual(people.sort(), [
        'Person real-reader',
        'Person real-replier',
        'Real Editor',
        'Someone Real Now',
      ]);
      assert.ok(afterRows.some((l) => l.table === 'articles' && l.row.id === real.article.id));
      assert.equal(await services.demo.isLoaded(), false, 'the changed person is not the demo’s');
    });

    test('a demo section, person and tag that real content uses stay, and are named', async () => {
      const db = await open(database);
      const services = createServices(db.store);
      await services.demo.loadIfEmpty();
      const ruth = demoContent.people.find((p) => p.role === 'editor')!;
      const ruthUser = (await db.store.users.byEmail(ruth.email)) as User;
      const news = demoContent.sections.find((s) => s.slug === 'news')!;
      const demoTag = demoContent.articles[0]!.tags[0]!;
      const article = await publishedArticle(db.store, {
        headline: 'Our own news story',
        sectionSlug: news.slug,
        authorIds: [ruthUser.id],
        tags: [{ slug: slugify(demoTag), name: demoTag }],
      });
      await db.store.settings.set('site_name', 'The Real Gazette');

      const plan = await services.demo.plan();
      assert.deepEqual(plan.kept.sections, [{ slug: news.slug, name: news.name, articles: 1 }]);
      assert.deepEqual(plan.kept.people, [{ id: ruthUser.id, name: ruth.name }]);
      assert.equal(plan.settings, 0, 'a changed site name is not the demo’s');
      const removal = await services.demo.remove();
      assert.equal(removal.sections, demoContent.sections.length - 1);
      assert.equal(removal.accounts, demoContent.people.length - 1);
      assert.equal(removal.tags, demoTagCount - 1);

      const afterRows = await exportRows(services);
      assert.deepEqual(
        afterRows.filter((l) => l.table === 'articles').map((l) => l.row.id),
        [article.id],
      );
      assert.deepEqual(
        afterRows.filter((l) => l.table === 'sections').map((l) => l.row.slug),
        [news.slug],
      );
      assert.equal(await db.store.settings.get('site_name'), 'The Real Gazette');
      assert.ok(await db.store.users.byEmail(ruth.email));
      // What stays is still known for the demo's, so it goes once nothing uses it any more.
      assert.deepEqual(
        afterRows
          .filter((l) => l.table === 'demo_rows')
          .map((l) => `${l.row.table_name as string}:${l.row.row_key as string}`)
          .sort(),
        [
          `sections:${news.slug}`,
          'settings:site_name',
          `tags:${slugify(demoTag)}`,
          `users:${ruthUser.id}`,
        ],
      );
      assert.equal(await services.demo.isLoaded(), false);
      await rawSql(db, 'delete from articles where id = $1', [article.id]);
      const later = await services.demo.remove();
      assert.deepEqual([later.sections, later.accounts, later.tags, later.settings], [1, 1, 1, 0]);
      assert.deepEqual(await db.store.sections.list(), []);
    });

    test('two loads at once: one loads the demo, the other finds it there', async () => {
      const db = await open(database);
      const services = createServices(db.store);
      const results = await Promise.all([
        services.demo.loadIfEmpty(),
        services.demo.loadIfEmpty(),
        services.demo.loadIfEmpty(),
      ]);
      assert.deepEqual(results.filter(Boolean), [true]);
      assert.equal(await db.store.reader.countPublished(), demoContent.articles.length);
      const removal = await services.demo.remove();
      assert.equal(removal.articles, demoContent.articles.length);
      assert.equal(await services.demo.loadIfEmpty(), true, 'an emptied site takes the demo again');
    });

    test('load refuses a site with content; loadIfEmpty says false', async () => {
      const db = await open(database);
      const services = createServices(db.store);
      await publishedArticle(db.store, { headline: 'Already here' });
      assert.equal(await services.demo.loadIfEmpty(), false);
      await assert.rejects(services.demo.load(), { condition: 'database_not_empty' });
      assert.equal(await services.demo.isLoaded(), false);
    });
  });
}
