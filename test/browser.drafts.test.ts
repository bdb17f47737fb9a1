/**
 * Deleting a draft in a real browser, by keyboard only: the editor's "Delete draft" leads to the
 * confirmation page, its button deletes and the article list says so; an admin recovers the
 * draft from the list of deleted drafts. axe-core checks the editor, the confirmation page (also
 * when it refuses), the list with its notice and the deleted drafts page. SQLite only: what is
 * under test is the pages.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import type { User } from '../src/domain/user.js';
import { startApp, type RunningApp } from './helpers/app.js';
import {
  asSignedIn,
  assertAccessible,
  browserAvailable,
  launchBrowser,
} from './helpers/browser.js';
import { openSqliteStore, type OpenedStore } from './helpers/databases.js';
import { storedPerson } from './helpers/fixtures.js';

/** Presses Tab until the focused element's text is `name` (so it is reachable by keyboard). */
async function tabTo(page: Page, name: RegExp): Promise<void> {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    const text = await page.evaluate<string>(
      'document.activeElement ? document.activeElement.textContent.replace(/\\s+/g, " ").trim() : ""',
    );
    if (name.test(text)) return;
  }
  assert.fail(`Tab never reached ${String(name)}`);
}

if (browserAvailable()) {
  describe('deleting drafts in a browser', () => {
    let db: OpenedStore;
    let app: RunningApp;
    let browser: Browser;
    let author: User;
    let editor: User;
    let admin: User;

    before(async () => {
      db = await openSqliteStore();
      app = await startApp(db);
      await db.store.sections.upsert({ slug: 'news', name: 'News', description: '', position: 0 });
      author = await storedPerson(db.store, { slug: 'ann', name: 'Ann Author', role: 'author' });
      editor = await storedPerson(db.store, { slug: 'ed', name: 'Ed Editor', role: 'editor' });
      admin = await storedPerson(db.store, { slug: 'ada', name: 'Ada Admin', role: 'admin' });
      browser = await launchBrowser();
    });
    after(async () => {
      await browser?.close();
      await app?.close();
      await db?.dispose();
    });

    test('an author deletes a draft with the keyboard; an admin recovers it', async () => {
      const draft = await app.services.newsroom.create(author, {
        headline: 'Pier repairs: first notes',
        section: 'news',
        body: 'Notes from the council meeting.',
      });

      await asSignedIn(browser, app, author.id, async (page) => {
        await page.goto(`${app.url}/admin/articles/${draft.id}`);
        await assertAccessible(page, 'editor with the delete panel');
        await tabTo(page, /^Delete draft$/);
        await page.keyboard.press('Enter');
        await page.waitForURL(/\/delete$/);
        await page.getByRole('heading', { name: 'Delete this draft?' }).waitFor();
        await assertAccessible(page, 'delete confirmation');
        await tabTo(page, /^Delete draft$/);
        assert.equal(
          await page.evaluate<string>('document.activeElement.tagName'),
          'BUTTON',
          'the page’s own button, not a link',
        );
        await page.keyboard.press('Enter');
        await page.waitForURL(/\/admin\/articles\?done=deleted$/);
        await page
          .getByText('The draft has been deleted. An admin can recover it for 30 days.')
          .waitFor();
        assert.equal(await page.getByText('Pier repairs: first notes').count(), 0);
        await assertAccessible(page, 'article list after deleting');
      });

      await asSignedIn(browser, app, admin.id, async (page) => {
        await page.goto(`${app.url}/admin`);
        await page.getByRole('link', { name: 'Deleted drafts' }).first().click();
        await page.waitForURL(/\/admin\/articles\/deleted$/);
        await page.getByRole('rowheader', { name: 'Pier repairs: first notes' }).waitFor();
        await assertAccessible(page, 'deleted drafts');
        await tabTo(page, /^Recover: Pier repairs: first notes$/);
        await page.keyboard.press('Enter');
        await page.waitForURL(new RegExp(`/admin/articles/${draft.id}\\?done=recovered$`));
        await page
          .getByText('The draft has been recovered as it was, with its revisions.')
          .waitFor();
        assert.equal(await page.getByLabel('Body').inputValue(), 'Notes from the council meeting.');
        await page.goto(`${app.url}/admin/articles/deleted`);
        await page.getByText('No deleted drafts.').waitFor();
        await assertAccessible(page, 'no deleted drafts');
      });
    });

    test('a published article’s confirmation page says why it cannot be deleted', async () => {
      const a = await app.services.newsroom.create(editor, {
        headline: 'Harbour reopens',
        section: 'news',
        body: 'Boats are back.',
        authors: ['ann'],
      });
      await app.services.newsroom.publish(editor, a.id);
      await asSignedIn(browser, app, editor.id, async (page) => {
        const res = await page.goto(`${app.url}/admin/articles/${a.id}/delete`);
        assert.equal(res?.status(), 409);
        await page
          .getByText(/can only be unpublished/)
          .first()
          .waitFor();
        assert.equal(await page.getByRole('button', { name: 'Delete draft' }).count(), 0);
        await assertAccessible(page, 'refused confirmation');
      });
    });
  });
}
