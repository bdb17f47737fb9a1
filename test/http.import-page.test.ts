/**
 * /admin/import through HTTP: an administrator uploads a WordPress export (streamed to a file),
 * the import runs in the background, the job's page shows the report; refusals leave no file.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { startApp, type RunningApp } from './helpers/app.js';
import { databases, type OpenedStore } from './helpers/databases.js';
import { signedInPerson, type Person } from './helpers/fixtures.js';

const wxr = readFileSync('test/fixtures/wordpress-export.xml');

for (const database of databases()) {
  describe(`the import page on ${database.name}`, () => {
    let db: OpenedStore;
    let app: RunningApp;
    let admin: Person;

    const uploads = () => {
      try {
        return readdirSync(app.services.imports.uploadDir()).filter((f) => f.startsWith('upload-'));
      } catch {
        return [];
      }
    };
    const upload = (
      file: Buffer,
      options: { csrf?: string; format?: string; name?: string; cookie?: string } = {},
    ) => {
      const form = new FormData();
      if (options.csrf !== '') form.set('_csrf', options.csrf ?? admin.csrf);
      if (options.format !== '') form.set('format', options.format ?? 'wxr');
      form.set('file', new Blob([file], { type: 'text/xml' }), options.name ?? 'ledger.xml');
      return fetch(`${app.url}/admin/import`, {
        method: 'POST',
        headers: { cookie: options.cookie ?? admin.cookie, origin: 'http://broadsheet.test' },
        body: form,
        redirect: 'manual',
      });
    };
    const page = async (path: string, cookie = admin.cookie) => {
      const res = await fetch(`${app.url}${path}`, { headers: { cookie } });
      return { status: res.status, text: await res.text() };
    };

    before(async () => {
      db = await database.open();
      app = await startApp(db, { IMPORT_MAX_MB: '1' });
      admin = await signedInPerson(db.store, app, {
        slug: `admin-${database.name}`,
        role: 'admin',
      });
    });
    after(async () => {
      await app.services.imports.idle();
      await app?.close();
      await db?.dispose();
    });

    test('an administrator uploads a WordPress export and reads the report', async () => {
      const form = await page('/admin/import');
      assert.equal(form.status, 200);
      assert.ok(form.text.includes('enctype="multipart/form-data"'));
      const res = await upload(wxr);
      assert.equal(res.status, 303);
      const location = res.headers.get('location') ?? '';
      assert.match(location, /^\/admin\/import\/[0-9a-z]{26}$/);
      await app.services.imports.idle();
      const job = await page(location);
      assert.equal(job.status, 200);
      assert.ok(job.text.includes('Imported, finished'), 'says it finished');
      assert.ok(job.text.includes('3 published articles, 1 draft'), 'counts the articles');
      assert.ok(job.text.includes('WordPress pages are not articles'), 'lists what it skipped');
      const progress = await fetch(`${app.url}${location}/progress`, {
        headers: { cookie: admin.cookie },
      });
      assert.deepEqual(await progress.json(), {
        status: 'done',
        bytesDone: 0,
        bytesTotal: wxr.length,
      });
      assert.ok(await db.store.reader.getBySlug('river-wren-rises'), 'the articles are there');
      assert.deepEqual(uploads(), [], 'the upload is removed once imported');
      const list = await page('/admin/import');
      assert.ok(list.text.includes('ledger.xml'), 'the recent imports list it');
    });

    test('a bad file is refused on the job page, with the line, and nothing is imported', async () => {
      const cut = wxr.subarray(0, 9000);
      const res = await upload(cut, { name: 'cut.xml' });
      assert.equal(res.status, 303);
      await app.services.imports.idle();
      const job = await page(res.headers.get('location') ?? '');
      assert.ok(job.text.includes('Nothing was imported'));
      assert.match(job.text, /line \d+, column \d+: the XML is malformed/);
      assert.deepEqual(uploads(), []);
    });

    test('without the form token, nothing is written', async () => {
      const res = await upload(wxr, { csrf: 'not-the-token' });
      assert.equal(res.status, 403);
      const none = await upload(wxr, { csrf: '' });
      assert.equal(none.status, 403);
      assert.deepEqual(uploads(), []);
    });

    test('a file over IMPORT_MAX_MB is refused with 413 and removed', async () => {
      const big = Buffer.alloc(1_200_000, 0x20);
      const res = await upload(big);
      assert.equal(res.status, 413);
      assert.deepEqual(uploads(), []);
    });

    test('a missing file or kind is asked for again on the form', async () => {
      const noKind = await upload(wxr, { format: '' });
      assert.equal(noKind.status, 400);
      assert.ok((await noKind.text()).includes('Choose what kind of file it is'));
      const empty = await upload(Buffer.alloc(0));
      assert.equal(empty.status, 400);
      assert.ok((await empty.text()).includes('Choose the file to import'));
      assert.deepEqual(uploads(), []);
    });

    test('only administrators see it', async () => {
      const editor = await signedInPerson(db.store, app, {
        slug: `editor-${database.name}`,
        role: 'editor',
      });
      assert.equal((await page('/admin/import', editor.cookie)).status, 403);
      const res = await upload(wxr, { cookie: editor.cookie, csrf: editor.csrf });
      assert.equal(res.status, 403);
      assert.deepEqual(uploads(), []);
    });
  });
}
