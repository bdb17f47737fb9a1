/**
 * /admin/newsletters through the whole app on both databases, mail delivered to a real SMTP
 * server: an editor edits a briefing (order, removal, introduction), previews it as HTML and
 * text, holds, releases and sends it; admins change the settings, clear a bounce, search
 * subscribers, export them as CSV and import CSV with and without attested consent (bad rows
 * reported by line); subscriber.joined and subscriber.left reach a webhook receiver.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { databases, type OpenedStore } from './helpers/databases.js';
import { startApp, type RunningApp } from './helpers/app.js';
import { publishedArticle, signedInPerson, type Person } from './helpers/fixtures.js';
import { startSmtp, type TestSmtp } from './helpers/smtp.js';
import { linkTo } from './helpers/mail-parts.js';
import { untranslated } from './helpers/pseudo.js';

const origin = 'http://broadsheet.test';

for (const database of databases()) {
  describe(`newsletter admin on ${database.name}`, () => {
    let db: OpenedStore;
    let app: RunningApp;
    let smtp: TestSmtp;
    let editor: Person;
    let admin: Person;
    let author: Person;
    let receiver: http.Server;
    const received: { event: string; body: { data: Record<string, unknown> } }[] = [];

    const get = (person: Person | null, path: string) =>
      fetch(`${app.url}${path}`, {
        redirect: 'manual',
        headers: person ? { cookie: person.cookie } : {},
      });
    const page = async (person: Person, path: string) => {
      const res = await get(person, path);
      assert.equal(res.status, 200, `${path} answered ${res.status}`);
      return res.text();
    };
    const post = (person: Person, path: string, fields: [string, string][] = []) =>
      fetch(`${app.url}${path}`, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          origin,
          cookie: person.cookie,
        },
        body: new URLSearchParams([['_csrf', person.csrf], ...fields]).toString(),
      });
    const upload = (person: Person, csv: string, attest: boolean, csrf = person.csrf) => {
      const body = new FormData();
      body.set('_csrf', csrf);
      body.set('file', new Blob([csv], { type: 'text/csv' }), 'list.csv');
      if (attest) body.set('attest', 'on');
      return fetch(`${app.url}/admin/newsletters/subscribers/import`, {
        method: 'POST',
        redirect: 'manual',
        headers: { origin, cookie: person.cookie },
        body,
      });
    };
    const sendAll = async () => {
      for (let i = 0; i < 100; i++) {
        if ((await app.services.newsletterSender.round()).claimed === 0) return;
      }
      throw new Error('the queue never emptied');
    };

    before(async () => {
      db = await database.open();
      smtp = await startSmtp();
      app = await startApp(db, { SMTP_URL: smtp.url, WEBHOOKS_ALLOW_PRIVATE: '1' });
      await db.store.settings.set('newsletters.ratePerSecond', '1000');
      editor = await signedInPerson(db.store, app, { slug: 'nl-ed', role: 'editor' });
      admin = await signedInPerson(db.store, app, { slug: 'nl-admin', role: 'admin' });
      author = await signedInPerson(db.store, app, { slug: 'nl-author', role: 'author' });
      receiver = http.createServer((req, res) => {
        let body = '';
        req.on('data', (c: Buffer) => (body += c.toString()));
        req.on('end', () => {
          received.push({
            event: String(req.headers['broadsheet-event']),
            body: JSON.parse(body) as { data: Record<string, unknown> },
          });
          res.writeHead(200).end('ok');
        });
      });
      await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    });
    after(async () => {
      receiver?.closeAllConnections();
      receiver?.close();
      await app?.services.newsletterSender.stop();
      await app?.services.mail.drain();
      app?.services.mail.close();
      await app?.close();
      await smtp?.close();
      await db?.dispose();
    });

    test('who may open what: editors the newsletters, admins also subscribers and settings', async () => {
      assert.equal((await get(null, '/admin/newsletters')).status, 303);
      assert.equal((await get(author, '/admin/newsletters')).status, 403);
      const editorView = await page(editor, '/admin/newsletters');
      assert.match(editorView, /<h1>Newsletters<\/h1>/);
      assert.doesNotMatch(editorView, /Briefing time/);
      assert.equal((await get(editor, '/admin/newsletters/subscribers')).status, 403);
      assert.equal((await get(editor, '/admin/newsletters/subscribers.csv')).status, 403);
      assert.equal(
        (await post(editor, '/admin/newsletters/settings', [['briefingTime', '06:00']])).status,
        403,
      );
      const adminView = await page(admin, '/admin/newsletters');
      assert.match(adminView, /Briefing time/);
      assert.match(adminView, /href="\/admin\/newsletters\/subscribers"/);
    });

    test('an editor reorders, trims and introduces a briefing, previews it, holds, releases and sends it', async () => {
      const stories = [];
      for (const headline of ['Harbour wall', 'Ferry strike', 'Council vote']) {
        stories.push(await publishedArticle(db.store, { headline }));
      }
      const confirmedId = 'sub-editor-flow';
      await db.store.newsletters.addSubscriber({
        id: confirmedId,
        email: 'morning@example.com',
        userId: null,
        status: 'confirmed',
        source: 'form',
        at: new Date().toISOString(),
      });
      await db.store.newsletters.addLists(confirmedId, ['briefing'], new Date().toISOString());
      await db.store.newsletters.createIssue({
        id: 'issue-edit-1',
        key: 'briefing:2099-01-01',
        slug: 'briefing-2099-01-01',
        kind: 'briefing',
        list: 'briefing',
        status: 'draft',
        subject: 'Morning briefing',
        intro: '',
        articleIds: stories.map((s) => s.id),
        sendAt: '2099-01-01T07:00:00.000Z',
        createdAt: new Date().toISOString(),
      });
      const overview = await page(editor, '/admin/newsletters');
      assert.match(overview, /href="\/admin\/newsletters\/issue-edit-1">Morning briefing/);
      assert.match(overview, /goes at its time/);

      const form = await page(editor, '/admin/newsletters/issue-edit-1');
      assert.match(form, /Harbour wall[\s\S]*Ferry strike[\s\S]*Council vote/);

      // Council vote first, Ferry strike left out, an introduction with markup (escaped).
      const [a, b, c] = stories.map((s) => s.id) as [string, string, string];
      const saved = await post(editor, '/admin/newsletters/issue-edit-1', [
        ['subject', 'Tuesday briefing'],
        ['intro', 'Good <morning> & welcome'],
        ['ids', a],
        ['positions', '2'],
        ['articles', a],
        ['ids', b],
        ['positions', '3'],
        ['ids', c],
        ['positions', '1'],
        ['articles', c],
      ]);
      assert.equal(saved.status, 303);
      assert.equal(saved.headers.get('location'), '/admin/newsletters/issue-edit-1?done=saved');
      assert.deepEqual((await db.store.newsletters.issueById('issue-edit-1'))?.articleIds, [c, a]);
      assert.match(
        await page(editor, '/admin/newsletters/issue-edit-1?done=saved'),
        /Changes saved/,
      );

      const preview = await get(editor, '/admin/newsletters/issue-edit-1/preview');
      assert.equal(preview.status, 200);
      assert.match(preview.headers.get('content-type') ?? '', /text\/html/);
      const htmlMail = await preview.text();
      assert.match(htmlMail, /Good &lt;morning&gt; &amp; welcome/);
      assert.match(htmlMail, /Council vote[\s\S]*Harbour wall/);
      assert.doesNotMatch(htmlMail, /Ferry strike/);
      const text = await (await get(editor, '/admin/newsletters/issue-edit-1/preview.txt')).text();
      assert.match(text, /Good <morning> & welcome/);
      assert.match(text, /Council vote[\s\S]*Harbour wall/);

      // An empty subject is refused with the form again.
      const empty = await post(editor, '/admin/newsletters/issue-edit-1', [
        ['subject', ' '],
        ['ids', a],
        ['positions', '1'],
        ['articles', a],
      ]);
      assert.equal(empty.status, 400);
      assert.match(await empty.text(), /aria-invalid="true"/);

      assert.equal((await post(editor, '/admin/newsletters/issue-edit-1/hold')).status, 303);
      assert.equal((await db.store.newsletters.issueById('issue-edit-1'))?.status, 'held');
      assert.match(await page(editor, '/admin/newsletters/issue-edit-1?done=held'), /Held\./);
      assert.equal((await post(editor, '/admin/newsletters/issue-edit-1/release')).status, 303);
      assert.equal((await db.store.newsletters.issueById('issue-edit-1'))?.status, 'draft');

      const mark = smtp.messages.length;
      const sent = await post(editor, '/admin/newsletters/issue-edit-1/send');
      assert.equal(sent.status, 303);
      assert.equal(sent.headers.get('location'), '/admin/newsletters/issue-edit-1?queued=1');
      assert.match(await page(editor, sent.headers.get('location')!), /Queued: 1 subscriber/);
      await sendAll();
      const mail = await smtp.next('morning@example.com', mark);
      assert.equal(mail.subject, 'Tuesday briefing');

      // Sent: no form, a second send is refused.
      const after = await page(editor, '/admin/newsletters/issue-edit-1');
      assert.doesNotMatch(after, /name="subject"/);
      assert.match(after, /1 sent/);
      const again = await post(editor, '/admin/newsletters/issue-edit-1/send');
      assert.equal(again.status, 409);
    });

    test('admins change the settings; a bad time is refused and nothing is saved', async () => {
      const bad = await post(admin, '/admin/newsletters/settings', [
        ['briefingTime', '25:00'],
        ['ratePerSecond', '50'],
      ]);
      assert.equal(bad.status, 400);
      const body = await bad.text();
      assert.match(body, /Error: Newsletters/);
      assert.match(body, /value="25:00"/);
      const good = await post(admin, '/admin/newsletters/settings', [
        ['briefingTime', '6:30'],
        ['ratePerSecond', '50'],
      ]);
      assert.equal(good.status, 303);
      const settings = await app.services.newsletterDesk.settings();
      assert.deepEqual(
        [settings.briefingTime, settings.sendAsBuilt, settings.ratePerSecond],
        ['06:30', false, 50],
      );
      assert.match(await page(admin, '/admin/newsletters?done=settings'), /Settings saved/);
      await db.store.settings.set('newsletters.ratePerSecond', '1000');
    });

    test('a bounced address is listed for admins and can be cleared', async () => {
      await db.store.newsletters.addSubscriber({
        id: 'sub-bounced',
        email: 'gone@example.com',
        userId: null,
        status: 'confirmed',
        source: 'form',
        at: new Date().toISOString(),
      });
      await db.store.newsletters.addLists('sub-bounced', ['briefing'], new Date().toISOString());
      await db.store.newsletters.markBounced(
        'sub-bounced',
        '550 no such user',
        new Date().toISOString(),
      );
      const shown = await page(admin, '/admin/newsletters');
      assert.match(shown, /gone@example.com: 550 no such user/);
      const cleared = await post(admin, '/admin/newsletters/subscribers/sub-bounced/clear-bounce');
      assert.equal(cleared.status, 303);
      const after = await db.store.newsletters.subscriberById('sub-bounced');
      assert.equal(after?.status, 'confirmed');
      assert.equal(after?.bouncedAt, null);
      assert.equal(
        (await post(admin, '/admin/newsletters/subscribers/sub-bounced/clear-bounce')).status,
        404,
      );
    });

    test('CSV import: consent attested or confirmation first, bad rows by line, known addresses kept; export reads back', async () => {
      await app.services.webhooks.create({
        url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/in`,
        description: '',
        events: ['subscriber.joined', 'subscriber.left'],
        preset: 'json',
        enabled: true,
      });
      await db.store.newsletters.addSubscriber({
        id: 'sub-known',
        email: 'known@example.com',
        userId: null,
        status: 'left',
        source: 'form',
        at: new Date().toISOString(),
      });
      const csv = [
        'Email,Lists,Consent',
        'yes@example.com,briefing alerts,yes',
        'no@example.com,alerts,no',
        'not-an-address,briefing,yes',
        '"quoted@example.com","briefing",maybe',
        'known@example.com,briefing,yes',
        'other@example.com,section:nowhere,yes',
        'YES@example.com,,yes',
        '',
      ].join('\r\n');
      const mark = smtp.messages.length;
      const res = await upload(admin, csv, true);
      assert.equal(res.status, 200);
      const body = await res.text();
      assert.match(body, /Import finished/);
      assert.match(
        body,
        /1 address subscribed with attested consent; 1 address was sent a confirmation email first; 1 address was already known/,
      );
      assert.match(body, /Line 4: this is not an email address/);
      assert.match(body, /Line 5: consent is yes or no, not “maybe”/);
      assert.match(body, /Line 7: there is no newsletter called “section:nowhere”/);
      assert.match(body, /Line 8: yes@example.com is on an earlier line already/);

      const yes = await db.store.newsletters.subscriberByEmail('yes@example.com');
      assert.equal(yes?.status, 'confirmed');
      assert.equal(yes?.source, 'import-attested');
      assert.equal(yes?.consentBy, admin.user.id);
      assert.ok(yes?.consentAt);
      assert.deepEqual(yes?.lists, ['alerts', 'briefing']);
      const no = await db.store.newsletters.subscriberByEmail('no@example.com');
      assert.equal(no?.status, 'pending');
      assert.equal(no?.consentBy, null);
      assert.equal(
        (await db.store.newsletters.subscriberByEmail('known@example.com'))?.status,
        'left',
      );

      // Only the address without attested consent was mailed: its confirmation.
      await app.services.mail.drain();
      const confirmation = await smtp.next('no@example.com', mark);
      assert.match(confirmation.subject, /Confirm your newsletter subscription/);
      assert.equal(
        smtp.messages.slice(mark).filter((m) => m.to.includes('yes@example.com')).length,
        0,
      );

      // Without the attestation, consent in the file is not enough.
      const unattested = await upload(admin, 'email,consent\nlater@example.com,yes\n', false);
      assert.equal(unattested.status, 200);
      assert.equal(
        (await db.store.newsletters.subscriberByEmail('later@example.com'))?.status,
        'pending',
      );

      // The upload form needs the session's token like every other form.
      const forged = await upload(admin, 'email\nforged@example.com\n', true, 'not-the-token');
      assert.equal(forged.status, 403);
      assert.equal(await db.store.newsletters.subscriberByEmail('forged@example.com'), null);

      // A file without an email column is refused whole.
      const refused = await upload(admin, 'name,address\nAnn,ann@example.com\n', true);
      assert.equal(refused.status, 400);
      assert.match(await refused.text(), /not a CSV file with an email column/);

      // The joined event for the attested import; confirming the pending one joins it too.
      await app.services.webhooks.deliverDue();
      const joined = received.filter((r) => r.event === 'subscriber.joined');
      assert.deepEqual(
        joined.map((r) => r.body.data.email),
        ['yes@example.com'],
      );
      const confirm = new URL(linkTo(confirmation.raw, '/newsletters/confirm'));
      await fetch(`${app.url}${confirm.pathname}${confirm.search}`, { method: 'POST' });
      await app.services.webhooks.deliverDue();
      assert.deepEqual(
        received.filter((r) => r.event === 'subscriber.joined').map((r) => r.body.data.email),
        ['yes@example.com', 'no@example.com'],
      );
      const manage = await app.services.newsletters.token(no!.id, 'manage');
      await fetch(`${app.url}/newsletters/leave?token=${encodeURIComponent(manage)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'List-Unsubscribe=One-Click',
      });
      await app.services.webhooks.deliverDue();
      const left = received.filter((r) => r.event === 'subscriber.left');
      assert.deepEqual(
        left.map((r) => r.body.data.email),
        ['no@example.com'],
      );
      assert.deepEqual((left[0]?.body.data.subscriber as { lists: string[] }).lists, []);

      // Search by address and by list.
      const found = await page(admin, '/admin/newsletters/subscribers?search=yes%40');
      assert.match(found, /1 subscriber</);
      assert.match(found, /yes@example.com/);
      assert.match(found, /consent attested/);
      const byList = await page(
        admin,
        '/admin/newsletters/subscribers?list=alerts&status=confirmed',
      );
      assert.match(byList, /yes@example.com/);
      assert.doesNotMatch(byList, /no@example.com/);

      // Export, then the same file into an empty list: every state comes back as it was.
      const exported = await get(admin, '/admin/newsletters/subscribers.csv');
      assert.equal(exported.status, 200);
      assert.match(exported.headers.get('content-type') ?? '', /text\/csv/);
      assert.match(exported.headers.get('content-disposition') ?? '', /attachment/);
      const file = await exported.text();
      assert.match(file, /^email,lists,status,consent/);
      assert.match(file, /yes@example\.com,alerts briefing,confirmed,yes,import-attested/);
      const before = (await db.store.newsletters.listSubscribers({ limit: 1000, offset: 0 })).items;
      for (const s of before) await db.store.newsletters.deleteSubscriber(s.id);
      const back = await upload(admin, file, true);
      assert.equal(back.status, 200);
      const again = await back.text();
      assert.match(again, /Line \d+: this address unsubscribed, so it is not imported/);
      for (const s of before) {
        const now = await db.store.newsletters.subscriberByEmail(s.email);
        if (s.status === 'left' || s.status === 'bounced') {
          assert.equal(now, null, s.email);
        } else {
          assert.equal(now?.status, s.status, s.email);
          assert.deepEqual(now?.lists, s.lists, s.email);
        }
      }
    });

    test('the API with a token: lists, issues changed and sent by an editor, subscribers for admins', async () => {
      const { token: editorToken } = await app.services.tokens.create(editor.user.email);
      const { token: adminToken } = await app.services.tokens.create(admin.user.email);
      const call = (token: string, method: string, path: string, body?: unknown) =>
        fetch(`${app.url}${path}`, {
          method,
          headers: {
            authorization: `Bearer ${token}`,
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
      const stories = [
        await publishedArticle(db.store, { headline: 'Tide tables' }),
        await publishedArticle(db.store, { headline: 'Pier reopens' }),
      ];
      await db.store.newsletters.createIssue({
        id: 'issue-api-1',
        key: 'briefing:2099-02-02',
        slug: 'briefing-2099-02-02',
        kind: 'briefing',
        list: 'briefing',
        status: 'draft',
        subject: 'API briefing',
        intro: '',
        articleIds: stories.map((s) => s.id),
        sendAt: '2099-02-02T07:00:00.000Z',
        createdAt: new Date().toISOString(),
      });

      const lists = await call(editorToken, 'GET', '/api/v1/newsletters/lists');
      assert.equal(lists.status, 200);
      const listBody = (await lists.json()) as { items: { list: string; subscribers: number }[] };
      assert.ok(listBody.items.some((l) => l.list === 'briefing'));

      const issues = (await (
        await call(editorToken, 'GET', '/api/v1/newsletters/issues')
      ).json()) as {
        unsent: { id: string }[];
      };
      assert.ok(issues.unsent.some((i) => i.id === 'issue-api-1'));

      const changed = await call(editorToken, 'PATCH', '/api/v1/newsletters/issues/issue-api-1', {
        intro: 'Hello',
        articleIds: [stories[1]!.id, 'not-in-the-issue'],
      });
      assert.equal(changed.status, 200);
      const detail = (await changed.json()) as {
        issue: { intro: string; articleIds: string[] };
        stories: { headline: string; url: string }[];
      };
      assert.equal(detail.issue.intro, 'Hello');
      assert.deepEqual(detail.issue.articleIds, [stories[1]!.id]);
      assert.deepEqual(
        detail.stories.map((s) => s.headline),
        ['Pier reopens'],
      );
      assert.match(detail.stories[0]!.url, /^http.*pier-reopens$/);

      const empty = await call(editorToken, 'PATCH', '/api/v1/newsletters/issues/issue-api-1', {
        subject: '',
      });
      assert.equal(empty.status, 400);
      assert.equal(
        ((await empty.json()) as { error: { condition: string } }).error.condition,
        'invalid_request',
      );

      assert.equal(
        (await call(editorToken, 'POST', '/api/v1/newsletters/issues/issue-api-1/hold')).status,
        200,
      );
      const released = await call(
        editorToken,
        'POST',
        '/api/v1/newsletters/issues/issue-api-1/release',
      );
      assert.equal(
        ((await released.json()) as { issue: { status: string } }).issue.status,
        'draft',
      );
      const sent = await call(editorToken, 'POST', '/api/v1/newsletters/issues/issue-api-1/send');
      assert.equal(((await sent.json()) as { issue: { status: string } }).issue.status, 'queued');
      const twice = await call(editorToken, 'POST', '/api/v1/newsletters/issues/issue-api-1/send');
      assert.equal(twice.status, 409);
      await sendAll();
      const missing = await call(editorToken, 'GET', '/api/v1/newsletters/issues/nope');
      assert.equal(missing.status, 404);

      // Subscribers are for admins only.
      assert.equal((await call(editorToken, 'GET', '/api/v1/newsletters/subscribers')).status, 403);
      const found = await call(
        adminToken,
        'GET',
        '/api/v1/newsletters/subscribers?search=yes%40&status=confirmed',
      );
      assert.equal(found.status, 200);
      const subs = (await found.json()) as {
        items: { email: string; consentBy: string | null }[];
        total: number;
      };
      assert.equal(subs.total, 1);
      assert.equal(subs.items[0]?.email, 'yes@example.com');
      assert.equal(subs.items[0]?.consentBy, admin.user.id);
      const bad = await call(adminToken, 'GET', '/api/v1/newsletters/subscribers?status=sleeping');
      assert.equal(bad.status, 400);
      const notBounced = await call(
        adminToken,
        'POST',
        `/api/v1/newsletters/subscribers/${encodeURIComponent('nobody')}/clear-bounce`,
      );
      assert.equal(notBounced.status, 404);
    });

    test('every word of the desk and the subscribers page comes from the catalogue', async () => {
      const theirs = async (person: Person, path: string) => {
        const res = await fetch(`${app.url}${path}`, {
          headers: { cookie: `${person.cookie}; bs-lang=en-XA` },
        });
        assert.equal(res.status, 200, path);
        const page = await res.text();
        assert.match(page, /<html lang="en-XA"/, path);
        const main = page.slice(page.indexOf('<div class="admin-page">'), page.indexOf('</main>'));
        // Dates are Intl's, in the page's language: not catalogue text.
        return main.replace(/\d{1,2} [A-Z][a-z]+ \d{4}, \d\d:\d\d/g, ' ');
      };
      const allowed = [
        'Tuesday briefing',
        'API briefing',
        'Morning briefing',
        'Council vote',
        'Harbour wall',
        'Tide tables',
        'Pier reopens',
        'Good <morning> & welcome',
        'Hello',
        'News',
        'UTC',
        'GMT',
        '—',
      ];
      const emails = (page: string) => [...page.matchAll(/[\w.+-]+@[\w.-]+/g)].map((m) => m[0]);
      for (const [who, path] of [
        [editor, '/admin/newsletters'],
        [admin, '/admin/newsletters'],
        [editor, '/admin/newsletters/issue-edit-1'],
        [admin, '/admin/newsletters/subscribers'],
      ] as const) {
        const page = await theirs(who, path);
        assert.deepEqual(untranslated(page, [...allowed, ...emails(page)]), [], path);
      }
    });
  });
}
