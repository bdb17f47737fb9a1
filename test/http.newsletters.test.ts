/**
 * Reader newsletters through the whole app, delivered to a real SMTP server: double opt-in, the
 * manage link, one-click unsubscribe by POST without a cookie, the HTML and text parts with their
 * headers, an alert sent once under a retried publish, and a 5xx bounce that stops the address.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { databases, type OpenedStore } from './helpers/databases.js';
import { startApp, type RunningApp } from './helpers/app.js';
import { draftArticle, publishedArticle, signedInPerson, type Person } from './helpers/fixtures.js';
import { startSmtp, type TestSmtp } from './helpers/smtp.js';
import { decodedBody, header, linkTo } from './helpers/mail-parts.js';

const origin = 'http://broadsheet.test';

function form(fields: Record<string, string | string[]>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) {
    for (const one of Array.isArray(v) ? v : [v]) params.append(k, one);
  }
  return params.toString();
}

for (const database of databases()) {
  describe(`newsletters on ${database.name}`, () => {
    let db: OpenedStore;
    let app: RunningApp;
    let smtp: TestSmtp;
    let editor: Person;

    const post = (path: string, body: string, headers: Record<string, string> = {}) =>
      fetch(`${app.url}${path}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body,
      });

    /** Subscribes and confirms through the emails, as a reader does; returns the address. */
    const subscribeConfirmed = async (email: string, lists: string[]) => {
      const mark = smtp.messages.length;
      const res = await post('/newsletters/subscribe', form({ email, lists }));
      assert.equal(res.status, 200);
      await app.services.mail.drain();
      const mail = await smtp.next(email, mark);
      const confirm = linkTo(mail.raw, '/newsletters/confirm');
      assert.equal(
        (await post(new URL(confirm).pathname + new URL(confirm).search, '')).status,
        200,
      );
      return email;
    };

    /** Runs sending rounds until the queue is empty. */
    const sendAll = async () => {
      for (let i = 0; i < 100; i++) {
        const round = await app.services.newsletterSender.round();
        if (round.claimed === 0) return;
      }
      throw new Error('the queue never emptied');
    };

    before(async () => {
      db = await database.open();
      smtp = await startSmtp();
      app = await startApp(db, { SMTP_URL: smtp.url });
      await db.store.settings.set('newsletters.ratePerSecond', '1000');
      editor = await signedInPerson(db.store, app, { slug: 'ed', role: 'editor' });
    });
    after(async () => {
      await app?.services.newsletterSender.stop();
      await app?.services.mail.drain();
      app?.services.mail.close();
      await app?.close();
      await smtp?.close();
      await db?.dispose();
    });

    test('double opt-in: nothing is mailed until the link in the confirmation is followed', async () => {
      const mark = smtp.messages.length;
      const res = await post(
        '/newsletters/subscribe',
        form({ email: 'Reader@Example.com', lists: ['briefing', 'alerts'] }),
      );
      assert.equal(res.status, 200);
      assert.match(await res.text(), /Check your inbox/);
      await app.services.mail.drain();
      const mail = await smtp.next('reader@example.com', mark);
      assert.match(mail.subject, /Confirm your newsletter subscription/);
      assert.match(header(mail.raw, 'Content-Type') ?? '', /multipart\/alternative/);
      const body = decodedBody(mail.raw);
      assert.match(body, /The daily briefing/);
      assert.match(body, /Breaking-news alerts/);
      const stored = await db.store.newsletters.subscriberByEmail('reader@example.com');
      assert.equal(stored?.status, 'pending');

      // Opening the link shows a button; only the button confirms.
      const link = new URL(linkTo(mail.raw, '/newsletters/confirm'));
      const page = await fetch(`${app.url}${link.pathname}${link.search}`);
      assert.equal(page.status, 200);
      assert.match(await page.text(), /Confirm my subscription/);
      assert.equal(
        (await db.store.newsletters.subscriberByEmail('reader@example.com'))?.status,
        'pending',
      );
      const confirmed = await post(`${link.pathname}${link.search}`, '');
      assert.equal(confirmed.status, 200);
      assert.match(await confirmed.text(), /You are subscribed/);
      const after = await db.store.newsletters.subscriberByEmail('reader@example.com');
      assert.equal(after?.status, 'confirmed');
      assert.deepEqual(after?.lists, ['alerts', 'briefing']);

      // A forged token is refused.
      const forged = await post(`/newsletters/confirm?token=${after!.id}.AAAA`, '');
      assert.equal(forged.status, 404);
    });

    test('a bad address or no list is refused with the form again, and nothing is stored', async () => {
      const bad = await post(
        '/newsletters/subscribe',
        form({ email: 'not-an-address', lists: 'briefing' }),
      );
      assert.equal(bad.status, 400);
      assert.match(await bad.text(), /Enter a valid email address/);
      const none = await post('/newsletters/subscribe', form({ email: 'nolist@example.com' }));
      assert.equal(none.status, 400);
      assert.match(await none.text(), /Choose at least one newsletter/);
      assert.equal(await db.store.newsletters.subscriberByEmail('nolist@example.com'), null);
    });

    test('an alert goes once, even when the publish is retried, as HTML and text with unsubscribe headers', async () => {
      await subscribeConfirmed('alert-one@example.com', ['alerts']);
      await subscribeConfirmed('alert-two@example.com', ['alerts']);
      await subscribeConfirmed('briefing-only@example.com', ['briefing']);
      const article = await draftArticle(db.store, {
        headline: 'Bridge <closed> after storm',
        standfirst: 'Crews & engineers inspect the damage.',
      });
      const publish = () =>
        post(`/admin/articles/${article.id}/publish`, form({ _csrf: editor.csrf, alert: 'on' }), {
          cookie: editor.cookie,
          origin,
        });
      // Two clicks, one after the other, and a third while the first is still being handled.
      const [first, second] = await Promise.all([publish(), publish()]);
      assert.ok(
        [first.status, second.status].every((s) => s === 303 || s === 409),
        `${first.status} ${second.status}`,
      );
      await publish();
      const mark = smtp.messages.length;
      await sendAll();
      // Newsletter mail only: the author also hears that the article was published (staff mail).
      const alerts = smtp.messages
        .slice(mark)
        .filter((m) => header(m.raw, 'List-Unsubscribe-Post') !== null);
      assert.deepEqual(alerts.map((m) => m.to[0]).sort(), [
        'alert-one@example.com',
        'alert-two@example.com',
        'reader@example.com',
      ]);
      const mail = alerts[0]!;
      assert.equal(mail.subject, 'Bridge <closed> after storm');
      assert.match(header(mail.raw, 'Content-Type') ?? '', /multipart\/alternative/);
      const body = decodedBody(mail.raw);
      // Escaped in the HTML part, as is in the text part.
      assert.ok(body.includes('Bridge &lt;closed&gt; after storm'));
      assert.ok(body.includes('Crews &amp; engineers'));
      assert.ok(body.includes('Crews & engineers inspect the damage.'));
      assert.equal(header(mail.raw, 'List-Unsubscribe-Post'), 'List-Unsubscribe=One-Click');
      assert.match(
        header(mail.raw, 'List-Unsubscribe') ?? '',
        /^<https?:\/\/broadsheet\.test\/newsletters\/leave\?token=[^>]+>$/,
      );
      assert.match(
        header(mail.raw, 'Message-ID') ?? '',
        /^<[0-9a-z]+\.[0-9a-z]+@broadsheet\.test>$/,
      );
      // The issue is in the archive at its own address.
      const issue = await app.services.newsletterDesk.alertFor(article.id);
      const archive = await fetch(`${app.url}/newsletters`);
      assert.ok((await archive.text()).includes(`/newsletters/${issue!.slug}`));
      const page = await fetch(`${app.url}/newsletters/${issue!.slug}`);
      assert.equal(page.status, 200);
      assert.ok((await page.text()).includes('Bridge &lt;closed&gt; after storm'));
      // Asking again later adds nothing.
      await app.services.newsletterDesk.requestAlert(editor.user, article.id);
      await sendAll();
      const newsletterMail = smtp.messages
        .slice(mark)
        .filter((m) => header(m.raw, 'List-Unsubscribe-Post') !== null);
      assert.equal(newsletterMail.length, 3);
    });

    test('one-click unsubscribe: a POST with the RFC 8058 body, no cookie and no form token', async () => {
      const mark = smtp.messages.length;
      const article = await publishedArticle(db.store, { headline: 'Second alert' });
      await app.services.newsletterDesk.requestAlert(editor.user, article.id);
      await sendAll();
      const mail = await smtp.next('alert-one@example.com', mark);
      const target = new URL(/^<([^>]+)>$/.exec(header(mail.raw, 'List-Unsubscribe')!)![1]!);
      const res = await fetch(`${app.url}${target.pathname}${target.search}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'List-Unsubscribe=One-Click',
      });
      assert.equal(res.status, 200);
      assert.match(await res.text(), /You are unsubscribed/);
      const left = await db.store.newsletters.subscriberByEmail('alert-one@example.com');
      assert.equal(left?.status, 'left');
      assert.deepEqual(left?.lists, []);

      // The next alert goes to the other subscriber only.
      const next = smtp.messages.length;
      const third = await publishedArticle(db.store, { headline: 'Third alert' });
      await app.services.newsletterDesk.requestAlert(editor.user, third.id);
      await sendAll();
      assert.deepEqual(
        smtp.messages
          .slice(next)
          .map((m) => m.to[0])
          .sort(),
        ['alert-two@example.com', 'reader@example.com'],
      );
    });

    test('the manage link changes the lists without signing in', async () => {
      const email = 'alert-two@example.com';
      const subscriber = await db.store.newsletters.subscriberByEmail(email);
      const manage = new URL(await app.services.newsletters.manageUrl(subscriber!.id));
      const page = await fetch(`${app.url}${manage.pathname}${manage.search}`);
      assert.equal(page.status, 200);
      const html = await page.text();
      assert.match(html, /Newsletters for alert-two@example.com/);
      const saved = await post(
        `${manage.pathname}${manage.search}`,
        form({ lists: ['briefing', 'section:news'] }),
      );
      assert.equal(saved.status, 200);
      assert.match(await saved.text(), /Your choice is saved/);
      const after = await db.store.newsletters.subscriberByEmail(email);
      assert.deepEqual(after?.lists, ['briefing', 'section:news']);
      // An unknown list is ignored, not stored.
      await post(
        `${manage.pathname}${manage.search}`,
        form({ lists: ['briefing', 'section:nowhere'] }),
      );
      assert.deepEqual((await db.store.newsletters.subscriberByEmail(email))?.lists, ['briefing']);
    });

    test('a 5xx from the mail server marks the address bounced and stops mailing it', async () => {
      await subscribeConfirmed('bouncer@example.com', ['alerts']);
      // A mail server that refuses this one recipient with 550.
      const { SMTPServer } = await import('smtp-server');
      const server = new SMTPServer({
        authOptional: true,
        disabledCommands: ['STARTTLS', 'AUTH'],
        logger: false,
        onRcptTo(address, _session, callback) {
          if (address.address === 'bouncer@example.com') {
            const error = Object.assign(new Error('5.1.1 No such user'), { responseCode: 550 });
            callback(error);
            return;
          }
          callback();
        },
        onData(stream, _session, callback) {
          stream.resume();
          stream.on('end', () => callback());
        },
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const port = (server.server.address() as { port: number }).port;
      const bouncing = await startApp(db, { SMTP_URL: `smtp://127.0.0.1:${port}` });
      try {
        const article = await publishedArticle(db.store, { headline: 'Fourth alert' });
        await bouncing.services.newsletterDesk.requestAlert(editor.user, article.id);
        for (let i = 0; i < 20; i++) {
          if ((await bouncing.services.newsletterSender.round()).claimed === 0) break;
        }
        const bounced = await db.store.newsletters.subscriberByEmail('bouncer@example.com');
        assert.equal(bounced?.status, 'bounced');
        assert.match(bounced?.bounceReason ?? '', /No such user/);
        // Shown to admins.
        const overview = await bouncing.services.newsletterDesk.overview();
        assert.ok(overview.bounced.some((s) => s.email === 'bouncer@example.com'));
        // Not queued for the next one.
        const fifth = await publishedArticle(db.store, { headline: 'Fifth alert' });
        const issue = await bouncing.services.newsletterDesk.requestAlert(editor.user, fifth.id);
        const counts = await db.store.newsletters.deliveryCounts([issue.id]);
        const total = Object.values(counts.get(issue.id)!).reduce((a, b) => a + b, 0);
        const confirmedAlerts = (await db.store.newsletters.listCounts()).alerts ?? 0;
        assert.equal(total, confirmedAlerts);
        await bouncing.services.newsletterSender.stop();
      } finally {
        bouncing.services.mail.close();
        await bouncing.close();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    });
  });
}
