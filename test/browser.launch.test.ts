/**
 * A newsroom launches its own site, in Chromium, from an empty database with DEMO=0: the setup
 * link and the wizard (name, zone, start empty, three sections), the logo and icon, About and
 * Privacy pages, an editor invited who accepts and publishes, the story pinned as the lead; then
 * a reader reads the front page, the article, the feeds, the sitemap and the JSON-LD, which show
 * the new identity and nothing of the demo's newspaper or of Broadsheet's own name but the footer
 * credit (and, once an admin turns it off, not even that). axe checks every new page, light and
 * dark. SQLite only: what is under test is the journey.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { startApp, type RunningApp } from './helpers/app.js';
import { assertAccessible, browserAvailable, launchBrowser } from './helpers/browser.js';
import { openSqliteStore, tempDir, type OpenedStore } from './helpers/databases.js';
import { png } from './helpers/images.js';

const resultsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../test-results');
const password = 'tide tables and harbour lights';
const siteName = 'The Saltmarsh Ledger';

if (browserAvailable()) {
  describe('a newsroom launches its own site', () => {
    let db: OpenedStore;
    let app: RunningApp;
    let browser: Browser;
    const files = tempDir('broadsheet-launch-');

    before(async () => {
      db = await openSqliteStore();
      app = await startApp(db, { DEMO: '0' });
      browser = await launchBrowser();
      mkdirSync(resultsDir, { recursive: true });
      writeFileSync(path.join(files, 'logo.png'), await png(800, 160));
      writeFileSync(path.join(files, 'icon.png'), await png(600, 600));
    });
    after(async () => {
      await browser?.close();
      await app?.close();
      await db?.dispose();
    });

    /** axe on the page as it is, in the light and the dark scheme. */
    async function accessible(page: Page, label: string) {
      for (const colorScheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme });
        await assertAccessible(page, `${label} (${colorScheme})`);
      }
      await page.emulateMedia({ colorScheme: 'light' });
    }

    const newPage = async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      context.setDefaultTimeout(15_000);
      return { context, page: await context.newPage() };
    };

    test('setup, identity, sections, pages, an invited editor, a pinned story: readers see only the new site', async () => {
      const admin = await newPage();
      const editor = await newPage();
      const reader = await newPage();
      try {
        // 1. The setup link the server prints: the first admin.
        const link = new URL((await app.services.accounts.createSetupLink()) ?? '');
        let page = admin.page;
        await page.goto(app.url + link.pathname + link.search);
        await accessible(page, 'setup: the first admin');
        await page.locator('#name').fill('Wren Okafor');
        await page.locator('#email').fill('wren@saltmarsh.example');
        await page.locator('#password').fill(password);
        await page.locator('#password').press('Enter');

        // 2. The site: name, tagline, zone, language; the address check is shown.
        await page.waitForURL((u) => u.pathname === '/setup/site');
        await page.getByRole('heading', { name: 'Its public address' }).waitFor();
        await accessible(page, 'setup: the site');
        await page.getByLabel('Site name').fill(siteName);
        await page.getByLabel('Tagline').fill('Tides, towns and the people between');
        await page.getByLabel('Time zone').selectOption('Europe/Dublin');
        await page.getByLabel('Language').selectOption('en-GB');
        await page.getByRole('button', { name: 'Save and go on' }).click();

        // 3. What it starts with: empty.
        await page.waitForURL((u) => u.pathname === '/setup/content');
        await accessible(page, 'setup: content');
        await page.getByLabel('Start empty').check();
        await page.getByRole('button', { name: 'Go on' }).click();

        // 4. Three sections, and the wizard is done.
        await page.waitForURL((u) => u.pathname === '/setup/sections');
        await accessible(page, 'setup: sections');
        await page.locator('#section1').fill('Towns');
        await page.locator('#section2').fill('Harbour');
        await page.locator('#section3').fill('Opinion');
        await page.getByRole('button', { name: 'Finish' }).click();
        await page.waitForURL((u) => u.pathname === '/admin');
        await page.getByText('The site is set up').waitFor();

        // The logo, the icon and the footer.
        await page.goto(`${app.url}/admin/site`);
        await page.locator('input#logo').setInputFiles(path.join(files, 'logo.png'));
        await page
          .getByRole('form', { name: 'Upload a logo' })
          .getByRole('button', { name: 'Upload', exact: true })
          .click();
        await page.waitForURL(/done=logo/);
        await page.locator('input#icon').setInputFiles(path.join(files, 'icon.png'));
        await page
          .getByRole('form', { name: 'Upload an icon' })
          .getByRole('button', { name: 'Upload', exact: true })
          .click();
        await page.waitForURL(/done=icons/);
        await page.getByLabel('Footer text').fill('© Saltmarsh Ledger Co-operative');
        await page.getByRole('button', { name: 'Save', exact: true }).click();
        await page.waitForURL(/done=saved/);
        await accessible(page, '/admin/site');
        await page.screenshot({
          path: path.join(resultsDir, 'launch-admin-site.png'),
          fullPage: true,
        });
        await page.goto(`${app.url}/admin/sections`);
        await accessible(page, '/admin/sections');

        // About and Privacy.
        for (const [title, text] of [
          ['About', 'The *Ledger* is owned by its readers and written on the marsh.'],
          ['Privacy', 'We keep what you give us to comment, and nothing else.'],
        ] as const) {
          await page.goto(`${app.url}/admin/pages/new`);
          await page.getByLabel('Title').fill(title);
          await page.getByLabel('Text').fill(text);
          await page.getByRole('button', { name: 'Save draft' }).click();
          await page.getByText('The draft has been created.').waitFor();
          await page.getByRole('button', { name: 'Publish' }).click();
          await page.getByText('Published: readers can open it now.').waitFor();
        }
        await accessible(page, 'the page editor');

        // The menus: About in the masthead after the sections, Privacy in the footer.
        await page.goto(`${app.url}/admin/menus`);
        const masthead = page.locator('section[aria-labelledby="masthead-heading"]');
        await masthead.getByLabel('Kind').selectOption('page');
        await masthead.getByLabel('Page', { exact: true }).selectOption({ label: 'About' });
        await masthead.getByRole('button', { name: 'Add to the masthead' }).click();
        await page.getByText('The entry has been added').waitFor();
        const footer = page.locator('section[aria-labelledby="footer-heading"]');
        await footer.getByLabel('Kind').selectOption('page');
        await footer.getByLabel('Page', { exact: true }).selectOption({ label: 'Privacy' });
        await footer.getByRole('button', { name: 'Add to the footer' }).click();
        await page.getByText('The entry has been added').waitFor();
        await accessible(page, '/admin/menus');

        // An editor is invited by email, and accepts in their own browser.
        await page.goto(`${app.url}/admin/users`);
        await page.getByLabel('Email address').fill('ines@saltmarsh.example');
        await page.getByLabel('Role', { exact: true }).first().selectOption('editor');
        await page.getByRole('button', { name: 'Send invitation' }).click();
        await page.getByText('The invitation has been sent').waitFor();
        await accessible(page, '/admin/users');
        const mail = (await db.store.outbox.list(20)).find((m) =>
          m.text.includes('/invitation?token='),
        );
        assert.ok(mail, 'the invitation was mailed');
        assert.doesNotMatch(`${mail.subject}\n${mail.text}`, /Harwick/);
        const invitation = /http:\/\/broadsheet\.test(\/invitation\?token=\S+)/.exec(
          mail.text,
        )?.[1];
        assert.ok(invitation);

        page = editor.page;
        await page.goto(app.url + invitation);
        await accessible(page, 'the invitation');
        await page.getByLabel('Your name').fill('Inès Marlow');
        await page.getByLabel('Password').fill(password);
        await page.getByLabel('Password').press('Enter');
        await page.waitForURL((u) => u.pathname === '/admin/articles');

        // The editor writes and publishes a story.
        await page.getByRole('link', { name: 'Write a new article' }).click();
        await page.getByLabel('Headline').fill('Spring tide floods the lower quay');
        await page.getByLabel('Standfirst').fill('Boats moved, cellars pumped, no one hurt.');
        await page.getByLabel('Body').fill('The water rose a metre above the quay at noon.');
        await page.getByLabel('Section', { exact: true }).selectOption('harbour');
        await page.getByRole('button', { name: 'Save', exact: true }).click();
        await page.getByText('The draft has been created.').waitFor();
        const articleId = /\/admin\/articles\/([0-9a-z]+)/.exec(page.url())?.[1];
        assert.ok(articleId);
        await page.getByRole('button', { name: 'Publish now' }).click();
        await page.getByText('Published.').first().waitFor();

        // The admin pins it as the lead.
        page = admin.page;
        await page.goto(`${app.url}/admin/front`);
        await page.locator('#front-lead').selectOption(articleId);
        await page.getByRole('button', { name: 'Save', exact: true }).click();
        await page.getByText('The front page is saved').waitFor();
        await accessible(page, '/admin/front');

        // A reader.
        page = reader.page;
        await page.goto(`${app.url}/`);
        assert.equal(await page.title(), siteName);
        assert.equal(
          await page.locator('#lead-headline').innerText(),
          'Spring tide floods the lower quay',
        );
        assert.ok(await page.getByRole('img', { name: siteName }).isVisible(), 'the logo');
        const nav = await page.getByRole('navigation', { name: 'Site' }).innerText();
        for (const name of ['Towns', 'Harbour', 'Opinion', 'About'])
          assert.match(nav, new RegExp(name));
        const foot = await page.getByRole('navigation', { name: 'Footer' }).innerText();
        assert.match(foot, /Privacy/);
        await accessible(page, 'the front page');
        await page.screenshot({ path: path.join(resultsDir, 'launch-front.png'), fullPage: true });

        await page.getByRole('link', { name: 'Spring tide floods the lower quay' }).first().click();
        await page
          .getByRole('heading', { level: 1, name: 'Spring tide floods the lower quay' })
          .waitFor();
        await accessible(page, 'the article');
        const article = await page.content();
        const ld = [
          ...article.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g),
        ]
          .map(
            (m) =>
              JSON.parse(m[1] ?? '{}') as { publisher?: { name: string; logo: { url: string } } },
          )
          .find((x) => x.publisher);
        assert.equal(ld?.publisher?.name, siteName);
        assert.match(ld?.publisher?.logo.url ?? '', /^http:\/\/broadsheet\.test\/images\//);

        await page.goto(`${app.url}/about`);
        await page.getByRole('heading', { level: 1, name: 'About' }).waitFor();
        await accessible(page, 'the About page');

        const text = async (p: string) => (await fetch(app.url + p)).text();
        const feed = await text('/feed.xml');
        assert.match(feed, new RegExp(`<title>${siteName}</title>`));
        const sitemap = await text('/sitemap.xml');
        assert.match(sitemap, /\/about</);
        assert.match(sitemap, /\/privacy</);
        const favicon = await fetch(`${app.url}/favicon.ico`);
        assert.equal(favicon.headers.get('content-type'), 'image/x-icon');

        // Nothing of the demo's newspaper, and Broadsheet only in the footer credit…
        const everything = [
          await text('/'),
          article,
          feed,
          await text('/atom.xml'),
          sitemap,
          await text('/news-sitemap.xml'),
          await text('/about'),
          await text('/harbour'),
        ];
        for (const body of everything) {
          assert.doesNotMatch(body, /Harwick/);
          const credits = body
            .replaceAll('Published with Broadsheet', '')
            .replaceAll('<generator>Broadsheet</generator>', '');
          assert.doesNotMatch(credits, />[^<]*Broadsheet/);
        }
        // …until an admin turns the credit off.
        page = admin.page;
        await page.goto(`${app.url}/admin/site`);
        await page.getByLabel('Show “Published with Broadsheet” in the footer').uncheck();
        await page.getByRole('button', { name: 'Save', exact: true }).click();
        await page.waitForURL(/done=saved/);
        for (const p of ['/', '/feed.xml', '/atom.xml', '/about']) {
          assert.doesNotMatch(await text(p), />[^<]*Broadsheet/, p);
        }
      } finally {
        await admin.context.close();
        await editor.context.close();
        await reader.context.close();
      }
    });
  });
}
