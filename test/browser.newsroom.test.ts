/**
 * The newsroom in a real browser: an author writes a draft, previews it, lets autosave keep it
 * and submits it; an editor schedules it, then publishes it; the public page shows it. axe-core
 * checks every newsroom page on the way (list, new, editor, preview, conflict, revisions).
 * SQLite only: what is under test is the pages, not the database.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import type { Role, User } from '../src/domain/user.js';
import { startApp, type RunningApp } from './helpers/app.js';
import {
  axeViolations,
  browserAvailable,
  formatViolations,
  launchBrowser,
} from './helpers/browser.js';
import { openSqliteStore, type OpenedStore } from './helpers/databases.js';

if (browserAvailable()) {
  describe('the newsroom in a browser', () => {
    let db: OpenedStore;
    let app: RunningApp;
    let browser: Browser;
    let author: User;
    let editor: User;

    const person = (slug: string, role: Role) =>
      db.store.users.create({
        email: `${slug}@example.com`,
        name: slug === 'ann' ? 'Ann Author' : 'Ed Editor',
        slug,
        role,
        passwordHash: null,
        createdAt: new Date().toISOString(),
      });

    before(async () => {
      db = await openSqliteStore();
      app = await startApp(db);
      await db.store.sections.upsert({ slug: 'news', name: 'News', description: '', position: 0 });
      author = await person('ann', 'author');
      editor = await person('ed', 'editor');
      browser = await launchBrowser();
    });
    after(async () => {
      await browser?.close();
      await app?.close();
      await db?.dispose();
    });

    async function as<T>(user: User, fn: (page: Page) => Promise<T>): Promise<T> {
      const context = await browser.newContext({
        viewport: { width: 1280, height: 900 },
        reducedMotion: 'reduce',
      });
      try {
        context.setDefaultTimeout(5000);
        const { id } = await app.services.sessions.start(user.id);
        await context.addCookies([{ name: 'bs_session', value: id, url: app.url }]);
        return await fn(await context.newPage());
      } finally {
        await context.close();
      }
    }

    async function accessible(page: Page, label: string) {
      const violations = await axeViolations(page);
      assert.equal(violations.length, 0, `${label}:\n${formatViolations(violations)}`);
    }

    test('an author writes, previews and submits; an editor schedules and publishes', async () => {
      const articleId = await as(author, async (page) => {
        await page.goto(`${app.url}/admin/articles`);
        await accessible(page, 'article list');
        await page.getByRole('link', { name: 'Write a new article' }).click();
        await page.waitForURL(/\/admin\/articles\/new$/);
        await accessible(page, 'new article');
        await page.getByLabel('Headline').fill('Lighthouse keeper retires after forty years');
        await page
          .getByLabel('Standfirst')
          .fill('The last keeper on the coast hands over the keys.');
        await page.getByLabel('Body').fill('Mary *Penrose* climbed the 120 steps every night.');
        await page.getByLabel('Dateline (place)').fill('PENNOCK');
        await page.getByLabel('Tags').fill('Coast, People');
        await page.getByRole('button', { name: 'Preview' }).click();
        await page.getByRole('heading', { name: 'Preview' }).waitFor();
        assert.equal(
          await page.locator('.preview .article__body em').innerText(),
          'Penrose',
          'the preview renders the Markdown like the article page',
        );
        await accessible(page, 'preview');
        await page.getByRole('button', { name: 'Save' }).click();
        await page.getByText('The draft has been created.').waitFor();
        await accessible(page, 'editor');
        const id = /\/admin\/articles\/([0-9a-z]+)/.exec(page.url())?.[1];
        assert.ok(id);

        // Autosave: a change, then leaving the field, saves the draft through the API.
        await page.getByLabel('Body').fill('Mary Penrose climbed the 120 steps every night.');
        await page.getByLabel('Tags').focus();
        await page.getByText(/Draft saved automatically at/).waitFor();
        const saved = await app.services.newsroom.article(author, id);
        assert.equal(saved.body, 'Mary Penrose climbed the 120 steps every night.');
        assert.equal(
          await page.locator('input[name="version"]').inputValue(),
          String(saved.version),
        );

        assert.equal(await page.getByRole('button', { name: 'Publish now' }).count(), 0);
        await page.getByRole('button', { name: 'Submit for review' }).click();
        await page.getByText('Submitted for review.').waitFor();
        await page.goto(`${app.url}/admin/articles/${id}/revisions`);
        await page.getByRole('button', { name: 'Compare' }).click();
        await page.getByRole('heading', { name: /compared with version/ }).waitFor();
        await accessible(page, 'revisions compared');
        return id;
      });

      await as(editor, async (page) => {
        await page.goto(`${app.url}/admin/articles?status=review`);
        await page
          .getByRole('link', { name: 'Lighthouse keeper retires after forty years' })
          .click();
        await page.getByLabel('Publish at (UTC)').fill('2099-06-01T08:30');
        await page.getByRole('button', { name: 'Schedule' }).click();
        await page.getByText('Scheduled.').first().waitFor();
        await accessible(page, 'scheduled article');
        const scheduled = await app.services.newsroom.article(editor, articleId);
        assert.equal(scheduled.status, 'scheduled');
        assert.equal(scheduled.publishAt, '2099-06-01T08:30:00.000Z');
        await page.getByRole('button', { name: 'Publish now' }).click();
        await page.getByText('Published.').first().waitFor();
        await page.getByRole('link', { name: 'View on the site' }).click();
        await page
          .getByRole('heading', { level: 1, name: 'Lighthouse keeper retires after forty years' })
          .waitFor();
      });
    });

    test('a stale save in the browser shows both versions, accessibly', async () => {
      const a = await app.services.newsroom.create(author, {
        headline: 'Tide tables printed',
        section: 'news',
        body: 'High water at noon.',
      });
      await as(author, async (page) => {
        await page.goto(`${app.url}/admin/articles/${a.id}`);
        await app.services.newsroom.edit(editor, a.id, { version: 1, body: 'High water at one.' });
        await page.getByLabel('Body').fill('High water at two.');
        await page.getByRole('button', { name: 'Save' }).click();
        await page.getByRole('heading', { name: /Someone else saved this article/ }).waitFor();
        assert.equal(await page.getByLabel('Body').inputValue(), 'High water at two.');
        await accessible(page, 'conflict');
      });
    });
  });
}
