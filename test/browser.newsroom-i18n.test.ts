/**
 * newsroom.js in the page's language (issue #17): on a site in German, the related-stories
 * picker, autosave and the schedule form's note in the editor's own zone say what they say in
 * German, from the catalogue the page carries, with German dates; keyboard only, axe clean.
 * SQLite only: what is under test is the script, not the database.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import type { User } from '../src/domain/user.js';
import { startApp, type RunningApp } from './helpers/app.js';
import { assertAccessible, browserAvailable, launchBrowser } from './helpers/browser.js';
import { openSqliteStore, type OpenedStore } from './helpers/databases.js';
import { storedPerson } from './helpers/fixtures.js';

if (browserAvailable()) {
  describe('newsroom.js on a German site', () => {
    let db: OpenedStore;
    let app: RunningApp;
    let browser: Browser;
    let editor: User;

    before(async () => {
      db = await openSqliteStore();
      app = await startApp(db);
      await db.store.sections.upsert({ slug: 'news', name: 'News', description: '', position: 0 });
      editor = await storedPerson(db.store, { slug: 'ed', name: 'Ed Editor', role: 'editor' });
      const admin = await storedPerson(db.store, { slug: 'ad', name: 'Ad Admin', role: 'admin' });
      await app.services.site.update(admin, { language: 'de-DE', timeZone: 'Europe/Berlin' });
      browser = await launchBrowser();
    });
    after(async () => {
      await browser?.close();
      await app?.close();
      await db?.dispose();
    });

    test('the picker, autosave and the own-zone note speak German', async () => {
      for (const headline of ['Leuchtturm wird restauriert', 'Leuchtturm öffnet für Gäste']) {
        const a = await app.services.newsroom.create(editor, {
          headline,
          section: 'news',
          body: 'Der Leuchtturm an der Spitze hat eine Geschichte.',
        });
        await app.services.newsroom.publish(editor, a.id);
      }
      const draft = await app.services.newsroom.create(editor, {
        headline: 'Leuchtturmwärter geht in Rente',
        section: 'news',
        body: 'Nach vierzig Jahren.',
      });

      const context = await browser.newContext({
        viewport: { width: 1280, height: 900 },
        reducedMotion: 'reduce',
        timezoneId: 'America/New_York',
        locale: 'en-US',
      });
      context.setDefaultTimeout(10_000);
      try {
        const { id } = await app.services.sessions.start(editor.id);
        await context.addCookies([{ name: 'bs_session', value: id, url: app.url }]);
        const page = await context.newPage();
        await page.goto(`${app.url}/admin/articles/${draft.id}`);
        assert.equal(await page.getAttribute('html', 'lang'), 'de-DE');

        // The picker, by keyboard: Enter searches, Tab reaches "Hinzufügen".
        const search = page.getByLabel('Veröffentlichte Artikel zum Hinzufügen suchen');
        await search.focus();
        await page.keyboard.type('Leuchtturm');
        await page.keyboard.press('Enter');
        const status = page.locator('#related-status');
        await page.getByText('2 veröffentlichte Artikel passen.').waitFor();
        assert.match(
          await page.locator('#related-results .related-picker__meta time').first().innerText(),
          /^[A-Z][a-z]+, \d{1,2}\. [A-ZÄÖÜ][a-zäöü]+ \d{4}$/,
          'a German date',
        );
        await page
          .getByRole('button', { name: 'Hinzufügen „Leuchtturm öffnet für Gäste“' })
          .press('Enter');
        await page
          .getByText('„Leuchtturm öffnet für Gäste“ als verwandten Artikel 1 von 1 hinzugefügt.')
          .waitFor();
        assert.equal(
          await page.locator('#related-chosen-heading').innerText(),
          'Ausgewählt (1 von 10)',
        );
        await page
          .getByRole('button', { name: 'Entfernen „Leuchtturm öffnet für Gäste“' })
          .waitFor();
        assert.equal(await status.getAttribute('role'), 'status');
        await assertAccessible(page, 'German picker with a pick');

        // Autosave says so in German, with the time as German writes it.
        await page.getByLabel('Vorspann').fill('Der letzte Wärter an der Küste.');
        await page.getByLabel('Ortsmarke').focus();
        await page.getByText(/^Entwurf um \d{2}:\d{2} automatisch gespeichert\.$/).waitFor();

        // The schedule form names the site's zone; the note gives the editor's own, in German.
        const at = page.getByLabel('Veröffentlichen am (Europe/Berlin)');
        await at.fill('2099-07-01T09:00');
        const note = page.locator('#publish-at-browser');
        await note.getByText('In Ihrer Zeitzone (America/New_York)').waitFor();
        assert.match((await note.innerText()) ?? '', /Mittwoch, 1\. Juli, 03:00/);
        await assertAccessible(page, 'German schedule form with the own-zone note');
        const shots = process.env.SCREENSHOT_DIR ?? db.dataDir;
        await page.locator('.workflow').screenshot({ path: `${shots}/newsroom-schedule-de.png` });
        await page
          .locator('#related-picker')
          .screenshot({ path: `${shots}/newsroom-picker-de.png` });
      } finally {
        await context.close();
      }
    });
  });
}
