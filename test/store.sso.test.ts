/**
 * The sign-in link and single sign-on stores on every database: a link is used once, only by the
 * browser that asked and only before it expires; providers keep their secret and domains; one
 * provider account links to one person; a sign-in under way is consumed once, by its browser.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { User } from '../src/domain/user.js';
import type { Store } from '../src/store/types.js';
import { databases, type OpenedStore } from './helpers/databases.js';
import { storedPerson } from './helpers/fixtures.js';

const base = Date.parse('2026-03-04T12:00:00.000Z');
const at = (minutes: number) => new Date(base + minutes * 60_000).toISOString();

for (const database of databases()) {
  describe(`sign-in link and single sign-on stores on ${database.name}`, () => {
    let db: OpenedStore;
    let store: Store;
    let kim: User;
    let lee: User;

    before(async () => {
      db = await database.open();
      store = db.store;
      kim = await storedPerson(store, { slug: 'kim' });
      lee = await storedPerson(store, { slug: 'lee' });
    });
    after(async () => {
      await db?.dispose();
    });

    test('a sign-in link is used once, by its browser, before it expires', async () => {
      const link = {
        tokenHash: 'token-1',
        userId: kim.id,
        browserHash: 'browser-1',
        createdAt: at(0),
        expiresAt: at(15),
      };
      await store.emailSignInLinks.create(link);
      assert.deepEqual(await store.emailSignInLinks.find('token-1'), { ...link, usedAt: null });
      assert.equal(await store.emailSignInLinks.consume('token-1', 'other-browser', at(1)), null);
      assert.equal(await store.emailSignInLinks.consume('token-1', 'browser-1', at(16)), null);
      const used = await store.emailSignInLinks.consume('token-1', 'browser-1', at(2));
      assert.equal(used?.userId, kim.id);
      assert.equal(await store.emailSignInLinks.consume('token-1', 'browser-1', at(3)), null);
      assert.equal((await store.emailSignInLinks.find('token-1'))?.usedAt, at(2));
    });

    test('concurrent uses of one link: exactly one wins', async () => {
      await store.emailSignInLinks.create({
        tokenHash: 'token-race',
        userId: kim.id,
        browserHash: 'b',
        createdAt: at(0),
        expiresAt: at(15),
      });
      const results = await Promise.all(
        Array.from({ length: 5 }, () => store.emailSignInLinks.consume('token-race', 'b', at(1))),
      );
      assert.equal(results.filter((r) => r !== null).length, 1);
    });

    test('invalidating ends every unused link of that person only; prune removes expired', async () => {
      for (const [hash, user] of [
        ['token-a', kim],
        ['token-b', lee],
      ] as const) {
        await store.emailSignInLinks.create({
          tokenHash: hash,
          userId: user.id,
          browserHash: 'b',
          createdAt: at(0),
          expiresAt: at(15),
        });
      }
      await store.emailSignInLinks.invalidate(kim.id, at(1));
      assert.equal(await store.emailSignInLinks.consume('token-a', 'b', at(2)), null);
      assert.notEqual(await store.emailSignInLinks.consume('token-b', 'b', at(2)), null);
      assert.ok((await store.emailSignInLinks.prune(at(20))) >= 2);
      assert.equal(await store.emailSignInLinks.find('token-a'), null);
    });

    const provider = {
      id: 'p-1',
      name: 'Newsroom SSO',
      issuer: 'https://id.example.com',
      clientId: 'broadsheet',
      clientSecret: 's3cret',
      allowedDomains: ['example.com', 'example.org'],
      role: 'author' as const,
      createdAt: at(0),
      updatedAt: at(0),
    };

    test('providers are stored, listed, changed and removed', async () => {
      await store.sso.createProvider(provider);
      await store.sso.createProvider({ ...provider, id: 'p-2', name: 'Other', createdAt: at(1) });
      assert.deepEqual(await store.sso.provider('p-1'), provider);
      assert.deepEqual(
        (await store.sso.providers()).map((p) => p.id),
        ['p-1', 'p-2'],
      );
      assert.equal(
        await store.sso.updateProvider('p-2', { allowedDomains: ['x.test'], updatedAt: at(2) }),
        true,
      );
      const changed = await store.sso.provider('p-2');
      assert.deepEqual(changed?.allowedDomains, ['x.test']);
      assert.equal(changed?.clientSecret, 's3cret');
      assert.equal(await store.sso.updateProvider('nope', { updatedAt: at(2) }), false);
    });

    test('one provider account links to one person; unlinking is for its owner', async () => {
      const link = {
        id: 'l-1',
        providerId: 'p-1',
        subject: 'sub-1',
        userId: kim.id,
        email: 'kim@example.com',
        createdAt: at(0),
        lastUsedAt: at(0),
      };
      assert.equal(await store.sso.link(link), true);
      assert.equal(await store.sso.link({ ...link, id: 'l-2', userId: lee.id }), false);
      assert.deepEqual(await store.sso.linkBySubject('p-1', 'sub-1'), link);
      assert.equal(await store.sso.linkBySubject('p-2', 'sub-1'), null);
      assert.equal(await store.sso.countLinks(kim.id), 1);
      assert.deepEqual(
        (await store.sso.linksOf(kim.id)).map((l) => [l.id, l.providerName]),
        [['l-1', 'Newsroom SSO']],
      );
      await store.sso.touchLink('l-1', at(5), 'kim@example.org');
      assert.equal((await store.sso.linkBySubject('p-1', 'sub-1'))?.email, 'kim@example.org');
      assert.equal(await store.sso.unlink(lee.id, 'l-1'), false);
      assert.equal(await store.sso.unlink(kim.id, 'l-1'), true);
      assert.equal(await store.sso.countLinks(kim.id), 0);
    });

    test('a sign-in under way is consumed once, by its browser, before it expires', async () => {
      const attempt = {
        stateHash: 'state-1',
        providerId: 'p-1',
        browserHash: 'browser-1',
        nonce: 'n',
        codeVerifier: 'v',
        next: '/',
        createdAt: at(0),
        expiresAt: at(10),
      };
      await store.sso.createAttempt(attempt);
      assert.equal(await store.sso.consumeAttempt('state-1', 'browser-2', at(1)), null);
      assert.equal(await store.sso.consumeAttempt('state-1', 'browser-1', at(11)), null);
      assert.deepEqual(await store.sso.consumeAttempt('state-1', 'browser-1', at(1)), {
        ...attempt,
        usedAt: at(1),
      });
      assert.equal(await store.sso.consumeAttempt('state-1', 'browser-1', at(2)), null);
      assert.equal(await store.sso.pruneAttempts(at(20)), 1);
    });

    test('removing a provider removes its links', async () => {
      await store.sso.link({
        id: 'l-3',
        providerId: 'p-2',
        subject: 'sub-3',
        userId: lee.id,
        email: 'lee@x.test',
        createdAt: at(0),
        lastUsedAt: at(0),
      });
      assert.equal(await store.sso.removeProvider('p-2'), true);
      assert.equal(await store.sso.countLinks(lee.id), 0);
      assert.equal(await store.sso.provider('p-2'), null);
      assert.equal(await store.sso.removeProvider('p-2'), false);
    });
  });
}
