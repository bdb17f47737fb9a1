/**
 * The authorization matrix: every state-changing route, called by an anonymous reader and by a
 * person of every role, with a valid CSRF token and from this site's own origin, so the only
 * thing that can refuse the call is the access rule. A new route without a rule here fails.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { roles, type Role } from '../src/domain/user.js';
import { hashPassword } from '../src/services/passwords.js';
import { databases, type OpenedStore } from './helpers/databases.js';
import { startApp, type RunningApp } from './helpers/app.js';
import { storedPerson } from './helpers/fixtures.js';

type Rule = 'anyone' | 'signed-in' | readonly Role[];

/** Who may call each state-changing route. */
const rules: Record<string, Rule> = {
  'POST /api/v1/users': 'anyone',
  'POST /api/v1/session': 'anyone',
  'DELETE /api/v1/session': 'signed-in',
  'POST /api/v1/password-resets': 'anyone',
  'POST /signin': 'anyone',
  'POST /signup': 'anyone',
  'POST /signout': 'anyone',
  // Passkeys (issue 23): the ceremony's answer is the authority for signing in and up.
  'POST /signin/passkey/options': 'anyone',
  'POST /signin/passkey': 'anyone',
  'POST /signup/passkey/options': 'anyone',
  'POST /signup/passkey': 'anyone',
  'POST /account/passkeys/options': 'signed-in',
  'POST /account/passkeys': 'signed-in',
  'POST /account/passkeys/:id/rename': 'signed-in',
  'POST /account/passkeys/:id/remove': 'signed-in',
  'POST /account/forgot': 'anyone',
  // Sign-in links (issue 23): the link's token and the browser's binding cookie are the
  // authority; unlinking single sign-on is one's own; providers and the role policy, admins.
  'POST /signin/email': 'anyone',
  'POST /signin/link': 'anyone',
  'POST /account/sso/:id/unlink': 'signed-in',
  'POST /admin/sign-in/policy': ['admin'],
  'POST /admin/sign-in/providers': ['admin'],
  'POST /admin/sign-in/providers/:id': ['admin'],
  'POST /admin/sign-in/providers/:id/remove': ['admin'],
  'POST /account/reset': 'anyone',
  'POST /setup': 'anyone',
  'POST /setup/site': ['admin'],
  'POST /setup/content': ['admin'],
  'POST /setup/sections': ['admin'],
  'POST /account/password': 'signed-in',
  'POST /account/password/remove': 'signed-in',
  'POST /account/email': 'signed-in',
  'POST /account/verify/resend': 'signed-in',
  'POST /account/signout-everywhere': 'signed-in',
  'POST /account/notifications': 'signed-in',
  'POST /account/moderation-digest': ['moderator', 'admin'],
  'PUT /api/v1/moderation/digest': ['moderator', 'admin'],
  'DELETE /api/v1/moderation/digest': ['moderator', 'admin'],
  'POST /account/profile': ['author', 'editor', 'admin'],
  'POST /account/delete': 'signed-in',
  'DELETE /api/v1/account': 'signed-in',
  // The signed token in the link is the authority (no token here: 404 for everyone).
  'POST /account/unsubscribe/replies': 'anyone',
  'POST /api/v1/articles/:id/comments': 'signed-in',
  'POST /api/v1/articles': ['author', 'editor', 'admin'],
  'PATCH /api/v1/articles/:id': ['author', 'editor', 'admin'],
  'POST /api/v1/articles/:id/submit': ['author', 'editor', 'admin'],
  'POST /api/v1/articles/:id/return': ['editor', 'admin'],
  'POST /api/v1/articles/:id/publish': ['editor', 'admin'],
  'POST /api/v1/articles/:id/unpublish': ['editor', 'admin'],
  'POST /api/v1/articles/:id/corrections': ['editor', 'admin'],
  'POST /api/v1/articles/:id/corrections/:correctionId/retract': ['editor', 'admin'],
  'POST /api/v1/articles/:id/revisions/:version/restore': ['author', 'editor', 'admin'],
  'POST /admin/articles': ['author', 'editor', 'admin'],
  'POST /admin/articles/:id': ['author', 'editor', 'admin'],
  'POST /admin/articles/:id/submit': ['author', 'editor', 'admin'],
  'POST /admin/articles/:id/return': ['editor', 'admin'],
  'POST /admin/articles/:id/publish': ['editor', 'admin'],
  'POST /admin/articles/:id/unpublish': ['editor', 'admin'],
  'POST /admin/articles/:id/comments': ['editor', 'admin'],
  'POST /admin/articles/:id/corrections': ['editor', 'admin'],
  'POST /admin/articles/:id/corrections/:correctionId/retract': ['editor', 'admin'],
  'POST /admin/articles/:id/revisions/:version/restore': ['author', 'editor', 'admin'],
  'POST /api/v1/images': ['author', 'editor', 'admin'],
  'PATCH /api/v1/images/:id': ['author', 'editor', 'admin'],
  'PUT /api/v1/articles/:id/main-image': ['author', 'editor', 'admin'],
  'POST /admin/articles/:id/image': ['author', 'editor', 'admin'],
  'POST /admin/articles/:id/image/remove': ['author', 'editor', 'admin'],
  'POST /admin/articles/:id/images/:imageId': ['author', 'editor', 'admin'],
  'POST /:section/:yyyy/:mm/:dd/:slug/comments': 'signed-in',
  'POST /api/v1/comments/:id/reports': 'signed-in',
  'POST /comments/:id/reports': 'signed-in',
  'POST /api/v1/comments/:id/moderation': ['moderator', 'admin'],
  'POST /admin/moderation/act': ['moderator', 'admin'],
  'POST /admin/moderation/sanction': ['moderator', 'admin'],
  'POST /admin/moderation/lift': ['moderator', 'admin'],
  'POST /admin/moderation/thread': ['moderator', 'admin'],
  'POST /admin/settings': ['admin'],
  'PATCH /api/v1/comments/:id': 'signed-in',
  'DELETE /api/v1/comments/:id': 'signed-in',
  'POST /api/v1/comments/:id/reactions': 'signed-in',
  'POST /comments/:id/edit': 'signed-in',
  'POST /comments/:id/delete': 'signed-in',
  'POST /comments/:id/reactions': 'signed-in',
  'POST /admin/users/:id/role': ['admin'],
  'POST /admin/users/:id/suspend': ['admin'],
  'POST /admin/users/:id/ban': ['admin'],
  'POST /admin/users/:id/lift': ['admin'],
  'POST /admin/tokens': ['admin'],
  'POST /admin/tokens/:id/revoke': ['admin'],
  'POST /admin/import': ['admin'],
  'DELETE /api/v1/articles/:id': ['author', 'editor', 'admin'],
  'POST /api/v1/articles/:id/recover': ['admin'],
  'POST /admin/articles/:id/delete': ['author', 'editor', 'admin'],
  'POST /admin/articles/:id/recover': ['admin'],
  'PUT /api/v1/front': ['editor', 'admin'],
  'POST /api/v1/pages': ['editor', 'admin'],
  'PATCH /api/v1/pages/:id': ['editor', 'admin'],
  'POST /api/v1/pages/:id/publish': ['editor', 'admin'],
  'POST /api/v1/pages/:id/unpublish': ['editor', 'admin'],
  'POST /admin/pages': ['editor', 'admin'],
  'POST /admin/pages/:id': ['editor', 'admin'],
  'POST /admin/pages/:id/publish': ['editor', 'admin'],
  'POST /admin/pages/:id/unpublish': ['editor', 'admin'],
  'POST /admin/pages/:id/revisions/:version/restore': ['editor', 'admin'],
  'POST /admin/site/demo/remove': ['admin'],
  'DELETE /api/v1/demo': ['admin'],
  'POST /admin/site': ['admin'],
  'POST /admin/site/logo': ['admin'],
  'POST /admin/site/icon': ['admin'],
  'POST /admin/site/logo/remove': ['admin'],
  'POST /admin/site/icon/remove': ['admin'],
  'PATCH /api/v1/site': ['admin'],
  'PUT /api/v1/site/logo': ['admin'],
  'PUT /api/v1/site/icon': ['admin'],
  'DELETE /api/v1/site/logo': ['admin'],
  'DELETE /api/v1/site/icon': ['admin'],
  'POST /admin/front': ['editor', 'admin'],
  'POST /api/v1/invitations': ['admin'],
  'DELETE /api/v1/invitations/:id': ['admin'],
  'POST /admin/users/invitations': ['admin'],
  'POST /admin/users/invitations/:id/revoke': ['admin'],
  // Someone else's names (here the victim's): admins only; one's own, anyone signed in.
  'PATCH /api/v1/users/:id': ['admin'],
  'POST /admin/users/:id/names': ['admin'],
  'POST /account/names': 'signed-in',
  'POST /account/photo': ['author', 'editor', 'admin'],
  // The token in the invitation link is the authority (no token here: refused for everyone).
  'POST /invitation': 'anyone',
  'POST /invitation/accept': 'anyone',
  'POST /api/v1/sections': ['admin'],
  'PATCH /api/v1/sections/:slug': ['admin'],
  'DELETE /api/v1/sections/:slug': ['admin'],
  'POST /api/v1/sections/order': ['admin'],
  'POST /admin/sections': ['admin'],
  'POST /admin/sections/:slug/move': ['admin'],
  'POST /admin/sections/:slug': ['admin'],
  'POST /admin/sections/:slug/remove': ['admin'],
  'PUT /api/v1/menus/:menu': ['admin'],
  'POST /admin/menus/:menu': ['admin'],
  'POST /admin/menus/:menu/move': ['admin'],
  'POST /admin/menus/:menu/remove': ['admin'],
  // A reader's interface language (a cookie); anyone may choose it.
  'POST /language': 'anyone',
  // Webhooks (docs/webhooks.md): admins only.
  'POST /api/v1/webhooks': ['admin'],
  'PATCH /api/v1/webhooks/:id': ['admin'],
  'DELETE /api/v1/webhooks/:id': ['admin'],
  'POST /api/v1/webhooks/:id/test': ['admin'],
  'POST /api/v1/webhooks/:id/deliveries/:deliveryId/redeliver': ['admin'],
  'POST /admin/webhooks': ['admin'],
  'POST /admin/webhooks/:id': ['admin'],
  'POST /admin/webhooks/:id/enable': ['admin'],
  'POST /admin/webhooks/:id/disable': ['admin'],
  'POST /admin/webhooks/:id/delete': ['admin'],
  'POST /admin/webhooks/:id/test': ['admin'],
  'POST /admin/webhooks/:id/deliveries/:deliveryId/redeliver': ['admin'],
  // Newsletter desk (docs/newsletters.md): editors edit and send; admins settings and subscribers.
  'POST /admin/newsletters/:id': ['editor', 'admin'],
  'POST /admin/newsletters/:id/send': ['editor', 'admin'],
  'POST /admin/newsletters/:id/hold': ['editor', 'admin'],
  'POST /admin/newsletters/:id/release': ['editor', 'admin'],
  'POST /admin/newsletters/settings': ['admin'],
  'POST /admin/newsletters/subscribers/:id/clear-bounce': ['admin'],
  'POST /admin/newsletters/subscribers/import': ['admin'],
  'PATCH /api/v1/newsletters/issues/:id': ['editor', 'admin'],
  'POST /api/v1/newsletters/issues/:id/send': ['editor', 'admin'],
  'POST /api/v1/newsletters/issues/:id/hold': ['editor', 'admin'],
  'POST /api/v1/newsletters/issues/:id/release': ['editor', 'admin'],
  'POST /api/v1/newsletters/subscribers/:id/clear-bounce': ['admin'],
  // The newsroom's emails to its own staff, each of which they may turn off.
  'POST /account/newsroom-emails': ['author', 'editor', 'admin'],
  // Readers' newsletters: an address and a signed link are enough (docs/newsletters.md).
  'POST /newsletters/subscribe': 'anyone',
  'POST /newsletters/confirm': 'anyone',
  'POST /newsletters/manage': 'anyone',
  'POST /newsletters/leave': 'anyone',
  'POST /account/newsletters': 'signed-in',
  // Live coverage: the article's newsroom (authors on their own, editors on any; issue 22).
  'POST /api/v1/articles/:id/updates': ['author', 'editor', 'admin'],
  'POST /admin/articles/:id/live/start': ['author', 'editor', 'admin'],
  'POST /admin/articles/:id/live/end': ['author', 'editor', 'admin'],
  'POST /admin/articles/:id/live/reopen': ['author', 'editor', 'admin'],
  'POST /admin/articles/:id/live/updates': ['author', 'editor', 'admin'],
  'POST /admin/articles/:id/live/updates/:updateId': ['author', 'editor', 'admin'],
  'POST /admin/articles/:id/live/updates/:updateId/flags': ['author', 'editor', 'admin'],
  'POST /admin/articles/:id/live/updates/:updateId/remove': ['author', 'editor', 'admin'],
  // Who is on the posting screen (decision 0089): the same people as the screen itself.
  'POST /admin/articles/:id/live/presence': ['author', 'editor', 'admin'],
};

const stateChanging = (method: string) => !['GET', 'HEAD', 'OPTIONS'].includes(method);

interface Caller {
  name: Role | 'anonymous';
  userId: string | null;
}

for (const database of databases()) {
  describe(`authorization matrix on ${database.name}`, () => {
    let db: OpenedStore;
    let app: RunningApp;
    const callers: Caller[] = [{ name: 'anonymous', userId: null }];
    let victimId = '';

    before(async () => {
      db = await database.open();
      app = await startApp(
        db,
        {},
        {
          signInPerIp: { max: 10_000, windowMs: 60_000 },
          signUpPerIp: { max: 10_000, windowMs: 60_000 },
          passwordResetPerIp: { max: 10_000, windowMs: 60_000 },
        },
      );
      const passwordHash = await hashPassword('matrix-password-1');
      for (const role of roles) {
        const user = await storedPerson(db.store, {
          email: `${role}@example.com`,
          name: `The ${role}`,
          slug: `the-${role}`,
          role,
          passwordHash,
          emailVerified: true,
        });
        callers.push({ name: role, userId: user.id });
      }
      victimId = (await storedPerson(db.store, { slug: 'victim', name: 'Victim', passwordHash }))
        .id;
    });
    after(async () => {
      await app?.close();
      await db?.dispose();
    });

    test('every state-changing route has a rule', () => {
      const routes = app.routes
        .filter((r) => stateChanging(r.method))
        .map((r) => `${r.method} ${r.url}`);
      const missing = routes.filter((r) => !(r in rules));
      assert.deepEqual(missing, [], 'routes without an access rule in this test');
      const stale = Object.keys(rules).filter((r) => !routes.includes(r));
      assert.deepEqual(stale, [], 'rules for routes that no longer exist');
    });

    for (const [route, rule] of Object.entries(rules)) {
      test(`${route}: ${typeof rule === 'string' ? rule : rule.join(', ')}`, async () => {
        const [method, pattern] = route.split(' ') as [string, string];
        const path = pattern.replace(':id', victimId);
        const api = path.startsWith('/api/');
        for (const caller of callers) {
          // A fresh session for every call: the sign-out routes end the one they are given.
          const signedIn = caller.userId ? await app.services.sessions.start(caller.userId) : null;
          const headers: Record<string, string> = { origin: 'http://broadsheet.test' };
          if (signedIn) headers.cookie = `bs_session=${signedIn.id}`;
          let body: string | undefined;
          if (method !== 'DELETE') {
            if (api) {
              headers['content-type'] = 'application/json';
              body = '{}';
            } else {
              headers['content-type'] = 'application/x-www-form-urlencoded';
              body = signedIn ? `_csrf=${encodeURIComponent(signedIn.session.csrfToken)}` : '';
            }
          }
          const res = await fetch(app.url + path, {
            method,
            headers,
            redirect: 'manual',
            ...(body !== undefined ? { body } : {}),
          });
          const status = res.status;
          const allowed =
            rule === 'anyone' ||
            (rule === 'signed-in'
              ? caller.name !== 'anonymous'
              : caller.name !== 'anonymous' && rule.includes(caller.name));
          const label = `${caller.name} → ${route}: ${status}`;
          if (allowed) {
            assert.ok(status !== 401 && status !== 403 && status < 500, label);
          } else if (caller.name === 'anonymous') {
            assert.ok(
              status === 401 ||
                (status === 303 && /\/signin/.test(res.headers.get('location') ?? '')),
              label,
            );
          } else {
            assert.equal(status, 403, label);
          }
        }
      });
    }
  });
}
