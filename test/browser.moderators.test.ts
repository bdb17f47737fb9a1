/**
 * Moderators' tools in Chromium (issue 18): Keep by its key, tab counts that follow changes
 * live, the thread's settings from the queue and the article page, ban-and-remove, and axe on
 * every page touched, light and dark, at 390 and 1280 px. SQLite only: what is under test is
 * the HTML, CSS and script.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { articlePath, type Article } from '../src/domain/article.js';
import type { Role, User } from '../src/domain/user.js';
import { startApp, type RunningApp } from './helpers/app.js';
import { assertAccessible, browserAvailable, launchBrowser, openPage } from './helpers/browser.js';
import { openSqliteStore, type OpenedStore } from './helpers/databases.js';
import { publishedArticle, storedPerson } from './helpers/fixtures.js';

const generous = { max: 10_000, windowMs: 60_000 };

if (browserAvailable()) {
  describe("moderators' tools in a browser", () => {
    let db: OpenedStore;
    let app: RunningApp;
    let browser: Browser;
    let moderator: User;
    let commenter: User;
    let story: Article;
    let serial = 0;

    const person = (role: Role) => {
      const n = ++serial;
      return storedPerson(db.store, {
        slug: `${role}-${n}`,
        name: `${role[0]?.toUpperCase()}${role.slice(1)} ${n}`,
        role,
        createdAt: new Date(Date.now() - 30 * 86_400_000).toISOString(),
      });
    };

    const comment = async (body: string, author = commenter) =>
      (await app.services.comments.postComment({ author, article: story.id, body })).comment;

    before(async () => {
      db = await openSqliteStore();
      app = await startApp(
        db,
        {},
        { commentPostsPerPerson: generous, commentPostsPerAddress: generous },
      );
      browser = await launchBrowser();
      moderator = await person('moderator');
      commenter = await person('commenter');
      story = await publishedArticle(db.store, {
        slug: 'pier-lights',
        headline: 'The pier lights go back up',
        body: 'The council found the money.',
        authorIds: [moderator.id],
      });
    });
    after(async () => {
      await browser?.close();
      await app?.close();
      await db?.dispose();
    });

    async function signedIn<T>(
      user: User,
      fn: (page: Page) => Promise<T>,
      viewport = { width: 1280, height: 900 },
    ) {
      const context = await browser.newContext({ viewport, reducedMotion: 'reduce' });
      try {
        context.setDefaultTimeout(5000);
        const { id } = await app.services.sessions.start(user.id);
        await context.addCookies([{ name: 'bs_session', value: id, url: app.url }]);
        return await fn(await context.newPage());
      } finally {
        await context.close();
      }
    }

    const tabCount = (page: Page, tab: string) =>
      page.locator(`[data-mod-count="${tab}"]`).innerText();

    test('Keep by its key: a reported comment leaves the Reported tab, its reports dismissed', async () => {
      const c = await comment('Reported but fine');
      for (const role of ['commenter', 'commenter'] as const) {
        await app.services.moderation.report(await person(role), c.id, {
          reason: 'spam',
          text: '',
        });
      }
      await signedIn(moderator, async (page) => {
        await openPage(page, `${app.url}/admin/moderation?status=reported`);
        assert.equal(await tabCount(page, 'reported'), '1');
        await page.keyboard.press('j');
        await Promise.all([page.waitForURL(/done=keep/), page.keyboard.press('a')]);
        assert.match(await page.locator('.done-banner').innerText(), /Kept/);
        assert.equal(await tabCount(page, 'reported'), '0');
      });
      const reports = await db.store.moderation.reportsFor([c.id]);
      assert.ok(reports.every((r) => r.resolvedAt !== null));
      assert.equal((await db.store.comments.byId(c.id))?.status, 'published');
    });

    test('tab counts follow changes made elsewhere, without a reload', async () => {
      await signedIn(moderator, async (page) => {
        await openPage(page, `${app.url}/admin/moderation?status=pending`);
        await page.locator('[data-mod-live][data-connected]').waitFor({ state: 'attached' });
        const before = Number(await tabCount(page, 'pending'));
        await comment('A link from someone new https://new.example/x', await person('commenter'));
        await page
          .locator(`[data-mod-count="pending"]:text-is("${before + 1}")`)
          .waitFor({ timeout: 5000 });
        const reported = Number(await tabCount(page, 'reported'));
        const target = await comment('Someone will report this');
        await app.services.moderation.report(await person('commenter'), target.id, {
          reason: 'abuse',
          text: '',
        });
        await page.locator(`[data-mod-count="reported"]:text-is("${reported + 1}")`).waitFor();
      });
    });

    test('the thread settings from the article page; ban and remove from the queue', async () => {
      const troll = await person('commenter');
      await comment('Troll one', troll);
      await comment('Troll two https://spam.example/', troll);
      await signedIn(moderator, async (page) => {
        await openPage(page, app.url + articlePath(story));
        const panel = page.locator('#thread-settings');
        await panel.getByLabel('Comments').selectOption('closed');
        await Promise.all([
          page.waitForURL(/moderated=thread/),
          panel.getByRole('button', { name: 'Save' }).click(),
        ]);
        await page.getByText('The thread’s comment settings were saved').waitFor();
        assert.match(await page.locator('.comments-closed').innerText(), /Comments are closed/);

        await openPage(page, `${app.url}/admin/moderation?status=pending`);
        const item = page.locator('[data-mod-item]', { hasText: 'Troll two' });
        await item.locator('.mod-item__sanction summary').click();
        await item.getByLabel('What to do').selectOption('ban');
        await item.getByLabel(/Also remove their published and waiting comments/).check();
        await Promise.all([
          page.waitForURL(/done=removed/),
          item.getByRole('button', { name: /Apply/ }).click(),
        ]);
        await openPage(page, `${app.url}/admin/moderation?status=rejected`);
        const record = page.locator('[data-mod-item]', { hasText: 'Troll one' });
        await Promise.all([
          page.waitForURL(/done=lift/),
          record.getByRole('button', { name: /Lift the ban/ }).click(),
        ]);
      });
      const mine = await db.store.moderation.queue({ tab: 'all', limit: 200, offset: 0 });
      const statuses = mine
        .filter((c) => c.author.id === troll.id)
        .map((c) => c.status)
        .sort();
      assert.deepEqual(statuses, ['pending', 'published']);
      await app.services.moderation.setThreadMode(moderator, story.id, '');
    });

    test('the log reflows at 320 px: entries as cards, no word broken in two', async () => {
      const c = await comment('A comment for the narrow log');
      await app.services.moderation.act(moderator, [c.id], 'feature');
      await signedIn(
        moderator,
        async (page) => {
          await openPage(page, `${app.url}/admin/moderation/log`);
          const overflow = await page.evaluate(
            'document.documentElement.scrollWidth - document.documentElement.clientWidth',
          );
          assert.ok(Number(overflow) <= 0, `the log is wider than 320 px by ${overflow}`);
          const what = page.locator('.mod-log td[data-label="What"]').first();
          // One line for "Featured": a word broken in two would take two.
          const lines = await what.evaluate((el) => {
            const style = el.ownerDocument.defaultView!.getComputedStyle(el);
            return Math.round(el.getBoundingClientRect().height / parseFloat(style.lineHeight));
          });
          assert.equal(lines, 1);
          await assertAccessible(page, 'log at 320 px');
          if (process.env.SCREENSHOTS) {
            await page.screenshot({
              path: `${process.env.SCREENSHOTS}/log-320.png`,
              fullPage: true,
            });
          }
        },
        { width: 320, height: 800 },
      );
    });

    for (const width of [390, 1280]) {
      test(`queue, article and log pass axe, light and dark, at ${width} px, and fit`, async () => {
        const c = await comment(`Reported for the axe run at ${width}`);
        await app.services.moderation.report(await person('commenter'), c.id, {
          reason: 'other',
          text: 'Checking',
        });
        await comment('Held for the axe run https://axe.example/', await person('commenter'));
        await signedIn(
          moderator,
          async (page) => {
            const pages = [
              ['queue', `${app.url}/admin/moderation?status=all`],
              ['reported', `${app.url}/admin/moderation?status=reported`],
              ['article', app.url + articlePath(story)],
              ['log', `${app.url}/admin/moderation/log`],
            ] as const;
            for (const [label, url] of pages) {
              await openPage(page, url);
              for (const details of await page.locator('.mod-item details').all()) {
                await details.locator('summary').click();
              }
              for (const colorScheme of ['light', 'dark'] as const) {
                await page.emulateMedia({ colorScheme });
                await assertAccessible(page, `${label} at ${width} px (${colorScheme})`);
              }
              const overflow = await page.evaluate(
                'document.documentElement.scrollWidth - document.documentElement.clientWidth',
              );
              assert.ok(Number(overflow) <= 0, `${label} is wider than ${width} px by ${overflow}`);
              if (process.env.SCREENSHOTS) {
                await page.screenshot({
                  path: `${process.env.SCREENSHOTS}/${label}-${width}.png`,
                  fullPage: true,
                });
              }
            }
          },
          { width, height: 900 },
        );
      });
    }
  });
} else {
  test(
    "moderators' tools in a browser",
    { skip: 'Chromium not found (set CHROMIUM_PATH)' },
    () => {},
  );
}
