/**
 * The whole journey in the second language (issue #17): on a site set to German, an editor
 * writes and publishes an article, a reader signs in through the form, reads it and comments,
 * and a moderator opens the queue — every page in German, with no English interface text on
 * screen (every English catalogue text that German says differently is looked for), axe clean.
 * Driven by the German labels, taken from the catalogue. SQLite: the browser is under test.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { User } from '../src/domain/user.js';
import { allCatalogues, translator } from '../src/i18n/translator.js';
import { hashPassword } from '../src/services/passwords.js';
import { startApp, type RunningApp } from './helpers/app.js';
import {
  asSignedIn,
  assertAccessible,
  browserAvailable,
  launchBrowser,
} from './helpers/browser.js';
import { openSqliteStore, type OpenedStore } from './helpers/databases.js';
import { storedPerson } from './helpers/fixtures.js';

const resultsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../test-results');
const de = translator('de-DE', 'Europe/Berlin');
const password = 'Leuchtturm am Deich bei Nacht';

/**
 * English interface phrases to look for: every English message of two words or more without
 * placeholders or markup whose German differs (single words such as "Name" or "Feed" are often
 * the same in both languages, and headlines may share them).
 */
function englishPhrases(): string[] {
  const english = allCatalogues['en'] as unknown as Record<string, Record<string, string>>;
  const german = allCatalogues['de'] as unknown as Record<string, Record<string, string>>;
  const phrases = new Set<string>();
  for (const [namespace, messages] of Object.entries(english)) {
    for (const [key, text] of Object.entries(messages)) {
      if (/[{}<]/.test(text) || text.trim().split(/\s+/).length < 2) continue;
      if (german[namespace]?.[key] === text) continue;
      phrases.add(text.trim().replace(/[.:]$/, ''));
    }
  }
  return [...phrases];
}

if (browserAvailable()) {
  describe('the journey in German', () => {
    let db: OpenedStore;
    let app: RunningApp;
    let browser: Browser;
    let editor: User;
    let moderator: User;
    const phrases = englishPhrases();

    before(async () => {
      db = await openSqliteStore();
      app = await startApp(db, { DEMO: '0' });
      await db.store.sections.upsert({
        slug: 'lokales',
        name: 'Lokales',
        description: '',
        position: 0,
      });
      editor = await storedPerson(db.store, {
        slug: 'redaktion',
        name: 'Greta Ufer',
        role: 'editor',
      });
      moderator = await storedPerson(db.store, {
        slug: 'moderation',
        name: 'Moritz Wache',
        role: 'moderator',
      });
      const admin = await storedPerson(db.store, { slug: 'admin', name: 'Ada Amt', role: 'admin' });
      await app.services.site.update(admin, {
        name: 'Der Deichbote',
        language: 'de-DE',
        timeZone: 'Europe/Berlin',
      });
      browser = await launchBrowser();
      mkdirSync(resultsDir, { recursive: true });
    });
    after(async () => {
      await browser?.close();
      await app?.close();
      await db?.dispose();
    });

    /** German on the page, no English phrase of the interface on screen, axe clean. */
    async function allGerman(page: Page, label: string) {
      assert.equal(await page.getAttribute('html', 'lang'), 'de-DE', label);
      const text = await page.locator('body').innerText();
      const english = phrases.filter((phrase) => text.includes(phrase));
      assert.deepEqual(english, [], `${label}: English on screen`);
      for (const colorScheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme });
        await assertAccessible(page, `${label} (${colorScheme})`);
      }
      await page.emulateMedia({ colorScheme: 'light' });
    }

    test('an editor publishes, a reader comments, a moderator looks: all in German', async () => {
      assert.ok(phrases.length > 300, `only ${phrases.length} phrases to look for`);
      // Positive control: the same check on a reader who chose English finds English.
      const english = await browser.newContext();
      try {
        await english.addCookies([{ name: 'bs-lang', value: 'en-GB', url: app.url }]);
        const page = await english.newPage();
        await page.goto(`${app.url}/search`);
        const text = await page.locator('body').innerText();
        assert.ok(phrases.filter((phrase) => text.includes(phrase)).length >= 2, text);
      } finally {
        await english.close();
      }
      const headline = 'Deichgraf eröffnet das neue Sperrwerk an der Hafeneinfahrt';
      let articlePath = '';

      await asSignedIn(browser, app, editor.id, async (page) => {
        await page.goto(`${app.url}/admin/articles`);
        await allGerman(page, 'article list');
        await page.getByRole('link', { name: de.t('newsroom.list.new') }).click();
        await page.getByLabel(de.t('newsroom.field.headline'), { exact: true }).fill(headline);
        await page
          .getByLabel(de.t('newsroom.field.body'), { exact: true })
          .fill('Nach drei Jahren Bauzeit schließt das Sperrwerk die Hafeneinfahrt bei Sturmflut.');
        await page.getByRole('button', { name: de.t('newsroom.editor.save'), exact: true }).click();
        await page.getByRole('button', { name: de.t('newsroom.workflow.publishNow') }).waitFor();
        await allGerman(page, 'editor');
        await page.getByRole('button', { name: de.t('newsroom.workflow.publishNow') }).click();
        await page.getByText(de.t('newsroom.notice.published')).first().waitFor();
        await allGerman(page, 'published');
        const found = await app.services.reading.published({}, undefined, 5);
        const article = found.items.find((a) => a.headline === headline);
        assert.ok(article, 'the article is published');
        articlePath = `/lokales/${article.publishedAt!.slice(0, 10).replace(/-/g, '/')}/${article.slug}`;
      });

      const reader = await storedPerson(db.store, {
        slug: 'leserin',
        name: 'Lena Leserin',
        passwordHash: await hashPassword(password),
      });
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      context.setDefaultTimeout(15_000);
      try {
        const page = await context.newPage();
        await page.goto(`${app.url}/`);
        await allGerman(page, 'front page');
        await page.getByRole('link', { name: headline }).first().click();
        await allGerman(page, 'article, anonymous');
        await page.goto(
          `${app.url}/signin?next=${encodeURIComponent(new URL(page.url()).pathname)}`,
        );
        await allGerman(page, 'sign-in');
        // The password form (the page also offers an emailed link, with its own address field).
        const passwordForm = page.locator('form', { has: page.locator('input[type=password]') });
        await passwordForm.getByLabel(de.t('account.field.email')).fill(reader.email);
        await passwordForm.getByLabel(de.t('account.field.password')).fill(password);
        await passwordForm.getByRole('button', { name: de.t('account.signIn.submit') }).click();
        await page.waitForURL((url) => url.pathname.startsWith('/lokales/'));
        await page
          .getByLabel(de.t('comments.form.label'))
          .fill('Endlich! Bei der letzten Sturmflut stand das Wasser bis zur Kirche.');
        await page.getByRole('button', { name: de.t('comments.form.submit') }).click();
        await page.getByText('Endlich! Bei der letzten Sturmflut').waitFor();
        await allGerman(page, 'article with the new comment');
        await page.screenshot({ path: path.join(resultsDir, 'german-journey-article.png') });
        assert.equal(new URL(page.url()).pathname, articlePath);
      } finally {
        await context.close();
      }

      await asSignedIn(browser, app, moderator.id, async (page) => {
        await page.goto(`${app.url}/admin/moderation?status=approved`);
        await page.getByText('Endlich! Bei der letzten Sturmflut').waitFor();
        await allGerman(page, 'moderation queue');
        await page.goto(`${app.url}/account`);
        await allGerman(page, 'account');
      });
    });
  });
} else {
  test('the journey in German', { skip: 'Chromium not found (set CHROMIUM_PATH)' }, () => {});
}
