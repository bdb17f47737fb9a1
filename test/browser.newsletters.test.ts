/**
 * Newsletters in Chromium: the subscribe, manage and archive pages pass axe and work by
 * keyboard; the HTML email is rendered light and dark to PNG (test-results/newsletter-*.png,
 * looked at by the author) and its text keeps its contrast in both.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { newId } from '../src/domain/ids.js';
import type { User } from '../src/domain/user.js';
import { startApp, type RunningApp } from './helpers/app.js';
import { assertAccessible, browserAvailable, launchBrowser, openPage } from './helpers/browser.js';
import { openSqliteStore, type OpenedStore } from './helpers/databases.js';
import { publishedArticle, storedPerson } from './helpers/fixtures.js';

const resultsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../test-results');

if (browserAvailable()) {
  describe('newsletters in a browser', () => {
    let db: OpenedStore;
    let app: RunningApp;
    let browser: Browser;
    let editor: User;

    before(async () => {
      db = await openSqliteStore();
      app = await startApp(db);
      browser = await launchBrowser();
      mkdirSync(resultsDir, { recursive: true });
      editor = await storedPerson(db.store, { role: 'editor' });
    });
    after(async () => {
      await browser?.close();
      await app?.close();
      await db?.dispose();
    });

    test('subscribe, manage and archive pages are accessible and work by keyboard', async () => {
      const article = await publishedArticle(db.store, {
        headline: 'Tide tables redrawn',
        standfirst: 'Surveyors map the new sandbanks.',
      });
      const issue = await app.services.newsletterDesk.requestAlert(editor, article.id);
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      try {
        await openPage(page, `${app.url}/newsletters`);
        await assertAccessible(page, 'the newsletters page');
        await openPage(page, `${app.url}/newsletters/${issue.slug}`);
        await assertAccessible(page, 'an archived newsletter');
        await openPage(page, `${app.url}/`);
        await assertAccessible(page, 'the front page with its subscribe box');
        // Subscribing by keyboard from the front page's box.
        await page.focus('#newsletter-email');
        await page.keyboard.type('keys@example.com');
        await page.keyboard.press('Tab');
        await page.keyboard.press('Tab');
        await page.keyboard.press('Space');
        await page.keyboard.press('Tab');
        await Promise.all([
          page.waitForURL(/\/newsletters\/subscribe$/),
          page.keyboard.press('Enter'),
        ]);
        assert.match(await page.locator('h1').innerText(), /Check your inbox/);
        const subscriber = await db.store.newsletters.subscriberByEmail('keys@example.com');
        assert.deepEqual(subscriber?.lists, ['alerts', 'briefing']);
        const manage = await app.services.newsletters.manageUrl(subscriber!.id);
        await openPage(page, manage.replace('http://broadsheet.test', app.url));
        await assertAccessible(page, 'the manage page');
      } finally {
        await context.close();
      }
    });

    test('the HTML email, light and dark', async () => {
      const id = newId();
      const at = new Date().toISOString();
      await db.store.newsletters.addSubscriber({
        id,
        email: 'look@example.com',
        userId: null,
        status: 'confirmed',
        source: 'form',
        at,
      });
      const article = await publishedArticle(db.store, {
        headline: 'Harbour wall <repaired> before the storms',
        standfirst: 'Engineers & volunteers worked through the night to close the breach.',
      });
      const other = await publishedArticle(db.store, {
        headline: 'Ferry timetable changes',
        sectionSlug: 'travel',
      });
      const created = await db.store.newsletters.createIssue({
        id: newId(),
        key: 'briefing:look',
        slug: 'briefing-look',
        kind: 'briefing',
        list: 'briefing',
        status: 'held',
        subject: 'The morning briefing',
        intro: 'Good morning. Two stories to start your day.',
        articleIds: [article.id, other.id],
        sendAt: null,
        createdAt: at,
      });
      assert.ok(created);
      const issue = await db.store.newsletters.issueByKey('briefing:look');
      const mail = await app.services.newsletterDesk.preview(issue!.id);
      for (const scheme of ['light', 'dark'] as const) {
        const context = await browser.newContext({
          viewport: { width: 700, height: 900 },
          colorScheme: scheme,
        });
        const page = await context.newPage();
        try {
          await page.setContent(mail.html);
          const file = path.join(resultsDir, `newsletter-${scheme}.png`);
          await page.screenshot({ path: file, fullPage: true });
          // A string: the email page has no CSP, and the test's types have no DOM.
          const colours = await page.evaluate(
            "[getComputedStyle(document.querySelector('h1')).color, getComputedStyle(document.querySelector('.nl-card')).backgroundColor]",
          );
          if (scheme === 'dark')
            assert.deepEqual(colours, ['rgb(241, 241, 241)', 'rgb(29, 32, 36)']);
          else assert.deepEqual(colours, ['rgb(26, 26, 26)', 'rgb(255, 255, 255)']);
          assert.equal(
            await page.locator('h2 a').first().innerText(),
            'Harbour wall <repaired> before the storms',
          );
        } finally {
          await context.close();
        }
      }
    });
  });
}
