/**
 * Images in a real browser: an author uploads a picture in the editor with the plain form, an
 * editor is told to add alt text before publishing, adds it and publishes; the public page shows
 * the picture, loaded from the WebP widths. axe-core checks the editor with its image panel and
 * the article page. SQLite only: what is under test is the pages.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import type { Role, User } from '../src/domain/user.js';
import { startApp, type RunningApp } from './helpers/app.js';
import {
  asSignedIn,
  assertAccessible,
  browserAvailable,
  launchBrowser,
} from './helpers/browser.js';
import { openSqliteStore, type OpenedStore } from './helpers/databases.js';
import { storedPerson } from './helpers/fixtures.js';
import { jpeg } from './helpers/images.js';

if (browserAvailable()) {
  describe('images in a browser', () => {
    let db: OpenedStore;
    let app: RunningApp;
    let browser: Browser;
    let author: User;
    let editor: User;

    const person = (slug: string, role: Role) =>
      storedPerson(db.store, {
        slug,
        name: slug === 'pia' ? 'Pia Photographer' : 'Ed Editor',
        role,
      });

    before(async () => {
      db = await openSqliteStore();
      app = await startApp(db);
      await db.store.sections.upsert({ slug: 'news', name: 'News', description: '', position: 0 });
      author = await person('pia', 'author');
      editor = await person('ed', 'editor');
      browser = await launchBrowser();
    });
    after(async () => {
      await browser?.close();
      await app?.close();
      await db?.dispose();
    });

    const as = <T>(user: User, work: (page: Page) => Promise<T>) =>
      asSignedIn(browser, app, user.id, work);
    const accessible = assertAccessible;

    test('an author uploads a picture; it needs alt text; the published page shows it', async () => {
      const article = await app.services.newsroom.create(author, {
        headline: 'The new breakwater takes its first storm',
        section: 'news',
        standfirst: 'Waves of six metres, and the harbour stayed calm.',
        body: 'The wall held through the night.',
      });
      const picture = await jpeg(1600, 900);

      await as(author, async (page) => {
        await page.goto(`${app.url}/admin/articles/${article.id}`);
        await page.getByRole('heading', { name: 'Main image' }).waitFor();
        await page.locator('#image-file').setInputFiles({
          name: 'breakwater.jpg',
          mimeType: 'image/jpeg',
          buffer: picture,
        });
        await page.locator('#image-caption').fill('Spray over the new wall at high tide');
        await page.locator('#image-credit').fill('Harbour Desk');
        await page.getByRole('button', { name: 'Add the image' }).click();
        await page.getByText('The main image has been saved.').waitFor();
        await page.getByText('breakwater.jpg, 1600 × 900 pixels').waitFor();
        await page.getByText('No alt text yet: the article cannot be published.').waitFor();
        const preview = page.locator('.image-preview img');
        await preview.waitFor();
        assert.ok(
          await preview.evaluate(
            (img) => (img as unknown as { naturalWidth: number }).naturalWidth > 0,
          ),
          'the preview loads',
        );
        await accessible(page, 'editor with an image');
        if (process.env.SCREENSHOT_DIR) {
          await page.screenshot({
            path: `${process.env.SCREENSHOT_DIR}/editor.png`,
            fullPage: true,
          });
        }
        await page.getByRole('button', { name: 'Submit for review' }).click();
        await page.getByText('Submitted for review.').waitFor();
      });

      await as(editor, async (page) => {
        await page.goto(`${app.url}/admin/articles/${article.id}`);
        await page.getByRole('button', { name: 'Publish now' }).click();
        await page
          .getByRole('alert')
          .getByText(/Write alt text for the main image/)
          .waitFor();
        await page.locator('#image-alt').fill('Spray rising over a long concrete wall');
        await page.getByRole('button', { name: 'Save the image' }).click();
        await page.getByText('The main image has been saved.').waitFor();
        await page.getByRole('button', { name: 'Publish now' }).click();
        await page.getByText('Published.').first().waitFor();
        await page.getByRole('link', { name: 'View on the site' }).click();
        await page
          .getByRole('heading', { level: 1, name: 'The new breakwater takes its first storm' })
          .waitFor();
        const img = page.getByRole('img', { name: 'Spray rising over a long concrete wall' });
        await img.waitFor();
        const loaded = await img.evaluate((el) => {
          const i = el as unknown as {
            complete: boolean;
            naturalWidth: number;
            currentSrc: string;
          };
          return { complete: i.complete, width: i.naturalWidth, src: i.currentSrc };
        });
        assert.ok(loaded.complete && loaded.width > 0, JSON.stringify(loaded));
        assert.match(loaded.src, /\/images\/[0-9a-f]{32}\.webp$/, 'a WebP width was chosen');
        await page.getByText('Spray over the new wall at high tide').waitFor();
        await accessible(page, 'article with its main image');
        if (process.env.SCREENSHOT_DIR) {
          await page.screenshot({
            path: `${process.env.SCREENSHOT_DIR}/article.png`,
            fullPage: true,
          });
        }
      });
    });
  });
}
